"""The Korean review classifier: pieces -> embedding -> packed BiGRU -> max+mean pooling -> logit.

Beside the recurrent path an optional bag-of-n-grams path (`bow=True`): every piece 1-, 2- and
3-gram (hashed from the piece ids, so no extra data) brings one learned weight, summed and
scaled by 1/sqrt(count), added to the logit. The recurrent path reads the order; the bag path
is what a TF-IDF + logistic regression would know. With `bow_chars` a second bag reads the
review's character 1-3-grams (hashed from the code points), as the character TF-IDF baseline
does. Which helps is measured, not assumed (`python -m bench.sentiment --korean`, and the builds
compared in bench/results.json).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from seqcore.core import rng
from seqcore.core.registry import recurrent_layer


@dataclass(frozen=True)
class KoConfig:
    """The Korean classifier and its recipe (hashable; the shipped weights carry it as JSON)."""

    tokenizer: str = "syllable"  # ko_tokens.TOKENIZERS
    spm_vocab: int = 8000  # sentencepiece only: pieces in the subword model
    # sentencepiece only: endings always cut off as their own piece (space-separated), so that
    # 지루하지는 reads 지루하 + 지는: the word's side first, then the ending that announces 않다
    spm_symbols: str = ""
    cell: str = "gru"
    embed_dim: int = 64
    hidden_size: int = 128
    bidirectional: bool = True
    pooling: str = "maxmean"  # "maxmean": max and mean over real positions; "last": h_n
    bow: bool = False  # a bag-of-n-grams path beside the recurrent one
    bow_buckets: int = 2**18  # hashed n-gram weights of the bag path
    bow_chars: bool = False  # the bag path also reads character 1-3-grams (as the char TF-IDF baseline)
    embed_dropout: float = 0.2
    head_dropout: float = 0.3
    word_dropout: float = 0.05  # share of known pieces turned into <UNK> while training
    min_freq: int = 2
    max_len: int = 200  # pieces kept (NSMC reviews are at most 140 characters)
    epochs: int = 4
    patience: int = 1  # early stopping on the validation loss
    lr: float = 0.002
    weight_decay: float = 0.0
    batch_size: int = 128
    templates: int = 0  # rule-generated negation sentences added to training (ko_templates)
    negations: float = 0.0  # training reviews negated by rule (ko_negate), x the available ones
    contrasts: bool = True  # with the negations, contrasts (A지만 B) a quarter as many
    template_stems: bool = False  # templates also negate the stems the training reviews bend (ko_stems)
    template_lack: bool = False  # templates also say 없다 after a prospective form (ko_templates.LACK)
    template_nouns: bool = False  # templates also turn verdict nouns (최악은 아니었다; ko_stems.noun_sides)
    prefixes: float = 0.0  # share of rule sentences ending in a negator also taught without it (ko_stems)
    train_limit: int = 0  # > 0: only the first N training reviews (quick runs, tests)
    seed: int = 42
    # the rule sentences' seed (so also the tokenizer and vocabulary learnt from them); None: seed.
    # Members of an ensemble share it, so they read one vocabulary and differ in weights only.
    data_seed: int | None = None

    @property
    def rule_seed(self) -> int:
        return self.seed if self.data_seed is None else self.data_seed


_PRIMES = (1, 1_000_003, 998_244_353)  # n-gram hash: sum_k id_k * prime_k


def ngram_ids(x: torch.Tensor, lengths: torch.Tensor, buckets: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Hashed 1-, 2-, 3-gram ids (B, 3T) and a mask of the real ones (B, 3T)."""
    batch, width = x.shape
    real = torch.arange(width)[None, :] < lengths[:, None]  # (B, T)
    ids, masks, acc = [], [], torch.zeros_like(x)
    for n in range(3):
        shifted = torch.nn.functional.pad(x[:, n:], (0, n))  # (B, T): the n-th next piece
        acc = acc + shifted * _PRIMES[n] + (n * 7_919)
        ids.append(acc % (buckets - 1) + 1)  # 0 stays for padding
        valid = torch.nn.functional.pad(real[:, n:], (0, n), value=False)
        masks.append(valid)
    return torch.cat(ids, dim=1), torch.cat(masks, dim=1)


