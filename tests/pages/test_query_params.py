"""Links that carry a setup: every bound widget takes its value from the URL, bad values are
ignored with a note, and the sidebar's "이 설정 공유" shows the page's link with its settings.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from apphelp import open_page, part_key, part_labels
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


def shown(markdown: str) -> str:
    """The text a reader sees where the source has backslash escapes (markup.plain's)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def share_code(at) -> str:
    """The link in the sidebar's share box, opened as a learner opens it (a rerun draws it)."""
    if not at.sidebar.code:
        at.session_state[SHARE_KEY] = True
        at.run()
        assert not at.exception
    codes = [c.value for c in at.sidebar.code]
    assert codes, "the sidebar shows no share link"
    return codes[-1]


def by_part(path: str):
    """(query that opens the part, the page opened so) for each part of the page (ui.sections).

    A part's widgets are drawn only while it is open, so each part is tried in a link of its
    own; the first part is what the page opens without one. A page without parts is one part.
    """
    first = open_page(path, timeout=TIMEOUT)
    assert not first.exception, first.exception[0].value
    labels = part_labels(first)
    yield {}, first
    for label in labels[1:]:
        query = {part_key(path): label}
        at = open_page(path, timeout=TIMEOUT, query=query)
        assert not at.exception, at.exception[0].value
        assert part_labels(at) == labels
        yield query, at


# The stock page trains the link's settings in each part: the slow tier.
LINKED = [pytest.param(p, marks=pytest.mark.slow) if p == "pages/stock.py" else p for p in PATHS]


@pytest.mark.parametrize("path", LINKED, ids=[Path(p).stem for p in PATHS])
def test_a_link_opens_the_page_with_its_settings(path):
    doc = LINKS_DOC.read_text(encoding="utf-8")
    tried = 0
    for opened, first in by_part(path):
        keys = [el.key for _, el in inputs(first) if bound(el)] + list(opened)
        undocumented = [k for k in keys if f"`{k}`" not in doc]
        assert not undocumented, (
            f"{path}: keys missing from docs/links.md (run scripts/links.py): {undocumented}"
        )
        for value in opened.values():
            assert f"`{value}`" in doc, f"{path}: part {value!r} missing from docs/links.md"
        changes = [c for kind, el in inputs(first) if bound(el) and (c := neighbour(kind, el)) is not None]
        # Two links: the choices (which may swap the widgets below them, e.g. another data
        # source) apart from every other setting, so that each widget is on the page it sets.
        # A widget that another setting hides (results drawn only for a trained setup) is tried
        # again in a link of its own.
        groups = [[c for c in changes if c.kind in CHOICE], [c for c in changes if c.kind not in CHOICE]]
        for group in groups:
            if not group:
                continue
            tried += len(group)
            at = open_page(path, timeout=TIMEOUT, query=opened | {c.key: c.url for c in group})
            assert not at.exception, at.exception[0].value
            gone = [c for c in group if c.read(at) == "<gone>"]
            if len(group) > 1:
                groups += [[c] for c in gone]
                group = [c for c in group if c not in gone]
            wrong = {c.key: (c.target, c.read(at)) for c in group if c.read(at) != c.target}
            assert not wrong, f"{path}: widgets that did not take the link's value (wanted, got): {wrong}"
            assert "링크의" not in captions(at)  # nothing was dropped
            link = share_code(at)
            assert link.startswith(f"/{Path(path).stem}?")
            for c in group:
                assert f"{c.key}=" in link, (c.key, link)
            for key in opened:  # the link opens the same part
                assert f"{key}=" in link, (key, link)
    if not tried:
        pytest.skip(f"{path} has no setting bound to the URL")


@pytest.mark.parametrize("path", PATHS, ids=[Path(p).stem for p in PATHS])
def test_bad_link_values_are_ignored_with_a_note(path):
    tried = 0
    for opened, first in by_part(path):
        bad = {
            el.key: v for kind, el in inputs(first) if bound(el) and (v := out_of_range(kind, el)) is not None
        }
        defaults = {
            el.key: (el.index if kind in ("selectbox", "radio") else el.value) for kind, el in inputs(first)
        }
        if not bad:
            continue
        tried += 1
        at = open_page(path, timeout=TIMEOUT, query=opened | bad | {"no_such_setting": "1"})
        assert not at.exception, at.exception[0].value
        notes = captions(at)
        kinds = dict((el.key, kind) for kind, el in inputs(at))
        for key in bad:
            el = next(el for kind, el in inputs(at) if el.key == key)
            now = el.index if kinds[key] in ("selectbox", "radio") else el.value
            assert now == defaults[key], f"{key}: {bad[key]!r} was not ignored"
            assert f"`{key}`" in notes, f"{path}: no note for the ignored {key}={bad[key]!r}:\n{notes}"
        assert "no_such_setting" not in share_code(at)  # a foreign key is not passed on
    if not tried:
        pytest.skip(f"{path} has no bound setting with a range or options")


@pytest.mark.parametrize("path", PATHS, ids=[Path(p).stem for p in PATHS])
def test_a_link_to_a_part_the_page_does_not_have_opens_the_first_with_a_note(path):
    first = open_page(path, timeout=TIMEOUT)
    labels = part_labels(first)
    if not labels:
        pytest.skip(f"{path} is not in parts")
    key = part_key(path)
    at = open_page(path, timeout=TIMEOUT, query={key: "없는 탭"})
    assert not at.exception, at.exception[0].value
    assert [t.label for t in at.tabs] == labels
    assert key not in at.query_params
    assert f"`{key}`" in captions(at), captions(at)


def test_the_seed_from_a_link_and_a_bad_seed():
    at = open_page("pages/rnn.py", query={"seed": "7"})
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 7
    assert share_code(at) == "/rnn?seed=7"
    at = open_page(None, query={"seed": "-5"})
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 42
    assert "`seed`" in captions(at) and "‘-5’" in shown(captions(at))


def test_the_home_page_link_without_settings():
    at = open_page()
    assert not at.exception
    assert share_code(at) == "/"


def test_the_share_link_never_carries_results():
    at = open_page("pages/gru.py", query={"gru_part": "nn.GRU와 밑바닥 셀", "gru_hidden": "21"})
    assert share_code(at) == "/gru?" + urlencode({"gru_part": "nn.GRU와 밑바닥 셀", "gru_hidden": "21"})


def test_a_link_to_a_part_keeps_the_part_when_the_page_stops_before_its_tabs():
    """The stock page stops above its tabs until a new setup is trained: the link keeps the part."""
    at = open_page("pages/stock.py", query={"stock_part": "정규화와 누수", "stock_epochs": "31"})
    assert not at.exception
    assert not part_labels(at)  # stopped before the tabs: nothing trained for 31 epochs yet
    assert parse_qs(urlsplit(share_code(at)).query)["stock_part"] == ["정규화와 누수"]


MEANS_DEFAULT = [("5", 5, True), ("5.0", 5, True), ("6", 5, False), ("abc", 5, False), ("TRUE", True, True)]
MEANS_DEFAULT += [("false", True, False), ("RNN", "RNN", True), ("GRU", "RNN", False)]


@pytest.mark.parametrize(("raw", "default", "expected"), MEANS_DEFAULT)
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
    assert "`x_h`" in note and "‘999’" in shown(note) and "1 ~ 64" in shown(note)
    crafted = widgets.dropped_note("x_h", "`![p](//x.invalid)")
    assert "\\`" in crafted and "\\!\\[p\\]\\(" in crafted  # the link's markup is escaped
    assert len(widgets.dropped_note("x", "y" * 10_000)) < 120  # a huge value is shortened
