"""Find a page's input widgets in an AppTest and move each one step from its value.

Shared by test_state.py (values kept across page switches) and test_query_params.py (links).
A change is described once (`Change`): how to apply it in AppTest, how to read it back, and
the text a URL would carry for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState

KINDS = (
    "slider",
    "number_input",
    "selectbox",
    "select_slider",
    "radio",
    "toggle",
    "checkbox",
    "text_input",
    "text_area",
)
CHOICE = ("selectbox", "radio")  # compared by option index: format_func may differ from str
SHARED = {"seed", "projector"}  # the sidebar's widgets (entry point): tested on their own


@dataclass(frozen=True)
class Change:
    kind: str
    key: str
    target: Any  # the value, or the option index for a choice widget
    url: str  # the text a link carries for it

    def apply(self, at) -> None:
        el = find(at, self.kind, self.key)
        if self.kind in CHOICE:
            pick(el, self.target)
        else:
            el.set_value(self.target)

    def read(self, at) -> Any:
        el = find(at, self.kind, self.key)
        if el is None:
            return "<gone>"
        return el.index if self.kind in CHOICE else el.value


def pick(el, index: int) -> None:
    """Choose option `index` of a select box or radio as the browser does: it sends the label.

    AppTest's set_value needs the real option, which it only knows through format_func
    (a label map gives no way back), so the label is sent directly.
    """

    class Picked(type(el)):
        @property
        def _widget_state(self) -> WidgetState:
            ws = WidgetState()
            ws.id = self.id
            ws.string_value = self.options[index]
            return ws

    el.__class__ = Picked


def _candidates(el) -> list:
    value = el.value
    out = [value, *range(len(el.options))]  # options given as indices with a label function
    for label in el.options:
        for cast in (int, float, str):
            try:
                out.append(cast(label))
            except (TypeError, ValueError):
                pass
    return out


def find(at, kind: str, key: str):
    for el in getattr(at, kind):
        if el.key == key:
            return el
    return None


def inputs(at) -> list[tuple[str, Any]]:
    """(kind, element) of every enabled input of the page (sidebar's shared ones left out)."""
    found = []
    for kind in KINDS:
        for el in getattr(at, kind):
            if not el.disabled and el.key not in SHARED:
                found.append((kind, el))
    return found


def bound(el) -> bool:
    return bool(getattr(el.proto, "query_param_key", ""))


def _number(v: float | int) -> str:
    return str(int(v)) if isinstance(v, int) else repr(float(v))


def neighbour(kind: str, el) -> Change | None:
    """A change of `el` to a nearby allowed value, or None when it has no other value."""
    if kind in ("slider", "number_input"):
        v = el.value
        if isinstance(v, list | tuple) or isinstance(v, bool) or not isinstance(v, int | float):
            return None
        step = el.step or 1
        up = v + step
        target = up if el.max is None or up <= el.max else v - step
        if el.min is not None and target < el.min:
            return None
        target = type(v)(round(target, 10))
        return Change(kind, el.key, target, _number(target))
    if kind in CHOICE:
        if len(el.options) < 2:
            return None
        # A choice with nothing picked yet (a prediction the learner has not made): pick the first.
        j = 0 if el.index is None else (el.index + 1) % len(el.options)
        return Change(kind, el.key, j, el.options[j])
    if kind == "select_slider":
        return _select_slider(el)
    if kind in ("toggle", "checkbox"):
        return Change(kind, el.key, not el.value, str(not el.value).lower())
    text = (el.value or "") + " 그리고 하나 더"
    return Change(kind, el.key, text, text)


def _select_slider(el) -> Change | None:
    if isinstance(el.value, list | tuple) or len(el.options) < 2:
        return None
    current = _label(el, el.value)
    i = el.options.index(current) if current in el.options else 0
    j = i + 1 if i + 1 < len(el.options) else i - 1
    for candidate in _candidates(el):
        if type(candidate) is type(el.value) and _label(el, candidate) == el.options[j]:
            return Change("select_slider", el.key, candidate, el.options[j])
    return None


def _label(el, value) -> str | None:
    try:
        return el.format_func(value)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def out_of_range(kind: str, el) -> str | None:
    """A URL text that the widget cannot take, or None."""
    if kind in ("slider", "number_input") and el.max is not None and not isinstance(el.value, list | tuple):
        return _number(type(el.value)(el.max + 1000))
    if kind in CHOICE + ("select_slider",):
        return "없는-값"
    if kind in ("toggle", "checkbox"):
        return "maybe"
    return None
