import math

import pytest
import torch

from seqcore.lm import metrics


def test_perplexity_by_hand():
    # p(target) = 1/2 at the first step and 1/4 at the second: exp(-(ln 1/2 + ln 1/4) / 2) = sqrt(8)
    logits = torch.log(torch.tensor([[[0.5, 0.25, 0.25], [0.25, 0.25, 0.5]]]))
    targets = torch.tensor([[0, 1]])
    assert metrics.perplexity(logits, targets) == pytest.approx(math.sqrt(8))


def test_an_even_bet_over_k_units_has_perplexity_k():
    logits = torch.zeros(1, 5, 7)
    assert metrics.perplexity(logits, torch.tensor([[0, 3, 6, 2, 5]])) == pytest.approx(7)


def test_unigram_perplexity_bets_by_smoothed_frequency():
    train = torch.tensor([0, 0, 0, 1])  # counts + 1: 4, 2 over 6
    held = torch.tensor([1, 0, 1])  # targets 0, 1
    expected = math.exp(-(math.log(4 / 6) + math.log(2 / 6)) / 2)
    assert metrics.unigram_perplexity(train, held, 2) == pytest.approx(expected)


def test_document_bits_end_at_each_newline():
    nll = torch.tensor([1.0, 1.0, 2.0, 3.0, 5.0]) * math.log(2)
    targets = torch.tensor([4, 9, 5, 9, 4])  # newline id 9: documents end at targets 1 and 3
    assert metrics.doc_bits(nll, targets, 9) == pytest.approx([2.0, 5.0])
    assert metrics.bits_per_char([2.0, 5.0], ["a", "bcd", "cut"]) == pytest.approx(7 / 6)


def test_a_paired_gap_sees_a_steady_difference_and_not_noise():
    docs = ["가나다"] * 50
    a = [10.0 + (i % 3) for i in range(50)]
    gap, lo, hi = metrics.paired_gap(a, [x - 1.0 for x in a], docs)
    assert gap == pytest.approx(0.25) and lo == pytest.approx(0.25) and hi == pytest.approx(0.25)
    b = [x + (1 if i % 2 else -1) for i, x in enumerate(a)]
    gap, lo, hi = metrics.paired_gap(a, b, docs)
    assert lo < 0 < hi


def test_real_word_rate_counts_tokens_of_two_characters_or_more():
    assert metrics.real_word_rate("영화 가 정말 쀍쀍", frozenset({"영화", "정말"})) == pytest.approx(2 / 3)
    assert metrics.real_word_rate("가 나", frozenset()) is None
