import json
import re

import pytest
from apphelp import open_page, open_part
from predictkit import reveal, revealed_answer

from seqcore.figures import cell_diagrams

PAGE = "pages/rnn.py"
PART = "rnn_part"
PARTS = ["순환과 은닉 상태", "nn.RNN 사용법", "출력과 분류 모델", "한 시점씩 읽기"]
GUESS = "rnn_guess"


@pytest.fixture
def page():
    return open_page(PAGE)


def _codes(at):
    return " ".join(c.value for c in at.code)


def _headers(at):
    return [h.value for h in at.header]


def test_only_the_first_part_is_drawn_and_its_button_opens_the_next():
    at = open_page(PAGE)
    assert not at.exception
    assert [t.label for t in at.tabs] == PARTS
    assert _headers(at) == ["RNN의 핵심 아이디어: 순환 (Recurrence)", "Hidden State (은닉 상태)"]
    assert not at.get("plotly_chart") and not at.code  # the later parts' heatmap and code are not drawn
    # the plain unrolled structure, under the "펼칠 시점 수" slider; the real h_t are in the step-through's tab
    assert [g.proto.spec for g in at.get("graphviz_chart")] == [cell_diagrams.unrolled_rnn(3)]
    assert any("'한 시점씩 읽기' 탭" in c.value for c in at.caption)
    at.slider(key="rnn_unroll_steps").set_value(5).run()
    assert [g.proto.spec for g in at.get("graphviz_chart")] == [cell_diagrams.unrolled_rnn(5)]
    at.button(key="rnn_part_next").click().run()
    assert not at.exception
    assert _headers(at) == ["PyTorch nn.RNN 기본 사용법", "밑바닥부터 만든 RNN"]
    assert at.query_params[PART] == "nn.RNN 사용법"


def test_a_link_opens_a_later_part():
    at = open_page(PAGE, query={PART: "출력과 분류 모델", "rnn_num_classes": "5"})
    assert not at.exception
    assert _headers(at) == ["RNN 출력 활용 방식", "RNN 분류 모델 아키텍처"]
    assert "분류 모델 출력 shape: torch.Size([4, 5])" in _codes(at)
    assert not at.get("plotly_chart")  # the scratch RNN's heatmap is in another part


def test_default_render(page):
    at = page
    assert not at.exception
    assert at.title[0].value.startswith("1.2")
    unrolled = at.get("graphviz_chart")  # part 1: the plain unrolled RNN
    open_part(at, PART, "nn.RNN 사용법")
    assert not at.exception
    assert "print(outputs.shape)  # ?" in _codes(at)  # the shapes wait for the learner's guess
    reveal(at, GUESS, "2x5x20")
    assert revealed_answer(at) == "(2, 5, 20)" and at.success
    codes = _codes(at)
    assert "print(outputs.shape)  # torch.Size([2, 5, 20])" in codes
    assert "print(h_n.shape)      # torch.Size([1, 2, 20])" in codes
    assert "torch.allclose(outputs, scratch_outputs)  # True" in codes
    assert "torch.allclose(h_n[0], scratch_h)         # True" in codes
    marks = " ".join(m.value for m in at.markdown)
    assert "h_n[-1])` → **True**" in marks
    heat = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert heat["data"][0]["type"] == "heatmap"
    assert len(heat["data"][0]["z"]) == 20 and len(heat["data"][0]["z"][0]) == 5  # (H, T)
    open_part(at, PART, "출력과 분류 모델")
    assert not at.exception
    assert "분류 모델 출력 shape: torch.Size([4, 3])" in _codes(at)
    assert len(unrolled) + len(at.get("graphviz_chart")) >= 2  # the unrolled RNN and the classifier


def test_bidirectional_changes_the_shapes_and_checks(page):
    at = open_part(page, PART, "nn.RNN 사용법")
    at.toggle(key="rnn_bidirectional").set_value(True).run()
    reveal(at, GUESS, "(2, 5, 20)")
    assert not at.exception
    assert revealed_answer(at) == "(2, 5, 40)" and at.warning  # a wrong guess is told so
    assert "print(outputs.shape)  # torch.Size([2, 5, 40])" in _codes(at)
    marks = " ".join(m.value for m in at.markdown)
    values = re.findall(r"` → \*\*(\w+)\*\*", marks)  # the live checks' results
    assert "False" in values and "True" in values
    assert "❌" not in marks and "⚠️" not in marks  # the False one was expected False: shown as ✅
    at.toggle(key="rnn_batch_first").set_value(False).run()
    reveal(at, GUESS)
    shown = next(c.value for c in at.code if "rnn = nn.RNN" in c.value)
    marks = " ".join(m.value for m in at.markdown)
    scope: dict = {}
    exec(shown, scope)  # the code on the page runs as shown, and so does every check after it
    for line in marks.split("`"):
        if line.startswith("torch.allclose("):
            eval(line, scope)
    assert "outputs[-1, :, :H]" in marks  # time is the first axis when batch_first=False
    at.toggle(key="rnn_batch_first").set_value(True)
    at.toggle(key="rnn_bidirectional").set_value(False).run()


@pytest.mark.parametrize("value", ["min", "max"])
def test_controls_at_bounds(page, value):
    at = page
    parts = {
        "순환과 은닉 상태": ["rnn_unroll_steps"],
        "nn.RNN 사용법": ["rnn_batch", "rnn_seq_len", "rnn_input", "rnn_hidden", "rnn_layers"],
        "출력과 분류 모델": ["rnn_num_classes", "rnn_cls_batch"],
        "한 시점씩 읽기": [],
    }
    for label, keys in parts.items():  # each part's own sliders, set while it is open
        open_part(at, PART, label)
        for key in keys:
            s = at.slider(key=key)
            s.set_value(s.min if value == "min" else s.max)
        if label == "nn.RNN 사용법":
            at.toggle(key="rnn_batch_first").set_value(value == "min")
            at.toggle(key="rnn_bidirectional").set_value(value == "max")
        at.run()
        assert not at.exception
        if label == "nn.RNN 사용법":
            reveal(at, GUESS)
            assert "# True" in _codes(at)
    assert "# True" in _codes(at)  # the step-through's torch check
    open_part(at, PART, "순환과 은닉 상태")
    assert at.slider(key="rnn_unroll_steps").value == (1 if value == "min" else 8)  # kept


def test_the_outputs_table_sends_translation_to_an_encoder_decoder(page):
    at = open_part(page, PART, "출력과 분류 모델")
    text = " ".join(m.value for m in at.markdown)
    assert "인코더의 h_n → 디코더 RNN" in text and "품사 태깅" in text


def test_settings_come_from_the_url():
    at = open_page(PAGE, query={PART: "nn.RNN 사용법", "rnn_hidden": "7", "rnn_bidirectional": "true"})
    assert not at.exception
    assert at.slider(key="rnn_hidden").value == 7
    reveal(at, GUESS)
    assert "torch.Size([2, 5, 14])" in _codes(at)
