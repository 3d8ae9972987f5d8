"""Predict, then reveal (seqcore.ui.predict): how a guess is read. The flow is tested on each page."""

import pytest

from seqcore.ui.predict import Question, parse, parse_count, parse_shape, shown


@pytest.mark.parametrize(
    "text",
    [
        "16x20x100",
        "16×20×100",
        "16 20 100",
        "[16, 20, 100]",
        "(16, 20, 100)",
        "torch.Size([16, 20, 100])",
        "16,20,100",
    ],
)
def test_every_common_shape_notation_is_read(text):
    assert parse_shape(text) == (16, 20, 100)


@pytest.mark.parametrize("text", ["", "abc", "16, -20", "16.5, 2", "(", "torch.Size([])"])
def test_what_is_not_a_shape(text):
    assert parse_shape(text) is None


@pytest.mark.parametrize(
    ("text", "value"), [("2560", 2560), ("2,560", 2560), (" 274,944 ", 274944), ("2560개", 2560)]
)
def test_counts(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["25,60", "2,5,6,0", "2.560", "-3", "", "이천"])
def test_what_is_not_a_count(text):
    assert parse_count(text) is None


def test_a_choice_is_one_of_its_options_and_answers_print_as_torch_does():
    q = Question("k", "어느 쪽?", "choice", "RNN", "왜", options=("RNN", "LSTM"))
    assert parse(q, "RNN") == "RNN" and parse(q, "GRU") is None and parse(q, None) is None
    assert shown(Question("k", "?", "shape", (2, 5, 20), "왜"), (2, 5, 20)) == "(2, 5, 20)"
    assert shown(Question("k", "?", "count", 2560, "왜"), 2560) == "2,560"


def test_a_question_checks_itself():
    with pytest.raises(ValueError):
        Question("k", "?", "choice", "GRU", "왜", options=("RNN", "LSTM"))
    with pytest.raises(ValueError):
        Question("k", "?", "guess", 1, "왜")
