import pytest
from apphelp import open_page, vega_specs
from predictkit import reveal, revealed_answer

from seqcore.basics.order import SEQUENCE_EXAMPLES

PAGE = "pages/sequence_data.py"
PART = "sequence_data_part"
LIMITS = "DNN·CNN의 한계"


GUESS = "sequence_data_guess"


@pytest.fixture
def page():
    return reveal(open_page(PAGE), GUESS, "다르다")


@pytest.fixture
def limits():
    """The page opened by a link to its second part."""
    return open_page(PAGE, query={PART: LIMITS})


def _order_chart(at):
    return vega_specs(at)[1]


def _checks(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_default_render_shows_order_matters(page):
    at = page
    assert not at.exception
    assert at.title[0].value.startswith("1.1")
    assert "`np.allclose(mean_A, mean_B)` → **True**" in _checks(at)
    assert "`torch.allclose(h_n_A, h_n_B)` → **False**" in _checks(at)
    assert not at.get("plotly_chart")  # the first part loads no plotly.js
    assert not at.code  # nor a code highlighter
    assert revealed_answer(at) == "다르다"  # the reveal's answer, beside the guess
    assert any("맞았어요" in s.value for s in at.success)
    examples, order = vega_specs(at)
    assert [v["title"] for row in examples["vconcat"] for v in row["hconcat"]] == list(
        SEQUENCE_EXAMPLES
    )  # the lesson's four, in its order
    panels = [v["title"] for v in order["hconcat"]]
    assert any("평균" in t and "같음" in t for t in panels)
    assert any("RNN" in t and "다름" in t for t in panels)
    h_rows = [r for r in order["data"]["values"] if r["panel"] == panels[2]]
    assert len(h_rows) == 2 * 8  # A and B, eight hidden units each (the default hidden size)


def test_the_lessons_concat_example_is_computed(limits):
    codes = " ".join(c.value for c in limits.code)
    assert "[-0.5  0.3  0.8  0.1]" in codes  # the lesson's concat example, computed


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("", "비어 있어요"),
        ("고양이", "똑같아요"),
        ("단어 " * 300, "앞의 50개"),
        ("😀 cat 猫 고양이가 🐭", None),
    ],
)
def test_bad_or_odd_input_never_raises(page, text, expect):
    at = page
    at.radio(key="sequence_data_mode").set_value("A의 단어 순서 뒤집기").run()
    at.text_input(key="sequence_data_a").set_value(text).run()
    if not expect or expect != "비어 있어요":
        reveal(at, GUESS)  # new sentences: a new question
    assert not at.exception
    shown = " ".join(m.value for m in [*at.warning, *at.info])
    if expect:
        assert expect in shown
    else:
        assert "`torch.allclose(h_n_A, h_n_B)` → **False**" in _checks(at)


@pytest.mark.parametrize("mode", ["직접 입력", "A의 단어 순서 뒤집기", "A의 단어 섞기"])
@pytest.mark.parametrize("value", ["min", "max"])
def test_controls_at_bounds(page, mode, value):
    at = page
    at.text_input(key="sequence_data_a").set_value("고양이가 쥐를 쫓는다").run()
    at.radio(key="sequence_data_mode").set_value(mode)
    at.toggle(key="sequence_data_split").set_value(value == "min")
    for key in ("sequence_data_dim", "sequence_data_hidden"):
        s = at.slider(key=key)
        s.set_value(s.min if value == "min" else s.max)
    at.run()
    reveal(at, GUESS)
    assert not at.exception
    assert len(vega_specs(at)) == 2


def test_learner_text_is_shown_as_plain_text_not_markdown():
    at = open_page(PAGE)
    at.text_input(key="sequence_data_a").set_value("**굵게** [링크](http://x) <b>태그</b>").run()
    assert not at.exception
    shown = " ".join(t.value for t in at.text)
    assert "A 토큰: **굵게**" in shown
    assert not any("굵게" in m.value for m in at.markdown)  # never rendered as markdown


def test_sentences_and_settings_survive_a_page_switch():
    at = open_page(PAGE)
    at.text_input(key="sequence_data_a").set_value("강아지가 공을 쫓는다").run()
    at.slider(key="sequence_data_dim").set_value(5).run()
    at.switch_page("pages/rnn.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.text_input(key="sequence_data_a").value == "강아지가 공을 쫓는다"
    assert at.slider(key="sequence_data_dim").value == 5


def test_the_limits_table_no_longer_says_concatenation_destroys_order(limits):
    text = " ".join(m.value for m in limits.markdown)
    assert "순서는 **남아요**" in text and "인과(causal) 합성곱" in text


def test_the_comparison_waits_for_the_learners_guess():
    at = open_page(PAGE)
    assert not at.exception
    assert len(vega_specs(at)) == 1  # the four examples; the order comparison after the guess
    assert "`torch.allclose(h_n_A, h_n_B)`" not in _checks(at)
    reveal(at, GUESS, "같다")
    assert any("예상과 달라요" in w.value for w in at.warning)  # the same words, another order
    assert len(vega_specs(at)) == 2
    at.text_input(key="sequence_data_a").set_value("강아지가 공을 쫓는다").run()
    assert len(vega_specs(at)) == 1  # new sentences ask again


def test_only_the_first_part_is_drawn_at_first_and_next_opens_the_limits():
    at = open_page(PAGE)
    headers = [h.value for h in at.header]
    assert "시퀀스 데이터의 특징" in headers and "기존 모델(DNN, CNN)의 한계" not in headers
    assert not at.subheader
    at.button(key=f"{PART}_next").click().run()
    assert not at.exception
    assert at.query_params[PART] == LIMITS
    assert [h.value for h in at.header] == ["기존 모델(DNN, CNN)의 한계"]
    assert not vega_specs(at) and not at.text_input  # part 1's chart and sentences are gone


def test_a_link_to_the_limits_part_opens_it(limits):
    assert not limits.exception
    assert [h.value for h in limits.header] == ["기존 모델(DNN, CNN)의 한계"]
    assert [s.value for s in limits.subheader] == ["DNN에 순서 넣기: 이어 붙이기와 평균"]
    assert f"{PART}_next" not in [b.key for b in limits.button]  # the last part has no next
