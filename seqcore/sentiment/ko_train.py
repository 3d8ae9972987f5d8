"""Training the Korean classifier on NSMC: parts by text hash, tokenizer, vocabulary, `fit`.

The parts: `nsmc.hash_fold(text, 10)` 0 is validation (early stopping and every choice of a
default), 1 is the held-out test part (only reported), 2-9 train. Reviews of one film are alike
and the file has no film ids, so a split by row would flatter everything; the hash keeps
identical texts together. The graders' films are unseen, so expect a little less there.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import torch
import torch.nn as nn

from seqcore.core.training import EpochCallback, History, fit
from seqcore.data import nsmc
from seqcore.sentiment.batching import length_batches
from seqcore.sentiment.ko_model import KoConfig, KoreanNet, MeanOfLogits, build_model
from seqcore.sentiment.ko_tokens import KoVocab, Tokenizer, normalize, train_spm

VAL_FOLD, TEST_FOLD, FOLDS = 0, 1, 10
# The validation loss that stops training is read on the first 3,000 validation reviews (one
# batch in `fit`: the whole part would hold about 2 GB of outputs); accuracy uses them all.
VAL_LOSS_ROWS = 3000
Data = tuple[list[str], list[int]]


@dataclass(frozen=True)
class Parts:
    train: Data
    val: Data
    test: Data


def split_parts(reviews: Sequence[nsmc.Review]) -> Parts:
    """Train / validation / test by a hash of the text (never by row)."""
    parts: dict[int, tuple[list[str], list[int]]] = {VAL_FOLD: ([], []), TEST_FOLD: ([], []), -1: ([], [])}
    for r in reviews:
        fold = nsmc.hash_fold(r.text, FOLDS)
        x, y = parts[fold if fold in (VAL_FOLD, TEST_FOLD) else -1]
        x.append(r.text)
        y.append(r.label)
    return Parts(parts[-1], parts[VAL_FOLD], parts[TEST_FOLD])


def make_tokenizer(cfg: KoConfig, train_texts: Sequence[str]) -> Tokenizer:
    if cfg.tokenizer == "sentencepiece":
        spm = train_spm(train_texts, cfg.spm_vocab, cfg.rule_seed, cfg.spm_symbols.split())
        return Tokenizer("sentencepiece", spm)
    return Tokenizer(cfg.tokenizer)


def encode(
    tokenizer: Tokenizer, vocab: KoVocab, texts: Sequence[str], max_len: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """(ids (N, T) padded with 0 at the end, lengths (N,)); an empty text keeps one <UNK>."""
    rows = [vocab.encode(tokenizer.pieces(t))[:max_len] or [1] for t in texts]
    return pad_rows(rows)


MAX_CHARS = 600  # characters the bag path reads (NSMC reviews are at most 140)


def char_rows(texts: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """The normalized texts as code points (N, C), padded with 0, and their lengths."""
    return pad_rows([[ord(c) for c in normalize(t)[:MAX_CHARS]] or [32] for t in texts])


def inputs(
    tokenizer: Tokenizer, vocab: KoVocab, cfg: KoConfig, texts: Sequence[str]
) -> tuple[torch.Tensor, ...]:
    """What `KoreanNet.forward` takes for these texts: (ids, lengths) and, when the bag path
    reads characters, (chars, char_lengths) too."""
    ids = encode(tokenizer, vocab, texts, cfg.max_len)
    return (*ids, *char_rows(texts)) if cfg.bow_chars else ids


def pad_rows(rows: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    lengths = torch.tensor([len(r) for r in rows])
    ids = torch.zeros(len(rows), int(lengths.max()) if len(rows) else 1, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
    return ids, lengths


@dataclass
class KoRun:
    model: KoreanNet | MeanOfLogits
    tokenizer: Tokenizer
    vocab: KoVocab
    config: KoConfig
    history: History
    seconds: float
    n_train: int
    cpu_seconds: float = 0.0  # this process's CPU time (a busy machine does not inflate it)

    def probabilities(self, texts: Sequence[str], batch: int = 512) -> list[float]:
        """P(긍정) for each text."""
        return probabilities(self.model, self.tokenizer, self.vocab, self.config, texts, batch)


def probabilities(
    model, tokenizer, vocab, cfg: KoConfig, texts: Sequence[str], batch: int = 512
) -> list[float]:
    model.eval()
    out: list[float] = []
    with torch.no_grad():
        for start in range(0, len(texts), batch):
            logits = model(*inputs(tokenizer, vocab, cfg, texts[start : start + batch]))
            out += torch.sigmoid(logits).squeeze(1).tolist()
    return out


def training_data(cfg: KoConfig, train: Data) -> Data:
    """The training reviews (cut to train_limit), their negations by rule (ko_negate) and the
    template sentences (ko_templates)."""
    x, y = list(train[0]), list(train[1])
    if cfg.train_limit:
        x, y = x[: cfg.train_limit], y[: cfg.train_limit]
    rx: list[str] = []  # the sentences made by rule
    ry: list[int] = []
    lex = None  # what the reviews say about words: read once, for every rule that needs it
    if cfg.negations or (cfg.templates and (cfg.template_stems or cfg.template_nouns)):
        from seqcore.sentiment.ko_negate import Lexicon

        lex = Lexicon.build(x, y)
    if cfg.negations:
        from seqcore.sentiment.ko_negate import for_training

        nx, ny = for_training(x, y, cfg.negations, cfg.rule_seed, contrasts=cfg.contrasts, lex=lex)
        rx, ry = rx + nx, ry + ny
    if cfg.templates:
        from seqcore.sentiment.ko_stems import by_side, noun_sides, predicate_sides
        from seqcore.sentiment.ko_templates import generate

        stems = by_side(predicate_sides(x, y, lex)) if cfg.template_stems else None
        nouns = by_side(noun_sides(x, y, lex)) if cfg.template_nouns else None
        gx, gy = generate(cfg.templates, seed=cfg.rule_seed, stems=stems, lack=cfg.template_lack, nouns=nouns)
        rx, ry = rx + gx, ry + gy
    if cfg.prefixes:
        from seqcore.sentiment.ko_stems import prefixes

        px, py = prefixes(rx, ry, cfg.prefixes, cfg.rule_seed)
        rx, ry = rx + px, ry + py
    return x + rx, y + ry


@dataclass(frozen=True)
class Prepared:
    """What a build trains on, fixed by its data seed (KoConfig.rule_seed): the reviews and rule
    sentences, their tokenizer and vocabulary, and the tensors `fit` reads. Builds that differ
    only in their weight seed share one."""

    tokenizer: Tokenizer
    vocab: KoVocab
    tensors: tuple[torch.Tensor, ...]  # ids, lengths, (char ids, char lengths,) target
    n_train: int

    @property
    def lengths(self) -> torch.Tensor:
        return self.tensors[1]


def prepare(cfg: KoConfig, train: Data) -> Prepared:
    """The training sentences (`training_data`), the tokenizer and vocabulary read from them, and
    their tensors."""
    x, y = training_data(cfg, train)
    tokenizer = make_tokenizer(cfg, x)
    pieces = [tokenizer.pieces(t)[: cfg.max_len] for t in x]
    vocab = KoVocab.build(pieces, cfg.min_freq)
    ids, lengths = pad_rows([vocab.encode(p) or [1] for p in pieces])
    chars = char_rows(x) if cfg.bow_chars else ()
    target = torch.tensor(y, dtype=torch.float32).reshape(-1, 1)
    return Prepared(tokenizer, vocab, (ids, lengths, *chars, target), len(x))


def train_korean(
    cfg: KoConfig,
    train: Data,
    val: Data,
    on_epoch: EpochCallback | None = None,
    prepared: Prepared | None = None,
) -> KoRun:
    """Tokenizer and vocabulary from the training part (or `prepared`, made with the same data
    seed), then BCEWithLogitsLoss with early stopping."""
    t0, c0 = time.perf_counter(), time.process_time()
    data = prepared or prepare(cfg, train)
    val_in = inputs(data.tokenizer, data.vocab, cfg, val[0][:VAL_LOSS_ROWS])
    model = build_model(len(data.vocab), cfg)
    history = fit(
        model,
        data.tensors,
        nn.BCEWithLogitsLoss(),
        epochs=cfg.epochs,
        lr=cfg.lr,
        weight_decay=cfg.weight_decay,
        clip_grad_norm=5.0,
        val_data=(*val_in, torch.tensor(val[1][:VAL_LOSS_ROWS], dtype=torch.float32).reshape(-1, 1)),
        patience=cfg.patience,
        seed=cfg.seed,
        device=torch.device("cpu"),
        on_epoch=on_epoch,
        sampler=length_batches(data.lengths, cfg.batch_size),
    )
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return KoRun(model, data.tokenizer, data.vocab, cfg, history, seconds, data.n_train, cpu)


def train_ensemble(
    cfg: KoConfig, seeds: Sequence[int], train: Data, val: Data, on_epoch: EpochCallback | None = None
) -> tuple[KoRun, list[KoRun]]:
    """One build per weight seed (the first is cfg's), all on cfg's rule sentences (data_seed),
    so on one tokenizer and vocabulary, prepared once; and the run that reads them together
    (MeanOfLogits). Each member's weights are those of a separate build with its seed."""
    t0, c0 = time.perf_counter(), time.process_time()
    data = prepare(cfg, train)
    configs = [cfg] + [replace(cfg, seed=s, data_seed=cfg.rule_seed) for s in seeds[1:]]
    runs = [train_korean(c, train, val, on_epoch, prepared=data) for c in configs]
    first = runs[0]
    both = MeanOfLogits([r.model for r in runs]).eval()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return KoRun(both, data.tokenizer, data.vocab, cfg, first.history, seconds, data.n_train, cpu), runs
