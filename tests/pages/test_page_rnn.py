import json

import pytest
from apphelp import open_page

PAGE = "pages/rnn.py"


@pytest.fixture(scope="module")
def page():
    return open_page(PAGE)


def _codes(at):
    return " ".join(c.value for c in at.code)


def test_default_render(page):
    at = page
    assert not at.exception
    assert at.title[0].value.startswith("1.2")
    codes = _codes(at)
    assert "print(outputs.shape)  # torch.Size([2, 5, 20])" in codes
    assert "print(h_n.shape)      # torch.Size([1, 2, 20])" in codes
    assert "torch.allclose(outputs, scratch_outputs)  # True" in codes
    assert "torch.allclose(h_n[0], scratch_h)         # True" in codes
    assert "분류 모델 출력 shape: torch.Size([4, 3])" in codes
    marks = " ".join(m.value for m in at.markdown)
    assert "h_n[-1])` → **True**" in marks
    heat = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert heat["data"][0]["type"] == "heatmap"
    assert len(heat["data"][0]["z"]) == 20 and len(heat["data"][0]["z"][0]) == 5  # (H, T)
    assert len(at.get("graphviz_chart")) >= 2


def test_bidirectional_changes_the_shapes_and_checks(page):
    at = page
    at.toggle(key="rnn_bidirectional").set_value(True).run()
    assert not at.exception
    assert "print(outputs.shape)  # torch.Size([2, 5, 40])" in _codes(at)
    marks = " ".join(m.value for m in at.markdown)
    assert "**False** (예상대로 False)" in marks and "**True**" in marks and "❌" not in marks
    at.toggle(key="rnn_batch_first").set_value(False).run()
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
    keys = ["rnn_unroll_steps", "rnn_batch", "rnn_seq_len", "rnn_input", "rnn_hidden", "rnn_layers",
            "rnn_num_classes", "rnn_cls_batch"]  # fmt: skip
    for key in keys:
        s = at.slider(key=key)
        s.set_value(s.min if value == "min" else s.max)
    at.toggle(key="rnn_batch_first").set_value(value == "min")
    at.toggle(key="rnn_bidirectional").set_value(value == "max")
    at.run()
    assert not at.exception
    assert "# True" in _codes(at)


def test_the_outputs_table_sends_translation_to_an_encoder_decoder(page):
    text = " ".join(m.value for m in page.markdown)
    assert "인코더의 h_n → 디코더 RNN" in text and "품사 태깅" in text


def test_settings_come_from_the_url():
    at = open_page(PAGE, query={"rnn_hidden": "7", "rnn_bidirectional": "true"})
    assert not at.exception
    assert at.slider(key="rnn_hidden").value == 7
    assert "torch.Size([2, 5, 14])" in _codes(at)
