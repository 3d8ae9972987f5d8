import itertools

import pytest

from seqcore.basics.shapes import ShapeConfig, build_module, explore_shapes, module_code

GRID = list(itertools.product(["rnn", "lstm", "gru"], [1, 3], [True, False], [True, False]))


@pytest.mark.parametrize(("kind", "layers", "batch_first", "bidirectional"), GRID)
def test_shapes_follow_the_rules(kind, layers, batch_first, bidirectional):
    cfg = ShapeConfig(
        kind=kind,
        batch=3,
        seq_len=4,
        input_size=5,
        hidden_size=6,
        num_layers=layers,
        batch_first=batch_first,
        bidirectional=bidirectional,
    )
    r = explore_shapes(cfg)
    D = 2 if bidirectional else 1
    seq = (3, 4) if batch_first else (4, 3)
    assert r.input_shape == (*seq, 5)
    assert r.outputs_shape == (*seq, 6 * D)
    assert r.h_n_shape == (layers * D, 3, 6)
    assert r.c_n_shape == ((layers * D, 3, 6) if kind == "lstm" else None)
    assert str(r.outputs_shape[-1]) in r.rules["outputs"]


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_lessons_comparison_is_true_for_one_layer(kind):
    r = explore_shapes(ShapeConfig(kind=kind))
    assert r.outputs_shape == (2, 5, 20) and r.h_n_shape == (1, 2, 20)
    assert all(c.value for c in r.checks)
    assert any("h_n.squeeze(0)" in c.expr for c in r.checks)


def test_several_layers_last_step_is_the_last_layer():
    r = explore_shapes(ShapeConfig(num_layers=2))
    by_expr = {c.expr: c.value for c in r.checks}
    assert by_expr["torch.allclose(outputs[:, -1, :], h_n[-1])"] is True
    assert by_expr["torch.allclose(outputs[:, -1, :], h_n[0])"] is False


@pytest.mark.parametrize("batch_first", [True, False])
def test_bidirectional_checks(batch_first):
    r = explore_shapes(ShapeConfig(kind="lstm", bidirectional=True, batch_first=batch_first))
    values = [c.value for c in r.checks]
    assert values == [True, True, False, False]
    assert r.outputs_shape[-1] == 40 and r.h_n_shape == (2, 2, 20)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown recurrent layer"):
        build_module(ShapeConfig(kind="transformer"))


def test_same_seed_same_module():
    a, b = build_module(ShapeConfig(), seed=1), build_module(ShapeConfig(), seed=1)
    assert all((p == q).all() for p, q in zip(a.parameters(), b.parameters()))


# Every option the RNN and bidirectional pages offer, at small sizes (and one time step,
# where the first step is also the last).
CODE_GRID = list(
    itertools.product(["rnn", "lstm", "gru"], [1, 2], [True, False], [True, False], [1, 4], [True, False])
)


@pytest.mark.parametrize(("kind", "layers", "batch_first", "bidirectional", "seq_len", "h0"), CODE_GRID)
def test_every_shown_code_string_runs_and_agrees(kind, layers, batch_first, bidirectional, seq_len, h0):
    cfg = ShapeConfig(kind, 3, seq_len, 5, 6, layers, batch_first, bidirectional)
    report = explore_shapes(cfg)
    code = module_code(cfg, var="layer", with_h0=h0)
    scope: dict = {}
    exec(compile(code, "<shown code>", "exec"), scope)  # the snippet as printed on the page
    assert tuple(scope["outputs"].shape) == report.outputs_shape
    assert tuple(scope["h_n"].shape) == report.h_n_shape
    assert report.code == module_code(cfg)
    exec(compile(report.code, "<report code>", "exec"), scope)
    for check in report.checks:
        shown = eval(compile(check.expr, "<check>", "eval"), scope)  # raises if the slicing is wrong
        assert shown == check.value, check.expr
        assert check.as_expected, check.expr


def test_batch_first_false_slices_time_not_batch():
    r = explore_shapes(ShapeConfig("lstm", batch_first=False, bidirectional=True))
    exprs = [c.expr for c in r.checks]
    assert "torch.allclose(outputs[-1, :, :H], h_n[-2])" in exprs
    assert "torch.allclose(outputs[0, :, H:], h_n[-1])" in exprs


def test_checks_meant_to_be_false_are_marked_as_expected():
    r = explore_shapes(ShapeConfig("rnn", bidirectional=True))
    assert [c.expected for c in r.checks] == [True, True, False, False]
    assert all(c.as_expected for c in r.checks)
