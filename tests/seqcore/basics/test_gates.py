import numpy as np
import pytest
import torch

from seqcore.basics import gates
from seqcore.basics.gates import (
    EXAMPLES,
    MAX_TOKENS,
    EmptyInputError,
    GateTaskConfig,
    make_dataset,
    parse,
    scratch_check,
    tag_targets,
    trace,
    train_gate_model,
)


@pytest.fixture(scope="module")
def trained():
    return train_gate_model(GateTaskConfig())


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["나는", "고양이를", "좋아한다", ".", "강아지도", "좋다", "."], [0, 0, 1, 0, 0, 1, 0]),
        (["싫다", "나는", "좋다", "오늘"], [2, 2, 1, 1]),
        ([".", ".", "별로다", "."], [0, 0, 2, 0]),
        (["<UNK>", "정말"], [0, 0]),
    ],
)
def test_tag_targets_reset_at_the_period(tokens, expected):
    assert tag_targets(tokens) == expected


@pytest.mark.parametrize(
    ("text", "tokens", "unknown"),
    [
        (
            "나는 고양이를 좋아한다. 강아지도 좋다.",
            ["나는", "고양이를", "좋아한다", ".", "강아지도", "좋다", "."],
            [],
        ),
        ("강아지는 정말 좋다!", ["강아지는", "정말", "좋다", "."], ["강아지는"]),
        ("  싫다,  좋다?? ", ["싫다", "좋다", "."], []),
    ],
)
def test_parse_splits_periods_and_marks_unknown_words(text, tokens, unknown):
    parsed = parse(text)
    assert parsed.tokens == tokens
    assert parsed.unknown == unknown
    assert parsed.ids[tokens.index(tokens[0])] == gates.VOCAB.get(tokens[0], gates.VOCAB["<UNK>"])
    assert not parsed.truncated


@pytest.mark.parametrize("text", ["", "   ", ",,", "\n\t", None])
def test_parse_refuses_empty_input_in_korean(text):
    with pytest.raises(EmptyInputError, match="문장이 비어 있어요"):
        parse(text)


def test_parse_reads_a_lone_period():
    assert parse("...").tokens == ["."]


def test_parse_cuts_long_input():
    parsed = parse("좋다 " * 100)
    assert parsed.truncated and len(parsed.tokens) == MAX_TOKENS


def test_dataset_is_seeded_and_labelled():
    ids, labels = make_dataset(8, 20, seed=3)
    ids2, labels2 = make_dataset(8, 20, seed=3)
    assert ids.shape == labels.shape == (8, 20)
    assert torch.equal(ids, ids2) and torch.equal(labels, labels2)
    assert not torch.equal(ids, make_dataset(8, 20, seed=4)[0])
    assert ((labels == 0) | (ids != gates.VOCAB["."])).all()  # a period always resets


def test_trained_model_solves_the_task(trained):
    assert trained.val_accuracy > 0.97
    assert trained.period_accuracy > 0.97
    assert trained.train_loss[-1] < trained.train_loss[0] / 10
    assert set(trained.profile) == {"마침표 .", "긍정 단어", "부정 단어", "그 밖의 단어"}
    for means in trained.profile.values():
        assert all(0 < v < 1 for v in means.values())


@pytest.mark.parametrize("text", [*EXAMPLES, "강아지는 정말 좋다", "좋다 " * 60])
def test_trace_runs_the_trained_lstm_through_the_scratch_cell(trained, text):
    tr = trace(trained, text)
    T, H = len(tr.parsed.tokens), trained.config.hidden_size
    assert tr.matches_torch and tr.max_abs_diff < 1e-5
    for key in ("i", "f", "g", "o", "c", "h"):
        assert tr.states[key].shape == (T, H)
    for key in ("i", "f", "o"):
        assert ((tr.states[key] > 0) & (tr.states[key] < 1)).all()
    assert np.allclose(tr.probs.sum(axis=1), 1, atol=1e-5)
    assert tr.probs.shape == (T, 3)


