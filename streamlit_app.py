"""Entry point: page config, navigation (Part 1 / Part 2 / quiz) and the shared sidebar."""

import streamlit as st

from seqcore import sentiment, ui
from seqcore.catalog import SECTION_ADVANCED, SECTION_BASICS, SECTION_QUIZ, built_pages
from seqcore.runtime import DEFAULT_SEED, configure_threads, warm_up_in_background

st.set_page_config(page_title="RNN · LSTM · GRU 실습실", page_icon=":material/cycle:", layout="wide")
configure_threads()
warm_up_in_background()
# The 감성 분석 page shows the lesson's model trained with its exact recipe (650 Adam steps,
# seconds on one core): train the default-seed one in the background as the server starts.
ui.prewarm(
    sentiment.LESSON_STORE,
    sentiment.train_lesson,
    sentiment.LessonConfig(seed=DEFAULT_SEED),
    max_entries=sentiment.LESSON_STORE_SIZE,
)

sections: dict[str, list] = {"": [st.Page("home.py", title="홈", icon=":material/home:", default=True)]}
for section in (SECTION_BASICS, SECTION_ADVANCED, SECTION_QUIZ):
    pages = [st.Page(p.path, title=p.title, icon=p.icon) for p in built_pages() if p.section == section]
    if pages:
        sections[section] = pages

nav = st.navigation(sections)
ui.sidebar()
nav.run()
