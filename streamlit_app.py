"""Entry point: page config, navigation (Part 1 / Part 2 / quiz) and the shared sidebar.

`streamlit run streamlit_app.py` finds `app` below and serves this same file through `st.App`,
whose start-up hook (seqcore/ui/startup.py) computes every page's default and opens every page
once as the server starts, before the first learner; its middleware answers Streamlit's own
JS/CSS from memory. The script itself (run for every page view, with __name__ == "__main__")
starts the start-up work too, for AppTest and any other way of running it.
"""

import streamlit as st

from seqcore.ui import startup

if __name__ != "__main__":  # imported by `streamlit run` (uvicorn): the server, not a page view
    app = st.App(
        __file__, lifespan=startup.lifespan, routes=startup.routes(), middleware=startup.middleware()
    )
else:
    from seqcore import ui
    from seqcore.ui.catalog import HOME_ICON, PAGES, SECTION_ADVANCED, SECTION_BASICS, SECTION_QUIZ

    st.set_page_config(page_title="RNN · LSTM · GRU 실습실", page_icon="🔁", layout="wide")
    startup.start()  # once per process; a no-op after the server's start-up hook

    sections: dict[str, list] = {"": [st.Page("home.py", title="홈", icon=HOME_ICON, default=True)]}
    for section in (SECTION_BASICS, SECTION_ADVANCED, SECTION_QUIZ):
        sections[section] = [
            st.Page(p.path, title=p.title, icon=p.icon) for p in PAGES if p.section == section
        ]

    nav = st.navigation(sections)
    ui.sidebar()
    ui.run_page(nav)  # nav.run(), then the sidebar's share link and link notes
