"""Every link value and every typed text stays text, on every page (issue 28).

The pages, their parts and their inputs are collected as the app draws them (the catalog's pages,
`ui.sections` parts, choices that reveal more inputs), so a page added later is swept with no
edit here. For each page:

1. Links. Every URL key the page uses - each widget bound to the URL (`query_param_key`) and
   each key the page reads from `st.query_params` itself (recorded while the page runs) - gets a
   crafted value in one link per part: a backtick (to break out of a code span), an image, a
   link, raw HTML and `$math$`. Two links per part, each short enough to survive the link note's
   30-character cut.
2. Typed text. Every text_input/text_area gets a payload with all of these (word by word, and
   all in one word), the page reruns, each primary button of the part is pressed once (a quiz's
   "채점하기") with new training refused meanwhile, the folds (ui.folded) are opened, and the
   link the page wrote for itself (a quiz keeps its answers there) is opened as a new learner.

After every run, every element that Streamlit renders as Markdown (markdown, captions, alerts,
headings, widget labels and help, radio options, metric labels, tab and expander labels) is
parsed with markdown-it (CommonMark, close to the browser's renderer for these) plus a `$…$`
rule like remark-math's: no image, link, raw HTML or math may carry the payload, no GFM autolink
may show its address, and no `st.html` or plotly text may hold it. Each value carries a tag
(`zqab`) naming its key, so a hole is reported with its page, part and key.
"""

from __future__ import annotations

import itertools
import json
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from apphelp import open_page, part_key, part_labels
from markdown_it import MarkdownIt
from streamlit.runtime.state.query_params_proxy import QueryParamsProxy
from widgetkit import pick

from seqcore.core import queue
from seqcore.core.memory import MemoryRefused
from seqcore.ui.catalog import PAGES as CATALOG

pytestmark = pytest.mark.slow  # about 5 minutes for every page on the 2-core machine

TIMEOUT = 300  # a page may wait for its default to train (start-up work)
PAGES = [None] + [p.path for p in CATALOG]
TAG = re.compile(r"zq[a-z]{2}")
TEXT_KINDS = ("text_input", "text_area")
WELL_FORMED = "1, 2, 3"  # an answer most inputs take as given (numbers, a shape, words)
CHOICE_KINDS = ("radio", "selectbox")


def link_payloads(tag: str) -> list[str]:
    """Two link values (each at most 27 characters: the note's cut) that carry every kind of markup."""
    return [f"`![{tag}](//x.invalid)${tag}$", f"`[x](//{tag})<b id={tag}>"]


def text_payloads(tag: str, max_chars: int = 0) -> list[str]:
    """Typed text: every kind of markup word by word (as many words as the input takes), and the
    same in one word (a message that quotes only the first bad word quotes all of it)."""
    words = [
        tag,
        "`c`",
        f"![{tag}](//x.invalid/i.png)",
        f"[{tag}](//x.invalid/l)",
        f"${tag}$",
        f"<img src=//x.invalid/{tag}.png>",
        f"<b id={tag}>",
        f"www.x.invalid/{tag}",
        f"**{tag}**",
    ]
    spaced = words[0]
    for word in words[1:]:
        if max_chars and len(spaced) + 1 + len(word) > max_chars:
            break
        spaced += " " + word
    compact = f"`![{tag}](//x.invalid)[{tag}](//{tag})<{tag}>${tag}$"
    return [spaced, compact[:max_chars] if max_chars else compact]


def tags() -> Iterator[str]:
    for a, b in itertools.product(string.ascii_lowercase, repeat=2):
        yield f"zq{a}{b}"


# --- what the browser would render -----------------------------------------------------------


def _dollar_math(state, silent: bool) -> bool:
    """remark-math's inline math: a run of `$` closed by a run of the same length (not escaped:
    markdown-it's escape rule has consumed `\\$` before this rule sees it)."""
    src, start = state.src, state.pos
    if src[start] != "$":
        return False
    run = len(src[start:]) - len(src[start:].lstrip("$"))
    close = re.compile(r"(?<!\$)" + re.escape("$" * run) + r"(?!\$)")
    m = close.search(src, start + run)
    if m is None or m.start() == start + run:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[start + run : m.start()]
    state.pos = m.end()
    return True


MD = MarkdownIt("commonmark")
MD.inline.ruler.after("escape", "dollar_math", _dollar_math)
AUTOLINK = re.compile(r"(?:www\.|https?://)x\.invalid")  # GFM links these even without <>


