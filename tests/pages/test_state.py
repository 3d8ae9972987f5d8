"""Every input on every page keeps its value across a switch to another page and back.

For each page (through the entry point), every enabled input is moved one step from its
default, the page reruns, the learner goes to the home page and comes back, and each widget
must show the value it had (`persist_state="session"` through `ui.keep`/`ui.knob_widget`).
An input without a key cannot keep anything and is reported too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelp import open_page
from widgetkit import inputs, neighbour

from seqcore.ui.catalog import PAGES as CATALOG

PATHS = [p.path for p in CATALOG]
TIMEOUT = 120


@pytest.mark.parametrize("path", PATHS, ids=[Path(p).stem for p in PATHS])
def test_values_survive_a_page_switch(path):
    at = open_page(path, timeout=TIMEOUT)
    assert not at.exception, at.exception[0].value
    found = inputs(at)
    keyless = [f"{kind} {el.label!r}" for kind, el in found if not el.key]
    changes = [c for kind, el in found if el.key and (c := neighbour(kind, el)) is not None]
    for change in changes:
        change.apply(at)
    at.run()
    assert not at.exception, at.exception[0].value
    expected = {c.key: c.read(at) for c in changes}  # after the rerun: what the page settled on

    at.switch_page("home.py").run()
    assert not at.exception, at.exception[0].value
    at.switch_page(path).run()
    assert not at.exception, at.exception[0].value

    lost = {c.key: (expected[c.key], c.read(at)) for c in changes if c.read(at) != expected[c.key]}
    assert not lost, f"{path}: values lost after a page switch (was, now): {lost}"
    assert not keyless, f"{path}: inputs without a key cannot keep their value: {keyless}"


def test_the_shared_seed_survives_a_page_switch():
    at = open_page()
    at.sidebar.number_input(key="seed").set_value(7).run()
    at.switch_page("pages/rnn.py").run()
    at.switch_page("home.py").run()
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 7
