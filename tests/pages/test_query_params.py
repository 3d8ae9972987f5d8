"""Links that carry a setup: every bound widget takes its value from the URL, bad values are
ignored with a note, and the sidebar's "이 설정 공유" shows the page's link with its settings.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from apphelp import open_page
from widgetkit import CHOICE, bound, inputs, neighbour, out_of_range

from seqcore.core.config import knob, knob_of
from seqcore.ui import widgets
from seqcore.ui.catalog import PAGES as CATALOG
from seqcore.ui.shell import SHARE_KEY

PATHS = [p.path for p in CATALOG]
TIMEOUT = 120
LINKS_DOC = Path(__file__).resolve().parents[2] / "docs" / "links.md"  # the public link format


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption) + "\n" + "\n".join(c.value for c in at.sidebar.caption)


def share_code(at) -> str:
    """The link in the sidebar's share box, opened as a learner opens it (a rerun draws it)."""
    if not at.sidebar.code:
        at.session_state[SHARE_KEY] = True
        at.run()
        assert not at.exception
    codes = [c.value for c in at.sidebar.code]
    assert codes, "the sidebar shows no share link"
    return codes[-1]


@pytest.mark.parametrize("path", PATHS, ids=[Path(p).stem for p in PATHS])
def test_a_link_opens_the_page_with_its_settings(path):
    first = open_page(path, timeout=TIMEOUT)
    assert not first.exception, first.exception[0].value
    keys = [el.key for _, el in inputs(first) if bound(el)]
    undocumented = [k for k in keys if f"`{k}`" not in LINKS_DOC.read_text(encoding="utf-8")]
    assert not undocumented, f"{path}: keys missing from docs/links.md (run scripts/links.py): {undocumented}"
    changes = [c for kind, el in inputs(first) if bound(el) and (c := neighbour(kind, el)) is not None]
    if not changes:
        pytest.skip(f"{path} has no setting bound to the URL")
    # Two links: the choices (which may swap the widgets below them, e.g. another data
    # source) apart from every other setting, so that each widget is on the page it sets.
    # A widget that another setting hides (results drawn only for a trained setup) is tried
    # again in a link of its own.
    parts = [[c for c in changes if c.kind in CHOICE], [c for c in changes if c.kind not in CHOICE]]
    for part in parts:
        if not part:
            continue
        at = open_page(path, timeout=TIMEOUT, query={c.key: c.url for c in part})
        assert not at.exception, at.exception[0].value
        gone = [c for c in part if c.read(at) == "<gone>"]
        if len(part) > 1:
            parts += [[c] for c in gone]
            part = [c for c in part if c not in gone]
        wrong = {c.key: (c.target, c.read(at)) for c in part if c.read(at) != c.target}
        assert not wrong, f"{path}: widgets that did not take the link's value (wanted, got): {wrong}"
        assert "링크의" not in captions(at)  # nothing was dropped
        link = share_code(at)
        assert link.startswith(f"/{Path(path).stem}?")
        for c in part:
            assert f"{c.key}=" in link, (c.key, link)


@pytest.mark.parametrize("path", PATHS, ids=[Path(p).stem for p in PATHS])
def test_bad_link_values_are_ignored_with_a_note(path):
    first = open_page(path, timeout=TIMEOUT)
    bad = {el.key: v for kind, el in inputs(first) if bound(el) and (v := out_of_range(kind, el)) is not None}
    defaults = {
        el.key: (el.index if kind in ("selectbox", "radio") else el.value) for kind, el in inputs(first)
    }
    if not bad:
        pytest.skip(f"{path} has no bound setting with a range or options")
    at = open_page(path, timeout=TIMEOUT, query=bad | {"no_such_setting": "1"})
    assert not at.exception, at.exception[0].value
    notes = captions(at)
    kinds = dict((el.key, kind) for kind, el in inputs(at))
    for key in bad:
        el = next(el for kind, el in inputs(at) if el.key == key)
        now = el.index if kinds[key] in ("selectbox", "radio") else el.value
        assert now == defaults[key], f"{key}: {bad[key]!r} was not ignored"
        assert f"{key}=" in notes, f"{path}: no note for the ignored {key}={bad[key]!r}:\n{notes}"
    assert "no_such_setting" not in share_code(at)  # a foreign key is not passed on


def test_the_seed_from_a_link_and_a_bad_seed():
    at = open_page("pages/rnn.py", query={"seed": "7"})
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 7
    assert share_code(at) == "/rnn?seed=7"
    at = open_page(None, query={"seed": "-5"})
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 42
    assert "seed=-5" in captions(at)


def test_the_home_page_link_without_settings():
    at = open_page()
    assert not at.exception
    assert share_code(at) == "/"


def test_the_share_link_never_carries_results():
    at = open_page("pages/gru.py", query={"gru_hidden": "21"})
    assert share_code(at) == "/gru?gru_hidden=21"


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [("5", 5, True), ("5.0", 5, True), ("6", 5, False), ("abc", 5, False), ("TRUE", True, True),
     ("false", True, False), ("RNN", "RNN", True), ("GRU", "RNN", False)],
)  # fmt: skip
def test_means_default(raw, default, expected):
    assert widgets.means_default(raw, default) is expected


def test_a_note_names_the_value_and_what_is_allowed():
    C = dataclasses.make_dataclass(
        "C", [("h", int, knob(8, "h", lo=1, hi=64)), ("m", str, knob("a", "m", options=("a", "b")))]
    )
    _, h = knob_of(C, "h")
    _, m = knob_of(C, "m")
    assert widgets.allowed_text(h) == "1 ~ 64"
    assert widgets.allowed_text(m) == "a, b"
    note = widgets.dropped_note("x_h", "999", "1 ~ 64")
    assert "x_h=999" in note and "1 ~ 64" in note and "무시" in note
    assert len(widgets.dropped_note("x", "y" * 10_000)) < 120  # a huge value is shortened
