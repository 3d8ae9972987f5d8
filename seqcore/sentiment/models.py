"""Sentiment models: the lesson's SentimentLSTM exactly, and an order-aware recurrent classifier.

The lesson's model (section 2.3) reads ten padded token ids, runs a BiLSTM over all of them,
padding included, and squashes the two last hidden states into one probability. It learns
from ten sentences duplicated twenty times, so it can only spot keywords.

`SentimentRNN` is the fix the page builds up to: LSTM or GRU, one or two directions, layers,
dropout, and packed sequences so that padding never reaches the final state; it returns a
logit and trains with BCEWithLogitsLoss.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence

from seqcore.core.cache import CacheStore, memo, memo_method
from seqcore.core.config import knob
from seqcore.core.runtime import seed_everything
from seqcore.core.training import EpochCallback, History, fit
from seqcore.data.text import LESSON_NEGATIVE, LESSON_POSITIVE, LESSON_VOCAB, PAD, UNK, text_to_indices

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Emoji and pictographs (the main blocks); enough to tell the learner why a symbol is ignored.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")


# ---------------------------------------------------------------- the lesson's model, exactly


class SentimentLSTM(nn.Module):
    """The lesson's model (section 2.3): Embedding -> BiLSTM -> concat(h_n[-2], h_n[-1]) -> Linear -> Sigmoid."""

    def __init__(self, vocab_size, embed_dim, hidden_size, num_layers=1):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.lstm = nn.LSTM(
            input_size=embed_dim,
            hidden_size=hidden_size,
            num_layers=num_layers,
            batch_first=True,
            bidirectional=True,
        )
        self.fc = nn.Linear(hidden_size * 2, 1)  # two directions
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        embedded = self.embedding(x)  # (B, T, E)
        lstm_out, (h_n, c_n) = self.lstm(embedded)  # h_n: (2 * layers, B, H)
        hidden = torch.cat([h_n[-2], h_n[-1]], dim=1)  # (B, 2H): last layer, both directions
        out = self.fc(hidden)  # (B, 1)
        return self.sigmoid(out)


# Where the pages keep trained lesson models (ui.train_cached's name and size); the entry
# point prewarms the default one under the same name.
LESSON_STORE = CacheStore("sentiment_lesson", max_entries=8)
SEEDS_STORE = CacheStore("sentiment_seeds", max_entries=2)  # seed studies
# A trained model's answers for the sentences the page shows (predictions, padding numbers,
# nearest words, prefix readings, real-review word weights): a rerun asks again.
ANSWERS_STORE = CacheStore("sentiment_answers", max_entries=256, max_mb=20)


@dataclass(frozen=True)
class LessonConfig:
    """The lesson's recipe (section 2.3); every field is the lesson's value by default."""

    seed: int = 42
    embed_dim: int = 32
    hidden_size: int = 64
    epochs: int = 50
    lr: float = 0.01
    batch_size: int = 16
    repeat: int = 20  # "X_data = X_data * 20": 10 sentences -> 200 rows


@dataclass
class LessonRun:
    model: SentimentLSTM
    history: History
    config: LessonConfig


def lesson_dataset(repeat: int = 20, max_len: int = 10) -> tuple[torch.Tensor, torch.Tensor]:
    """The lesson's X_tensor (200, 10) and y_tensor (200, 1): 5 positive, 5 negative, x20."""
    x = [text_to_indices(r, LESSON_VOCAB, max_len) for r in LESSON_POSITIVE]
    x += [text_to_indices(r, LESSON_VOCAB, max_len) for r in LESSON_NEGATIVE]
    y = [1] * len(LESSON_POSITIVE) + [0] * len(LESSON_NEGATIVE)
    return torch.LongTensor(x * repeat), torch.FloatTensor(y * repeat).reshape(-1, 1)


def train_lesson(config: LessonConfig, on_epoch: EpochCallback | None = None) -> LessonRun:
    """Train the lesson's SentimentLSTM with its loss (BCELoss), optimizer and batches."""
    x, y = lesson_dataset(config.repeat)
    seed_everything(config.seed)
    model = SentimentLSTM(len(LESSON_VOCAB), config.embed_dim, config.hidden_size)
    history = fit(
        model,
        (x, y),
        nn.BCELoss(),
        epochs=config.epochs,
        lr=config.lr,
        batch_size=config.batch_size,
        shuffle=True,
        seed=config.seed,
        on_epoch=on_epoch,
    )
    return LessonRun(model, history, config)


# ---------------------------------------------------------------- looking at one input


@dataclass
class InputCheck:
    """What the tokenizer made of the learner's text, for the page's messages."""

    text: str
    empty: bool
    hangul: bool
    emoji: bool
    n_tokens: int
    n_unknown: int
    truncated: int  # tokens cut off by max_len

    @property
    def all_unknown(self) -> bool:
        return self.n_tokens > 0 and self.n_unknown == self.n_tokens


@dataclass
class LessonPrediction:
    tokens: list[str]  # the words as `text.lower().split()` gives them, cut to max_len
    shown: list[str]  # what the model sees, position by position: word, <UNK> or <PAD>
    indices: list[int]
    probability: float
    check: InputCheck

    @property
    def label(self) -> str:
        return "긍정" if self.probability > 0.5 else "부정"


def check_input(text: str, known: Callable[[str], bool], tokens: Sequence[str], max_len: int) -> InputCheck:
    return InputCheck(
        text=text,
        empty=not text.strip(),
        hangul=bool(HANGUL.search(text)),
        emoji=bool(EMOJI.search(text)),
        n_tokens=min(len(tokens), max_len),
        n_unknown=sum(not known(t) for t in tokens[:max_len]),
        truncated=max(0, len(tokens) - max_len),
    )