def active_markup(body: str) -> list[tuple[str, str]]:
    """(kind, text) of each image, link, raw HTML, math or GFM autolink the body renders."""
    found = []
    for token in MD.parse(body):
        if token.type == "html_block":
            found.append(("html", token.content))
        for child in token.children or []:
            if child.type == "image":
                found.append(("image", f"{child.attrGet('src')} {child.content}"))
            elif child.type == "link_open":
                found.append(("link", str(child.attrGet("href"))))
            elif child.type == "html_inline":
                found.append(("html", child.content))
            elif child.type == "math_inline":
                found.append(("math", child.content))
            elif child.type == "text" and AUTOLINK.search(child.content):
                found.append(("autolink", child.content))
    return found


PLAIN_PROTOS = {"Text", "Code", "Html", "Json", "Exception", "Arrow", "DataFrame"}


def _markdown_texts(proto) -> list[str]:
    """The strings of one element that Streamlit renders as Markdown."""
    kind = type(proto).__name__
    fields = proto.DESCRIPTOR.fields_by_name
    texts = []
    if kind == "Block":  # expanders, tabs, popovers: their labels
        which = proto.WhichOneof("type")
        inner = getattr(proto, which) if which else None
        return [inner.label] if inner is not None and "label" in inner.DESCRIPTOR.fields_by_name else []
    if kind == "Exception" and proto.message_is_markdown:
        texts.append(proto.message)
    if kind not in PLAIN_PROTOS:
        texts += [getattr(proto, f) for f in ("body", "label", "help", "title") if f in fields]
    if kind == "Radio":  # radio options and captions are Markdown too
        texts += list(proto.options) + list(proto.captions)
    return [t for t in texts if isinstance(t, str) and t]


def _nodes(node) -> Iterator:
    yield node
    children = getattr(node, "children", None) or {}
    for child in children.values() if isinstance(children, dict) else children:
        yield from _nodes(child)


@dataclass
class Holes:
    """What one page's sweep found: holes by key, and the tags that reached the page."""

    owner: dict[str, str]  # tag -> URL key or input key
    found: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def check(self, at, where: str) -> None:
        assert not at.exception, f"{where}: {at.exception[0].value}"
        for node in _nodes(at._tree):
            proto = getattr(node, "proto", None)
            if proto is None:
                continue
            kind = type(proto).__name__
            if kind == "Html":  # raw HTML by design: nothing of a learner's may be in it
                self._report(where, "st.html", [("html", proto.body)] if TAG.search(proto.body) else [])
                continue
            if kind == "PlotlyChart":  # plotly's text takes <a href>: a link in a chart label
                spec = proto.spec
                self._report(
                    where, "plotly", [("html", m.group()) for m in re.finditer(r"<a [^>]*zq[a-z]{2}", spec)]
                )
            for text in _markdown_texts(proto):
                self.seen.update(TAG.findall(text))
                self._report(
                    where, kind, [m for m in active_markup(text) if TAG.search(m[1]) or "x.invalid" in m[1]]
                )
            self.seen.update(TAG.findall(_plain_texts(proto)))

    def _report(self, where: str, element: str, markups: list[tuple[str, str]]) -> None:
        for what, text in markups:
            keys = sorted({self.owner.get(t, t) for t in TAG.findall(text)}) or ["?"]
            self.found.append(f"{where}: {', '.join(keys)} -> {what} in {element}: {text[:80]!r}")


