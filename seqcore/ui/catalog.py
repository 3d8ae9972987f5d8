"""The app's pages: file, Korean title, icon and navigation section, in lesson order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

SECTION_BASICS = "Part 1: 기초"
SECTION_ADVANCED = "Part 2: 심화"
SECTION_QUIZ = "실습 퀴즈"

# Emoji icons, not ":material/...:": Material icons make the browser fetch a font from a
# remote server, and the app must make no request off the machine.
HOME_ICON = "🏠"


@dataclass(frozen=True)
class PageInfo:
    path: str  # relative to the repository root
    title: str  # shown in the navigation
    icon: str  # an emoji
    section: str  # the navigation section

    @property
    def stem(self) -> str:
        """The URL path of the page ("rnn" for pages/rnn.py)."""
        return Path(self.path).stem


PAGES: tuple[PageInfo, ...] = (
    PageInfo("pages/sequence_data.py", "시퀀스 데이터", "📏", SECTION_BASICS),
    PageInfo("pages/rnn.py", "RNN", "🔁", SECTION_BASICS),
    PageInfo("pages/vanishing_gradient.py", "기울기 소실", "📉", SECTION_BASICS),
    PageInfo("pages/lstm.py", "LSTM", "🧠", SECTION_BASICS),
    PageInfo("pages/gru.py", "GRU", "⚡", SECTION_BASICS),
    PageInfo("pages/language_model.py", "문자 생성", "✍️", SECTION_ADVANCED),
    PageInfo("pages/birnn.py", "양방향 RNN", "↔️", SECTION_ADVANCED),
    PageInfo("pages/stock.py", "주가 예측", "📈", SECTION_ADVANCED),
    PageInfo("pages/sentiment.py", "감성 분석", "💬", SECTION_ADVANCED),
    PageInfo("pages/quiz.py", "퀴즈", "📝", SECTION_QUIZ),
)


def page(path: str) -> PageInfo:
    for p in PAGES:
        if p.path == path:
            return p
    raise KeyError(path)
