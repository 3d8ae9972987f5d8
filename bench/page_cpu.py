"""What one warm page open costs the server: `python -m bench.page_cpu [--opens N] [--json PATH]`.

Starts the app with `streamlit run`, waits until every page's default is computed, lets one
lightweight learner (bench.stclient: Streamlit's own websocket protocol, 127.0.0.1 only) open
every page once, then opens each page N more times and divides the server process's CPU time
(/proc/<pid>/stat) by N. A class of 30 shares two cores, so this is what sets how many page opens
per second the server can serve (issue 17's target: at most 0.05 CPU-s per warm open).

Keys: `server.warm_open_cpu_s.<page>` (home for the home page), `.mean` and `.max`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
TARGET_S = 0.05
PREFIX = "server.warm_open_cpu_s."


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


def measure(quick: bool = False, log=print, opens: int | None = None) -> dict[str, float]:
    """Per-page warm open CPU seconds (`quick`: 3 timed opens per page instead of 10)."""
    opens = opens or (3 if quick else 10)
    from bench.classroom import wait_for_startup
    from bench.server import launch, shots
    from seqcore.ui.catalog import PAGES

    port = shots.free_port()
    proc, _ = launch(port)
    try:
        wait_for_startup(port)
        pages = [""] + [p.stem for p in PAGES]
        per_page = asyncio.run(_measure(port, proc.pid, pages, opens))
    finally:
        shots.stop_server(proc)
    res = {PREFIX + name: v for name, v in per_page.items()}
    res[PREFIX + "mean"] = round(sum(per_page.values()) / len(per_page), 4)
    res[PREFIX + "max"] = max(per_page.values())
    res["meta.page_cpu_opens"] = opens
    res["meta.page_cpu_finished_utc"] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.page_cpu", description=__doc__.split("\n")[0])
    ap.add_argument("--opens", type=int, default=10, help="timed opens per page (after one warm-up open)")
    ap.add_argument("--json", type=Path, default=RESULTS, help="results file (merged)")
    args = ap.parse_args(argv)
    res = measure(opens=max(1, args.opens))
    data = json.loads(args.json.read_text()) if args.json.exists() else {}
    data = {k: v for k, v in data.items() if not k.startswith(PREFIX)} | res
    data[f"targets.{PREFIX}max"] = TARGET_S
    args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    for key, value in res.items():
        mark = ("  ok" if value <= TARGET_S else f"  > target {TARGET_S}") if key.startswith(PREFIX) else ""
        print(f"{key:44s} {value}{mark}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
