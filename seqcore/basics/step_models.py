"""The RNN and GRU models the step-through reads words with (the LSTM page trains its own).

`train_step_model` trains Embedding -> nn.RNN / nn.GRU -> Linear on the per-step task of
seqcore.basics.gates ("what has the current sentence shown so far", reset at '.'), so the
pages step through models trained on the same task.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.basics import gates
from seqcore.core import rng
from seqcore.core.cache import CacheStore
from seqcore.core.runtime import DEFAULT_SEED, warm_up_in_background
from seqcore.core.training import EpochCallback, fit

STEP_STORE = CacheStore("stepper_taggers", max_entries=6)  # trained RNN/GRU taggers


@dataclass(frozen=True)
class StepTaskConfig:
    kind: str = "rnn"  # "rnn" | "gru": the recurrent layer of the tagger
    hidden_size: int = 8  # units: the columns of every strip
    embed_dim: int = 8  # word vector size (x_t)
    n_train: int = 256  # training sequences of the gate task
    n_val: int = 200  # held-out sequences for the accuracies
    seq_len: int = 20  # tokens per training sequence
    epochs: int = 40  # full-batch Adam epochs (about a second on one core)
    lr: float = 0.05
    seed: int = DEFAULT_SEED


class StepTagger(nn.Module):
    """gates.GateTagger with the recurrent layer picked by kind: Embedding -> nn.RNN/nn.GRU -> Linear.

    torch's own classes (no between-layer dropout here): the RNN page steps through an nn.RNN.
    """

    def __init__(self, kind: str, vocab_size: int, embed_dim: int, hidden_size: int):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.rnn = {"rnn": nn.RNN, "gru": nn.GRU}[kind](embed_dim, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, len(gates.LABELS))

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(self.embedding(ids))  # (B, T, H)
        return self.fc(out)  # (B, T, C)


@dataclass
class StepModel:
    config: StepTaskConfig
    model: StepTagger
    train_loss: list[float]
    seconds: float
    device: str
    val_accuracy: float  # per-token accuracy on held-out sequences
    period_accuracy: float  # accuracy at the '.' steps


def train_step_model(
    cfg: StepTaskConfig = StepTaskConfig(), on_epoch: EpochCallback | None = None
) -> StepModel:
    """Train the RNN or GRU tagger on the gate task (same data recipe as the LSTM page)."""
    if cfg.kind not in ("rnn", "gru"):
        raise ValueError(f"kind must be 'rnn' or 'gru', got {cfg.kind!r}")
    train = gates.make_dataset(cfg.n_train, cfg.seq_len, cfg.seed)
    val_ids, val_labels = gates.make_dataset(cfg.n_val, cfg.seq_len, cfg.seed + 1)
    warm_up_in_background().join()
    model = rng.seeded(StepTagger(cfg.kind, len(gates.VOCAB), cfg.embed_dim, cfg.hidden_size), cfg.seed)
    hist = fit(
        model, train, gates.tagging_loss, epochs=cfg.epochs, lr=cfg.lr, seed=cfg.seed, on_epoch=on_epoch
    )
    model = model.cpu().eval()
    with torch.no_grad():
        pred = model(val_ids).argmax(-1)
    period = val_ids == gates.VOCAB[gates.PERIOD]
    return StepModel(
        config=cfg,
        model=model,
        train_loss=hist.train_loss,
        seconds=hist.seconds,
        device=hist.device,
        val_accuracy=float((pred == val_labels).float().mean()),
        period_accuracy=float((pred[period] == val_labels[period]).float().mean()),
    )


# The taggers the RNN and GRU pages step through by default: computed at start-up
# (seqcore.ui.startup) so that a learner's first visit is a cache hit.
DEFAULT_RUNS = tuple((STEP_STORE, train_step_model, StepTaskConfig(kind=k)) for k in ("rnn", "gru"))
