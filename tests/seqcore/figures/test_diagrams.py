import re

import pytest

from seqcore.figures import cell_diagrams, diagrams

ALL = {
    "rnn_classifier": diagrams.rnn_classifier(),
    "bilstm_classifier": diagrams.bilstm_classifier(),
    "stock_lstm": diagrams.stock_lstm(),
    "sentiment_lstm": diagrams.sentiment_lstm(),
    "unrolled_rnn": cell_diagrams.unrolled_rnn(4),
    "unrolled_values": cell_diagrams.unrolled_rnn(
        tokens=["나는", "좋다", "."], states=[[0.5, -0.9]] * 3, current=1
    ),
    "lstm_cell": cell_diagrams.lstm_cell(),
    "gru_cell_lesson": cell_diagrams.gru_cell_lesson(),
    "gru_cell_pytorch": cell_diagrams.gru_cell_pytorch(),
}


@pytest.mark.parametrize("name", ALL)
def test_no_raw_subscripts_and_readable_font(name):
    dot = ALL[name]
    assert "_{" not in dot  # typeset, not raw h_{t-1}
    sizes = [int(s) for s in re.findall(r"fontsize=(\d+)", dot)]
    assert sizes and min(sizes) >= 16
    assert dot.count("{") == dot.count("}")
    assert "http" not in dot


def test_cell_diagrams_typeset_the_lessons_subscripts():
    assert "Cₜ₋₁" in cell_diagrams.lstm_cell() and "hₜ₋₁" in cell_diagrams.lstm_cell()
    assert "C̃ₜ" in cell_diagrams.lstm_cell()
    assert "Wₕₙ" in cell_diagrams.gru_cell_pytorch()


@pytest.mark.parametrize("name", ["rnn_classifier", "bilstm_classifier", "stock_lstm", "sentiment_lstm"])
def test_classifier_diagrams_are_in_korean(name):
    labels = re.findall(r"label=<(.*?)>[,\]]", ALL[name])
    assert labels and sum(bool(re.search("[가-힣]", lab)) for lab in labels) >= 3


def test_html_escapes_and_keeps_plain_underscores():
    assert diagrams.html("a<b & seq_len\nh_{t}") == "a&lt;b &amp; seq_len<BR/>hₜ"
    assert "<SUB>" in diagrams.html("h_{qq}")  # no Unicode subscript q: falls back to <SUB>


def test_unrolled_rnn_carries_real_values_and_marks_the_current_step():
    states = [[0.25, -0.75], [0.5, -0.5], [1.0, 0.0]]
    dot = cell_diagrams.unrolled_rnn(tokens=["나는", "<b>", "."], states=states, current=1)
    assert "0.50" in dot and "−0.50" in dot  # numbers only on the current step
    assert "0.25" not in dot
    assert dot.count('BGCOLOR="') == 6  # every step's h_t as a colour strip
    assert "시점 2 (지금)" in dot and "penwidth=4" in dot
    assert "&lt;b&gt;" in dot and "<b>" not in dot


def test_unrolled_rnn_windows_long_sentences_around_the_current_step():
    tokens = [f"w{i}" for i in range(20)]
    dot = cell_diagrams.unrolled_rnn(tokens=tokens, states=[[0.0]] * 20, current=15)
    shown = set(re.findall(r"\bc(\d+) \[label=<<TABLE", dot))
    assert len(shown) == cell_diagrams.MAX_UNROLLED and "16" in shown


def test_value_color_runs_blue_white_red():
    assert cell_diagrams.value_color(0) == "#ffffff"
    assert cell_diagrams.value_color(1) == "#d62728" and cell_diagrams.value_color(-1) == "#2166ac"
    assert cell_diagrams.value_color(5) == cell_diagrams.value_color(1)


def test_unrolled_rnn_draws_the_chosen_number_of_steps_ending_at_the_current_one():
    states = [[round(0.1 * t, 2), -0.5] for t in range(7)]
    tokens = [f"w{t}" for t in range(7)]
    dot = cell_diagrams.unrolled_rnn(3, tokens=tokens, states=states, current=4)
    assert set(re.findall(r"\bc(\d+) \[label=<<TABLE", dot)) == {"3", "4", "5"}
    assert "시점 5 (지금)" in dot and "0.40" in dot and "−0.50" in dot  # step 5's real h_t, written in
    assert "0.30" not in dot  # earlier steps: colour only
    assert dot.count('BGCOLOR="') == 3 * 2
    early = cell_diagrams.unrolled_rnn(3, tokens=tokens, states=states, current=0)
    assert set(re.findall(r"\bc(\d+) \[label=<<TABLE", early)) == {"1", "2", "3"}
    assert "h₀ = 0" in early


@pytest.mark.parametrize("current", [0, 3, 6])
def test_unrolled_rnn_number_strip_follows_the_current_step(current):
    states = [[t / 10, -t / 10] for t in range(7)]
    dot = cell_diagrams.unrolled_rnn(8, tokens=list("abcdefg"), states=states, current=current)
    numbers = re.findall(r'<FONT COLOR="#[0-9a-f]+">([^<]+)</FONT>', dot)
    assert numbers == [f"{current / 10:.2f}", f"−{current / 10:.2f}" if current else "0.00"]


def test_chain_html_draws_boxes_in_order_joined_by_arrows_and_escapes_text():
    out = diagrams.chain_html(["입력\n(batch, 6, 20)", "GRU <x> & y", "출력"], "모델")
    assert out.count("→</span>") == 2  # one arrow between each pair of boxes
    assert out.index("입력") < out.index("GRU") < out.index("출력")
    assert "<b>입력</b><br>(batch, 6, 20)" in out  # first line bold, the next on its own line
    assert out.count(">→</span><div") == 2  # an arrow leads its box: a wrapped line starts with one
    assert "GRU &lt;x&gt; &amp; y" in out and "<x>" not in out
    assert "flex-wrap:wrap" in out  # a narrow column wraps the chain instead of shrinking it
    assert f'class="{diagrams.CHAIN_CLASS}"' in out  # projector mode enlarges it by this class
    assert 'aria-label="모델: 입력 (batch, 6, 20) → GRU &lt;x&gt; &amp; y → 출력"' in out
