"""seqcore.sentiment.models: the lesson's model exactly, its limits, and the packed order-aware model."""

from __future__ import annotations

import pytest
import torch

from seqcore.core import rng
from seqcore.core.runtime import count_params
from seqcore.data.text import LESSON_VOCAB, text_to_indices
from seqcore.sentiment import inputs as si
from seqcore.sentiment import models as sm
from seqcore.sentiment import rnn as sr
from seqcore.sentiment.corpus import Corpus, generate

LESSON_REPR = """SentimentLSTM(
  (embedding): Embedding(22, 32, padding_idx=0)
  (lstm): LSTM(32, 64, batch_first=True, bidirectional=True)
  (fc): Linear(in_features=128, out_features=1, bias=True)
  (sigmoid): Sigmoid()
)"""


def test_text_to_indices_is_the_lessons():
    assert text_to_indices("this movie was great") == [2, 3, 4, 6, 0, 0, 0, 0, 0, 0]


def test_lesson_dataset_and_model_match_the_lesson():
    x, y = sm.lesson_dataset()
    assert tuple(x.shape) == (200, 10) and tuple(y.shape) == (200, 1)
    assert x[0].tolist() == [2, 3, 4, 6, 0, 0, 0, 0, 0, 0]
    assert y[:10].squeeze(1).tolist() == [1] * 5 + [0] * 5 and torch.equal(x[:10], x[10:20])
    model = sm.SentimentLSTM(len(LESSON_VOCAB), 32, 64)
    assert repr(model) == LESSON_REPR
    assert count_params(model) == 22 * 32 + 2 * 4 * 64 * (32 + 64 + 2) + 128 + 1


def test_train_lesson_is_deterministic_and_learns():
    cfg = sm.LessonConfig(seed=3, epochs=4)
    a, b = sm.train_lesson(cfg), sm.train_lesson(cfg)
    assert a.history.train_loss == b.history.train_loss and len(a.history.train_loss) == 4
    assert a.history.train_loss[-1] < a.history.train_loss[0]


@pytest.mark.parametrize(
    ("text", "shown_start", "truncated", "unknown"),
    [
        ("not good at all", ["<UNK>", "good", "<UNK>", "<UNK>", "<PAD>"], 0, 3),
        ("this movie was great", ["this", "movie", "was", "great", "<PAD>"], 0, 0),
        ("very " * 14 + "bad", ["very"] * 5, 5, 0),
        ("영화가 좋아요", ["<UNK>", "<UNK>", "<PAD>", "<PAD>", "<PAD>"], 0, 2),
        ("", ["<PAD>"] * 5, 0, 0),
    ],
)
def test_predict_lesson_shows_tokens(text, shown_start, truncated, unknown):
    model = rng.seeded(sm.SentimentLSTM(len(LESSON_VOCAB), 32, 64), 0)
    pred = sm.predict_lesson(model, text)
    assert pred.shown[:5] == shown_start and len(pred.shown) == len(pred.indices) == 10
    assert pred.check.truncated == truncated and pred.check.n_unknown == unknown
    assert 0.0 <= pred.probability <= 1.0 and pred.label in ("긍정", "부정")


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("", "비어"),
        ("영화 최고", "영어"),
        ("great 😀", "이모지"),
        ("zzz qqq", "모든 단어"),
        ("great movie xyz", "1개가 어휘에 없어"),
        ("good " * 12, "나머지 2개"),
    ],
)
def test_input_messages(text, expect):
    tokens = text.lower().split()
    check = si.check_input(text, lambda t: t in LESSON_VOCAB, tokens, 10)
    assert any(expect in m for _, m in si.input_messages(check, 10))


def test_input_messages_silent_on_clean_text():
    check = si.check_input(
        "this movie was great", lambda t: t in LESSON_VOCAB, "this movie was great".split(), 10
    )
    assert si.input_messages(check, 10) == []