def _plain_texts(proto) -> str:
    """Text shown as typed (text, code, widget values, tables): proof that a value arrived."""
    parts = []
    for name in ("body", "code_text", "value", "default", "raw_value", "data", "spec"):
        if name in proto.DESCRIPTOR.fields_by_name:
            value = getattr(proto, name)
            parts.append(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
    if type(proto).__name__ == "Arrow":
        parts.append(str(proto))
    return "\n".join(parts)


# --- what a page offers --------------------------------------------------------------------


@pytest.fixture
def read_keys(monkeypatch) -> set[str]:
    """Every key a page asks st.query_params for (get, [], in) while the fixture is active."""
    asked: set[str] = set()
    getitem = QueryParamsProxy.__getitem__
    get_all = QueryParamsProxy.get_all

    def recording_getitem(self, key):
        asked.add(key)
        return getitem(self, key)

    def recording_get_all(self, key):
        asked.add(key)
        return get_all(self, key)

    monkeypatch.setattr(QueryParamsProxy, "__getitem__", recording_getitem)
    monkeypatch.setattr(QueryParamsProxy, "get_all", recording_get_all)
    return asked


def bound_keys(at) -> set[str]:
    keys = set()
    for node in _nodes(at._tree):
        key = getattr(getattr(node, "proto", None), "query_param_key", "")
        if key:
            keys.add(key)
    return keys


def text_inputs(at) -> list:
    return [el for kind in TEXT_KINDS for el in getattr(at, kind) if not el.disabled and el.key]


def choices(at) -> list:
    sidebar = {id(el.proto) for kind in CHOICE_KINDS for el in getattr(at.sidebar, kind)}
    return [
        el
        for kind in CHOICE_KINDS
        for el in getattr(at, kind)
        if el.key and not el.disabled and id(el.proto) not in sidebar and len(el.options) > 1
    ]


@dataclass(frozen=True)
class View:
    """One state of a page to sweep: a part (tab), and the choices that reveal its text inputs."""

    part: str | None
    picks: tuple[tuple[str, str, int], ...] = ()  # (kind, key, option index)
    tabs: str = ""  # the URL key of the page's parts (the tabs' own query_param_key)


def tabs_key(at) -> str:
    """The URL key of the page's parts, as its tabs are bound ("" for a page without parts)."""
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if type(proto).__name__ == "Block" and proto.WhichOneof("type") == "tab_container":
            return proto.tab_container.query_param_key
    return ""


def _choice_kind(el) -> str:
    return "radio" if type(el.proto).__name__ == "Radio" else "selectbox"


def open_view(path: str | None, view: View, query: dict[str, str] | None = None):
    q = dict(query or {})
    if view.part is not None:
        q[view.tabs] = view.part
    at = open_page(path, timeout=TIMEOUT, query=q)
    for kind, key, index in view.picks:
        el = next((e for e in getattr(at, kind) if e.key == key), None)
        if el is None:
            break
        pick(el, index)
        at.run()
    return at


def views(path: str | None, read: set[str]) -> tuple[list[View], dict[View, set[str]], set[str]]:
    """Each part of the page, and each choice's option that shows text inputs not seen yet;
    the URL keys each part uses; and which of them are bound widgets."""
    read.clear()
    first = open_page(path, timeout=TIMEOUT)
    assert not first.exception, first.exception[0].value
    labels = part_labels(first) or [None]
    tabs = tabs_key(first) or part_key(path)
    found, keys, bound = [], {}, set()
    seen_inputs: set[str] = set()
    for i, label in enumerate(labels):
        view = View(label if i else None, tabs=tabs)
        if i:
            read.clear()
        at = first if i == 0 else open_view(path, view)
        bound |= bound_keys(at)
        keys[view] = bound_keys(at) | set(read)
        if view.part is not None:
            keys[view].discard(tabs)  # it opens this part; the first part's link sweeps it
        found.append(view)
        seen_inputs |= {el.key for el in text_inputs(at)}
        found += _revealing(at, view, seen_inputs)
    return found, keys, bound


def _revealing(at, view: View, seen_inputs: set[str]) -> list[View]:
    """Views of this part in which one choice's other option shows text inputs not seen yet."""
    found = []
    for el in choices(at):
        kind, key, current = _choice_kind(el), el.key, el.index
        for index in range(len(el.options)):
            el = next((e for e in getattr(at, kind) if e.key == key), None)
            if el is None:
                break
            if index == current:
                continue
            pick(el, index)
            at.run()
            new = {e.key for e in text_inputs(at)} - seen_inputs
            if new:
                found.append(View(view.part, ((kind, key, index),), view.tabs))
                seen_inputs |= new
        el = next((e for e in getattr(at, kind) if e.key == key), None)
        if el is not None and current is not None:
            pick(el, current)
            at.run()
    return found


class NoNewTraining:
    """While active, the training queue refuses any run not already queued (a cached one is
    served as always): a button pressed by the sweep never trains."""

    def __enter__(self):
        budget = queue.training_queue().budget
        self._budget, self._check = budget, budget.check

        def refuse(estimate_mb):
            raise MemoryRefused("markup sweep: no new training")

        budget.check = refuse

    def __exit__(self, *exc):
        self._budget.check = self._check


# --- the sweep -----------------------------------------------------------------------------


def open_folds(at) -> bool:
    """Open every keyed expander (ui.folded draws its body only when open); whether any was."""
    ids = [n.proto.id.split("-", 2) for n in _nodes(at._tree) if type(n).__name__ == "Expander"]
    keys = [i[2] for i in ids if len(i) == 3 and i[0] == "$$ID" and i[2] != "None"]
    closed = [k for k in keys if k in at.session_state and not at.session_state[k]]
    for key in closed:
        at.session_state[key] = True
    if closed:
        at.run()
    return bool(closed)


def sweep_links(path, view: View, keys: set[str], holes: Holes, tag_of: dict[str, str]) -> None:
    for form in range(2):
        query = {k: link_payloads(tag_of[k])[form] for k in sorted(keys)}
        where = f"{_name(path)} [{view.part or 'first part'}] link {form + 1}"
        at = open_view(path, view, query)
        holes.check(at, where)
        if open_folds(at):
            holes.check(at, f"{where}, folds open")


def sweep_texts(path, view: View, holes: Holes, tag_of) -> None:
    at = open_view(path, view)
    inputs = [el.key for el in text_inputs(at)]
    for key in inputs:
        tag_of.setdefault(key, next(_TAGS))
        holes.owner[tag_of[key]] = key
    # First a plain, well-formed answer (a quiz then has a graded attempt whose later feedback,
    # on the crafted text, shows in its review panel), then the two crafted forms.
    for form in range(-1, 2) if inputs else ():
        where = f"{_name(path)} [{view.part or 'first part'}{''.join(f' {k}={i}' for _, k, i in view.picks)}]"
        _typed(path, at, holes, tag_of, form, f"{where} typed {form + 1}")


def _typed(path, at, holes: Holes, tag_of, form: int, where: str) -> None:
    """Type the payload in every text input, then press each primary button, open the folds,
    and open the link the page wrote (answers a quiz keeps in its URL) as another learner."""
    for el in text_inputs(at):
        el.input(text_payloads(tag_of[el.key], el.max_chars)[form] if form >= 0 else WELL_FORMED)
    at.run()
    holes.check(at, where)
    buttons = [b.key for b in at.button if b.key and b.proto.type == "primary" and not b.disabled]
    for key in buttons:
        button = next((b for b in at.button if b.key == key), None)
        if button is None:
            continue
        with NoNewTraining():
            button.click()
            at.run()
        holes.check(at, f"{where} + {key}")
    if open_folds(at):
        holes.check(at, f"{where}, folds open")
    written = {k: at.query_params[k] for k in at.query_params}
    if written:
        query = {k: v[0] if isinstance(v, list) else v for k, v in written.items()}
        holes.check(open_page(path, timeout=TIMEOUT, query=query), f"{where}, the page's own link reopened")


_TAGS = tags()


def _name(path: str | None) -> str:
    return Path(path).stem if path else "home"


@pytest.mark.parametrize("path", PAGES, ids=[_name(p) for p in PAGES])
def test_no_link_value_or_typed_text_renders_as_markup(path, read_keys):
    found, keys, bound = views(path, read_keys)
    every_key = set().union(*keys.values())
    tag_of = {key: next(_TAGS) for key in sorted(every_key)}
    holes = Holes(owner={t: k for k, t in tag_of.items()})
    for view in found:
        if view in keys:
            sweep_links(path, view, keys[view], holes, tag_of)
        sweep_texts(path, view, holes, tag_of)
    silent = sorted(k for k in bound if tag_of[k] not in holes.seen)
    _write_report(path, every_key, found, holes, silent)
    assert bound, f"{_name(path)}: no URL-bound widget found: the sweep would be vacuous"
    assert not holes.found, f"{_name(path)}: link or typed text rendered as markup:\n" + "\n".join(
        holes.found
    )
    assert not silent, f"{_name(path)}: link values shown nowhere (no note, no value): {silent}"


def _write_report(path, keys, found, holes: Holes, silent) -> None:
    out = Path(__file__).resolve().parents[1] / "artifacts" / "markup_sweep"
    out.mkdir(parents=True, exist_ok=True)
    report = {
        "page": _name(path),
        "url_keys": sorted(keys),
        "views": [str(v) for v in found],
        "holes": holes.found,
        "shown_nowhere": silent,
    }
    (out / f"{_name(path)}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
