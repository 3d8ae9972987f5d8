import pytest
import torch

from seqcore.basics import gates, step_models, stepper
from seqcore.figures import stepper as fs


def _trace(kind: str, text: str = gates.EXAMPLES[0]) -> stepper.StepTrace:
    torch.manual_seed(0)
    model = (
        gates.GateTagger(len(gates.VOCAB), 8, 8)
        if kind == "lstm"
        else step_models.StepTagger(kind, len(gates.VOCAB), 8, 8)
    )
    return stepper.trace_model(kind, model, text)


def _boxed_steps(fig) -> set[int]:
    return {
        round((s.x0 + s.x1) / 2)
        for s in fig.layout.shapes
        if s.line.color == fs.HIGHLIGHT and s.x1 - s.x0 == pytest.approx(1.0)
    }


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("t", [0, 2, 6])
def test_every_chart_highlights_the_chosen_step(kind, t):
    tr = _trace(kind)
    strips = fs.step_strips(tr, t, unit=3)
    timeline = fs.timeline(tr, t)
    answers = fs.answer_bars(tr, t)
    for fig in (strips, timeline, answers):
        assert fig.layout.meta["step"] == t + 1
    assert f"시점 {t + 1} / {tr.steps}" in strips.layout.title.text
    assert _boxed_steps(timeline) == {t} and _boxed_steps(answers) == {t}
    assert _boxed_steps(strips) == {3}  # the strip chart boxes the chosen unit


def test_strips_show_the_steps_real_vectors_in_the_lessons_order():
    tr = _trace("lstm")
    fig = fs.step_strips(tr, 2, unit=0)
    z = fig.data[0].z
    rows = fs.strip_rows(tr)
    assert rows == ["x", "h_prev", "c_prev", "f", "i", "g", "o", "c", "h"]
    assert list(z[rows.index("f")]) == pytest.approx(tr.values["f"][2].tolist())
    assert list(z[rows.index("h_prev")]) == pytest.approx(tr.values["h"][1].tolist())
    assert "h<sub>2</sub>" in fig.data[0].y[1] and "<sub>3</sub>" in fig.data[0].y[-1]


def test_gru_strips_and_timeline_rows():
    tr = _trace("gru")
    assert fs.strip_rows(tr) == ["x", "h_prev", "r", "z", "n", "h"]
    heatmaps = [t for t in fs.timeline(tr, 0).data if t.type == "heatmap"]
    assert len(heatmaps) == 1
    assert len([t for t in fs.timeline(_trace("lstm"), 0).data if t.type == "heatmap"]) == 2  # h and C


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_timeline_and_answers_can_be_clicked_to_pick_a_step(kind):
    tr = _trace(kind)
    layers = [t for t in fs.timeline(tr, 0).data if t.type == "scatter"]
    assert len(layers) == (2 if kind == "lstm" else 1)
    assert list(layers[0].customdata) == list(range(tr.steps)) * tr.h_prev.shape[1]
    assert all(
        list(b.customdata) == list(range(tr.steps)) for b in fs.answer_bars(tr, 0).data if b.type == "bar"
    )


def test_gru_strips_in_the_lessons_notation_name_z_and_the_candidate_the_lessons_way():
    tr = stepper.in_lesson_notation(_trace("gru"))
    labels = list(fs.step_strips(tr, 1).data[0].y)
    assert "(강의)" in labels[3] and labels[4].startswith("후보 h̃")
    assert list(fs.step_strips(tr, 1).data[0].z[3]) == pytest.approx(tr.values["z"][1].tolist())


def test_learner_text_is_escaped_and_ticks_do_not_collide():
    tr = _trace("rnn", "<b>나는</b> 좋다 . 나는 좋다 .")
    strips, timeline = fs.step_strips(tr, 0), fs.timeline(tr, 0)
    assert "<b>" not in strips.layout.title.text and "&lt;b&gt;" in strips.layout.title.text
    ticks = timeline.layout.xaxis.ticktext
    assert len(set(ticks)) == len(ticks) and timeline.layout.xaxis.tickangle == -45


def test_font_size_is_applied_only_when_asked():
    tr = _trace("rnn")
    assert fs.answer_bars(tr, 0).layout.font.size is None
    assert fs.answer_bars(tr, 0, font_size=20).layout.font.size == 20


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_step_figures_moved_in_place_equal_freshly_built_ones(kind):
    tr = _trace(kind)
    figs = fs.StepFigures(tr, font_size=20)
    for t, unit in [(3, 1), (0, 5), (tr.steps - 1, 0)]:
        moved = figs.at(t, unit)
        fresh = (fs.step_strips(tr, t, unit, 20), fs.timeline(tr, t, 20), fs.answer_bars(tr, t, 20))
        for a, b in zip(moved, fresh):
            assert a.to_dict() == b.to_dict()