def test_tokenize_and_encode():
    assert sr.tokenize("It wasn't GOOD, at all! 😀") == ["it", "wasn't", "good", "at", "all"]
    vocab = sr.Vocab.build(["good film", "bad film"])
    assert vocab.stoi["film"] == 2 and len(vocab) == 5
    ids, lengths = sr.encode_batch(["good film", "", "awful"], vocab, max_len=5)
    assert ids.tolist() == [[4, 2], [1, 0], [1, 0]] and lengths.tolist() == [2, 1, 1]


@pytest.mark.parametrize("cell", ["lstm", "gru"])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("layers", [1, 2])
def test_trailing_padding_does_not_change_a_packed_prediction(cell, bidirectional, layers):
    cfg = sr.RNNConfig(cell=cell, bidirectional=bidirectional, num_layers=layers, hidden_size=8, embed_dim=4)
    model = rng.seeded(sr.SentimentRNN(10, cfg), 0).eval()
    tight = torch.tensor([[2, 3, 4]])
    padded = torch.tensor([[2, 3, 4] + [0] * 7])
    with torch.no_grad():
        a = model(tight, torch.tensor([3]))
        b = model(padded, torch.tensor([3]))
    assert torch.allclose(a, b, atol=1e-6)


def test_the_lessons_unpacked_model_does_see_its_padding():
    model = rng.seeded(sm.SentimentLSTM(len(LESSON_VOCAB), 32, 64), 0).eval()
    with torch.no_grad():
        tight = model(torch.tensor([[2, 3, 4, 6]]))
        padded = model(torch.tensor([text_to_indices("this movie was great")]))
    assert not torch.allclose(tight, padded)


def test_recurrent_model_reaches_the_probe_target():
    corpus = generate()
    run = sr.train_rnn(sr.RNNConfig(), *Corpus.xy(corpus.train))
    probes, labels = Corpus.xy(corpus.probes)
    assert sr.accuracy(sr.rnn_probabilities(run, probes), labels) >= 0.95
    held, held_labels = Corpus.xy(corpus.held_out)
    # Measured over seeds 0, 1, 2, 42 with the run's own generators: 0.85-1.00 (the held-out
    # frames are new phrasings; some seeds learn them, some do not).
    assert sr.accuracy(sr.rnn_probabilities(run, held), held_labels) >= 0.85
    reading = sr.prefix_probabilities(run, "the movie was not good")
    assert reading.tokens == ["the", "movie", "was", "not", "good"] and all(reading.known)
    assert reading.probabilities[-1] == pytest.approx(
        sr.rnn_probabilities(run, ["the movie was not good"])[0]
    )
    assert reading.probabilities[-1] < 0.5 < sr.rnn_probabilities(run, ["the movie was good"])[0]


def test_train_rnn_with_validation_split_is_deterministic():
    texts = ["good film", "bad film", "not bad", "not good"] * 10
    labels = [1, 0, 1, 0] * 10
    cfg = sr.RNNConfig(epochs=3, hidden_size=8, embed_dim=8, val_fraction=0.2, patience=1, dropout=0.2)
    a, b = sr.train_rnn(cfg, texts, labels), sr.train_rnn(cfg, texts, labels)
    assert a.history.train_loss == b.history.train_loss and len(a.history.val_loss) == a.history.epochs_run


@pytest.mark.parametrize(
    ("text", "n_tokens", "empty"), [("", 0, True), ("영화 😀", 0, False), ("word " * 60, 40, False)]
)
def test_prefix_probabilities_on_bad_input(text, n_tokens, empty):
    run = sr.train_rnn(sr.RNNConfig(epochs=1, hidden_size=8, embed_dim=8), ["good", "bad"], [1, 0])
    reading = sr.prefix_probabilities(run, text)
    assert len(reading.tokens) == len(reading.probabilities) == n_tokens
    assert reading.check.empty == empty


def test_accuracy():
    assert sr.accuracy([0.9, 0.2, 0.6], [1, 0, 0]) == pytest.approx(2 / 3)
