"""How long and how much memory one stock run takes, before it runs.

`estimate_seconds` is a cost model with two terms per epoch, fitted on measured runs over the
widget grid (bench/stock_calibration.py writes the fit and the measured/estimate ratios to
bench/stock_calibration.json; the constants below are copied from it):

- recurrent arithmetic: samples x steps x layers x gates x hidden x (hidden + inputs) multiply-adds
- per-step overhead: batches x steps x layers kernel launches and Python (plus the validation pass)

`estimate_peak_mb` bounds the memory a run adds to the process: the windows, the weights and
Adam's state, and the activations that backpropagation keeps for the largest batch (the
prediction over every window after training runs without gradients).
"""

from __future__ import annotations

from seqcore.stock.config import StockConfig, n_test_days

GATES = {"rnn": 1, "gru": 3, "lstm": 4}
# Fitted by bench/stock_calibration.py (one thread, CPU time); see bench/stock_calibration.json.
SEC_FIXED = 0.055  # per run: ridge, baselines, the prediction over every window
SEC_PER_MAC = 1.59e-11  # per multiply-add of the recurrent layers (forward + backward)
SEC_PER_CALL = {"rnn": 5.1e-5, "gru": 1.5e-4, "lstm": 1.58e-5}  # per step x layer x batch
SEC_PER_BATCH = 1.57e-3  # optimizer step, loss, Python per batch
SEC_PER_VALUE = 0.0  # per input value per epoch (tensors, noise, shuffling)
MB_FIXED = 20.0  # the run's own numpy/torch buffers beyond the data (measured)
# Copies of one layer's output that the peak holds, fitted on the points in bench/stock_calibration.json.
ACT_COPIES = 1.6  # training: the kept activations of one batch
PRED_COPIES = {"rnn": 4.0, "gru": 7.0, "lstm": 3.0}  # prediction over every window
MAX_TRAIN_SECONDS = 60.0


def _counts(cfg: StockConfig, n_days: int) -> tuple[int, int, int]:
    """(training windows, all windows, steps per window)."""
    n_all = max(1, n_days - cfg.window)
    n_train = max(1, int((n_days - n_test_days(n_days, cfg.test_frac) - cfg.window) * 0.8))
    return n_train, n_all, cfg.window // cfg.step_values


def epoch_features(cfg: StockConfig, n_days: int) -> dict[str, float]:
    """The work of one epoch that the cost model charges for."""
    n_train, _, steps = _counts(cfg, n_days)
    H, L = cfg.hidden_size, cfg.num_layers
    batches = -(-n_train // cfg.batch_size)
    return {
        "macs": float(steps * L * GATES[cfg.cell] * H * (2 * H + cfg.step_values) * n_train * 4),
        "calls": float(steps * L * batches),
        "batches": float(batches),
        "values": float(n_train * cfg.window),
    }


def estimate_seconds(cfg: StockConfig, n_days: int, consts: dict | None = None) -> float:
    """Seconds to train `cfg` for all its epochs on `n_days` days (an upper bound with early stopping)."""
    k = consts or {
        "macs": SEC_PER_MAC,
        "calls": SEC_PER_CALL[cfg.cell],
        "batches": SEC_PER_BATCH,
        "values": SEC_PER_VALUE,
        "fixed": SEC_FIXED,
    }
    f = epoch_features(cfg, n_days)
    return k["fixed"] + cfg.epochs * sum(k[name] * f[name] for name in f)


def estimate_peak_mb(job) -> float:
    """Megabytes one run of `job` (a StockJob, or (config, n_days)) adds to the process at its peak."""
    cfg, n_days = (job.cfg, len(job.series)) if hasattr(job, "cfg") else job
    n_train, n_all, steps = _counts(cfg, n_days)
    H, L, G = cfg.hidden_size, cfg.num_layers, GATES[cfg.cell]
    data = n_all * (cfg.window + 4) * 8 * 3  # float64 windows, float32 copies, masks
    params = L * G * H * (2 * H + cfg.step_values + 2) + H + 1
    weights = params * 4 * 4  # weights, gradients, Adam's two moments
    kept = steps * L * H * (G + 2) * 4  # per sample: gate pre-activations and states kept for backward
    acts = min(cfg.batch_size, n_train) * kept * ACT_COPIES
    pred = n_all * steps * H * 4 * PRED_COPIES[cfg.cell]  # the prediction over every window (no gradients)
    acts = max(acts, pred)
    return MB_FIXED + (data + weights + acts) / 1e6
