import json

import pytest
from apphelp import open_page

PAGE = "pages/gru.py"


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def all_text(at):
    parts = [m.value for m in at.markdown] + [c.value for c in at.code] + [c.value for c in at.caption]
    parts += [i.value for i in at.info]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE)


def test_defaults_render_equations_shapes_scratch_and_table(at):
    assert not at.exception
    assert at.title[0].value.startswith("1.5 GRU")
    text = all_text(at)
    assert len(at.get("latex")) >= 6
    assert "z의 뜻이 서로 반대예요" in text
    assert "outputs: torch.Size([2, 5, 20])" in text and "h_n: torch.Size([1, 2, 20])" in text
    assert "torch.allclose(outputs, scratch_outputs)  # True" in text
    assert "를 넣으면 torch와 같음: True" in text
    assert "를 그대로 넣으면: False" in text
    assert "r, z, n" in text
    assert "| 게이트 수 | 3개 (Forget, Input, Output) | 2개 (Reset, Update) |" in text


def test_parameter_counts_match_the_lesson(at):
    table = at.dataframe[0].value
    assert list(table["모델"]) == ["RNN", "LSTM", "GRU"]
    assert list(table["count_params(실제 모듈)"]) == ["91,648", "366,592", "274,944"]
    assert list(table["공식 합계"]) == ["91,648", "366,592", "274,944"]
    assert all(table["일치"])
    bars = next(f for f in charts(at) if f["layout"]["title"]["text"] == "파라미터 수 비교")
    assert len(bars["data"]) == 2


def test_comparison_runs_behind_the_button_and_text_follows_the_result(at):
    at.button(key="gru_cmp_run").click().run()
    assert not at.exception
    curves = next(f for f in charts(at) if "학습 곡선" in f["layout"]["title"]["text"])
    assert [t["name"] for t in curves["data"]] == ["RNN", "LSTM", "GRU"]
    times = next(f for f in charts(at) if f["layout"]["title"]["text"] == "측정한 학습 시간")
    assert [t for t in times["data"][0]["x"]] == ["RNN", "LSTM", "GRU"]
    table = at.dataframe[-1].value
    assert list(table["파라미터"]) == ["1,153", "4,513", "3,393"]
    # The lesson's run (seed 42): GRU 0.00505 < RNN 0.00608 < LSTM 0.00722, computed live.
    assert list(table["최종 loss"]) == ["0.00608", "0.00722", "0.00505"]
    ranking = next(m.value for m in at.markdown if m.value.startswith("최종 loss 순위"))
    assert "**GRU** (0.0051) < **RNN** (0.0061) < **LSTM** (0.0072)" in ranking
    assert "평범한 RNN이 LSTM보다 최종 loss가 낮아요" in ranking
    at.run()  # a rerun keeps the cached result without a click
    assert any("학습 곡선" in f["layout"]["title"]["text"] for f in charts(at))


@pytest.mark.parametrize("end", ["min", "max"])
def test_controls_at_their_extremes(at, end):
    for key in ("gru_batch", "gru_seq_len", "gru_input", "gru_hidden"):
        slider = at.slider(key=key)
        slider.set_value(slider.min if end == "min" else slider.max)
    for key in ("gru_param_input", "gru_param_hidden", "gru_param_layers"):
        box = at.number_input(key=key)
        box.set_value(box.min if end == "min" else box.max)
    at.run()
    assert not at.exception
    assert "torch.allclose(outputs, scratch_outputs)  # True" in all_text(at)
    assert all(at.dataframe[0].value["일치"])


@pytest.mark.parametrize(("epochs", "hidden"), [(10, 64), (100, 8)])  # each end once, kept cheap
def test_comparison_controls_at_their_extremes(epochs, hidden):
    at = open_page(PAGE)
    at.slider(key="gru_cmp_epochs").set_value(epochs)
    at.select_slider(key="gru_cmp_hidden").set_value(hidden)
    at.button(key="gru_cmp_run").click().run()
    assert not at.exception
    curves = next(f for f in charts(at) if "학습 곡선" in f["layout"]["title"]["text"])
    assert len(curves["data"][0]["y"]) == epochs
    assert list(at.dataframe[-1].value["모델"]) == ["RNN", "LSTM", "GRU"]
