"""2.2 주가 예측: the forecasting pipeline, its baselines, and CSV loading with data checks."""
