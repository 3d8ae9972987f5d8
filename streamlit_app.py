"""Entry point: page config, navigation (Part 1 / Part 2 / quiz) and the shared sidebar."""

import streamlit as st

from seqcore import ui
from seqcore.core.runtime import DEFAULT_SEED, configure_threads, warm_up_in_background
from seqcore.sentiment import models as sentiment
from seqcore.ui.catalog import HOME_ICON, PAGES, SECTION_ADVANCED, SECTION_BASICS, SECTION_QUIZ

st.set_page_config(page_title="RNN · LSTM · GRU 실습실", page_icon="🔁", layout="wide")
configure_threads()
warm_up_in_background()
# The 감성 분석 page shows the lesson's model trained with its exact recipe (650 Adam steps,
# seconds on one core): train the default-seed one in the background as the server starts.
ui.prewarm(sentiment.LESSON_STORE, sentiment.train_lesson, sentiment.LessonConfig(seed=DEFAULT_SEED))

sections: dict[str, list] = {"": [st.Page("home.py", title="홈", icon=HOME_ICON, default=True)]}
for section in (SECTION_BASICS, SECTION_ADVANCED, SECTION_QUIZ):
    sections[section] = [st.Page(p.path, title=p.title, icon=p.icon) for p in PAGES if p.section == section]

nav = st.navigation(sections)
ui.sidebar()
ui.run_page(nav)  # the page, then the sidebar's share link and notes on link values
