"""The real server: cold start and memory, driven by headless Chromium. `python -m bench.server`.

- `server.cold_start_s`: `streamlit run streamlit_app.py` launched -> `/_stcore/health` says ok
  (median of several launches in the full run).
- `server.rss_mb_all_pages`: the server's RSS after a browser visit of every page with its
  defaults (one tab, one URL per page, each run waited for).
- `server.rss_mb_after_configs`: the RSS after N distinct training configurations
  (30 in the full run). How they are produced, generically for every page that has buttons:
  one browser session navigates the pages round-robin through the sidebar; on each visit it
  sets the sidebar's seed to a new value (every demo seeds from it, so every config key
  differs), moves one slider of the page one step to the right (a different slider on each
  round: a new hyperparameter too), then clicks the page's primary buttons (its training
  actions; up to 2, or its first buttons when it has no primary one), waiting for every run
  to end. A visit counts as one configuration. A quick run does 3, with one click each.

The RSS is read from /proc/<pid>/status of the server process (VmRSS, and VmHWM for the peak).
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
MAIN = '[data-testid="stMain"]'
BUTTONS = (
    f'{MAIN} [data-testid="stButton"] button:not([disabled]), '
    f'{MAIN} [data-testid="stFormSubmitButton"] button:not([disabled])'
)
PRIMARY = (
    f'{MAIN} [data-testid="stButton"] button[kind^="primary"]:not([disabled]), '
    f'{MAIN} [data-testid="stFormSubmitButton"] button[kind^="primary"]:not([disabled])'
)


def _screenshot_helpers():
    """scripts/screenshot.py (free_port, stop_server, wait_for_run, launch_browser, ...)."""
    spec = importlib.util.spec_from_file_location("seqlab_screenshot", ROOT / "scripts" / "screenshot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


shots = _screenshot_helpers()


def launch(port: int, extra: list[str] | None = None) -> tuple[subprocess.Popen, float]:
    """Starts the server (`extra`: more `streamlit run` flags); returns (process, seconds to health ok)."""
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        *(extra or []),
    ]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = t0 + 90
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return proc, time.perf_counter() - t0
        except OSError:
            time.sleep(0.05)
    shots.stop_server(proc)
    raise RuntimeError("streamlit did not become healthy in 90 s")


def rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return round(fields["VmRSS"], 1), round(fields["VmHWM"], 1)


# --- driving the app in the browser ------------------------------------------------------

_ARM = """() => {
  window.__seqRan = false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (window.__seqObs) window.__seqObs.disconnect();
  window.__seqObs = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__seqRan = true;
  });
  window.__seqObs.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
_DONE = """() => window.__seqRan && document.querySelector('[data-testid="stApp"]')
  .getAttribute('data-test-script-state') === 'notRunning'"""


def act_and_wait(page, action, timeout_ms: int = 300_000, start_ms: int = 2500) -> bool:
    """Runs `action()`, then waits for the rerun it triggers to end; False if none started."""
    page.evaluate(_ARM)
    action()
    try:
        page.wait_for_function("() => window.__seqRan", timeout=start_ms)
    except Exception:  # noqa: BLE001  (no rerun: nothing to wait for)
        return False
    page.wait_for_function(_DONE, timeout=timeout_ms)
    page.wait_for_timeout(200)
    return True


def goto_page(page, base: str, stem: str) -> None:
    """In-session navigation through the sidebar (keeps session state); a URL load otherwise."""
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{stem}"]')
    if stem and link.count() and link.first.is_visible():
        act_and_wait(page, link.first.click)
    else:
        page.goto(f"{base}/{stem}")
    shots.wait_for_run(page)


def set_seed(page, value: int) -> bool:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stNumberInput"] input').first
    if not box.count():
        return False

    def fill():
        box.fill(str(value))
        box.press("Enter")

    return act_and_wait(page, fill)


def nudge_slider(page, index: int) -> bool:
    sliders = page.locator(f'{MAIN} [role="slider"]')
    n = sliders.count()
    if not n:
        return False
    thumb = sliders.nth(index % n)

    def press():
        thumb.focus()
        thumb.press("ArrowRight")

    return act_and_wait(page, press)


