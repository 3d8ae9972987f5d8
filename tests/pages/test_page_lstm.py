import json

import pytest
from apphelp import open_page

PAGE = "pages/lstm.py"


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def z_shape(trace):
    """(rows, cols) of a heatmap's z, whether plotly sent it as lists or as typed bytes."""
    z = trace["z"]
    if isinstance(z, dict):
        return tuple(int(n) for n in z["shape"].split(","))
    return len(z), len(z[0])


def all_text(at):
    parts = [m.value for m in at.markdown] + [c.value for c in at.code] + [c.value for c in at.caption]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE)


def test_defaults_render_equations_shapes_and_scratch_check(at):
    assert not at.exception
    assert at.title[0].value.startswith("1.4 LSTM")
    text = all_text(at)
    assert "셀 상태 고속도로" in [s.value for s in at.subheader]
    assert "덧셈/곱셈만" in text
    assert len(at.get("latex")) >= 6
    assert "outputs: torch.Size([2, 5, 20])" in text and "c_n: torch.Size([1, 2, 20])" in text
    assert "torch.allclose(outputs, scratch_outputs)  # True" in text
    assert "torch.allclose(c_n[0], scratch_c)         # True" in text
    assert "i → f → g → o" in text


def test_defaults_show_real_gates_next_to_the_simulation(at):
    figs = charts(at)
    titles = [f["layout"]["title"]["text"] for f in figs]
    assert any("시뮬레이션" in t for t in titles)
    heatmap = next(f for f in figs if f["data"][0]["type"] == "heatmap")
    assert len(heatmap["data"]) == 3
    assert z_shape(heatmap["data"][0]) == (8, 7)  # hidden units x the lesson's 7 steps
    assert "# True" in next(c.value for c in at.code if "ScratchLSTM.from_torch(model.lstm)" in c.value)
    accuracy = at.metric[0].value
    assert accuracy.endswith("%") and float(accuracy[:-1]) > 95
    table = at.dataframe[-1].value
    assert list(table["단어"]) == ["나는", "고양이를", "좋아한다", ".", "강아지도", "좋다", "."]
    assert list(table["정답"]) == list(table["모델 답"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "문장이 비어 있어요"),
        ("강아지는 정말 좋다.", "모르는 단어는 <UNK>로 읽어요: 강아지는"),
        ("좋다 " * 80, "앞의 40개 단어만"),
    ],
)
def test_own_sentence_bad_input_gets_a_korean_message(at, text, message):
    at.selectbox(key="lstm_gate_pick").set_value("직접 입력").run()
    at.text_input(key="lstm_gate_text").input(text).run()
    assert not at.exception
    shown = [w.value for w in at.warning] + [i.value for i in at.info]
    assert any(message in s for s in shown)


@pytest.mark.parametrize("end", ["min", "max"])
def test_controls_at_their_extremes(at, end):
    for key in ("lstm_batch", "lstm_seq_len", "lstm_input", "lstm_hidden", "lstm_layers", "lstm_gate_epochs"):
        slider = at.slider(key=key)
        slider.set_value(slider.min if end == "min" else slider.max)
    units = at.select_slider(key="lstm_gate_hidden")
    units.set_value(units.options[0] if end == "min" else units.options[-1])
    at.selectbox(key="lstm_gate_pick").set_value(at.selectbox(key="lstm_gate_pick").options[1])
    at.run()
    assert not at.exception
    assert "torch.allclose(outputs, scratch_outputs)  # True" in all_text(at)
    heatmap = next(f for f in charts(at) if f["data"][0]["type"] == "heatmap")
    assert z_shape(heatmap["data"][0])[0] == (4 if end == "min" else 16)
