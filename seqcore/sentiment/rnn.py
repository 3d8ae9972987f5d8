"""The order-aware classifier: LSTM or GRU, one or two directions, layers, dropout, packing.

`SentimentRNN` is the fix the page builds up to: packed sequences so that padding never
reaches the final state; it returns a logit and trains with BCEWithLogitsLoss. Every random
draw (init, dropout, word dropout) comes from the run's generators (`seqcore.core.rng`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence

from seqcore.core import rng
from seqcore.core.cache import memo_method
from seqcore.core.config import knob
from seqcore.core.registry import recurrent_layer
from seqcore.core.training import EpochCallback, History, fit
from seqcore.data.text import PAD, UNK
from seqcore.sentiment.batching import length_batches
from seqcore.sentiment.inputs import InputCheck, check_input
from seqcore.sentiment.models import ANSWERS_STORE

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def tokenize(text: str) -> list[str]:
    """Lower-case words (letters, digits, one apostrophe part); punctuation and emoji dropped."""
    return WORD.findall(text.lower())


@dataclass
class Vocab:
    """word -> id with <PAD>=0 and <UNK>=1, built from training sentences only."""

    stoi: dict[str, int] = field(default_factory=lambda: {PAD: 0, UNK: 1})

    @classmethod
    def build(cls, texts: Sequence[str], min_freq: int = 1) -> Vocab:
        counts: dict[str, int] = {}
        for t in texts:
            for w in tokenize(t):
                counts[w] = counts.get(w, 0) + 1
        vocab = cls()
        for w in sorted(counts, key=lambda w: (-counts[w], w)):
            if counts[w] >= min_freq:
                vocab.stoi[w] = len(vocab.stoi)
        return vocab

    def __len__(self) -> int:
        return len(self.stoi)

    def __contains__(self, word: str) -> bool:
        return word in self.stoi

    def encode(self, tokens: Sequence[str]) -> list[int]:
        return [self.stoi.get(t, 1) for t in tokens]


def encode_batch(texts: Sequence[str], vocab: Vocab, max_len: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(ids (N, T) padded with 0 at the end, lengths (N,)); empty texts keep one <UNK>."""
    rows = [vocab.encode(tokenize(t))[:max_len] or [1] for t in texts]
    width = max(len(r) for r in rows)
    ids = torch.zeros(len(rows), width, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
    return ids, torch.tensor([len(r) for r in rows])


@dataclass(frozen=True)
class RNNConfig:
    """The order-aware classifier and its training recipe (hashable: a cache key)."""

    cell: str = knob("lstm", "셀", options=("lstm", "gru"), labels={"lstm": "LSTM", "gru": "GRU"})
    # a one-way model reads prefixes exactly as the page shows them
    bidirectional: bool = knob(False, "양방향 (bidirectional)")
    num_layers: int = knob(1, "층 수 (num_layers)", lo=1, hi=3)
    dropout: float = knob(0.0, "드롭아웃", lo=0.0, hi=0.5, step=0.1)  # between layers and before the Linear
    embed_dim: int = 32
    hidden_size: int = knob(32, "hidden_size", options=(16, 32, 64))
    epochs: int = knob(6, "에포크", lo=2, hi=10)
    lr: float = 0.005
    batch_size: int = 64
    max_len: int = 40  # tokens kept per sentence
    min_freq: int = 1  # words seen fewer times in training become <UNK>
    word_dropout: float = 0.1  # share of known words turned into <UNK> while training
    val_fraction: float = 0.0  # > 0: hold out this part of the training data for early stopping
    patience: int | None = None  # epochs without a better validation loss before stopping
    bucket_by_length: bool = True  # batches of similar length (see length_batches): 1.3-2x faster
    seed: int = 42


class SentimentRNN(nn.Module):
    """Embedding -> packed LSTM/GRU -> last real state of each direction -> Dropout -> Linear (logit)."""

    def __init__(self, vocab_size: int, cfg: RNNConfig):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, cfg.embed_dim, padding_idx=0)
        self.rnn = recurrent_layer(cfg.cell)(
            cfg.embed_dim,
            cfg.hidden_size,
            num_layers=cfg.num_layers,
            batch_first=True,
            bidirectional=cfg.bidirectional,
            dropout=cfg.dropout if cfg.num_layers > 1 else 0.0,
        )
        self.directions = 2 if cfg.bidirectional else 1
        self.word_dropout = cfg.word_dropout
        self.drop = rng.Dropout(cfg.dropout)
        self.fc = nn.Linear(cfg.hidden_size * self.directions, 1)
        self.generator: torch.Generator | None = None  # word dropout's draws (rng.attach sets it)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        if self.training and self.word_dropout > 0:  # teach the model what <UNK> means
            if self.generator is None:
                raise RuntimeError("word dropout while training needs the run's generator (rng.attach)")
            x = x.masked_fill(rng.bernoulli_mask(x.shape, self.word_dropout, self.generator) & (x > 1), 1)
        embedded = self.embedding(x)  # (B, T, E)
        # Packing makes the forward direction stop at each sentence's last real token and the
        # backward one start there: the <PAD> positions never touch h_n.
        packed = pack_padded_sequence(embedded, lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, h_n = self.rnn(packed)
        if isinstance(h_n, tuple):  # LSTM: (h_n, c_n)
            h_n = h_n[0]
        last = h_n[-self.directions :]  # (D, B, H): the top layer's directions
        hidden = torch.cat(list(last), dim=1)  # (B, D*H)
        return self.fc(self.drop(hidden))  # (B, 1) logit


@dataclass
class RNNRun:
    model: SentimentRNN
    vocab: Vocab
    history: History
    config: RNNConfig
    seconds: float


def train_rnn(
    config: RNNConfig,
    texts: Sequence[str],
    labels: Sequence[int],
    on_epoch: EpochCallback | None = None,
) -> RNNRun:
    """Build the vocabulary on `texts`, train SentimentRNN with BCEWithLogitsLoss.

    With `val_fraction > 0` a seeded part of `texts` is held back for early stopping
    (never the test data).
    """
    t0 = time.perf_counter()
    texts, labels = list(texts), list(labels)
    val_data = None
    if config.val_fraction > 0:
        order = torch.randperm(len(texts), generator=torch.Generator().manual_seed(config.seed)).tolist()
        n_val = max(1, int(len(texts) * config.val_fraction))
        val_idx, train_idx = order[:n_val], order[n_val:]
        val_texts, val_labels = [texts[i] for i in val_idx], [labels[i] for i in val_idx]
        texts, labels = [texts[i] for i in train_idx], [labels[i] for i in train_idx]
    vocab = Vocab.build(texts, config.min_freq)
    ids, lengths = encode_batch(texts, vocab, config.max_len)
    y = torch.tensor(labels, dtype=torch.float32).reshape(-1, 1)
    if config.val_fraction > 0:
        v_ids, v_len = encode_batch(val_texts, vocab, config.max_len)
        val_data = (v_ids, v_len, torch.tensor(val_labels, dtype=torch.float32).reshape(-1, 1))
    model = rng.seeded(SentimentRNN(len(vocab), config), config.seed)
    history = fit(
        model,
        (ids, lengths, y),
        nn.BCEWithLogitsLoss(),
        epochs=config.epochs,
        lr=config.lr,
        batch_size=config.batch_size,
        shuffle=True,
        clip_grad_norm=5.0,
        val_data=val_data,
        patience=config.patience,
        seed=config.seed,
        on_epoch=on_epoch,
        sampler=length_batches(lengths, config.batch_size) if config.bucket_by_length else None,
    )
    return RNNRun(model, vocab, history, config, time.perf_counter() - t0)


def rnn_probabilities(run: RNNRun, texts: Sequence[str], batch: int = 512) -> list[float]:
    """P(positive) for each text."""
    run.model.eval()
    out: list[float] = []
    with torch.no_grad():
        for start in range(0, len(texts), batch):
            ids, lengths = encode_batch(texts[start : start + batch], run.vocab, run.config.max_len)
            out += torch.sigmoid(run.model(ids, lengths)).squeeze(1).tolist()
    return out


def accuracy(probs: Sequence[float], labels: Sequence[int]) -> float:
    if not labels:
        return float("nan")
    return sum((p > 0.5) == bool(y) for p, y in zip(probs, labels)) / len(labels)


@dataclass
class PrefixReading:
    tokens: list[str]  # the tokens read (cut to max_len)
    known: list[bool]
    probabilities: list[float]  # P(positive) after reading tokens[: k + 1]
    check: InputCheck


@memo_method(ANSWERS_STORE)  # the run by identity
def prefix_probabilities(run: RNNRun, text: str) -> PrefixReading:
    """The model's probability after each prefix of the sentence: where does it flip?"""
    tokens = tokenize(text)
    check = check_input(text, lambda t: t in run.vocab, tokens, run.config.max_len)
    tokens = tokens[: run.config.max_len]
    known = [t in run.vocab for t in tokens]
    if not tokens:
        return PrefixReading([], [], [], check)
    prefixes = [" ".join(tokens[: k + 1]) for k in range(len(tokens))]
    return PrefixReading(tokens, known, rnn_probabilities(run, prefixes), check)
