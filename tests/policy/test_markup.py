"""Text from a learner or a file is never markup (issue 17).

Markdown, link, image and HTML payloads go through every place the app shows such text: the
sequence-data page's sentences, the 감성 분석 page's reviews, the quiz's format message and the
Q4 essay, a CSV's column names and the uploaded file's name on the stock page. Wherever the text
is shown, no element that Streamlit renders as Markdown may carry the payload's markup
verbatim (a crafted CSV handed to a class would otherwise make every browser fetch a remote
image). Each case also checks that the payload did reach the page, so it cannot pass vacuously.
"""

import datetime
import re

import pytest
from apphelp import open_page

MARK = "zqxmark"  # a word no page writes by itself
PAYLOADS = {
    "bold": f"**{MARK}bold**",
    "link": f"[{MARK}link](http://127.0.0.1:9/l)",
    "image": f"![{MARK}img](http://127.0.0.1:9/i.png)",
    "html": f"{MARK}html<img src='http://127.0.0.1:9/h.png'>",
}
# Markup that would render: the payload's special characters without a backslash before them.
ACTIVE = [
    re.compile(r"(?<!\\)\*(?<!\\)\*" + MARK),  # **bold
    re.compile(r"(?<!\\)\]\(http://127\.0\.0\.1:9/"),  # ](link
    re.compile(r"(?<!\\)!(?<!\\)\[" + MARK),  # ![image
    re.compile(r"(?<!\\)<img"),  # raw HTML
]


def markdown_bodies(at) -> list[str]:
    """Every body Streamlit renders as Markdown: markdown, captions, alerts, headings, metrics."""
    bodies = []
    for kind in (
        "markdown",
        "caption",
        "error",
        "warning",
        "info",
        "success",
        "title",
        "header",
        "subheader",
    ):
        bodies += [str(el.value) for el in getattr(at, kind)]
    bodies += [str(el.label) for el in at.metric]
    return bodies


def all_text(at) -> str:
    texts = markdown_bodies(at)
    for kind in ("text", "code", "exception"):
        texts += [str(getattr(el, "value", "")) for el in at.get(kind)]
    for el in at.get("dataframe"):
        texts.append(str(el.proto))
    return "\n".join(texts)


def assert_plain(at, where: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert MARK in all_text(at), f"{where}: the payload never reached the page"
    for body in markdown_bodies(at):
        for markup in ACTIVE:
            assert not markup.search(body), (
                f"{where}: {markup.pattern!r} rendered as markup in {body[:300]!r}"
            )


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_sequence_data_sentences_are_plain(payload):
    at = open_page("pages/sequence_data.py")
    at.text_input(key="sequence_data_a").input(f"the {payload} movie").run()
    assert_plain(at, "sequence_data A")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_sentiment_reviews_are_plain(payload):
    at = open_page("pages/sentiment.py", timeout=300, query={"sentiment_part": "1. 수업 모델"})
    # Words past the model's length (10) are listed as "잘린 단어": the payload is cut off.
    at.text_input(key="sentiment_text").input(
        f"this movie was great and i liked every part of {payload}"
    ).run()
    assert_plain(at, "sentiment review")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_korean_sentiment_reviews_are_plain(payload):
    at = open_page("pages/sentiment.py", timeout=300)  # the Korean part is the first
    at.text_input(key="sentiment_ko_text").input(f"지루하지는 않았다 {payload} 재밌다").run()
    at.button(key="sentiment_ko_guess_check").click().run()  # the reading shows after the guess
    assert not at.exception
    assert MARK in at.code[0].value.replace(" | ", "")  # the pieces, as typed, in a code block
    for body in markdown_bodies(at):
        assert not any(markup.search(body) for markup in ACTIVE), body[:300]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_quiz_format_message_is_plain(payload):
    at = open_page("pages/quiz.py")
    at.text_input(key="quiz_q1_outputs").input(payload)
    at.button(key="quiz_q1_check").click().run()
    assert_plain(at, "quiz Q1 format message")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_quiz_q4_essay_is_plain(payload):
    at = open_page("pages/quiz.py")
    at.radio(key="quiz_nav").set_value("q4").run()
    for box in at.selectbox:  # the graded gate roles: any answer, so that the essay is shown
        if box.key and box.key.startswith("quiz_q4_"):
            box.set_value(box.options[0])
    at.text_area(key="quiz_q4_essay").input(f"forget {payload}")
    at.button(key="quiz_q4_check").click().run()
    assert_plain(at, "quiz Q4 essay")


def stock_upload(name: str, content: bytes):
    at = open_page("pages/stock.py", timeout=300)
    at.radio(key="stock_source").set_value("내 CSV 업로드").run()
    at.file_uploader(key="stock_upload").upload(name, content, "text/csv").run()
    return at


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_csv_column_names_are_plain(payload):
    rows = "\n".join(f"{i},{i}" for i in range(5))
    at = stock_upload("prices.csv", f"{payload},{MARK}other\n{rows}\n".encode())
    assert_plain(at, "stock CSV columns")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_uploaded_file_name_is_plain(payload):
    start = datetime.date(2024, 1, 1)
    rows = "\n".join(f"{start + datetime.timedelta(days=i)},{100 + i % 7 + i / 10:.2f}" for i in range(200))
    name = payload.replace("/", "_") + ".csv"
    at = stock_upload(name, f"Date,Close\n{rows}\n".encode())
    assert_plain(at, "stock file name")
