"""What a page open costs the server: `python -m bench.page_cpu [--opens N] [--browsers B] [--json PATH]`.

Starts the app with `streamlit run`, waits until its start-up work is done (every page's default
computed, every page opened once by the server itself), then measures the server process's CPU
time (/proc/<pid>/stat) with lightweight learners (bench.stclient: Streamlit's own websocket
protocol, 127.0.0.1 only):

- a warm open: one learner opens every page once, then each page N more times (issue 17's target:
  at most 0.05 CPU-s). Keys `server.warm_open_cpu_s.<page>` (home for the home page), `.mean`, `.max`;
- a new session's first run: N new sessions, one after another, each connecting and opening the
  page by its link (a class arriving: session set-up, the entry point, the page); one more session
  stays connected meanwhile, as in a class. Keys `server.first_run_cpu_s.<page>`, `.mean`, `.max`
  (issue 31's target: at most 0.05 CPU-s);
- with `--browsers B` (Debian's Chromium): B fresh browsers load the home page, each with an empty
  cache, as a class's browsers do; their ~105 requests for Streamlit's JS and CSS included.
  Key `server.browser_first_load_cpu_s` (median).

The targets (the `.max` keys) are the registry's (bench.SUITES); the run is recorded with
`bench.record` into bench/results.json (or --json PATH), and docs/performance.md is rewritten.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "server.warm_open_cpu_s."
FIRST = "server.first_run_cpu_s."
BROWSER = "server.browser_first_load_cpu_s"


async def _measure(port: int, pid: int, pages: list[str], opens: int) -> dict[str, float]:
    from bench.classroom import ServerWatch
    from bench.stclient import Learner

    watch = ServerWatch(pid)
    learner = Learner(port, "page_cpu")
    await learner.open()
    try:
        for path in pages:  # warm: every page's figures and results are cached after this
            await learner.goto(path)
        out = {}
        for path in pages:
            cpu0 = watch.cpu_s()
            for _ in range(opens):
                res = await learner.goto(path)
                if res.exceptions:
                    raise RuntimeError(f"/{path}: {res.exceptions[0][:200]}")
            out[path or "home"] = round((watch.cpu_s() - cpu0) / opens, 4)
        return out
    finally:
        await learner.close()


async def _first_runs(port: int, pid: int, pages: list[str], sessions: int) -> dict[str, float]:
    """CPU-s of a new session's first run, per page: `sessions` new sessions opened one by one."""
    from bench.classroom import ServerWatch
    from bench.stclient import Learner

    watch = ServerWatch(pid)
    keeper = Learner(port, "keeper")  # a class keeps sessions open (Streamlit drops its script
    await keeper.open()  # cache when the last session leaves)
    await keeper.goto("")
    out = {}
    try:
        for path in pages:
            cpu0 = watch.cpu_s()
            for i in range(sessions):
                lr = Learner(port, f"new-{i}")
                await lr.open()
                res = await lr.goto(path)
                await lr.close()
                if res.exceptions:
                    raise RuntimeError(f"/{path}: {res.exceptions[0][:200]}")
            await asyncio.sleep(0.3)  # the server finishes closing the last one
            out[path or "home"] = round((watch.cpu_s() - cpu0) / sessions, 4)
        return out
    finally:
        await keeper.close()


def browser_loads(port: int, pid: int, browsers: int) -> float:
    """Median server CPU-s of a fresh browser (empty cache) loading the home page."""
    import statistics

    from bench.classroom import ServerWatch
    from bench.server import shots

    watch = ServerWatch(pid)
    from playwright.sync_api import sync_playwright

    cpu = []
    with sync_playwright() as p:
        browser = shots.launch_browser(p)
        for _ in range(browsers):
            context = browser.new_context()
            page = context.new_page()
            cpu0 = watch.cpu_s()
            page.goto(f"http://127.0.0.1:{port}/")
            shots.wait_for_run(page)
            time.sleep(0.5)
            cpu.append(watch.cpu_s() - cpu0)
            context.close()
        browser.close()
    return round(statistics.median(cpu), 3)


def _spread(prefix: str, per_page: dict[str, float]) -> dict[str, float]:
    res = {prefix + name: v for name, v in per_page.items()}
    res[prefix + "mean"] = round(sum(per_page.values()) / len(per_page), 4)
    res[prefix + "max"] = max(per_page.values())
    return res


def measure(
    quick: bool = False, log=print, opens: int | None = None, browsers: int = 0, port: int = 0
) -> dict[str, float]:
    """Per-page warm open and first-run CPU seconds (`quick`: 3 timed opens per page instead of 10)."""
    opens = opens or (3 if quick else 10)
    from bench.classroom import wait_for_startup
    from bench.server import launch, shots
    from seqcore.ui.catalog import PAGES

    port = port or shots.free_port()
    proc, _ = launch(port)
    try:
        wait_for_startup(port)
        pages = [""] + [p.stem for p in PAGES]
        res = _spread(PREFIX, asyncio.run(_measure(port, proc.pid, pages, opens)))
        res |= _spread(FIRST, asyncio.run(_first_runs(port, proc.pid, pages, opens)))
        if browsers:
            res[BROWSER] = browser_loads(port, proc.pid, browsers)
    finally:
        shots.stop_server(proc)
    res["meta.page_cpu.opens"] = opens
    return res


def main(argv: list[str] | None = None) -> int:
    import bench

    ap = argparse.ArgumentParser(prog="python -m bench.page_cpu", description=__doc__.split("\n")[0])
    ap.add_argument("--opens", type=int, default=10, help="timed opens per page (after one warm-up open)")
    ap.add_argument("--browsers", type=int, default=0, help="fresh Chromium browsers loading home (0: none)")
    ap.add_argument("--port", type=int, default=0, help="local port (default: a free one)")
    ap.add_argument("--json", type=Path, help="results file (merged; default: bench/results.json)")
    args = ap.parse_args(argv)
    if args.opens < 1 or args.browsers < 0:
        ap.error("--opens must be at least 1 and --browsers at least 0")
    command = " ".join(["python -m bench.page_cpu", *(sys.argv[1:] if argv is None else argv)])
    t0 = time.time()
    res = measure(opens=args.opens, browsers=args.browsers, port=args.port)
    bench.record("page_cpu", res, command, path=args.json, seconds=time.time() - t0)
    for key, value in res.items():
        per_page = key.startswith((PREFIX, FIRST))
        bound = bench.target_for(key.rpartition(".")[0] + ".max") if per_page else None
        mark = "" if bound is None else ("  ok" if bench.meets(value, bound) else f"  > target {bound[1]:g}")
        print(f"{key:44s} {value}{mark}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
