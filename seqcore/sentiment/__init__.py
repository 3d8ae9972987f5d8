"""2.3 감성 분석: the lesson's model, order-aware models, the generated corpus, real reviews, baselines."""
