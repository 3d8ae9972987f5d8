"""seqcore.sentiment.baselines: TF-IDF + logistic regression, and the side-by-side comparison."""

from __future__ import annotations

import pytest

from seqcore.sentiment import baselines as tb
from seqcore.sentiment.rnn import RNNConfig

TRAIN = (
    ["good film", "bad film", "not good", "not bad", "great story", "awful story", "not great", "not awful"]
    * 4,
    [1, 0, 0, 1, 1, 0, 0, 1] * 4,
)


def test_unigrams_cannot_tell_word_order():
    run = tb.train_baseline(tb.BaselineConfig(ngram_max=1), *TRAIN)
    a, b = run.probabilities(["good but bad", "bad but good"])
    assert a == pytest.approx(b)


def test_bigrams_catch_adjacent_negation_but_unigrams_do_not():
    texts = ["good film", "not good"]
    uni = tb.train_baseline(tb.BaselineConfig(ngram_max=1), *TRAIN).probabilities(texts)
    bi = tb.train_baseline(tb.BaselineConfig(ngram_max=2), *TRAIN).probabilities(texts)
    assert bi[0] > 0.5 > bi[1]
    assert (uni[0] > 0.5) == (uni[1] > 0.5)  # "not" alone is as often positive as negative


def test_tokens_keep_one_letter_words_and_features():
    run = tb.train_baseline(tb.BaselineConfig(ngram_max=2), ["i loved it", "i hated it"], [1, 0])
    names = set(run.pipeline.named_steps["tfidf"].get_feature_names_out())
    assert {"i", "i loved", "loved it"} <= names
    pos, neg = run.top_features(2)
    assert len(pos) == len(neg) == 2 and pos[0][1] > 0 > neg[0][1]
    assert run.probabilities([]) == []


@pytest.mark.parametrize(
    ("cfg", "name"),
    [
        (RNNConfig(), "LSTM"),
        (RNNConfig(cell="gru", bidirectional=True), "양방향 GRU"),
        (RNNConfig(num_layers=2), "LSTM 2층"),
    ],
)
def test_rnn_name(cfg, name):
    assert tb.rnn_name(cfg) == name


def test_compare_scores_every_model_on_every_test():
    cfg = RNNConfig(epochs=2, hidden_size=8, embed_dim=8)
    comp = tb.compare(cfg, TRAIN, {"a": (["good film"], [1]), "b": (["bad film", "not bad"], [0, 1])})
    assert comp.models() == ["LSTM", "BoW (unigram)", "n-gram (uni+bigram)"]
    assert all(set(v) == {"a", "b"} for v in comp.accuracy.values())
    assert len(comp.probabilities["LSTM"]["b"]) == 2 and set(comp.seconds) == set(comp.models())
    assert set(comp.predict("not good")) == set(comp.models())
