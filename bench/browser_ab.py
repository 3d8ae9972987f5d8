"""Before and after, in one run: `python -m bench.browser_ab --against REV [--samples 4] [page ...]`.

bench.browser's absolute timings move with the machine (the same unchanged page measured 1.55 s
one day and 2.59 s the next), so what a change did is read here as a ratio measured in one run:
two warm servers, this checkout and REV (a commit, checked out in a temporary git worktree), each
page opened in a brand-new browser session (bench.browser.timed_visit: navigation start to fully
drawn), alternating between the two servers visit by visit, so a slow minute of a shared machine
falls on both. Each server first opens every page once and finishes its start-up work.

Prints, per page, the median of REV and of this checkout and their ratio, and records
`browser_ab.<page>.against_s`, `.here_s`, `.ratio` and `meta.browser_ab_*` in bench/results.json
(replacing the last A/B). Pages default to every page of the app.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import browser, record
from bench.classroom import wait_for_startup

ROOT = Path(__file__).resolve().parent.parent
STARTUP_LIMIT_S = 180.0  # an older REV may not report its start-up work: wait at most this long


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def compare(against: str, pages: list[str], samples: int, log=print) -> dict:
    """{page: {"against": [s, ...], "here": [s, ...]}}: `samples` alternating visits per page and tree."""
    from playwright.sync_api import sync_playwright

    visits: dict[str, dict[str, list[float]]] = {p: {"against": [], "here": []} for p in pages}
    with tempfile.TemporaryDirectory(prefix="seqlab_ab_") as tmp:
        tree = Path(tmp) / "against"
        _git("worktree", "add", "--detach", str(tree), against)
        servers: dict[str, tuple] = {}
        try:
            for side, root in (("against", tree), ("here", ROOT)):
                shots = browser._shots(root)
                port = shots.free_port()
                servers[side] = (shots, shots.start_server(port), f"http://127.0.0.1:{port}", port)
            with sync_playwright() as p:
                chromium = servers["here"][0].launch_browser(p)
                try:
                    for _, _, base, port in servers.values():
                        warmer = chromium.new_context(viewport=browser.VIEWPORT)
                        for name in pages:
                            browser.timed_visit(warmer, browser._url(base, name))
                        warmer.close()
                        wait_for_startup(port, limit_s=STARTUP_LIMIT_S)
                    for round_ in range(samples):
                        for name in pages:
                            for side in ("against", "here"):
                                url = browser._url(servers[side][2], name)
                                visits[name][side].append(browser._in_new_context(chromium, url)["drawn_s"])
                        log(f"  round {round_ + 1}/{samples} done")
                finally:
                    chromium.close()
        finally:
            for shots, proc, _, _ in servers.values():
                shots.stop_server(proc)
            _git("worktree", "remove", "--force", str(tree))
    return visits


def summarize(visits: dict[str, dict[str, list[float]]]) -> dict:
    """The results.json keys: each side's median and here / against."""
    out: dict = {}
    for name, sides in visits.items():
        a, h = statistics.median(sides["against"]), statistics.median(sides["here"])
        out[f"browser_ab.{name}.against_s"] = round(a, 2)
        out[f"browser_ab.{name}.here_s"] = round(h, 2)
        out[f"browser_ab.{name}.ratio"] = round(h / a, 2)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.browser_ab", description=__doc__)
    ap.add_argument("--against", required=True, help="the commit to compare with (e.g. HEAD~3 or a hash)")
    ap.add_argument("--samples", type=int, default=4, help="visits per page and side (default 4)")
    ap.add_argument("pages", nargs="*", help="page names (home, rnn, ...); default: every page")
    args = ap.parse_args()
    names = browser.page_names()
    pages = args.pages or names
    unknown = [p for p in pages if p not in names]
    if unknown:
        ap.error(f"unknown page(s): {', '.join(unknown)} (pages: {', '.join(names)})")
    against = _git("rev-parse", "--short", args.against)
    here = _git("rev-parse", "--short", "HEAD") + (
        " + changes" if _git("status", "--porcelain", "--untracked-files=no") else ""
    )
    visits = compare(against, pages, max(1, args.samples))
    results = summarize(visits)
    print(
        f"{'page':20} {against:>10} {'here':>10} {'ratio':>7}   (median of {args.samples} new sessions each, s)"
    )
    for name in pages:
        print(
            f"{name:20} {results[f'browser_ab.{name}.against_s']:>10} {results[f'browser_ab.{name}.here_s']:>10}"
            f" {results[f'browser_ab.{name}.ratio']:>7}"
        )
    meta = {"meta.browser_ab.against": against, "meta.browser_ab.here": here}
    record("browser_ab", results | meta, " ".join(["python -m bench.browser_ab", *sys.argv[1:]]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
