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


def test_trace_rows_one_per_step(trained):
    tr = trace(trained, "강아지는 좋다.")
    rows = gates.trace_rows(tr)
    assert [r["단어"] for r in rows] == ["강아지는 (<UNK>)", "좋다", "."]
    assert [r["정답"] for r in rows] == ["없음", "긍정", "없음"]
    assert rows[1]["f 평균"] == round(float(tr.states["f"][1].mean()), 3)
    assert all(0 < r["확률"] <= 1 for r in rows)


def test_profile_summary_orders_kinds_by_forget_gate():
    text = gates.profile_summary({"a": {"f": 0.9}, "b": {"f": 0.2}, "c": {"f": 0.5}})
    assert text.index("**b**") < text.index("**c**") < text.index("**a**")


def test_prewarm_entry_is_the_pages_default():
    ((store, trainer, cfg),) = gates.DEFAULT_RUNS
    assert store is gates.GATES_STORE and trainer is train_gate_model and cfg == GateTaskConfig()
