import json

import pytest
from apphelp import open_page, open_part
from predictkit import reveal, revealed_answer

PAGE = "pages/lstm.py"
PART = "lstm_part"
IDEA, SCRATCH, GATES = "핵심 아이디어", "nn.LSTM과 밑바닥 셀", "실제 게이트"


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


@pytest.fixture
def lesson():
    """The page as it first opens: its first part, the idea and the cell-state highway."""
    return open_page(PAGE)


@pytest.fixture
def at():
    """The page opened at its real-gates part, with the gate task trained."""
    page = open_page(PAGE, query={PART: GATES})
    page.button(key="lstm_gate_run").click().run()  # the gate task trains behind its button
    return page


def test_defaults_render_equations_shapes_and_scratch_check(lesson):
    at = open_part(lesson, PART, IDEA)
    assert not at.exception
    assert at.title[0].value.startswith("1.4 LSTM")
    text = all_text(at)
    assert "셀 상태 고속도로" in [s.value for s in at.subheader]
    assert "덧셈/곱셈만" in text  # the lesson's claim is quoted, then corrected
    assert "완화" in text
    assert len(at.get("latex")) >= 6
    at = open_part(lesson, PART, SCRATCH)  # nn.LSTM's shapes and the scratch cell
    assert not at.exception
    text += "\n" + all_text(at)
    assert "손실 없이" not in text.replace("**손실 없이**", "")  # only as the lesson's quoted words
    assert "해결하기 위해" not in text
    assert "outputs: torch.Size([2, 5, 20])" in text and "c_n: torch.Size([1, 2, 20])" in text
    assert "torch.allclose(outputs, scratch_outputs)  # True" in text
    assert "torch.allclose(c_n[0], scratch_c)         # True" in text
    assert "i → f → g → o" in text


@pytest.mark.parametrize(("layers", "guess", "answer"), [(1, "2,560", "2,560"), (2, "5,120", "5,920")])
def test_the_parameter_count_is_guessed_then_counted(layers, guess, answer):
    at = open_page(PAGE, query={PART: SCRATCH, "lstm_layers": str(layers)})
    assert not at.exception
    assert not [m for m in at.metric if m.label == "PyTorch가 계산한 값"]  # no answer before the guess
    reveal(at, "lstm_guess", guess)
    assert revealed_answer(at) == answer  # count_params of nn.LSTM(10, 20, num_layers)
    assert bool(at.success) is (guess == answer)
    why = " ".join(m.value for m in [*at.success, *at.warning])
    assert "4 × (20×10 + 20×20 + 2×20) = 2,560" in why


def test_forget_gate_product_is_computed_for_three_biases(lesson):
    at = open_part(lesson, PART, IDEA)
    table = at.table[0].value
    assert list(table["망각 게이트 편향"]) == ["+0", "+1", "+2"]
    forget = [float(v) for v in table["평균 f"]]
    path = [float(v) for v in table["∏ f (셀 경로)"]]
    assert forget == sorted(forget) and path == sorted(path) and path[0] < 1e-6
    summary = next(m.value for m in at.markdown if "셀 경로의 기울기가" in m.value)
    assert "30단계" in summary and "완화" in summary


def test_forget_decay_length_follows_its_slider():
    page = open_page(PAGE)
    page.slider(key="lstm_decay_len").set_value(100).run()
    assert not page.exception
    assert any("100단계" in m.value for m in page.markdown)
    assert float(page.table[0].value["∏ f (셀 경로)"][0]) < 1e-20


