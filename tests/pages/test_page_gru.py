import json

import pytest
from apphelp import open_page, open_part
from predictkit import reveal, revealed_answer

from seqcore.basics import compare, gru_forms, gru_table

PAGE = "pages/gru.py"
PART = "gru_part"
PARTS = ["두 게이트", "nn.GRU와 밑바닥 셀", "한 시점씩 읽기", "파라미터 수", "LSTM과 비교"]
GUESS = "gru_guess"


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def title(fig):
    return fig["layout"].get("title", {}).get("text", "")


def all_text(at):
    parts = [m.value for m in at.markdown] + [c.value for c in at.code] + [c.value for c in at.caption]
    parts += [i.value for i in at.info]
    return "\n".join(parts)


def table_with(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def headers(at):
    return [h.value for h in at.header]


@pytest.fixture
def at():
    return open_page(PAGE)


def test_only_the_first_part_is_drawn_and_its_button_opens_the_next():
    page = open_page(PAGE)
    assert not page.exception
    assert [t.label for t in page.tabs] == PARTS
    assert headers(page) == ["GRU의 2가지 게이트"]
    assert [s.value for s in page.subheader] == ["두 표기는 같은 셀일까요?"]
    assert not page.get("plotly_chart") and not page.dataframe  # the later parts' charts and tables
    assert "torch.allclose(outputs, scratch_outputs)" not in all_text(page)
    page.button(key="gru_part_next").click().run()
    assert not page.exception
    assert headers(page) == ["PyTorch nn.GRU 사용법", "밑바닥부터 만든 GRU 셀"]
    assert page.query_params[PART] == "nn.GRU와 밑바닥 셀"


def test_a_link_opens_a_later_part():
    page = open_page(PAGE, query={PART: "파라미터 수", "gru_param_layers": "2"})
    assert not page.exception
    assert headers(page) == ["파라미터 수 비교"]
    assert page.number_input(key="gru_param_layers").value == 2
    assert not page.get("graphviz_chart")  # the gates part's diagram is not drawn


@pytest.mark.parametrize(("notation", "lesson"), [("lesson", True), ("pytorch", False)])
def test_the_step_through_starts_in_the_notation_chosen(notation, lesson):
    # The notation radio is in the '두 게이트' part; the step-through's switch starts where it was left.
    page = open_page(PAGE, timeout=180)
    page.radio(key="gru_notation").set_value(notation).run()
    open_part(page, PART, "한 시점씩 읽기")
    assert not page.exception
    assert headers(page) == ["GRU가 문장을 읽는 모습: 한 시점씩"]
    assert not page.radio  # one control for the notation in this part: the switch
    assert page.toggle(key="gru_step_lesson").value is lesson


def test_a_link_sets_the_step_throughs_notation_switch():
    page = open_page(PAGE, timeout=180, query={PART: "한 시점씩 읽기", "gru_step_lesson": "false"})
    assert not page.exception
    assert page.toggle(key="gru_step_lesson").value is False


def test_defaults_render_equations_shapes_scratch_and_table(at):
    assert not at.exception
    assert at.title[0].value.startswith("1.5 GRU")
    latex = len(at.get("latex"))  # r, z, the candidate, h_t in one notation
    text = []
    for label in PARTS[1:]:  # the parts after the first, each opened as a learner would
        open_part(at, PART, label)
        if label == "파라미터 수":
            reveal(at, GUESS, "274944")
        assert not at.exception
        latex += len(at.get("latex")) if label == "파라미터 수" else 0  # the parameter formula
        text.append(all_text(at))
    text = "\n".join(text)
    assert latex >= 5
    assert "outputs: torch.Size([2, 5, 20])" in text and "h_n: torch.Size([1, 2, 20])" in text
    assert "torch.allclose(outputs, scratch_outputs)  # True" in text
    assert "r, z, n" in text
    # The lesson's own table, row by row as the module holds it (with or without the measured column).
    shown = next(m.value for m in at.markdown if m.value.startswith("| 구분 |"))
    assert all("| " + " | ".join(row.values()) + " |" in shown for row in gru_table.lesson_table())
    assert "Chung et al. (2014" in text and "Greff et al. (2017" in text


def test_both_gru_forms_run_side_by_side_and_differ(at):
    open_part(at, PART, "두 게이트")
    code = next(c.value for c in at.code if "lesson_form, gru_outputs" in c.value)
    assert "torch.allclose(pytorch_form, gru_outputs)  # True" in code
    assert "torch.allclose(lesson_form, gru_outputs)   # False" in code
    diffs = [float(v) for v in code.split("시점별 최대 차이: ")[1].split(", ")]
    assert len(diffs) == 6 and max(diffs) > 0.05
    summary = next(m.value for m in at.markdown if "같은 셀이 아니라" in m.value)
    assert f"{max(diffs):.3f}" in summary
    assert "같은 셀이고" not in all_text(at)  # the lesson's claim is no longer repeated


@pytest.mark.parametrize(
    ("notation", "formula", "code", "node"),
    [
        ("lesson", r"\tilde{h}_t", "def lesson_step", "새 정보의 비율"),
        ("pytorch", "n_t =", "def pytorch_step", "이전 상태의 비율"),
    ],
)
def test_one_notation_switches_formula_diagram_and_code_together(notation, formula, code, node):
    # A bound radio with format_func carries the shown label in the URL: ?gru_notation=PyTorch 표기
    page = open_page(PAGE, query={"gru_notation": gru_forms.NOTATIONS[notation]})
    assert not page.exception
    assert page.radio(key="gru_notation").value == notation
    latex = "\n".join(x.proto.body for x in page.get("latex") if hasattr(x, "proto"))
    assert formula in latex
    other = "n_t =" if notation == "lesson" else r"\tilde{h}_t"
    assert other not in latex
    assert any(c.value.startswith(code) for c in page.code)
    dot = "\n".join(g.proto.spec for g in page.get("graphviz_chart"))
    assert node in dot and ("행렬곱 전에" in dot) == (notation == "lesson")


def test_parameter_counts_match_the_lesson(at):
    open_part(at, PART, "파라미터 수")
    reveal(at, GUESS, "196,608")  # the lesson's table's 3·hidden², without the input weights and biases
    assert revealed_answer(at) == "274,944" and any("예상과 달라요" in w.value for w in at.warning)
    table = table_with(at, "공식 합계")
    assert list(table["모델"]) == ["RNN", "LSTM", "GRU"]
    assert list(table["count_params(실제 모듈)"]) == ["91,648", "366,592", "274,944"]
    assert list(table["공식 합계"]) == ["91,648", "366,592", "274,944"]
    assert all(table["일치"])
    bars = next(f for f in charts(at) if title(f) == "파라미터 수 비교")
    assert len(bars["data"]) == 2


def test_comparison_runs_behind_the_button_and_text_follows_the_result(at):
    open_part(at, PART, "LSTM과 비교")
    at.button(key="gru_cmp_run").click().run()
    assert not at.exception
    curves = next(f for f in charts(at) if "학습 곡선" in title(f))
    assert [t["name"] for t in curves["data"]] == ["RNN", "LSTM", "GRU"]
    times = next(f for f in charts(at) if title(f) == "측정한 학습 시간")
    assert [t for t in times["data"][0]["x"]] == ["RNN", "LSTM", "GRU"]
    table = at.dataframe[-1].value
    assert list(table["파라미터"]) == ["1,153", "4,513", "3,393"]
    # The table and the ranking sentence come from the same live run: whatever the BLAS, the
    # losses are small positive numbers, the sentence orders the models by them, and its verdict
    # about the plain RNN follows that order (the lesson's run, seed 42, gives GRU < RNN < LSTM).
    losses = {m: float(v) for m, v in zip(table["모델"], table["최종 손실"])}
    assert all(0 < v < 0.05 for v in losses.values())
    order = sorted(losses, key=losses.get)
    ranking = next(m.value for m in at.markdown if m.value.startswith("최종 손실 순위"))
    assert all(ranking.index(f"**{a}**") < ranking.index(f"**{b}**") for a, b in zip(order, order[1:]))
    beaten = order[order.index("RNN") + 1 :]
    if beaten:
        assert compare.RNN_BEATS.format(beaten="·".join(beaten)) in ranking
    else:  # the table rounds to 5 decimals: the ratio's first decimal may round either way
        gap = losses["RNN"] / losses[order[0]]
        assert any(
            compare.RNN_LAST.format(best=order[0], gap=g) in ranking for g in (gap * 0.995, gap, gap * 1.005)
        )
    at.run()  # a rerun keeps the cached result without a click
    assert any("학습 곡선" in title(f) for f in charts(at))


@pytest.mark.parametrize("end", ["min", "max"])
def test_controls_at_their_extremes(at, end):
    open_part(at, PART, "nn.GRU와 밑바닥 셀")
    for key in ("gru_batch", "gru_seq_len", "gru_input", "gru_hidden"):
        slider = at.slider(key=key)
        slider.set_value(slider.min if end == "min" else slider.max)
    at.run()
    assert not at.exception
    assert "torch.allclose(outputs, scratch_outputs)  # True" in all_text(at)
    open_part(at, PART, "파라미터 수")
    for key in ("gru_param_input", "gru_param_hidden", "gru_param_layers"):
        box = at.number_input(key=key)
        box.set_value(box.min if end == "min" else box.max)
    at.run()
    reveal(at, GUESS)
    assert not at.exception
    assert all(table_with(at, "공식 합계")["일치"])


@pytest.mark.parametrize(("epochs", "hidden"), [(10, 64), (100, 8)])  # each end once, kept cheap
def test_comparison_controls_at_their_extremes(epochs, hidden):
    at = open_page(PAGE, query={PART: "LSTM과 비교"})
    at.slider(key="gru_cmp_epochs").set_value(epochs)
    at.select_slider(key="gru_cmp_hidden").set_value(hidden)
    at.button(key="gru_cmp_run").click().run()
    assert not at.exception
    curves = next(f for f in charts(at) if "학습 곡선" in title(f))
    assert len(curves["data"][0]["y"]) == epochs
    assert list(at.dataframe[-1].value["모델"]) == ["RNN", "LSTM", "GRU"]


def test_table_is_annotated_with_numbers_measured_here(at):
    open_part(at, PART, "LSTM과 비교")
    at.button(key="gru_table_run").click().run()
    assert not at.exception
    table = next(m.value for m in at.markdown if "| 이 앱에서 잰 값 (LSTM / GRU) |" in m.value)
    notes = [line.rsplit(" | ", 1)[1] for line in table.splitlines()[2:]]
    assert len(notes) == 6
    assert "262,144 / 196,608" in notes[2] and "366,592 / 274,944" in notes[2]
    assert " ms / " in notes[3] and "스레드" in notes[3]
    assert "테스트 정확도" in notes[4] and "길이 30" in notes[4]
    # The verdict: the table's formula (4·hidden²) against the real module's count, for LSTM.
    assert any("(262,144 vs 366,592)" in m.value for m in at.markdown)


def test_inputs_are_bound_to_the_url():
    # one link per part: each part draws (and reads) only its own settings
    page = open_page(PAGE, query={PART: "nn.GRU와 밑바닥 셀", "gru_batch": "3"})
    assert not page.exception
    assert page.slider(key="gru_batch").value == 3
    assert "h_n: torch.Size([1, 3, 20])" in next(c.value for c in page.code if "GRU 출력" in c.value)
    page = open_page(PAGE, query={PART: "파라미터 수", "gru_param_hidden": "64"})
    assert not page.exception
    assert page.number_input(key="gru_param_hidden").value == 64
    page = open_page(PAGE, query={PART: "LSTM과 비교", "gru_cmp_epochs": "20"})
    assert not page.exception
    assert page.slider(key="gru_cmp_epochs").value == 20