def click_buttons(page, limit: int = 2) -> list[tuple[str, float]]:
    """Clicks the page's primary buttons (its training actions), or its first buttons when it
    has no primary one; returns [(label, seconds)] of the clicks that ran the script."""
    selector = PRIMARY if page.locator(PRIMARY).count() else BUTTONS
    clicked = []
    for i in range(limit):
        buttons = page.locator(selector)
        if i >= buttons.count():
            break
        button = buttons.nth(i)
        button.scroll_into_view_if_needed()
        label = button.inner_text().strip()[:40]
        t0 = time.perf_counter()
        if act_and_wait(page, button.click):
            clicked.append((label, round(time.perf_counter() - t0, 1)))
    return clicked


def exceptions(page) -> int:
    return page.locator('[data-testid="stException"]').count()


# --- the measurements --------------------------------------------------------------------


def measure(quick: bool = False, log=print) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from seqcore.ui.catalog import PAGES

    stems = [""] + [Path(p.path).stem for p in PAGES]
    n_configs = 3 if quick else 30
    res: dict[str, float] = {}

    cold = []
    for _ in range(1 if quick else 3):
        port = shots.free_port()
        proc, seconds = launch(port)
        cold.append(seconds)
        if len(cold) < (1 if quick else 3):
            shots.stop_server(proc)
    res["server.cold_start_s"] = round(statistics.median(cold), 3)
    res["server.rss_mb_idle"] = rss_mb(proc.pid)[0]
    log(
        f"  cold start {res['server.cold_start_s']:.2f} s (of {[round(c, 2) for c in cold]}), idle RSS {res['server.rss_mb_idle']} MB"
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser = shots.launch_browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            # Every page with its defaults, one URL each.
            errors = 0
            with_buttons = []
            t0 = time.perf_counter()
            for stem in stems:
                page.goto(f"{base}/{stem}")
                shots.wait_for_run(page)
                errors += exceptions(page)
                if stem and page.locator(BUTTONS).count():
                    with_buttons.append(stem)
            res["server.visit_all_pages_s"] = round(time.perf_counter() - t0, 2)
            res["server.rss_mb_all_pages"] = rss_mb(proc.pid)[0]
            res["server.exceptions_all_pages"] = errors
            log(
                f"  all {len(stems)} pages visited in {res['server.visit_all_pages_s']:.0f} s: "
                f"RSS {res['server.rss_mb_all_pages']} MB, exceptions {errors}"
            )

            # N distinct configurations, round-robin over the pages that have buttons.
            done, clicks, errors = 0, 0, 0
            trace = []
            t0 = time.perf_counter()
            if with_buttons:
                page.goto(base + "/")
                shots.wait_for_run(page)
            while with_buttons and done < n_configs:
                stem = with_buttons[done % len(with_buttons)]
                goto_page(page, base, stem)
                set_seed(page, 1000 + done)
                nudge_slider(page, done // len(with_buttons))
                clicked = click_buttons(page, limit=1 if quick else 2)
                clicks += len(clicked)
                errors += exceptions(page)
                done += 1
                trace.append(rss_mb(proc.pid)[0])
                what = ", ".join(f"{label!r} {sec:.0f} s" for label, sec in clicked) or "no run"
                log(f"    config {done:2d}/{n_configs} on {stem}: {what}; RSS {trace[-1]} MB")
            res["server.configs"] = done
            res["server.config_pages"] = len(with_buttons)
            res["server.config_clicks"] = clicks
            res["server.configs_s"] = round(time.perf_counter() - t0, 1)
            res["server.rss_mb_after_configs"] = rss_mb(proc.pid)[0]
            res["server.rss_mb_peak"] = rss_mb(proc.pid)[1]
            res["server.exceptions_during_configs"] = errors
            if trace:
                res["server.rss_mb_trace"] = trace
            browser.close()
    finally:
        shots.stop_server(proc)
    log(
        f"  {res['server.configs']} configs on {len(with_buttons)} pages ({clicks} clicks, "
        f"{res['server.configs_s']:.0f} s): RSS {res['server.rss_mb_after_configs']} MB, "
        f"peak {res['server.rss_mb_peak']} MB"
    )
    return res


if __name__ == "__main__":
    print(json.dumps(measure(quick="--quick" in sys.argv), indent=1))
