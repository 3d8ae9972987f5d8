"""Shared test harness: the app through its entry point, with AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "streamlit_app.py")

# Tests share the machine with the Streamlit server of the browser test: small models
# train fastest on one thread.
torch.set_num_threads(1)


def open_page(path: str | None = None, timeout: float = 60) -> AppTest:
    """Run the entry point, then switch to `path` (e.g. "pages/rnn.py") and run it."""
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    at.run()
    if path is not None:
        at.switch_page(path).run()
    return at


@pytest.fixture
def app_page():
    return open_page
