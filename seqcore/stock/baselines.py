"""The forecasts every model is compared with, on the same test days, and the error measures.

Persistence (tomorrow = today), the mean of the last k days, and ridge regression on the last
`window` prices relative to their mean (alpha chosen on the training days only).
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

RIDGE_ALPHAS = tuple(10 ** (k / 4) for k in range(0, 25))  # 1 .. 1e6, on prices relative to the window mean


def mae(a, b) -> float:
    return float(np.mean(np.abs(np.asarray(a) - np.asarray(b))))


def rmse(a, b) -> float:
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


def persistence(prices: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Tomorrow = today: the forecast to beat."""
    return prices[days - 1]


def mean_last(prices: np.ndarray, days: np.ndarray, k: int) -> np.ndarray:
    """Tomorrow = the mean of the last k days."""
    return np.array([prices[d - k : d].mean() for d in days])


def ridge_path(X: np.ndarray, y: np.ndarray, alphas) -> list[tuple[np.ndarray, float]]:
    """Ridge with an intercept (sklearn's Ridge(alpha)) for every alpha from one SVD:
    w = V diag(s / (s² + alpha)) Uᵀ (y - ȳ) on centred X. Returns [(w, b), ...]."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    with threadpool_limits(1):  # a small SVD; BLAS threads only fight over the 2 cores
        U, sv, Vt = np.linalg.svd(X - x_mean, full_matrices=False)
    Uty = U.T @ (y - y_mean)
    out = []
    for a in alphas:
        w = Vt.T @ (sv / (sv**2 + a) * Uty)
        out.append((w, float(y_mean - x_mean @ w)))
    return out


def ridge_forecast(prices: np.ndarray, days: np.ndarray, window: int, fit_mask, alphas=RIDGE_ALPHAS, folds=3):
    """Ridge predictions for every day in `days` and the alpha (see `ridge_fit`)."""
    w, b, alpha = ridge_fit(prices, days, window, fit_mask, alphas, folds)
    X = np.stack([prices[d - window : d] for d in days])
    m = X.mean(axis=1)
    return (X - m[:, None]) @ w + b + m, alpha


def ridge_fit(prices: np.ndarray, days: np.ndarray, window: int, fit_mask, alphas=RIDGE_ALPHAS, folds=3):
    """Ridge on the last `window` prices, relative to the window mean (so that test prices above
    the training range need no extrapolation). Alpha is chosen by rolling-origin validation on
    the training days only: `folds` consecutive blocks of 15% of the training targets at the end
    of the training part, each predicted by a fit on everything before it. The chosen alpha is
    then refit on all training days. Returns (w, b, alpha)."""
    X = np.stack([prices[d - window : d] for d in days])  # (M, W)
    m = X.mean(axis=1)
    X, y = X - m[:, None], prices[days] - m
    train = np.flatnonzero(fit_mask)
    block = max(1, int(len(train) * 0.15))
    errors = np.zeros(len(alphas))
    for k in range(folds):
        lo = len(train) - (folds - k) * block
        if lo < 2:
            continue
        fit_idx, val_idx = train[:lo], train[lo : lo + block]
        for i, (w, b) in enumerate(ridge_path(X[fit_idx], y[fit_idx], alphas)):
            errors[i] += mae(X[val_idx] @ w + b, y[val_idx])
    alpha = alphas[int(np.argmin(errors))]
    ((w, b),) = ridge_path(X[train], y[train], [alpha])
    return w, b, float(alpha)


def lag_profile(prices: np.ndarray, days: np.ndarray, forecasts: dict[str, np.ndarray], max_lag: int = 5):
    """MAE between each forecast for day t and the actual price of day t - lag, lag 0..max_lag.
    A forecast that copies yesterday has its smallest error at lag 1, not at lag 0."""
    lags = list(range(max_lag + 1))
    return lags, {name: [mae(f, prices[days - lag]) for lag in lags] for name, f in forecasts.items()}
