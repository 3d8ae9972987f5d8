"""The lesson's sentiment model exactly: SentimentLSTM, its toy data, training and prediction.

The lesson's model (section 2.3) reads ten padded token ids, runs a BiLSTM over all of them,
padding included, and squashes the two last hidden states into one probability. It learns
from ten sentences duplicated twenty times, so it can only spot keywords. The order-aware
model the page builds up to is in `seqcore.sentiment.rnn`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.cache import CacheStore, memo
from seqcore.core.training import EpochCallback, History, fit
from seqcore.data.text import LESSON_NEGATIVE, LESSON_POSITIVE, LESSON_VOCAB, text_to_indices
from seqcore.sentiment.inputs import InputCheck, check_input

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
    model = rng.seeded(SentimentLSTM(len(LESSON_VOCAB), config.embed_dim, config.hidden_size), config.seed)
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
