"""Ready for Streamlit Community Cloud (2 cores, 2.7 GB shared by every visitor).

- every st.cache_resource / st.cache_data in the repository is bounded (max_entries),
- requirements pin exact versions (torch 2.13.0, streamlit 1.67.x),
- .streamlit/config.toml limits uploads and sets a theme,
- the app trains on few threads and the entry point configures them.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from seqcore.core import runtime

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "node_modules"}
CACHES = {"cache_resource", "cache_data"}
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([A-Za-z0-9_.+\-]+)$")


def python_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if not SKIP_DIRS.intersection(p.relative_to(ROOT).parts))


def _cache_name(node: ast.AST) -> str | None:
    """'cache_data' for `st.cache_data` / `streamlit.cache_data` / a bare `cache_data` name."""
    if isinstance(node, ast.Attribute) and node.attr in CACHES:
        return node.attr
    if isinstance(node, ast.Name) and node.id in CACHES:
        return node.id
    return None


def unbounded_caches(source: str) -> list[tuple[int, str]]:
    """(line, what) of every use of a Streamlit cache decorator without max_entries."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for dec in node.decorator_list:
                if _cache_name(dec):  # @st.cache_data without arguments
                    found.append((dec.lineno, f"@{_cache_name(dec)} on {node.name}()"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _cache_name(node.func)):
            kwargs = {k.arg: k.value for k in node.keywords}
            bound = kwargs.get("max_entries")
            if bound is None or (isinstance(bound, ast.Constant) and bound.value is None):
                found.append((node.lineno, f"{name}(...) without max_entries"))
    return sorted(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import streamlit as st\n@st.cache_data\ndef f(): pass", 1),
        ("import streamlit as st\n@st.cache_resource()\ndef f(): pass", 1),
        ("import streamlit as st\n@st.cache_data(max_entries=None)\ndef f(): pass", 1),
        ("import streamlit as st\ng = st.cache_data(lambda: 1)", 1),
        ("from streamlit import cache_resource\n@cache_resource\ndef f(): pass", 1),
        ("import streamlit as st\n@st.cache_data(max_entries=8, ttl=60)\ndef f(): pass", 0),
        ("import streamlit as st\n@st.cache_resource(max_entries=2)\ndef f(): pass", 0),
        ("import streamlit as st\nst.cache_data.clear()", 0),
    ],
)
def test_the_cache_scan_finds_unbounded_caches(source, expected):
    assert len(unbounded_caches(source)) == expected


def test_every_streamlit_cache_in_the_repo_has_max_entries():
    files = python_files()
    assert any(p.name == "gru.py" and p.parent.name == "pages" for p in files)  # the scan sees the pages
    problems = [
        f"{p.relative_to(ROOT)}:{line}: {what}"
        for p in files
        for line, what in unbounded_caches(p.read_text(encoding="utf-8"))
    ]
    assert not problems, "unbounded Streamlit caches:\n" + "\n".join(problems)


def _requirements(name: str) -> dict[str, str]:
    pins = {}
    for raw in (ROOT / name).read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        m = PIN.match(line)
        assert m, f"{name}: not pinned to an exact version: {raw!r}"
        pins[m.group(1).lower()] = m.group(2)
    return pins


def test_requirements_pin_exact_versions():
    pins = _requirements("requirements.txt")
    assert pins["torch"] == "2.13.0"
    assert re.fullmatch(r"1\.67\.\d+", pins["streamlit"])
    for needed in ("numpy", "pandas", "plotly", "scikit-learn"):
        assert needed in pins, f"requirements.txt lacks {needed}"


def test_dev_requirements_include_the_app_and_pin_the_tools():
    text = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in text
    pins = _requirements("requirements-dev.txt")
    assert {"pytest", "playwright"} <= pins.keys()


def _required_by(package: str) -> dict[str, str]:
    """The distributions a pinned package itself requires (installed with it, same versions)."""
    from importlib import metadata

    names = {}
    for req in metadata.requires(package) or []:
        if "extra ==" not in req:
            names[re.split(r"[<>=!~ ;\[]", req, maxsplit=1)[0].lower()] = "(with " + package + ")"
    return names


def test_every_import_of_the_app_is_in_requirements():
    """Third-party modules imported by the app (not tests, bench or scripts) are pinned."""
    dist = {"sklearn": "scikit-learn"}
    stdlib = set(__import__("sys").stdlib_module_names)
    pins = _requirements("requirements.txt")
    pins |= _required_by("streamlit")  # e.g. starlette for the server's start-up hook
    app = [
        ROOT / "streamlit_app.py",
        ROOT / "home.py",
        *ROOT.glob("pages/*.py"),
        *ROOT.glob("seqcore/**/*.py"),
    ]
    missing = set()
    for path in app:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in stdlib or top == "seqcore":
                    continue
                if dist.get(top, top).lower() not in pins:
                    missing.add(f"{path.relative_to(ROOT)}: {top}")
    assert not missing, sorted(missing)


def test_streamlit_config_limits_uploads_and_sets_a_theme():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    upload_mb = config["server"]["maxUploadSize"]
    assert isinstance(upload_mb, int) and 1 <= upload_mb <= 50  # a CSV, not the default 200 MB
    theme = config["theme"]
    assert theme.get("base") in ("light", "dark") or "primaryColor" in theme
    assert config["server"].get("headless") is True
    assert config["browser"].get("gatherUsageStats") is False


def test_training_uses_few_threads_and_the_entry_point_sets_them():
    assert 1 <= runtime.DEFAULT_THREADS <= 2
    # The entry point, or the start-up module it runs when the server starts.
    called = {
        n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", None)
        for name in ("streamlit_app.py", "seqcore/ui/startup.py")
        if (ROOT / name).exists()
        for n in ast.walk(ast.parse((ROOT / name).read_text(encoding="utf-8")))
        if isinstance(n, ast.Call)
    }
    assert "configure_threads" in called


def test_pages_stop_through_ui_stop():
    """st.stop() ends the run at once: nothing after it draws, not even the sidebar's share link
    and the notes on ignored link values (seqcore/ui/shell.py, run_page). Pages call ui.stop()."""
    calls = []
    for path in [ROOT / "home.py", *ROOT.glob("pages/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "st.stop":
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not calls, f"use ui.stop() instead of st.stop(): {calls}"