class KoreanNet(nn.Module):
    """Embedding -> Dropout -> packed (Bi)GRU/LSTM -> pooling -> Dropout -> Linear (+ bag path)."""

    def __init__(self, vocab_size: int, cfg: KoConfig):
        super().__init__()
        self.cfg = cfg
        self.embedding = nn.Embedding(vocab_size, cfg.embed_dim, padding_idx=0)
        self.drop = rng.Dropout(cfg.embed_dropout)
        self.rnn = recurrent_layer(cfg.cell)(
            cfg.embed_dim, cfg.hidden_size, batch_first=True, bidirectional=cfg.bidirectional
        )
        dirs = 2 if cfg.bidirectional else 1
        width = dirs * cfg.hidden_size * (2 if cfg.pooling == "maxmean" else 1)
        self.head_drop = rng.Dropout(cfg.head_dropout)
        self.fc = nn.Linear(width, 1)
        self.ngrams = nn.Embedding(cfg.bow_buckets, 1, padding_idx=0) if cfg.bow else None
        self.char_ngrams = nn.Embedding(cfg.bow_buckets, 1, padding_idx=0) if cfg.bow_chars else None
        self.generator: torch.Generator | None = None  # word dropout's draws (rng.attach sets it)

    def _word_dropout(self, x: torch.Tensor) -> torch.Tensor:
        return rng.unk_dropout(self, x, self.cfg.word_dropout)  # 1 is <UNK>

    def pooled(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        embedded = self.drop(self.embedding(x))  # (B, T, E)
        packed = pack_padded_sequence(embedded, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, h_n = self.rnn(packed)
        if self.cfg.pooling == "last":
            h_n = h_n[0] if isinstance(h_n, tuple) else h_n  # LSTM: (h_n, c_n)
            dirs = 2 if self.cfg.bidirectional else 1
            return torch.cat(list(h_n[-dirs:]), dim=1)  # (B, D*H)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])  # (B, T, D*H)
        real = (torch.arange(x.shape[1])[None, :] < lengths[:, None]).unsqueeze(2)  # (B, T, 1)
        biggest = out.masked_fill(~real, float("-inf")).max(dim=1).values  # (B, D*H)
        mean = out.sum(dim=1) / lengths[:, None].float()  # padded outputs are zeros
        return torch.cat([biggest, mean], dim=1)  # (B, 2*D*H)

    def bag_logit(
        self, x: torch.Tensor, lengths: torch.Tensor, table: nn.Embedding | None = None
    ) -> torch.Tensor:
        ids, mask = ngram_ids(x, lengths, self.cfg.bow_buckets)
        w = (table or self.ngrams)(ids).squeeze(2) * mask  # (B, 3T)
        return (w.sum(dim=1) / mask.sum(dim=1).clamp(min=1).sqrt()).unsqueeze(1)  # (B, 1)

    def forward(
        self,
        x: torch.Tensor,
        lengths: torch.Tensor,
        chars: torch.Tensor | None = None,
        char_lengths: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """x (B, T) piece ids with their lengths; with `bow_chars`, also the text's characters
        (B, C) as code points (0 pads) with their lengths (`ko_train.inputs` makes all four)."""
        width = int(lengths.max())  # the batch's longest review: no work on columns of <PAD> only
        x = self._word_dropout(x[:, :width])
        logit = self.fc(self.head_drop(self.pooled(x, lengths)))  # (B, 1)
        if self.ngrams is not None:
            logit = logit + self.bag_logit(x, lengths)
        if self.char_ngrams is not None:
            if chars is None or char_lengths is None:
                raise ValueError("this model also reads characters: pass chars and char_lengths")
            chars = chars[:, : int(char_lengths.max())]
            logit = logit + self.bag_logit(chars, char_lengths, self.char_ngrams)
        return logit


class MeanOfLogits(nn.Module):
    """Builds of one recipe on one vocabulary that differ only in their weights' seed, read together:
    the mean of their logits (an ensemble). It reads the same inputs as each of them, so the page
    can follow it piece by piece like one model."""

    def __init__(self, members: Sequence[KoreanNet]):
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        return torch.stack([m(*inputs) for m in self.members]).mean(0)


def build_model(vocab_size: int, cfg: KoConfig) -> KoreanNet:
    """The model with every weight drawn from the run's generator (torch's default init)."""
    model = rng.seeded(KoreanNet(vocab_size, cfg), cfg.seed)
    for table in (model.ngrams, model.char_ngrams):
        if table is not None:
            table.weight.data.zero_()  # the bag paths start silent
    return model


def param_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def logit_to_prob(logit: float) -> float:
    return 1 / (1 + math.exp(-logit))
