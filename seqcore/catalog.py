"""The app's pages: file, Korean title, icon and navigation section, in lesson order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SECTION_BASICS = "Part 1: 기초"
SECTION_ADVANCED = "Part 2: 심화"
SECTION_QUIZ = "실습 퀴즈"


@dataclass(frozen=True)
class PageInfo:
    path: str  # relative to the repository root
    title: str  # shown in the navigation
    icon: str  # a Material icon, ":material/name:"
    section: str  # the navigation section
    lesson: str  # the lesson's section number, e.g. "1.2"


PAGES: tuple[PageInfo, ...] = (
    PageInfo("pages/sequence_data.py", "시퀀스 데이터", ":material/timeline:", SECTION_BASICS, "1.1"),
    PageInfo("pages/rnn.py", "RNN", ":material/loop:", SECTION_BASICS, "1.2"),
    PageInfo("pages/vanishing_gradient.py", "기울기 소실", ":material/trending_down:", SECTION_BASICS, "1.3"),
    PageInfo("pages/lstm.py", "LSTM", ":material/memory:", SECTION_BASICS, "1.4"),
    PageInfo("pages/gru.py", "GRU", ":material/bolt:", SECTION_BASICS, "1.5"),
    PageInfo("pages/birnn.py", "양방향 RNN", ":material/swap_horiz:", SECTION_ADVANCED, "2.1"),
    PageInfo("pages/stock.py", "주가 예측", ":material/show_chart:", SECTION_ADVANCED, "2.2"),
    PageInfo("pages/sentiment.py", "감성 분석", ":material/sentiment_satisfied:", SECTION_ADVANCED, "2.3"),
    PageInfo("pages/quiz.py", "퀴즈", ":material/quiz:", SECTION_QUIZ, "퀴즈"),
)


def built_pages() -> list[PageInfo]:
    """The pages whose file exists: a page enters the navigation only once it is built."""
    return [p for p in PAGES if (ROOT / p.path).is_file()]


def page(path: str) -> PageInfo:
    for p in PAGES:
        if p.path == path:
            return p
    raise KeyError(path)
