"""A class that arrives together: `python -m bench.classroom --arrive-together --users N`.

The teacher says "open the link": N new sessions connect within the same second (`--spread`,
1 s by default), with no warm-up tour by anyone. Each learner then does what a browser does:

  1. loads the page (GET / through the proxy, which may set its affinity cookie), then opens
     the websocket and runs the home page: the `home` step, a new session's first script run;
  2. opens every page of the menu once, in lesson order: each page's `first` visit;
  3. opens them all again: `later` visits (home included).

Learner 0 also trains one seeded custom run while the others load pages (the GRU page's
RNN/LSTM/GRU comparison at a seed and epoch count no default uses); its loss curves are
compared, number for number, with the same config computed alone in a fresh process after the
class (`determinism.same`).

The p95 of each step is kept separately for first and later visits, under
`classroom.<tag>.<page>.first.*` / `.later.*` (tag `together<N>`, `together<N>_p<P>` behind
the proxy with P processes), with the command line, the machine's load average before and after,
every app process's peak RSS and CPU seconds, and the targets.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.stclient import Learner, RunResult

ROOT = Path(__file__).resolve().parent.parent
OPEN_TARGET_S = 2.0  # every page open, p95, at 30 learners on one process or 60 on two
STEP_TIMEOUT_S = 300
# The custom run of learner 0: a seed and an epoch count that no page default uses.
CUSTOM_SEED = 4321
CUSTOM_EPOCHS = 20
GRU_COMPARISON = "LSTM과 비교"


def menu() -> list[str]:
    """The url path of every page, home ("") first, in the navigation's order."""
    from seqcore.ui.catalog import PAGES

    return ["", *(p.stem for p in PAGES)]


def step_name(path: str) -> str:
    return path or "home"


class TogetherTally:
    """What the learners saw; one event loop, so no locks."""

    def __init__(self):
        self.times: dict[tuple[str, str], list[float]] = {}  # (step, first|later) -> seconds
        self.errors: list[str] = []
        self.exceptions: list[str] = []
        self.custom: dict | None = None  # learner 0's seeded custom run
        self.backends: dict[str, int] = {}  # affinity cookie -> learners (behind the proxy)

    def record(self, learner: int, step: str, visit: str, res: RunResult) -> None:
        self.times.setdefault((step, visit), []).append(res.seconds)
        self.exceptions += [f"learner {learner} {step}: {e}" for e in res.exceptions]


def losses_from(res: RunResult) -> dict[str, list[float]] | None:
    """The loss curves of the GRU comparison's chart (the plotly figure's traces), full precision."""
    for el in res.elements:
        if el.WhichOneof("type") == "plotly_chart" and el.plotly_chart.spec:
            spec = json.loads(el.plotly_chart.spec)
            traces = spec.get("data", [])
            if traces and all(t.get("type") == "scatter" for t in traces):
                return {t["name"]: [float(y) for y in t["y"]] for t in traces}
    return None


async def custom_run(lr: Learner, tally: TogetherTally) -> None:
    """Learner 0: the GRU comparison at CUSTOM_SEED and CUSTOM_EPOCHS, trained under the class's load."""
    res = await lr.goto("gru", query={"gru_part": GRU_COMPARISON, "seed": str(CUSTOM_SEED)})
    slider = lr.find(res, "gru_cmp_epochs", "slider")
    button = lr.find(res, "gru_cmp_run")
    if slider is None or button is None:
        raise RuntimeError("GRU page: no 'gru_cmp_epochs' slider or 'gru_cmp_run' button")
    lr.set_number(slider[1].id, CUSTOM_EPOCHS)
    t0 = time.perf_counter()
    res = await lr.run(triggers=(button[1].id,), timeout=STEP_TIMEOUT_S)
    tally.custom = {"seconds": time.perf_counter() - t0, "losses": losses_from(res)}
    tally.exceptions += [f"learner 0 custom run: {e}" for e in res.exceptions]


