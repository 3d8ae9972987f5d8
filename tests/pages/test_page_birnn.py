import json

import pytest
from apphelp import open_page, open_part, series_of, vega_specs
from predictkit import reveal, revealed_answer

PAGE = "pages/birnn.py"
PART = "birnn_part"
LABELS = ["왜 양방향인가", "shape", "분류 모델", "쓰면 안 되는 곳"]
GUESS = "birnn_guess"


def headers(at) -> list[str]:
    return [h.value for h in at.header]


def test_default_render_shows_shapes_checks_and_classifier():
    at = open_page(PAGE)
    assert not at.exception
    assert at.title[0].value.startswith("양방향 RNN")
    assert "나는 \\_\\_\\_를 먹었다. 정말 달콤했다." in " ".join(m.value for m in at.markdown)
    assert not at.code and not at.get("plotly_chart")  # the first part loads no highlighter, no plotly.js
    (reach,) = vega_specs(at)
    assert list(series_of(reach)) == ["순방향 (→) 출력 변화", "역방향 (←) 출력 변화"]

    open_part(at, PART, "shape")
    assert not at.exception
    assert not at.metric and "print(h_n.shape)      # ?" in " ".join(c.value for c in at.code)
    reveal(at, GUESS, "torch.Size([2, 2, 20])")
    assert revealed_answer(at) == "(2, 2, 20)" and at.success
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["outputs.shape"] == "(2, 5, 40)"
    assert metrics["h_n.shape"] == "(2, 2, 20)"
    text = " ".join(m.value for m in at.markdown)
    assert "✅ `torch.allclose(outputs[:, -1, :H], h_n[-2])` → **True**" in text
    assert "✅ `torch.allclose(outputs[:, 0, H:], h_n[-1])` → **True**" in text
    assert "✅ `torch.allclose(outputs[:, -1, H:], h_n[-1])` → **False** (예상대로 False)" in text
    assert "❌" not in text  # a check meant to be False is not shown as an error
    shown = next(c.value for c in at.code if "lstm_layer = nn.LSTM" in c.value)
    scope: dict = {}
    exec(shown, scope)  # the code on the page runs as shown
    assert tuple(scope["outputs"].shape) == (2, 5, 40)

    open_part(at, PART, "분류 모델")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["양방향 LSTM 분류 출력"] == "(4, 3)"
    assert len(at.get("graphviz_chart")) == 1
    assert any(c.value.startswith("class BiLSTMClassifier(nn.Module):\n    def __init__") for c in at.code)


def test_only_the_first_part_is_drawn_at_first_and_next_opens_the_second():
    at = open_page(PAGE)
    assert not at.exception
    assert [t.label for t in at.tabs] == LABELS
    assert headers(at) == ["왜 양방향인가?"]
    assert not at.metric and not at.get("graphviz_chart")  # the later parts' shapes and diagram
    assert [s.key for s in at.select_slider] == ["birnn_changed"]
    at.button(key=f"{PART}_next").click().run()
    assert not at.exception
    assert headers(at) == ["양방향 LSTM의 shape"]
    assert at.query_params[PART] == "shape"


def test_a_link_opens_its_part_with_its_settings():
    at = open_page(PAGE, query={PART: "분류 모델", "birnn_cls_classes": "7"})
    assert not at.exception
    assert headers(at) == ["양방향 LSTM 분류 모델"]
    assert {m.label: m.value for m in at.metric}["양방향 LSTM 분류 출력"] == "(4, 7)"
    assert not at.get("plotly_chart")  # part 1's chart is not drawn


@pytest.mark.parametrize("end", ["min", "max"])
def test_every_control_at_its_ends(end):
    at = open_page(PAGE)
    for label in LABELS:
        if label != LABELS[0]:
            open_part(at, PART, label)
        for s in at.slider:
            s.set_value(s.min if end == "min" else s.max)
        if label == LABELS[0]:
            at.select_slider(key="birnn_changed").set_value(0 if end == "min" else 4)
        at.run()
        assert not at.exception, label
        if label == "shape":
            reveal(at, GUESS)
            metrics = {m.label: m.value for m in at.metric}
            if end == "max":
                assert metrics["outputs.shape"] == "(16, 50, 256)" and metrics["h_n.shape"] == "(8, 16, 128)"
            else:
                assert metrics["outputs.shape"] == "(1, 1, 2)"


@pytest.mark.parametrize("kind, c_n", [("gru", "없음 (LSTM만)"), ("rnn", "없음 (LSTM만)")])
def test_other_cells_and_one_direction(kind, c_n):
    at = open_page(PAGE, query={PART: "shape"})
    at.selectbox(key="birnn_kind").set_value(kind)
    at.toggle(key="birnn_bidir").set_value(False).run()
    reveal(at, GUESS)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["outputs.shape"] == "(2, 5, 20)" and metrics["c_n.shape"] == c_n
    assert "outputs[:, -1, :], h_n[-1])` → **True**" in " ".join(m.value for m in at.markdown)


def test_bidirectional_next_step_prediction_is_shown_as_a_leak():
    at = open_page(PAGE, query={PART: "쓰면 안 되는 곳"})
    assert at.slider(key="birnn_leak_epochs").value == 80
    at.button(key="birnn_leak_run").click().run()
    assert not at.exception
    charts = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    leak = next(c for c in charts if "다음 값 예측" in json.dumps(c["layout"]["title"], ensure_ascii=False))
    assert [t["name"] for t in leak["data"]] == ["창 전체를 줌 (미래 포함)", "과거만 줌 (정직한 예측)"]
    assert any("불가능한 하한보다 낮아요" in m.value for m in at.markdown)


def test_widgets_keep_their_values_across_pages():
    at = open_page(PAGE)
    open_part(at, PART, "shape")
    at.slider(key="birnn_hidden").set_value(33).run()
    at.switch_page("pages/rnn.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert headers(at) == ["양방향 LSTM의 shape"]  # the part open when the learner left
    assert at.slider(key="birnn_hidden").value == 33
