"""seqcore.sentiment.ko_model / ko_read: the Korean classifier's shapes, padding and readings."""

from __future__ import annotations

import dataclasses

import pytest
import torch

from seqcore.core import rng
from seqcore.sentiment import ko_read
from seqcore.sentiment.ko_model import KoConfig, build_model, ngram_ids
from seqcore.sentiment.ko_tokens import KoVocab, Tokenizer
from seqcore.sentiment.ko_train import inputs

TINY = KoConfig(embed_dim=8, hidden_size=6, bow=True, bow_buckets=64, word_dropout=0.3)


@pytest.mark.parametrize("pooling", ["maxmean", "last"])
@pytest.mark.parametrize("bow", [False, True])
def test_trailing_padding_changes_nothing(pooling, bow):
    model = build_model(20, dataclasses.replace(TINY, pooling=pooling, bow=bow)).eval()
    if bow:
        model.ngrams.weight.data.normal_(generator=rng.torch_gen(1))
    tight, padded = torch.tensor([[2, 3, 4]]), torch.tensor([[2, 3, 4, 0, 0, 0]])
    with torch.no_grad():
        a, b = model(tight, torch.tensor([3])), model(padded, torch.tensor([3]))
    assert torch.allclose(a, b, atol=1e-6)


def test_ngram_ids_mask_only_real_ngrams():
    ids, mask = ngram_ids(torch.tensor([[2, 3, 4, 0]]), torch.tensor([3]), buckets=64)
    assert ids.shape == (1, 12) and mask[0].tolist() == [1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0]
    assert int(ids.min()) >= 1 and int(ids.max()) < 64


def test_same_seed_same_model_and_word_dropout_needs_the_runs_generator():
    a, b = build_model(20, TINY), build_model(20, TINY)
    assert all(torch.equal(p, q) for p, q in zip(a.state_dict().values(), b.state_dict().values()))
    a.train()
    with pytest.raises(RuntimeError, match="generator"):
        a(torch.tensor([[2, 3]]), torch.tensor([2]))
    rng.attach(a, rng.torch_gen(0))
    assert a(torch.tensor([[2, 3]]), torch.tensor([2])).shape == (1, 1)


@pytest.fixture(scope="module")
def small():
    cfg = dataclasses.replace(TINY, tokenizer="syllable")
    vocab = KoVocab.build([Tokenizer("syllable").pieces("지루하지는 않았다 재밌다")], min_freq=1)
    return ko_read.Shipped(build_model(len(vocab), cfg).eval(), Tokenizer("syllable"), vocab, cfg, {})


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("😀😀😀", "emoji"),
        ("the movie was good", "language"),
        ("뷁뷁", "unknown"),
        ("재밌다", None),
    ],
)
def test_unreadable_input_gets_a_reason_not_a_verdict(small, text, reason):
    assert ko_read.read(small, text).unreadable() == reason


def test_reading_gives_one_probability_per_piece_and_marks_unknowns(small):
    reading = ko_read.read(small, "지루하지는 뷁")
    assert len(reading.probabilities) == len(reading.pieces) == 7
    assert reading.known[-1] is False and reading.n_unknown == 1
    full = torch.sigmoid(
        small.model(torch.tensor([small.vocab.encode(list("지루하지는▁"))]), torch.tensor([6]))
    )
    assert reading.probabilities[5] == pytest.approx(
        float(full.detach()), abs=1e-6
    )  # prefix k = model on k pieces


def test_turning_points():
    r = ko_read.KoReading("x", ("a", "b", "c", "d"), (True,) * 4, (0.3, 0.2, 0.7, 0.4), 0)
    assert ko_read.turning_points(r) == [2, 3]


def test_the_character_bag_reads_each_prefix_s_own_characters():
    cfg = dataclasses.replace(TINY, tokenizer="syllable", bow_chars=True)
    vocab = KoVocab.build([Tokenizer("syllable").pieces("지루하지는 않았다")], min_freq=1)
    model = build_model(len(vocab), cfg).eval()
    assert not model.char_ngrams.weight.detach().any()  # it starts silent
    model.char_ngrams.weight.data.normal_(generator=rng.torch_gen(2))
    with pytest.raises(ValueError, match="characters"):
        model(torch.tensor([[2, 3]]), torch.tensor([2]))
    shipped = ko_read.Shipped(model, Tokenizer("syllable"), vocab, cfg, {})
    reading = ko_read.read(shipped, "지루하지는 않았다")
    x = inputs(shipped.tokenizer, vocab, cfg, ["지루하"])
    assert len(x) == 4 and x[2].tolist() == [[ord(c) for c in "지루하"]]
    with torch.no_grad():
        alone = float(torch.sigmoid(model(*x)))
    assert reading.probabilities[2] == pytest.approx(alone, abs=1e-6)  # the prefix, characters and all
