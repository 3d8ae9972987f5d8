"""The shape of the code: modules that fit in a head, short functions, no import cycle, Streamlit
only in the UI glue, formatting left to the formatter, and no diary in comments or docstrings.

The ALLOWED_* sets below name today's offenders (files), while their owners split or clean them.
They only ever shrink: whoever merges a branch that fixes a file takes its name out, and the
lead empties them when every branch has landed. A file not named must meet the rule.
"""

from __future__ import annotations

import ast
import fnmatch
import io
import os
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_FUNCTION_LINES = 60  # a page's tab part is one function: this is the page's cap too
MAX_MODULE_LINES = 300
MAX_FMT_SKIPS = 10

# Modules of seqcore/ and pages/ over MAX_MODULE_LINES, being split by topic by their owners (none now).
ALLOWED_LONG_MODULES = set()
# Import cycles (each a sorted tuple of modules) being untangled.
ALLOWED_CYCLES = set()
# Files whose `# fmt: skip` lines their owners are removing; the rest of the project holds at most
# MAX_FMT_SKIPS of them in all.
ALLOWED_FMT_SKIP_FILES = set()
# Functions over MAX_FUNCTION_LINES ("path: name").
ALLOWED_LONG_FUNCTIONS: set[str] = set()
# Files whose comments or docstrings still carry a work diary (a helper's letter).
ALLOWED_DIARY_FILES = {"seqcore/sentiment/report.py"}


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
    found = {
        f"{p.relative_to(ROOT)}: {name}": n
        for p in app_sources()
        for name, n in long_functions(p.read_text(encoding="utf-8"))
    }
    problems = [f"{where} has {n} lines" for where, n in found.items() if where not in ALLOWED_LONG_FUNCTIONS]
    assert not problems, "\n".join(problems)
    fixed = ALLOWED_LONG_FUNCTIONS - set(found)
    assert not fixed, (
        f"now at most {MAX_FUNCTION_LINES} lines: take them out of ALLOWED_LONG_FUNCTIONS: {fixed}"
    )


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


# Not the project's own code: environments, caches, build output, test artifacts.
SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".cache",
    ".ruff_cache",
    ".pytest_cache",
    "build",
    "artifacts",
}


def project_files(pattern: str = "*.py") -> list[str]:
    """The project's files whose root-relative path matches `pattern` (fnmatch: `*` spans folders),
    skipping SKIP_DIRS. A walk, not `git ls-files`: a clone, a copy and a tarball give the same answer."""
    out = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        rel = Path(folder).relative_to(ROOT)
        out += [str(rel / f) for f in files if fnmatch.fnmatch(str(rel / f), pattern)]
    return sorted(out)


def test_no_module_is_longer_than_300_lines():
    long = {
        f: n
        for f in project_files()
        if f.startswith(("seqcore/", "pages/"))
        and (n := len((ROOT / f).read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    over = {f: n for f, n in long.items() if f not in ALLOWED_LONG_MODULES}
    assert not over, f"modules over {MAX_MODULE_LINES} lines (split them by topic): {over}"
    fixed = ALLOWED_LONG_MODULES - set(long)
    assert not fixed, f"now at most {MAX_MODULE_LINES} lines: take them out of ALLOWED_LONG_MODULES: {fixed}"


def module_names() -> dict[str, Path]:
    """seqcore's modules by dotted name (a package by its own name)."""
    out = {}
    for f in project_files("seqcore/*.py"):
        parts = list(Path(f).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = ROOT / f
    return out


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The seqcore modules `name` imports anywhere in its file (at the top or inside a function)."""

    def known(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {known(a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            found |= {
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else known(base) for a in node.names
            }
    return {m for m in found if m and m != name}


def import_cycles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while (w := stack.pop()) != v:
                component.append(w)
            if component:
                cycles.append(tuple(sorted([v, *component])))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [("a", "b", "c")]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_seqcore():
    modules = module_names()
    graph = {name: imported_modules(name, path, modules) for name, path in modules.items()}
    assert graph["seqcore.core.training"], "the import graph found no import: the scan is broken"
    cycles = set(import_cycles(graph))
    new = cycles - ALLOWED_CYCLES
    assert not new, f"import cycles: {sorted(new)}"
    gone = ALLOWED_CYCLES - cycles
    assert not gone, f"no longer cycles: take them out of ALLOWED_CYCLES: {gone}"


def fmt_skips(source: str) -> int:
    """How many `# fmt: skip` comments `source` holds (a mention in a string is none)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return sum(1 for tok in tokens if tok.type == tokenize.COMMENT and tok.string.strip() == "# fmt: skip")


def test_at_most_10_fmt_skips_in_the_project():
    counts = {f: n for f in project_files() if (n := fmt_skips((ROOT / f).read_text(encoding="utf-8")))}
    rest = {f: n for f, n in counts.items() if f not in ALLOWED_FMT_SKIP_FILES}
    assert sum(rest.values()) <= MAX_FMT_SKIPS, f"`# fmt: skip` outside the allowed files: {rest}"
    clean = ALLOWED_FMT_SKIP_FILES - set(counts)
    assert not clean, f"no `# fmt: skip` left: take them out of ALLOWED_FMT_SKIP_FILES: {clean}"


# A work diary: when something was measured, on which machine, by which helper, at which commit.
# Figures and their dates belong in bench/results.json (docs/performance.md), the story in git.
DIARY = {
    "a UTC timestamp": re.compile(
        r"\b(?:\d{4}-\d{2}-\d{2}[ T])?\d{2}:\d{2}(?::\d{2})?(?:~\d{2}:\d{2})? ?UTC\b"
    ),
    "a commit hash": re.compile(r"(?<![#\w/.-])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}(?![\w-])"),
    "a machine's letter": re.compile(r"\bmachines? [A-H](?:/[A-H])*\b"),
    "a helper's letter": re.compile(r"\bhelpers? [A-H](?:/[A-H])*\b"),
}


def comments_and_docstrings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment and every module, class and function docstring."""
    out = [
        (tok.start[0], tok.string)
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            if (doc := ast.get_docstring(node, clean=False)) is not None:
                out.append((node.body[0].lineno, doc))
    return out


def diary_entries(source: str) -> list[str]:
    return [
        f"line {line}: {what} ({m.group(0)!r})"
        for line, text in comments_and_docstrings(source)
        for what, pattern in DIARY.items()
        for m in pattern.finditer(text)
    ]


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("# measured 2026-12-02 07:21 UTC on machine B\nx = 1\n", 2),
        ('"""Faster since 072c070 (helper G)."""\n', 2),
        ("# '2022-01-03 00:00:00-05:00' is a date a CSV may hold\ncolor = '#1f77b4'  # plotly blue\n", 0),
        ("x = 'measured 2026-12-02 07:21 UTC'  # a string a learner sees is not a comment\n", 0),
    ],
)
def test_the_diary_scan(source, found):
    assert len(diary_entries(source)) == found


def test_no_diary_in_comments_or_docstrings():
    found = {
        f: entries
        for f in project_files()
        if (entries := diary_entries((ROOT / f).read_text(encoding="utf-8")))
    }
    new = {f: e for f, e in found.items() if f not in ALLOWED_DIARY_FILES}
    assert not new, f"a work diary in comments or docstrings (git history keeps it): {new}"
    clean = ALLOWED_DIARY_FILES - set(found)
    assert not clean, f"no diary left: take them out of ALLOWED_DIARY_FILES: {clean}"
