"""Perplexity, the unigram baseline, and how many sampled words are real.

Perplexity is exp of the mean negative log-probability the model gave each next unit:
PPL = exp(-(1/N) * sum_t log p(x_t | x_<t)). A model that spreads its bet evenly over k units
scores k: 'as unsure as choosing among k'. The unigram baseline bets by frequency alone,
ignoring everything before.
"""

from __future__ import annotations

import math

import torch
import torch.nn as nn

from seqcore.core.noise import paired_interval
from seqcore.lm.model import CharLM


def perplexity(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """exp(mean cross-entropy): logits (..., V), targets (...) of ids."""
    nll = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    return math.exp(float(nll))


def unigram_probs(train_ids: torch.Tensor, vocab_size: int) -> torch.Tensor:
    """Each unit's frequency in the training ids, add-one smoothed so that none is zero."""
    counts = torch.bincount(train_ids, minlength=vocab_size).double() + 1.0
    return counts / counts.sum()


def unigram_perplexity(train_ids: torch.Tensor, held_ids: torch.Tensor, vocab_size: int) -> float:
    """The perplexity of betting by training frequency alone, on the held-out targets (ids[1:])."""
    p = unigram_probs(train_ids, vocab_size)
    return math.exp(-float(p.log()[held_ids[1:]].mean()))


def token_nll(model: CharLM, ids: torch.Tensor, rows: int = 8, seq_len: int = 256) -> torch.Tensor:
    """-log p of every target ids[1:] (as far as `rows` equal rows reach), in stream order.

    The stream is read as `rows` side-by-side rows (row r is one contiguous stretch), each with
    its state carried from window to window, as training reads it.
    """
    length = (len(ids) - 1) // rows
    if length < 1:
        raise ValueError(f"stream too short to evaluate: {len(ids)} ids")
    x = ids[: rows * length].view(rows, length)  # row r: ids[r * length : (r + 1) * length]
    y = ids[1 : rows * length + 1].view(rows, length)
    was_training = model.training
    model.eval()
    out, state = [], None
    with torch.no_grad():
        for start in range(0, length, seq_len):
            logits, state = model(x[:, start : start + seq_len], state)  # (rows, T, V)
            target = y[:, start : start + seq_len]
            nll = nn.functional.cross_entropy(logits.transpose(1, 2), target, reduction="none")  # (rows, T)
            out.append(nll)
    model.train(was_training)
    return torch.cat(out, dim=1).reshape(-1)  # rows were contiguous: this is stream order


def stream_perplexity(model: CharLM, ids: torch.Tensor) -> float:
    """The model's perplexity on a stream (held-out or training text)."""
    return math.exp(float(token_nll(model, ids).mean()))


def doc_bits(nll: torch.Tensor, targets: torch.Tensor, newline_id: int) -> list[float]:
    """Bits of each complete document: the nll of its units up to and including its newline.

    `targets` are the ids the nll scored (ids[1:]); the stream must start with a newline so
    that every document's first unit is scored too. A last, cut-off document is left out.
    """
    ends = (targets[: len(nll)] == newline_id).nonzero().flatten().tolist()
    bits, start = [], 0
    for end in ends:
        bits.append(float(nll[start : end + 1].sum()) / math.log(2))
        start = end + 1
    return bits


def bits_per_char(bits: list[float], docs: list[str]) -> float:
    """Bits per character over the documents scored (each with its newline): comparable across
    syllables and jamo, whose perplexities are per unit and are not."""
    chars = sum(len(d) + 1 for d in docs[: len(bits)])
    return sum(bits) / chars


def paired_gap(
    a: list[float], b: list[float], docs: list[str], z: float = 1.96
) -> tuple[float, float, float]:
    """Bits per character of run a minus run b on the same documents, with a 95% interval.

    Paired by document (seqcore.core.noise.paired_interval, weighted by each document's characters
    and its newline): the interval is the noise of the held-out sample, not of training (another
    seed may move both runs).
    """
    n = min(len(a), len(b))
    diff = [float(x) - float(y) for x, y in zip(a[:n], b[:n], strict=True)]
    return paired_interval(diff, [len(d) + 1 for d in docs[:n]], z)


def words(text: str, min_len: int = 2) -> list[str]:
    """Space-separated tokens of at least `min_len` characters."""
    return [w for w in text.split() if len(w) >= min_len]


def real_word_rate(text: str, known: frozenset[str] | set[str]) -> float | None:
    """The share of `text`'s tokens (length >= 2) that occur in the training text; None if none."""
    tokens = words(text)
    if not tokens:
        return None
    return sum(w in known for w in tokens) / len(tokens)
