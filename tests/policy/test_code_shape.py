"""The shape of the code: short functions, thin pages, Streamlit only in the UI glue."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_FUNCTION_LINES = 60
MAX_PAGE_LINES = 250  # was 220 before pages were split into parts (a function and docstring each)


def app_sources() -> list[Path]:
    files = sorted((ROOT / "seqcore").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py"))
    return files + [ROOT / "streamlit_app.py", ROOT / "home.py"]


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """(name, lines) of every function or method longer than `limit` lines, decorators excluded."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = node.end_lineno - node.lineno + 1
            if lines > limit:
                out.append((node.name, lines))
    return out


@pytest.mark.parametrize(
    ("body_lines", "expected"),
    [(MAX_FUNCTION_LINES - 1, 0), (MAX_FUNCTION_LINES + 5, 1)],
)
def test_the_scan_finds_long_functions(body_lines, expected):
    source = "def f():\n" + "    x = 1\n" * body_lines
    assert len(long_functions(source)) == expected


def test_no_function_is_longer_than_60_lines():
    problems = [
        f"{p.relative_to(ROOT)}: {name} has {n} lines"
        for p in app_sources()
        for name, n in long_functions(p.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


def test_pages_stay_thin():
    fat = {
        p.name: n
        for p in sorted((ROOT / "pages").glob("*.py")) + [ROOT / "home.py"]
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_PAGE_LINES
    }
    assert not fat, f"pages over {MAX_PAGE_LINES} lines: {fat}"


def test_only_the_ui_glue_imports_streamlit():
    for p in (ROOT / "seqcore").rglob("*.py"):
        if "ui" in p.relative_to(ROOT / "seqcore").parts[:1]:
            continue
        tree = ast.parse(p.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "streamlit" for n in names), p
