"""The real-review model's two paths and its reading of long texts: pooling over packed outputs
by hand, the bag-of-words path, pieces of a long review."""

from __future__ import annotations

import dataclasses
import math

import pytest
import torch

from seqcore.core import rng
from seqcore.sentiment import long_read, reviews
from seqcore.sentiment.baselines import BaselineConfig, train_baseline
from seqcore.sentiment.evidence import token_evidence
from seqcore.sentiment.rnn import Vocab, tokenize

TINY = reviews.ReviewConfig(
    epochs=2, with_corpus=False, templates=0, lexicon=0, embed_dim=8, hidden_size=8, head_dropout=0.0
)


def test_pooling_over_packed_outputs_equals_a_hand_computation():
    """max and mean over each row's real positions, as if each sentence were run alone."""
    model = rng.seeded(reviews.ReviewNet(12, dataclasses.replace(TINY, bow=False)), 3).eval()
    x, lengths = torch.tensor([[2, 3, 4, 5], [6, 7, 0, 0], [8, 0, 0, 0]]), torch.tensor([4, 2, 1])
    with torch.no_grad():
        pooled = model.pooled(model.outputs(x, lengths), lengths)
        for row, n in enumerate(lengths.tolist()):
            alone, _ = model.rnn(model.embedding(x[row : row + 1, :n]))  # (1, n, 2H), no padding at all
            hand = torch.cat([alone[0].max(dim=0).values, alone[0].mean(dim=0)])
            assert torch.allclose(pooled[row], hand, atol=1e-6)
        logit = model(x, lengths, torch.zeros(3, 4))
        assert torch.allclose(logit[:, 0], model.head(pooled)[:, 0], atol=1e-6)


def _bag_model(cfg, texts, labels):
    """A ReviewNet whose context weights are exactly 1: it must be the bag of words."""
    vocab = Vocab.build(texts)
    bow = train_baseline(BaselineConfig(), texts, labels)
    model = rng.seeded(reviews.ReviewNet(len(vocab), cfg), 0).start_as_bag_of_words().eval()
    with torch.no_grad():
        model.scope.bias.fill_(math.atanh(2 / 3))  # 1.5 tanh(.) = 1
        model.bias.fill_(float(bow.pipeline.named_steps["lr"].intercept_[0]))
    return reviews.ReviewRun(model, vocab, bow, None, cfg, 0.0, len(texts))


@pytest.mark.parametrize("mode", ["chunks", "whole"])
def test_bag_of_words_path_is_the_regression_on_a_long_text_read_in_pieces(mode):
    texts = ["good film. great fun", "bad film. awful and boring", "a great cast", "dull, bad plot"] * 4
    labels = [1, 0, 1, 0] * 4
    cfg = dataclasses.replace(TINY, piece_len=6, long_read=mode, pool_head=True)
    run = _bag_model(cfg, texts, labels)
    long = "good film with a great cast. " * 3 + "the plot was dull and bad! " * 2 + "great fun overall"
    assert len(tokenize(long)) > 3 * cfg.piece_len
    want = run.bow.probabilities([long, "great fun"])
    assert run.probabilities([long, "great fun"]) == pytest.approx(want, abs=1e-5)
    truncated = dataclasses.replace(run, config=dataclasses.replace(cfg, long_read="truncate"))
    assert truncated.probabilities([long])[0] != pytest.approx(want[0], abs=1e-3)  # it loses words


def test_pieces_hold_whole_sentences_of_at_most_max_len_words():
    text = "One two three. Four five six seven!<br /><br />Eight nine ten eleven twelve thirteen fourteen"
    spans = long_read.pieces(text, max_len=5)
    assert spans == [(0, 3), (3, 8), (8, 9), (9, 14), (14, 16)]  # <br> reads as the word "br"
    words = tokenize(text)
    assert [w for s, e in spans for w in words[s:e]] == words and max(e - s for s, e in spans) <= 5
    assert long_read.pieces(text, 5, "truncate") == [(0, 5)] and long_read.pieces(text, 5, "whole") == [
        (0, 16)
    ]
    assert long_read.pieces("", 5) == [(0, 1)] and "".join(long_read.sentences(text)) == text


def test_word_weights_follow_the_pieces():
    texts, labels = ["good film", "bad film", "great fun", "awful mess"] * 3, [1, 0, 1, 0] * 3
    run = _bag_model(dataclasses.replace(TINY, piece_len=4, long_read="chunks"), texts, labels)
    text = "good film and great fun. bad film and an awful mess"
    tokens, evidence, weights = run.word_weights(text)
    assert tokens == tokenize(text) and weights == pytest.approx([1.0] * len(tokens), abs=1e-5)
    whole = token_evidence(run.bow, [text], 20)[0, : len(tokens)].tolist()
    assert evidence == pytest.approx(whole, abs=1e-6) and run.read_limit == long_read.MAX_WORDS


def test_vote_averages_the_pieces_logits_each_read_as_a_text_of_its_own():
    texts = ["good film. great fun", "bad film. awful and boring", "a great cast", "dull, bad plot"] * 4
    labels = [1, 0, 1, 0] * 4
    cfg = dataclasses.replace(TINY, piece_len=6, long_read="vote")
    run = _bag_model(cfg, texts, labels)
    sentences = [
        "good film with a great cast.",
        "the plot was dull and bad!",
        "great fun overall but too long",
    ]
    long = " ".join(sentences)
    want = torch.sigmoid(torch.tensor(run.bow.logits(sentences)).mean()).item()
    assert run.probabilities([long])[0] == pytest.approx(want, abs=1e-5)
    assert long_read.pieces(long, 6, "vote", cut=100) == [(0, 6), (6, 12), (12, 18)]
