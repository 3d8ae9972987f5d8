import numpy as np
import pytest

from seqcore.figures import gates as fg

TOKENS = ["나는", "좋다", ".", "좋다"]  # a repeated word must stay two steps


def fake_states(T=4, H=3, seed=0):
    rng = np.random.RandomState(seed)
    return {k: rng.rand(T, H) for k in ("i", "f", "g", "o", "c", "h")}


def test_step_labels_keep_repeated_words_apart():
    assert fg.step_labels(TOKENS) == ["1 나는", "2 좋다", "3 .", "4 좋다"]


def test_gate_heatmaps_are_units_by_steps():
    states = fake_states()
    fig = fg.gate_heatmaps(states, TOKENS)
    assert [t.type for t in fig.data] == ["heatmap"] * 3
    assert [t.name for t in fig.data] == ["망각 게이트 f", "입력 게이트 i", "출력 게이트 o"]
    f = fig.data[0]
    assert np.asarray(f.z).shape == (3, 4)  # (H, T)
    assert np.allclose(np.asarray(f.z), states["f"].T)
    assert list(f.x) == fg.step_labels(TOKENS)
    assert (f.zmin, f.zmax) == (0, 1)


def test_gate_mean_bars_average_over_units():
    states = fake_states()
    fig = fg.gate_mean_bars(states, TOKENS)
    assert [t.name for t in fig.data] == ["망각 게이트 f", "입력 게이트 i", "출력 게이트 o"]
    assert np.allclose(fig.data[1].y, states["i"].mean(axis=1))
    assert fig.layout.barmode == "group"


def test_simulation_sits_above_the_real_gates_of_the_same_sentence():
    states = fake_states(T=7)
    fig = fg.simulation_vs_real(states)
    assert "시뮬레이션" in fig.layout.title.text
    steps = ["1 나는", "2 고양이를", "3 좋아한다", "4 .", "5 강아지도", "6 좋다", "7 ."]
    sim = [t for t in fig.data if t.yaxis == "y"]
    real = [t for t in fig.data if t.yaxis == "y2"]
    assert (
        [t.name for t in sim] == [t.name for t in real] == ["망각 게이트 f", "입력 게이트 i", "출력 게이트 o"]
    )
    assert all(list(t.x) == steps for t in fig.data)  # both rows: the lesson's sentence, periods apart
    assert list(sim[0].y) == [0.9, 0.8, 0.7, 0.3, 0.9, 0.8, 0.3]  # the lesson's made-up forget gate
    assert list(sim[1].y) == [0.9, 0.9, 0.8, 0.1, 0.9, 0.8, 0.1]
    assert list(sim[2].y) == [0.5, 0.8, 0.9, 0.2, 0.8, 0.9, 0.2]
    assert np.allclose(real[0].y, states["f"].mean(axis=1))
    assert [bool(t.showlegend) for t in fig.data].count(True) == 3  # one legend entry per gate


def test_simulation_refuses_another_sentence():
    with pytest.raises(ValueError, match="7 steps"):
        fg.simulation_vs_real(fake_states(T=4))


def test_step_labelled_charts_tilt_their_labels():
    states = fake_states()
    assert fg.gate_mean_bars(states, TOKENS).layout.xaxis.tickangle == -40
    assert fg.gate_heatmaps(states, TOKENS).layout.xaxis3.tickangle == -40


@pytest.mark.parametrize("H", [1, 3, 8])
def test_state_lines_one_line_per_unit_and_state(H):
    states = fake_states(H=H)
    fig = fg.state_lines(states, TOKENS)
    assert len(fig.data) == 2 * H
    assert np.allclose(fig.data[0].y, states["c"][:, 0])
    assert np.allclose(fig.data[H].y, states["h"][:, 0])
    assert sum(bool(t.showlegend) for t in fig.data) == H
    # C and h are stacked (one column), so the step labels get the full width
    assert {t.xaxis for t in fig.data} == {"x", "x2"} and fig.layout.xaxis2.domain == fig.layout.xaxis.domain
    assert fig.layout.xaxis2.tickangle == -40
    assert [t.line.color for t in fig.data[:H]] == [
        t.line.color for t in fig.data[H:]
    ]  # same unit, same colour
    assert len({t.line.color for t in fig.data[:H]}) == H


def test_gate_profile_bars():
    profile = {"마침표 .": {"f": 0.2, "i": 0.5, "o": 0.6}, "긍정 단어": {"f": 0.1, "i": 0.9, "o": 0.7}}
    fig = fg.gate_profile_bars(profile)
    assert list(fig.data[0].x) == ["마침표 .", "긍정 단어"]
    assert list(fig.data[0].y) == [0.2, 0.1]


def _band_steps(fig) -> list[int]:
    return [round((s.x0 + s.x1) / 2) for s in fig.layout.shapes if s.name == "step"]


@pytest.mark.parametrize(("name", "bands"), [("gate_mean_bars", 1), ("gate_heatmaps", 3), ("state_lines", 2)])
@pytest.mark.parametrize("step", [0, 2, 3])
def test_sentence_charts_band_the_chosen_step_in_every_subplot(name, bands, step):
    fig = getattr(fg, name)(fake_states(), TOKENS, step=step)
    assert _band_steps(fig) == [step] * bands
    assert fig.layout.meta == {"step": step + 1}
    assert all(s.line.color == "#f9ab00" and s.x1 - s.x0 == 1 for s in fig.layout.shapes)
    # every clickable trace carries the step of each of its points
    clickable = [t for t in fig.data if t.type != "heatmap"]
    assert clickable and all(list(t.customdata)[: len(TOKENS)] == [0, 1, 2, 3] for t in clickable)


@pytest.mark.parametrize("name", ["gate_mean_bars", "gate_heatmaps", "state_lines"])
def test_sentence_charts_without_a_step_have_no_band(name):
    fig = getattr(fg, name)(fake_states(), TOKENS)
    assert _band_steps(fig) == [] and fig.layout.meta is None


def test_gate_heatmaps_with_a_step_hover_through_the_click_layer():
    states = fake_states()
    fig = fg.gate_heatmaps(states, TOKENS, step=1)
    assert [t.type for t in fig.data] == ["heatmap", "scatter"] * 3
    assert fig.data[0].hoverinfo == "skip"
    layer = fig.data[1]  # f's cells: unit u, step t -> its value in the hover text
    assert f"{states['f'][2, 1]:.3f}" in layer.text[1 * 4 + 2]