@memo(ANSWERS_STORE)
def predict_lesson(model: nn.Module, text: str, vocab: dict[str, int] = LESSON_VOCAB, max_len: int = 10):
    """The lesson's predict_sentiment, with the tokens and indices it used."""
    tokens = text.lower().split()
    indices = text_to_indices(text, vocab, max_len)
    inv = {i: w for w, i in vocab.items()}
    shown = [inv[i] for i in indices]  # ids 0 and 1 read back as <PAD> and <UNK>
    model.eval()
    with torch.no_grad():
        prob = float(model(torch.LongTensor([indices])).item())
    check = check_input(text, lambda t: t in vocab, tokens, max_len)
    return LessonPrediction(tokens[:max_len], shown, indices, prob, check)


def lesson_probability(model: nn.Module, text: str) -> float:
    return predict_lesson(model, text).probability


def lesson_seed_study(
    sentences: Sequence[str],
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    on_epoch: EpochCallback | None = None,
) -> dict[str, list[float]]:
    """Train the lesson's model once per seed; each sentence's probability per seed."""
    out: dict[str, list[float]] = {s: [] for s in sentences}
    total = len(seeds) * LessonConfig().epochs
    for k, seed in enumerate(seeds):

        def relay(epoch, _total, loss, k=k):
            if on_epoch is not None:
                on_epoch(k * LessonConfig().epochs + epoch, total, loss)

        run = train_lesson(LessonConfig(seed=seed), on_epoch=relay)
        for s in sentences:
            out[s].append(lesson_probability(run.model, s))
    return out


@dataclass(frozen=True)
class SeedStudy:
    """Sentences the lesson's model should get wrong, and the seeds to retrain it with."""

    sentences: tuple[str, ...] = ("not good at all", "this film was not terrible")
    expected: tuple[int, ...] = (0, 1)  # what a reader means: negative, positive
    seeds: tuple[int, ...] = (0, 1, 2, 3, 4)


def run_seed_study(study: SeedStudy, on_epoch: EpochCallback | None = None) -> dict[str, list[float]]:
    return lesson_seed_study(study.sentences, study.seeds, on_epoch)


# ---------------------------------------------------------------- the order-aware model


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


def length_batches(lengths: torch.Tensor, batch_size: int) -> Callable[[torch.Generator], list[torch.Tensor]]:
    """A `fit` sampler: each epoch, batches of sentences of similar length, in a random order.

    A packed recurrent layer takes as many steps as the longest sentence of its batch. Random
    batches of short reviews mixed with long ones run about 50 steps each; sorted by length
    (ties broken at random, so the batches change every epoch) most batches run fewer than 15.
    """
    lengths = lengths.float()

    def sampler(gen: torch.Generator) -> list[torch.Tensor]:
        jitter = torch.rand(len(lengths), generator=gen) * 0.5  # < 1: shuffles equal lengths only
        order = torch.argsort(lengths + jitter)
        chunks = list(torch.split(order, batch_size))
        return [chunks[i] for i in torch.randperm(len(chunks), generator=gen).tolist()]

    return sampler


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
        rnn_cls = {"lstm": nn.LSTM, "gru": nn.GRU}[cfg.cell]
        self.rnn = rnn_cls(
            cfg.embed_dim,
            cfg.hidden_size,
            num_layers=cfg.num_layers,
            batch_first=True,
            bidirectional=cfg.bidirectional,
            dropout=cfg.dropout if cfg.num_layers > 1 else 0.0,
        )
        self.directions = 2 if cfg.bidirectional else 1
        self.word_dropout = cfg.word_dropout
        self.drop = nn.Dropout(cfg.dropout)
        self.fc = nn.Linear(cfg.hidden_size * self.directions, 1)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        if self.training and self.word_dropout > 0:  # teach the model what <UNK> means
            x = x.masked_fill((torch.rand(x.shape) < self.word_dropout) & (x > 1), 1)
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
    seed_everything(config.seed)
    model = SentimentRNN(len(vocab), config)
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


def input_messages(check: InputCheck, max_len: int) -> list[tuple[str, str]]:
    """Korean notes for the page about what happened to the learner's text: (level, message)."""
    notes: list[tuple[str, str]] = []
    if check.empty:
        return [("warning", "리뷰가 비어 있어요. 영어 문장을 한 줄 입력해 보세요.")]
    if check.hangul:
        notes.append(
            (
                "warning",
                "한글이 들어 있어요. 이 모델의 어휘는 **영어**라서 한글 단어는 모두 `<UNK>`로 바뀌거나 빠져요.",
            )
        )
    if check.emoji:
        notes.append(("info", "이모지는 어휘에 없어서 모델이 읽지 못해요."))
    if check.n_tokens == 0:
        notes.append(("warning", "읽을 수 있는 영어 단어가 하나도 없어요. 예측할 입력이 없습니다."))
    elif check.all_unknown:
        notes.append(
            (
                "warning",
                "모든 단어가 어휘에 없는 `<UNK>`예요. 이 확률은 단어가 아니라 `<UNK>`와 패딩만 보고 낸 값이에요.",
            )
        )
    elif check.n_unknown:
        notes.append(
            ("info", f"{check.n_tokens}개 단어 중 {check.n_unknown}개가 어휘에 없어 `<UNK>`로 바뀌었어요.")
        )
    if check.truncated:
        notes.append(
            (
                "info",
                f"최대 길이가 {max_len}이라 처음 {max_len}개 단어만 읽고 나머지 {check.truncated}개는 잘랐어요.",
            )
        )
    return notes
