"""Every control of every page at its extremes: no exception, and every run ends in time.

For each page (through the entry point, as a learner reaches it), each slider, number input
and select box is set in turn to its minimum and to its maximum (a select box: its first and
its last option), the page reruns, and the widget goes back to its default before the next
one; a page in parts (ui.sections) is swept part by part. The sidebar's shared seed is swept
on the home page only. Buttons are not clicked:
a button's work is the page's own test's business; this sweep checks that no value the
controls allow breaks a render. Timings per run go to tests/artifacts/widget_sweep/<page>.json.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from apphelp import open_page, open_part, part_key, part_labels
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1.element_tree import Selectbox

from seqcore.ui.catalog import PAGES as CATALOG

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
TIMEOUT = 60  # seconds per run: the AppTest timeout every page test uses (conftest)
SHARED_KEYS = {"seed"}  # the entry point's widgets, swept once (on the home page)
KINDS = ("slider", "number_input", "selectbox")

PAGES = [None] + [p.path for p in CATALOG]


class _SelectByIndex(Selectbox):
    """A select box that sends the option at `_sweep_index`, as the browser does.

    Selectbox.select_index() stores the option's *label* as the value, which breaks
    on a select box whose format_func maps values to other labels.
    """

    _sweep_index = 0

    @property
    def _widget_state(self) -> WidgetState:
        ws = WidgetState()
        ws.id = self.id
        ws.string_value = self.options[self._sweep_index]
        return ws


@dataclass(frozen=True)
class Control:
    kind: str
    id: str
    key: str | None
    label: str
    default: object  # the value, or the option index for a select box

    @property
    def name(self) -> str:
        return f"{self.kind} {self.key or self.label!r}"


def controls(at, sweep_shared: bool) -> list[Control]:
    found = []
    for kind in KINDS:
        for el in getattr(at, kind):
            if el.disabled or (el.key in SHARED_KEYS and not sweep_shared):
                continue
            default = el.index if kind == "selectbox" else el.value
            found.append(Control(kind, el.id, el.key, el.label, default))
    return found


def find(at, control: Control):
    for el in getattr(at, control.kind):
        if el.id == control.id or (control.key and el.key == control.key):
            return el
    return None


def extremes(el, control: Control) -> list[tuple[str, object]]:
    """[(what, value)] to try; a select box's values are option indices."""
    if control.kind == "selectbox":
        n = len(el.options)
        return [("first option", 0), ("last option", n - 1)] if n else []
    if control.kind == "slider":
        if el.proto.data_type not in (0, 1):  # INT, FLOAT; dates and times are not swept
            return []
        lo, hi = (int(el.min), int(el.max)) if el.proto.data_type == 0 else (el.min, el.max)
        if isinstance(control.default, list | tuple):
            return [("full range", [lo, hi]), ("min", [lo, lo]), ("max", [hi, hi])]
        return [("min", lo), ("max", hi)]
    # number_input: unbounded ends are reported as a failure by the caller
    is_int = isinstance(control.default, int) and float(el.step).is_integer()
    cast = int if is_int else float
    return [(what, cast(v)) for what, v in (("min", el.min), ("max", el.max)) if v is not None]


def apply(el, control: Control, value) -> None:
    if control.kind == "selectbox" and value is not None:
        el.__class__ = _SelectByIndex
        el._sweep_index = value
    else:
        el.set_value(value)


# The stock page trains at every control's ends (minutes): the slow tier.
SWEPT = [pytest.param(p, marks=pytest.mark.slow) if p == "pages/stock.py" else p for p in PAGES]


@pytest.mark.parametrize("path", SWEPT, ids=[Path(p).stem if p else "home" for p in PAGES])
def test_every_control_at_its_min_and_max(path):
    at = open_page(path, timeout=TIMEOUT)
    assert not at.exception, at.exception[0].value
    assert len(at.main.markdown) + len(at.main.title) > 0  # the page shows something
    if path is None:
        assert any(c.key == "seed" for c in controls(at, sweep_shared=True))

    failures, unbounded, runs = [], [], []

    def run(label: str) -> None:
        t0 = time.perf_counter()
        try:
            at.run(timeout=TIMEOUT)
        except RuntimeError as exc:  # AppTest: the script did not finish within the timeout
            failures.append(f"{label}: {exc}")
            return
        finally:
            runs.append((label, round(time.perf_counter() - t0, 3)))
        if at.exception:
            failures.append(f"{label}: {at.exception[0].value}")

    found = 0
    labels = part_labels(at) or [None]  # a page in parts (ui.sections): every part in turn
    for label in labels:
        if label != labels[0]:
            open_part(at, part_key(path), label)
            if at.exception:
                failures.append(f"part {label!r}: {at.exception[0].value}")
                continue
        todo = controls(at, sweep_shared=path is None)
        found += len(todo)
        where = f"[{label}] " if label else ""
        for control in todo:
            el = find(at, control)
            if el is None:  # hidden by another control's value: nothing to sweep
                continue
            if control.kind == "number_input" and (el.min is None or el.max is None):
                unbounded.append(control.name)
            for what, value in extremes(el, control):
                el = find(at, control)
                if el is None:
                    break
                apply(el, control, value)
                run(f"{where}{control.name} = {value} ({what})")
            el = find(at, control)
            if el is not None:  # back to the default before the next control
                apply(el, control, control.default)
                run(f"{where}{control.name} back to default")

    name = Path(path).stem if path else "home"
    (ARTIFACTS / "widget_sweep").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "widget_sweep" / f"{name}.json").write_text(json.dumps(runs, indent=1, ensure_ascii=False))

    assert not failures, f"{name}: " + "\n".join(failures)
    assert not unbounded, f"{name}: number inputs without min_value/max_value: {unbounded}"
    assert runs or not found, f"{name}: controls found but none could be swept"
