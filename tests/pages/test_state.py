"""Every input on every page keeps its value across a switch to another page and back.

For each page (through the entry point), every enabled input is moved one step from its
default, the page reruns, the learner goes to the home page and comes back, and each widget
must show the value it had (`persist_state="session"` through `ui.keep`/`ui.knob_widget`).
A page in parts (ui.sections) is tried part by part, and the part left open is open on return.
An input without a key cannot keep anything and is reported too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelp import open_page, open_part, part_key, part_labels
from widgetkit import inputs, neighbour

from seqcore.ui.catalog import PAGES as CATALOG

PATHS = [p.path for p in CATALOG]
TIMEOUT = 120


@pytest.mark.parametrize("path", PATHS, ids=[Path(p).stem for p in PATHS])
def test_values_survive_a_page_switch(path):
    at = open_page(path, timeout=TIMEOUT)
    assert not at.exception, at.exception[0].value
    labels = part_labels(at) or [None]  # a page in parts (ui.sections): each part in turn
    moved: set[str] = set()
    for label in labels:
        if label != labels[0]:
            open_part(at, part_key(path), label)
            assert not at.exception, at.exception[0].value
        found = inputs(at)
        keyless = [f"{kind} {el.label!r}" for kind, el in found if not el.key]
        # A widget that two parts share (one key) is moved once: AppTest keeps the URL it was
        # opened with, so a second move would meet the first one's stale URL value on return.
        changes = [
            c
            for kind, el in found
            if el.key not in moved and (c := neighbour(kind, el)) is not None and el.key
        ]
        moved.update(c.key for c in changes)
        for change in changes:
            change.apply(at)
        at.run()
        assert not at.exception, at.exception[0].value
        expected = {c.key: c.read(at) for c in changes}  # after the rerun: what the page settled on

        at.switch_page("home.py").run()
        assert not at.exception, at.exception[0].value
        at.switch_page(path).run()
        assert not at.exception, at.exception[0].value
        if label is not None:  # the part the learner left is open again
            assert at.session_state[part_key(path)] == label

        lost = {c.key: (expected[c.key], c.read(at)) for c in changes if c.read(at) != expected[c.key]}
        assert not lost, f"{path} [{label}]: values lost after a page switch (was, now): {lost}"
        assert not keyless, f"{path} [{label}]: inputs without a key cannot keep their value: {keyless}"


def test_the_shared_seed_survives_a_page_switch():
    at = open_page()
    at.sidebar.number_input(key="seed").set_value(7).run()
    at.switch_page("pages/rnn.py").run()
    at.switch_page("home.py").run()
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 7
