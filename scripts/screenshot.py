"""Look at pages as a learner would: start the app, load pages in headless Chromium, save PNGs.

    .venv/bin/python scripts/screenshot.py rnn lstm        # url paths ("" or home = home page)
    .venv/bin/python scripts/screenshot.py --all
    .venv/bin/python scripts/screenshot.py home --width 390   # a phone: /tmp/shots/home_390.png
    .venv/bin/python scripts/screenshot.py rnn --parts        # and each later tab: rnn_part2.png, ...
    .venv/bin/python scripts/screenshot.py lstm --port 8618 --height 1000   # your port; one screen

Screenshots go to /tmp/shots/<name>.png (or --out DIR). Uses Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, script: str = "streamlit_app.py") -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("streamlit did not become healthy in 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def wait_for_run(page, timeout_ms: int = 180_000) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_timeout(800)  # let charts draw


def full_height_screenshot(page, path: Path, width: int = 1400, height: int | None = None) -> None:
    """The whole page (or, with `height`, the first `height` pixels: what a screen shows)."""
    if height:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(2000)  # math (KaTeX) and fonts draw after the run ends
        page.screenshot(path=str(path))
        return
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return Math.max(m ? m.scrollHeight : 0, document.body.scrollHeight); }"
    )
    page.set_viewport_size({"width": width, "height": min(max(int(height), 800), 16000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(path), full_page=True)


def launch_browser(p):
    return p.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=[
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    )


def open_tab(page, label: str) -> None:
    """Click a part's tab, as a learner does, and wait for the part to be drawn."""
    page.locator('[data-testid="stMain"] [role="tab"]').filter(has_text=label).first.click()
    page.wait_for_function(
        "(label) => [...document.querySelectorAll('[data-testid=stMain] [role=tab]')].some("
        "t => t.getAttribute('aria-selected') === 'true' && t.innerText.trim() === label)",
        arg=label,
    )
    page.wait_for_timeout(300)  # the rerun starts
    wait_for_run(page)


def shoot_parts(page, stem: Path, width: int) -> dict[str, int]:
    """<stem>_part2.png, <stem>_part3.png, ...: each later part of the page (ui.sections' tabs).

    Returns {part label: exception boxes shown}.
    """
    shown = {}
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    labels = [t.strip() for t in tabs.all_inner_texts()]
    for i, label in enumerate(labels[1:], start=2):
        t0 = time.time()
        page.set_viewport_size({"width": width, "height": 900})
        open_tab(page, label)
        errors = page.locator('[data-testid="stException"]').count()
        path = stem.with_name(f"{stem.name}_part{i}.png")
        full_height_screenshot(page, path, width=width)
        print(f"  {label}: {time.time() - t0:.1f} s, exceptions={errors} -> {path}")
        shown[label] = errors
    return shown


def main() -> None:
    from playwright.sync_api import sync_playwright

    from seqcore.ui.catalog import PAGES

    ap = argparse.ArgumentParser()
    ap.add_argument("pages", nargs="*")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--out", default="/tmp/shots")
    ap.add_argument("--width", type=int, default=1400, help="viewport width (390 for a phone)")
    ap.add_argument(
        "--parts", action="store_true", help="also each later part (tab) of a page: <page>_part<N>.png"
    )
    ap.add_argument("--port", type=int, help="the server's port (default: a free one)")
    ap.add_argument("--height", type=int, help="only the first HEIGHT pixels, as one screen shows them")
    args = ap.parse_args()
    names = ["home"] + [Path(p.path).stem for p in PAGES] if args.all else args.pages
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    server = start_server(port)
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": args.width, "height": 900})
            for name in names:
                url_path = "" if name in ("", "home") else name
                t0 = time.time()
                # A tall viewport left by the previous page would pad this page's screenshot.
                page.set_viewport_size({"width": args.width, "height": 900})
                page.goto(f"http://127.0.0.1:{port}/{url_path}")
                wait_for_run(page)
                errors = page.locator('[data-testid="stException"]').count()
                suffix = "" if args.width == 1400 else f"_{args.width}"
                path = out / f"{name or 'home'}{suffix}.png"
                full_height_screenshot(page, path, width=args.width, height=args.height)
                print(f"{name or 'home'}: {time.time() - t0:.1f} s, exceptions={errors} -> {path}")
                if args.parts:
                    shoot_parts(page, out / f"{name or 'home'}{suffix}", args.width)
            browser.close()
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