async def one_learner(port: int, i: int, delay: float, tally: TogetherTally, pages: list[str]) -> None:
    lr = Learner(port, f"learner-{i}")
    await asyncio.sleep(delay)
    try:
        t0 = time.perf_counter()
        cookie = await lr.load_page()  # GET /, as the browser does first (the proxy's cookie)
        await lr.open()
        res = await lr.goto("", timeout=STEP_TIMEOUT_S)
        res.seconds = time.perf_counter() - t0  # the page load and the connection included
        tally.record(i, "home", "first", res)
        if cookie:
            tally.backends[cookie] = tally.backends.get(cookie, 0) + 1
        for path in pages[1:]:
            tally.record(i, step_name(path), "first", await lr.goto(path, timeout=STEP_TIMEOUT_S))
            if i == 0 and path == "rnn":  # while the class is still on its first tour
                await custom_run(lr, tally)
        for path in pages:
            tally.record(i, step_name(path), "later", await lr.goto(path, timeout=STEP_TIMEOUT_S))
    except Exception as exc:  # noqa: BLE001  (counted and reported, never hidden)
        tally.errors.append(f"learner {i}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await lr.close()


async def drive(port: int, users: int, spread: float, seed: int = 0) -> TogetherTally:
    """N learners whose first requests fall within `spread` seconds (seeded, uniform)."""
    tally = TogetherTally()
    pages = menu()
    delays = sorted(random.Random(seed).uniform(0, spread) for _ in range(users))
    await asyncio.gather(*(one_learner(port, i, delays[i], tally, pages) for i in range(users)))
    return tally


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def solo_losses(seed: int = CUSTOM_SEED, epochs: int = CUSTOM_EPOCHS) -> dict[str, list[float]]:
    """The custom run computed alone, in a fresh process (the server's thread settings)."""
    code = (
        "import json; from seqcore.core.runtime import configure_threads; configure_threads(); "
        "from seqcore.basics import compare; "
        f"r = compare.run_comparison(compare.CompareConfig(seed={seed}, epochs={epochs})); "
        "print(json.dumps({k: [float(x) for x in v] for k, v in r.losses.items()}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def determinism(custom: dict | None) -> dict:
    """The class's custom run against the same config computed alone: same numbers?"""
    if not custom or not custom.get("losses"):
        return {"determinism.same": False, "determinism.note": "the custom run drew no loss curves"}
    solo = solo_losses()
    seen = custom["losses"]
    diffs = [abs(a - b) for k in solo for a, b in zip(solo[k], seen.get(k, []))]
    same = seen.keys() == solo.keys() and all(len(seen[k]) == len(solo[k]) for k in solo) and max(diffs) == 0
    return {
        "determinism.same": bool(same),
        "determinism.max_abs_diff": max(diffs, default=float("nan")),
        "determinism.config": f"GRU page comparison, seed {CUSTOM_SEED}, {CUSTOM_EPOCHS} epochs",
        "determinism.class_run_s": round(custom["seconds"], 2),
    }


def summarize(tally: TogetherTally, users: int, wall: float) -> dict:
    res: dict = {"users": users, "wall_s": round(wall, 1)}
    worst: dict[str, float] = {}
    for (step, visit), times in sorted(tally.times.items()):
        p = f"{step}.{visit}."
        res[p + "n"] = len(times)
        res[p + "p50_s"] = round(statistics.median(times), 2)
        res[p + "p95_s"] = round(pct(times, 0.95), 2)
        res[p + "max_s"] = round(max(times), 2)
        worst[visit] = max(worst.get(visit, 0.0), res[p + "p95_s"])
    res["open_first_p95_max_s"] = worst.get("first", 0.0)
    res["open_later_p95_max_s"] = worst.get("later", 0.0)
    res["open_p95_max_s"] = max(worst.values(), default=0.0)
    res["errors"] = len(tally.errors)
    res["exceptions"] = len(tally.exceptions)
    res["error_samples"] = tally.errors[:5]
    res["exception_samples"] = tally.exceptions[:5]
    if tally.backends:
        res["learners_per_cookie_max"] = max(tally.backends.values())
    return res


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict:
    """What the numbers were measured on: cores, CPU model, load average now."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"machine.cores": os.cpu_count(), "machine.cpu": model}


def wait_ready(ports: list[int], limit_s: float = 900) -> float:
    """Waits until every app process has computed its defaults (GET /_app/startup: frozen)."""
    from bench.classroom import wait_for_startup

    t0 = time.monotonic()
    for port in ports:
        wait_for_startup(port, max(1.0, limit_s - (time.monotonic() - t0)))
    return time.monotonic() - t0


def measure(
    users: int,
    spread: float = 1.0,
    processes: int = 1,
    port: int = 0,
    extra=(),
    wait_startup: bool = True,
    log=print,
) -> dict:
    """Starts the app (one process, or `processes` behind nginx), lets the class arrive, stops it."""
    from bench.classroom import ServerWatch
    from bench.server import launch, shots
    from bench.serving import ServeClass

    port = port or shots.free_port()
    if processes > 1:
        served = ServeClass(processes, port, extra=list(extra))
        served.start()
        pids, app_ports, stop = served.app_pids(), served.app_ports(), served.stop
        log(f"  nginx on 127.0.0.1:{port} before {processes} app processes {app_ports}")
    else:
        proc, health_s = launch(port, extra=list(extra))
        pids, app_ports, stop = [proc.pid], [port], lambda: shots.stop_server(proc)
        log(f"  server healthy in {health_s:.1f} s on 127.0.0.1:{port} (pid {proc.pid})")
    watches = [ServerWatch(pid) for pid in pids]
    for w in watches:
        w.start()
    res: dict = {"processes": processes, "spread_s": spread}
    try:
        if wait_startup:
            res["startup_done_s"] = round(wait_ready(app_ports), 1)
            log(f"  every default computed {res['startup_done_s']:.0f} s after health")
        res["load_avg_before"] = load_average()
        cpu0 = [w.cpu_s() for w in watches]
        t0 = time.monotonic()
        tally = asyncio.run(drive(port, users, spread))
        res.update(summarize(tally, users, time.monotonic() - t0))
        cpu = [round(w.cpu_s() - c, 1) for w, c in zip(watches, cpu0)]
        res["load_avg_after"] = load_average()
    finally:
        for w in watches:
            w.stop.set()
        stop()
    res["process_peak_rss_mb"] = [round(w.peak_rss, 1) for w in watches]
    res["process_cpu_s"] = cpu
    res.update(determinism(tally.custom))
    return res
