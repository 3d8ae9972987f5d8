"""Every page in a real browser: `streamlit run` + headless Debian Chromium via Playwright.

Each page loads by its URL, its run must end without an exception box, and a full-height
screenshot goes to tests/artifacts/<page>.png. In CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from seqcore.ui.catalog import PAGES as CATALOG

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

pytestmark = pytest.mark.browser

# (url path, title in the navigation); "" is the home page.
PAGES = [("", "홈")] + [(Path(p.path).stem, p.title) for p in CATALOG]


def _helpers():
    spec = importlib.util.spec_from_file_location("seqlab_screenshot", ROOT / "scripts" / "screenshot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is missing (pip install -r requirements-dev.txt)"
    return None


@pytest.fixture(scope="module")
def browser():
    """One Playwright and one Chromium for the module (the sync API allows one at a time)."""
    reason = _missing_browser()
    if reason:
        if IN_CI:
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    shots = _helpers()
    with sync_playwright() as p:
        chromium = shots.launch_browser(p)
        yield shots, chromium
        chromium.close()


@pytest.fixture(scope="module")
def browser_page(browser):
    """A server shared by the page visits, and one tab."""
    shots, chromium = browser
    port = shots.free_port()
    server = shots.start_server(port)
    try:
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        yield shots, page, f"http://127.0.0.1:{port}"
        page.close()
    finally:
        shots.stop_server(server)


@pytest.mark.parametrize(("url_path", "title"), PAGES, ids=[u or "home" for u, _ in PAGES])
def test_page_renders_in_the_browser(browser_page, url_path, title):
    shots, page, base = browser_page
    # Back to a normal window first: stMain fills a tall viewport, so the last page's height
    # would carry over into this page's screenshot.
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/{url_path}")
    shots.wait_for_run(page)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots.full_height_screenshot(page, ARTIFACTS / f"{url_path or 'home'}.png")

    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, f"/{url_path}: {errors.first.inner_text()[:1500]}"
    # The page we asked for ran (an unknown URL falls back to the home page).
    assert page.url.rstrip("/").endswith(f"/{url_path}".rstrip("/")), page.url
    active = page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]')
    if active.count():
        assert title in active.first.inner_text()
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert len(main.strip()) > 50, f"/{url_path} shows almost nothing: {main!r}"


# A restarted server (Community Cloud wakes the app on the first visit) whose first visitor
# follows a deep link: Streamlit 1.67 sees the pages/ folder next to streamlit_app.py and serves
# that first page in the old "pages directory" mode (the page file alone: no set_page_config,
# no thread settings, no sidebar seed, file names in the navigation) unless the page calls
# ui.require_entry_point(). Each page gets its own fresh server.
@pytest.mark.parametrize(("url_path", "title"), PAGES[1:], ids=[u for u, _ in PAGES[1:]])
def test_a_deep_link_as_the_first_visit_runs_the_entry_point(browser, url_path, title):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    shots, chromium = browser
    port = shots.free_port()
    server = shots.start_server(port)
    try:
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"http://127.0.0.1:{port}/{url_path}")
        shots.wait_for_run(page)
        seed = '[data-testid="stSidebar"] [data-testid="stNumberInput"]'
        try:  # the page may rerun itself under the entry point: give that run time to end
            page.wait_for_selector(seed, timeout=30_000)
            shots.wait_for_run(page)
        except PlaywrightTimeout:
            pass
        seed_inputs = page.locator(seed).count()
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        exceptions = page.locator('[data-testid="stException"]').count()
        page.close()
    finally:
        shots.stop_server(server)
    assert seed_inputs == 1, f"/{url_path}: the sidebar's seed is missing: the entry point did not run"
    assert title in nav and "홈" in nav, nav
    assert exceptions == 0