def test_defaults_show_real_gates_next_to_the_simulation(at):
    figs = charts(at)
    titles = [f["layout"].get("title", {}).get("text", "") for f in figs]
    assert any("시뮬레이션" in t for t in titles)
    heatmap = next(f for f in figs if f["data"][0]["type"] == "heatmap")
    assert [d["type"] for d in heatmap["data"]] == ["heatmap", "scatter"] * 3  # f, i, o + click layers
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
        ("강아지는 정말 좋다.", "강아지는"),
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
    open_part(at, PART, SCRATCH)
    for key in ("lstm_batch", "lstm_seq_len", "lstm_input", "lstm_hidden", "lstm_layers"):
        slider = at.slider(key=key)
        slider.set_value(slider.min if end == "min" else slider.max)
    at.run()
    assert not at.exception
    assert "torch.allclose(outputs, scratch_outputs)  # True" in all_text(at)
    open_part(at, PART, GATES)
    slider = at.slider(key="lstm_gate_epochs")
    slider.set_value(slider.min if end == "min" else slider.max)
    units = at.select_slider(key="lstm_gate_hidden")
    units.set_value(units.options[0] if end == "min" else units.options[-1])
    at.selectbox(key="lstm_gate_pick").set_value(at.selectbox(key="lstm_gate_pick").options[1])
    at.run()
    at.button(key="lstm_gate_run").click().run()
    assert not at.exception
    heatmap = next(f for f in charts(at) if f["data"][0]["type"] == "heatmap")
    assert z_shape(heatmap["data"][0])[0] == (4 if end == "min" else 16)


def test_simulation_stays_on_the_lessons_sentence_when_the_learner_picks_another(at):
    at.selectbox(key="lstm_gate_pick").set_value(at.selectbox(key="lstm_gate_pick").options[2]).run()
    assert not at.exception
    sim = next(f for f in charts(at) if "시뮬레이션" in f["layout"].get("title", {}).get("text", ""))
    assert sim["data"][0]["x"][:3] == ["1 나는", "2 고양이를", "3 좋아한다"]
    bars = next(
        f for f in charts(at) if f["layout"].get("title", {}).get("text", "").startswith("실제 게이트 평균")
    )
    assert bars["data"][0]["x"][:2] == ["1 영화는", "2 지루하다"]  # the learner's own sentence


def test_last_result_stays_visible_when_settings_change():
    page = open_page(PAGE, query={PART: GATES})
    page.button(key="lstm_gate_run").click().run()
    page.slider(key="lstm_gate_epochs").set_value(20).run()  # not trained yet
    assert not page.exception
    assert any("이전 설정의 결과" in w.value for w in page.warning)
    assert page.metric[0].value.endswith("%")  # the previous model is still on screen


@pytest.mark.parametrize(
    ("part", "key", "value"),
    [(GATES, "lstm_gate_hidden", 12), (SCRATCH, "lstm_hidden", 7), (IDEA, "lstm_decay_len", 50)],
)
def test_gate_widgets_keep_their_values_in_the_url(part, key, value):
    page = open_page(PAGE, query={PART: part, key: str(value)})  # a link to the part with that setting
    assert not page.exception
    widget = page.select_slider(key=key) if key == "lstm_gate_hidden" else page.slider(key=key)
    assert widget.value == value


def test_only_the_first_part_is_drawn_at_first_and_next_opens_the_second():
    page = open_page(PAGE)
    assert not page.exception
    assert [h.value for h in page.header] == ["LSTM의 핵심 아이디어"]
    assert not page.code and "lstm_gate_run" not in [b.key for b in page.button]  # later parts are not drawn
    page.button(key=f"{PART}_next").click().run()
    assert not page.exception
    assert page.query_params[PART] == SCRATCH
    assert [h.value for h in page.header] == ["PyTorch nn.LSTM 사용법", "밑바닥부터 만든 LSTM 셀"]
    assert not page.get("graphviz_chart") and not page.get("latex")  # part 1's diagram and equations are gone


def test_a_link_to_the_real_gates_part_opens_it():
    page = open_page(PAGE, query={PART: GATES})
    assert not page.exception
    assert [h.value for h in page.header] == ["실제 게이트 들여다보기"]
    assert page.button(key="lstm_gate_run").label == "게이트 과제 학습하기"
    assert f"{PART}_next" not in [b.key for b in page.button]  # the last part has no next
