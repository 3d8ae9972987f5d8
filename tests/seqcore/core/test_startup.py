"""Start-up work: every page's default is queued, the entry point is an st.App, exits are clean."""

import subprocess
import sys
from pathlib import Path

import pytest
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


# --- Streamlit's own assets from memory (seqcore/ui/statics.py) ----------------------------


def _asgi_get(app, path: str, method: str = "GET", gzip_ok: bool = True) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one request through an ASGI app."""
    import asyncio

    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    headers = [(b"accept-encoding", b"gzip, br")] if gzip_ok else []
    scope = {"type": "http", "method": method, "path": path, "headers": headers}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def _statics(tmp_path):
    from seqcore.ui.statics import StaticFromMemory

    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "main.abc123.js").write_text("console.log('hi');" * 200)
    (tmp_path / "media" / "font.woff2").parent.mkdir()
    (tmp_path / "media" / "font.woff2").write_bytes(b"\x00\x01" * 50)
    passed: list[str] = []

    async def streamlit(scope, receive, send):  # stands for Streamlit's own app
        passed.append(scope["path"])
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app = StaticFromMemory(streamlit, root=tmp_path)
    app.prefix = "/static/"
    return app, passed


def test_an_asset_is_answered_from_memory_compressed_and_cached_for_a_year(tmp_path):
    import gzip

    app, passed = _statics(tmp_path)
    status, headers, body = _asgi_get(app, "/static/js/main.abc123.js")
    assert status == 200 and not passed
    assert headers["content-encoding"] == "gzip" and "javascript" in headers["content-type"]
    assert gzip.decompress(body) == (tmp_path / "js" / "main.abc123.js").read_bytes()
    assert int(headers["content-length"]) == len(body)
    assert "immutable" in headers["cache-control"] and "31536000" in headers["cache-control"]
    status, headers, body = _asgi_get(app, "/static/js/main.abc123.js", gzip_ok=False)
    assert "content-encoding" not in headers and body == (tmp_path / "js" / "main.abc123.js").read_bytes()
    status, _, body = _asgi_get(app, "/static/media/font.woff2")  # binary: sent as it is
    assert status == 200 and body == b"\x00\x01" * 50


@pytest.mark.parametrize(
    "path,method",
    [
        ("/static/js/missing.js", "GET"),  # not a file there
        ("/static/js/../../secret.txt", "GET"),  # not a name in the folder's listing
        ("/static/js/main.abc123.js", "POST"),
        ("/_stcore/health", "GET"),
        ("/", "GET"),
    ],
)
def test_anything_else_goes_on_to_streamlit(tmp_path, path, method):
    app, passed = _statics(tmp_path)
    (tmp_path.parent / "secret.txt").write_text("no")
    status, _, _ = _asgi_get(app, path, method=method)
    assert status == 404 and passed == [path]


def test_the_middleware_knows_every_file_of_streamlits_static_folder():
    from seqcore.ui.statics import StaticFromMemory, _asset_dir

    app = StaticFromMemory(None)
    assert app.root == _asset_dir() and len(app.names) > 100
    assert any(n.startswith("js/index.") and n.endswith(".js") for n in app.names)
