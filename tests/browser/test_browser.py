"""Every page in a real browser: `streamlit run` + headless Debian Chromium via Playwright.

Each page loads by its URL, its run must end without an exception box, and a full-height
screenshot goes to tests/artifacts/<page>.png; each later part (tab) of a page is opened by a
click and goes to tests/artifacts/<page>_part<N>.png. In CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from browserkit import require_browser, screenshot_helpers

from seqcore.ui.catalog import PAGES as CATALOG

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.browser

# (url path, title in the navigation); "" is the home page.
PAGES = [("", "홈")] + [(Path(p.path).stem, p.title) for p in CATALOG]
RNN_SHAPES = "nn.RNN 사용법"  # the RNN page's part with the nn.RNN shape sliders


@pytest.fixture(scope="module")
def browser():
    """One Playwright and one Chromium for the module (the sync API allows one at a time)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    shots = screenshot_helpers()
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
    # Each later part (tab) of the page, opened by a click as a learner does: <page>_part<N>.png
    parts = shots.shoot_parts(page, ARTIFACTS / (url_path or "home"), 1400)
    assert not {label: n for label, n in parts.items() if n}, f"/{url_path}: exceptions in parts {parts}"


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


def _bench_browser():
    spec = importlib.util.spec_from_file_location("seqlab_bench_browser", ROOT / "bench" / "browser.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_page_timings_are_recorded(browser):
    """How long each page takes in a new browser session, recorded (targets live in bench/).

    Every page once on a fresh server, each in a brand-new browser context, timed from the
    navigation start to the page fully drawn (bench.browser.timed_visit). Written to
    tests/artifacts/browser_timings.json; `python -m bench.browser` records the same in
    bench/results.json and compares it with the targets.
    """
    import json

    shots, chromium = browser
    timing = _bench_browser()
    port = shots.free_port()
    server = shots.start_server(port)
    times = {}
    try:
        for url_path, _ in PAGES:
            context = chromium.new_context(viewport={"width": 1400, "height": 900})
            try:
                visit = timing.timed_visit(context, f"http://127.0.0.1:{port}/{url_path}")
            finally:
                context.close()
            times[url_path or "home"] = visit
    finally:
        shots.stop_server(server)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "browser_timings.json").write_text(json.dumps(times, indent=1))
    for name, visit in times.items():
        assert visit["exceptions"] == 0, name
        assert 0 < visit["first_text_s"] <= visit["drawn_s"], (name, visit)


def test_settings_survive_navigation_and_live_in_the_url(browser_page):
    """In the real browser, under st.navigation: a click on the RNN page's "nn.RNN 사용법" tab
    and a slider moved there are in the URL, stay after a visit to another page through the
    sidebar (the tab is open again), and the share link shows both."""
    shots, page, base = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/rnn")
    shots.wait_for_run(page)
    assert page.get_by_role("slider", name="hidden_size").count() == 0  # a closed part is not drawn
    shots.open_tab(page, RNN_SHAPES)
    page.wait_for_function(
        "(label) => new URLSearchParams(location.search).get('rnn_part') === label",
        arg=RNN_SHAPES,
        timeout=30_000,
    )
    slider = page.get_by_role("slider", name="hidden_size").first
    before = int(slider.input_value())
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => location.search.includes('rnn_hidden={before + 2}')", timeout=30_000)
    shots.wait_for_run(page)

    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("홈", exact=True).click()
    page.wait_for_function("() => !location.pathname.endsWith('/rnn')", timeout=30_000)
    shots.wait_for_run(page)
    nav.get_by_text("RNN", exact=True).click()
    page.wait_for_function("() => location.pathname.endsWith('/rnn')", timeout=30_000)
    shots.wait_for_run(page)
    after = page.get_by_role("slider", name="hidden_size").first.input_value()
    assert int(after) == before + 2, (before, after)

    page.locator('[data-testid="stSidebar"]').get_by_text("이 설정 공유").click()
    code = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').first.inner_text()
    assert code.startswith(f"{base}/rnn?") and f"rnn_hidden={before + 2}" in code, code
    assert parse_qs(urlsplit(code).query).get("rnn_part") == [RNN_SHAPES], code


def test_a_bad_value_in_a_link_is_ignored_with_a_note(browser_page):
    shots, page, base = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/rnn?rnn_part={quote(RNN_SHAPES)}&rnn_hidden=999&seed=7")
    shots.wait_for_run(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    value = page.get_by_role("slider", name="hidden_size").first.input_value()
    assert int(value) != 999
    note = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "rnn_hidden" in note and "999" in note, note
    assert "rnn_hidden=" not in page.url and "seed=7" in page.url


def test_the_next_button_opens_the_next_part_at_its_top(browser_page):
    """At the end of a part, "다음: … →" opens the next tab, in the URL, and the learner sees its
    top (its first header in the window), not the middle of it."""
    shots, page, base = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/vanishing_gradient")
    shots.wait_for_run(page)
    button = page.locator(".st-key-vanishing_gradient_part_next button")
    button.scroll_into_view_if_needed()
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") > 0
    button.click()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('vanishing_gradient_part') === '실제 그래디언트'",
        timeout=30_000,
    )
    shots.wait_for_run(page)
    header = page.locator('[data-testid="stMain"] h2').first
    assert "실제 모델의 그래디언트" in header.inner_text()
    box = header.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box
    assert page.locator('[data-testid="stException"]').count() == 0
