import pytest
import torch

from seqcore.basics.birnn import (
    BLANK_SENTENCE,
    BiLSTMClassifier,
    direction_reach,
    run_classifier,
)
from seqcore.basics.shapes import ShapeConfig, explore_shapes
from seqcore.figures.basics import direction_reach as reach_figure


def test_lesson_classifier_output_shape():
    torch.manual_seed(0)
    model = BiLSTMClassifier(10, 20, 3)
    assert model(torch.randn(4, 5, 10)).shape == (4, 3)
    assert model.fc.in_features == 40


@pytest.mark.parametrize("batch, hidden, classes", [(4, 20, 3), (1, 1, 2), (32, 64, 10)])
def test_run_classifier_shapes_and_checks(batch, hidden, classes):
    r = run_classifier(batch=batch, hidden_size=hidden, num_classes=classes)
    assert r.outputs_shape == (batch, 5, 2 * hidden)
    assert r.h_n_shape == (2, batch, hidden)
    assert r.hidden_shape == (batch, 2 * hidden)
    assert r.logits_shape == (batch, classes)
    assert r.hidden_matches_outputs is True
    assert r.last_step_matches is False
    lstm = 2 * 4 * hidden * (10 + hidden + 2)
    assert r.n_params == lstm + 2 * hidden * classes + classes


@pytest.mark.parametrize("changed", range(len(BLANK_SENTENCE)))
def test_each_direction_sees_only_its_side(changed):
    r = direction_reach(changed=changed)
    T = len(BLANK_SENTENCE)
    for t in range(T):
        assert (r.forward[t] > 0) == (t >= changed)  # forward at t has read 0..t
        assert (r.backward[t] > 0) == (t <= changed)  # backward at t has read t..T-1
    spec = reach_figure(r)
    assert {row["series"] for row in spec["data"]["values"]} == {
        "순방향 (→) 출력 변화",
        "역방향 (←) 출력 변화",
    }
    assert len(spec["data"]["values"]) == 2 * T and BLANK_SENTENCE[changed] in spec["title"]["text"][0]


def test_the_blank_needs_the_backward_direction():
    r = direction_reach(changed=-1)  # change '달콤했다.'
    assert r.forward[1] == 0 and r.backward[1] > 0


@pytest.mark.parametrize("layers", [1, 2, 3])
def test_shared_explorer_forward_backward_checks(layers):
    rep = explore_shapes(ShapeConfig("lstm", 2, 5, 10, 20, layers, True, True))
    assert rep.outputs_shape == (2, 5, 40) and rep.h_n_shape == (2 * layers, 2, 20)
    values = {c.expr: c.value for c in rep.checks}
    assert values["torch.allclose(outputs[:, -1, :H], h_n[-2])"] is True
    assert values["torch.allclose(outputs[:, 0, H:], h_n[-1])"] is True
    assert values["torch.allclose(outputs[:, -1, H:], h_n[-1])"] is False


@pytest.mark.slow  # trains a one- and a two-way GRU
def test_a_bidirectional_model_scores_impossibly_on_next_step_prediction():
    from seqcore.basics.birnn import LeakConfig, leak_summary, next_step_windows, run_leak_experiment

    x, y = next_step_windows(torch.arange(10.0), 3)
    assert x.shape == (7, 3, 1) and torch.equal(y[0], torch.tensor([1.0, 2.0, 3.0]))
    res = run_leak_experiment(LeakConfig(epochs=80))
    bi, uni = res.peek_mse["양방향 GRU"], res.peek_mse["단방향 GRU"]
    assert bi < res.noise_floor < uni  # below what any honest predictor can reach
    assert res.honest_mse["양방향 GRU"] > res.honest_mse["단방향 GRU"]  # without the future it loses
    assert "불가능한 하한" in leak_summary(res)


def test_one_way_model_is_causal_and_two_way_is_not():
    from seqcore.basics.birnn import NextStepRNN

    x = torch.randn(3, 8, 1)
    for bi, causal in ((False, True), (True, False)):
        torch.manual_seed(0)
        model = NextStepRNN(4, bi).eval()
        with torch.no_grad():
            full = model(x)[:, 3]  # the prediction at t=3 with the whole window given
            past = model(x[:, :4])[:, -1]  # the same step with only x_0..x_3 given
        assert torch.allclose(full, past, atol=1e-6) == causal
