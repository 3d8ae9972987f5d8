"""Start-up work: every page's default is queued, the entry point is an st.App, exits are clean."""

import subprocess
import sys
from pathlib import Path

from streamlit.web.server.app_discovery import discover_asgi_app

from seqcore.core.cache import CacheStore
from seqcore.ui import startup

ROOT = Path(__file__).resolve().parents[3]


def test_default_runs_are_unique_triples_with_the_lesson_model_first():
    runs = startup.default_runs()
    assert runs, "no page exposes a default run"
    assert runs[0][0].name == "sentiment_lesson"
    for store, fn, config in runs:
        assert isinstance(store, CacheStore) and callable(fn)
        hash(config)  # a cache key
    keys = [(s.name, c) for s, _, c in runs]
    assert len(keys) == len(set(keys))
    names = {s.name for s, _, _ in runs}
    assert {"gru_compare", "lstm_gates"} <= names  # the GRU comparison and the LSTM page's model
    assert {
        "stock_recipe",
        "stock",
        "sentiment_uci",
    } <= names  # the stock page's default, the real-review model


def test_every_module_that_declares_default_runs_is_listed_and_no_other_name_is_used():
    """A module renamed or added without updating startup.MODULES would silently not be computed;
    the old names (DEFAULT_RUN, PREWARM) would be silently ignored."""
    import re

    declared, old = set(), set()
    for path in (ROOT / "seqcore").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if re.search(rf"^{startup.NAME}\b.*=", text, re.M):
            declared.add(name)
        if re.search(r"^(DEFAULT_RUN|PREWARM)\b.*=", text, re.M):
            old.add(name)
    assert declared == set(startup.MODULES)
    assert not old


def test_streamlit_run_serves_the_entry_point_through_st_app():
    found = discover_asgi_app(ROOT / "streamlit_app.py")
    assert found.is_asgi_app and found.app_name == "app"


def test_a_process_that_exits_while_start_up_work_runs_prints_no_traceback():
    # The exit lands inside the warm-up's imports (scikit-learn's), where a traceback was seen.
    code = "from seqcore.ui import startup; startup.start(); print('bye')"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "bye"
    assert "Traceback" not in proc.stderr and "Exception" not in proc.stderr, proc.stderr[-2000:]