def test_trace_answers_the_lessons_sentence(trained):
    tr = trace(trained, EXAMPLES[1])
    assert list(tr.probs.argmax(axis=1)) == tr.truth


def test_same_config_same_model():
    cfg = GateTaskConfig(epochs=3, n_train=16, n_val=8)
    assert train_gate_model(cfg).train_loss == train_gate_model(cfg).train_loss


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize(("B", "T", "I", "H"), [(1, 1, 1, 1), (2, 5, 10, 20), (4, 12, 3, 7), (3, 30, 16, 64)])
def test_scratch_check_matches_torch(kind, B, T, I, H):
    check = scratch_check(kind, B, T, I, H, seed=B + T)
    assert check.outputs_close and check.h_close
    assert check.max_abs_diff < 1e-5
    gates_n = 4 if kind == "lstm" else 3
    assert check.weight_shapes["weight_ih_l0"] == (gates_n * H, I)
    assert check.weight_shapes["weight_hh_l0"] == (gates_n * H, H)
    if kind == "lstm":
        assert check.c_close is True and check.block_names == ("i", "f", "g", "o")
    else:
        assert check.c_close is None and check.block_names == ("r", "z", "n")


def test_trace_rows_one_per_step(trained):
    tr = trace(trained, "강아지는 좋다.")
    rows = gates.trace_rows(tr)
    assert [r["단어"] for r in rows] == ["강아지는 (<UNK>)", "좋다", "."]
    assert [r["정답"] for r in rows] == ["없음", "긍정", "없음"]
    assert rows[1]["f 평균"] == round(float(tr.states["f"][1].mean()), 3)
    assert all(0 < r["확률"] <= 1 for r in rows)


# --- the cell-state path: dC_T/dC_0 along C is the product of the forget gates ---


@pytest.fixture(scope="module")
def decay():
    return gates.forget_gate_decay(gates.ForgetDecayConfig(seq_len=30, biases=(0.0, 1.0, 2.0, 4.0)))


def test_forget_gate_and_gradient_grow_with_the_forget_bias(decay):
    assert [d.bias for d in decay] == [0.0, 1.0, 2.0, 4.0]
    for a, b in zip(decay, decay[1:]):
        assert b.mean_forget > a.mean_forget
        assert b.cell_path > a.cell_path
        assert b.autograd > a.autograd
    # PyTorch's default init puts f near sigmoid(0) = 0.5, so 30 steps shrink the path below 1e-6.
    assert 0.4 < decay[0].mean_forget < 0.6
    assert decay[0].cell_path < 1e-6 < decay[-1].cell_path


def test_cell_path_is_the_product_of_the_real_forget_gates():
    # One step from C_0: dC_1/dC_0 = f_1, and autograd through nn.LSTM (no h path yet) says so too.
    (d,) = gates.forget_gate_decay(gates.ForgetDecayConfig(seq_len=1, biases=(1.0,)))
    assert d.cell_path == pytest.approx(d.mean_forget, rel=1e-6)
    assert d.autograd == pytest.approx(d.mean_forget, rel=1e-5)


def test_gradient_shrinks_with_length():
    short, long = (
        gates.forget_gate_decay(gates.ForgetDecayConfig(seq_len=T, biases=(0.0,)))[0] for T in (5, 60)
    )
    assert long.cell_path < short.cell_path * 1e-6


def test_decay_summary_says_alleviates_not_solves(decay):
    text = gates.forget_decay_summary(decay, 30)
    assert "완화" in text and "30단계" in text
    assert f"{decay[0].cell_path:.1e}" in text and f"{decay[-1].cell_path:.1e}" in text


def test_profile_summary_orders_kinds_by_forget_gate():
    text = gates.profile_summary({"a": {"f": 0.9}, "b": {"f": 0.2}, "c": {"f": 0.5}})
    assert text.index("**b**") < text.index("**c**") < text.index("**a**")


def test_prewarm_entry_is_the_pages_default():
    ((store, trainer, cfg),) = gates.DEFAULT_RUNS
    assert store is gates.GATES_STORE and trainer is train_gate_model and cfg == GateTaskConfig()
