import numpy as np
import pytest
import torch

from seqcore.basics.order import (
    MAX_WORDS,
    SENTENCE_A,
    SENTENCE_B,
    compare_orders,
    dnn_concat_example,
    rearrange,
    split_particle,
    tokenize,
    word_vector,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SENTENCE_A, ["고양이", "가", "쥐", "를", "쫓는다"]),
        (SENTENCE_B, ["쥐", "가", "고양이", "를", "쫓는다"]),
        ("", []),
        ("   \n\t ", []),
        ("안녕", ["안녕"]),
        ("not good", ["not", "good"]),
        ("😀 고양이가 cat 猫", ["😀", "고양이", "가", "cat", "猫"]),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text).tokens == expected


def test_tokenize_cuts_long_input():
    result = tokenize("단어 " * 300)
    assert len(result.tokens) == MAX_WORDS
    assert result.truncated and result.total == 300


@pytest.mark.parametrize(
    ("word", "pieces"), [("고양이가", ["고양이", "가"]), ("가", ["가"]), ("cat가", ["cat가"])]
)
def test_split_particle(word, pieces):
    assert split_particle(word) == pieces


@pytest.mark.parametrize("how", ["reverse", "shuffle"])
@pytest.mark.parametrize("tokens", [["a", "b", "c"], ["고양이", "가", "쥐", "를", "쫓는다"]])
def test_rearrange_keeps_the_words_and_changes_the_order(how, tokens):
    out = rearrange(tokens, how, seed=3)
    assert sorted(out) == sorted(tokens)
    assert out != tokens


def test_rearrange_rejects_unknown_mode():
    with pytest.raises(ValueError, match="reverse"):
        rearrange(["a"], "sort")


def test_word_vector_is_fixed_per_word_and_seed():
    assert np.array_equal(word_vector("쥐", 8, 1), word_vector("쥐", 8, 1))
    assert not np.array_equal(word_vector("쥐", 8, 1), word_vector("쥐", 8, 2))
    assert not np.array_equal(word_vector("쥐", 8, 1), word_vector("고양이", 8, 1))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (SENTENCE_A, SENTENCE_B),
        ("not good", "good not"),
        ("😀 cat 猫 고양이", "猫 고양이 😀 cat"),
    ],
)
def test_order_blind_representations_agree_but_rnn_differs(a, b):
    comp = compare_orders(tokenize(a).tokens, tokenize(b).tokens, dim=8, hidden=16, seed=42)
    assert comp.same_words and comp.bow_equal and comp.mean_equal
    assert not comp.h_equal and comp.h_distance > 1e-3
    assert comp.h_a.shape == (16,) and comp.h_steps_a.shape == (len(comp.tokens_a), 16)


def test_different_words_give_different_bags():
    comp = compare_orders(["a", "b"], ["a", "c"])
    assert not comp.same_words and not comp.bow_equal and not comp.mean_equal


def test_rnn_hidden_state_is_the_real_nn_rnn():
    comp = compare_orders(["x", "y"], ["y", "x"], dim=4, hidden=3, seed=5)
    torch.manual_seed(5)
    rnn = torch.nn.RNN(4, 3, batch_first=True)
    from seqcore.basics.order import embed

    _, h = rnn(torch.from_numpy(embed(["x", "y"], 4, 5))[None])
    assert np.allclose(comp.h_a, h[0, 0].detach().numpy())


@pytest.mark.parametrize(("a", "b"), [([], ["a"]), (["a"], [])])
def test_empty_sentence_is_an_error(a, b):
    with pytest.raises(ValueError, match="at least one token"):
        compare_orders(a, b)


def test_dnn_concat_example_matches_the_lesson():
    ex = dnn_concat_example()
    assert ex["concat_not_good"].tolist() == [-0.5, 0.3, 0.8, 0.1]
    assert ex["concat_good_not"].tolist() == [0.8, 0.1, -0.5, 0.3]
    assert np.allclose(ex["mean_not_good"], ex["mean_good_not"])
