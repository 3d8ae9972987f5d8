"""The shared browser harness: Debian's Chromium driven by Playwright, and the app's server.

`scripts/screenshot.py` already knows how to start the server, launch Chromium and wait for a
run to end; the browser tests load it as `shots` through `screenshot_helpers()`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def screenshot_helpers():
    spec = importlib.util.spec_from_file_location("seqlab_screenshot", ROOT / "scripts" / "screenshot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def require_browser() -> None:
    """Skip without Chromium or Playwright; in CI (CI=true) a missing browser fails instead."""
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    elif importlib.util.find_spec("playwright") is None:
        reason = "the playwright package is missing (pip install -r requirements-dev.txt)"
    if reason:
        if IN_CI:
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)


@contextlib.contextmanager
def chromium_and_server():
    """Yields (shots, chromium, base url) with one app server, stopped afterwards."""
    require_browser()
    from playwright.sync_api import sync_playwright

    shots = screenshot_helpers()
    port = shots.free_port()
    server = shots.start_server(port)
    try:
        with sync_playwright() as p:
            chromium = shots.launch_browser(p)
            yield shots, chromium, f"http://127.0.0.1:{port}"
            chromium.close()
    finally:
        shots.stop_server(server)
