"""1 or 2 training workers? `python -m bench.queue_workers [--quick]`.

Runs four GRU comparisons (the GRU page's training, different seeds) one after another (one
worker) and two at a time (two workers), each with one torch thread, while a pure-Python probe
(a stand-in for a page rerun, which needs the GIL) is timed every 50 ms. Prints the wall time
and the probe's p50/p95: a second worker only helps if it buys throughput without slowing
every page open. Keys: `queue_workers.workers<n>.wall_s`, `.probe_p50_ms`, `.probe_p95_ms`.
"""

from __future__ import annotations

import threading
import time

from seqcore.basics import compare
from seqcore.core.runtime import warm_up


def _job(seed: int) -> None:
    compare.run_comparison(compare.CompareConfig(seed=seed))


def _probe(stop: threading.Event, out: list[float]) -> None:
    while not stop.is_set():
        t = time.perf_counter()
        d = {}
        for i in range(20_000):
            d[i] = i * 2
        out.append(time.perf_counter() - t)
        time.sleep(0.05)


def measure_workers(workers: int, runs: int = 4) -> dict[str, float]:
    seeds = [100 + 10 * workers + k for k in range(runs)]
    stop, latencies = threading.Event(), []
    probe = threading.Thread(target=_probe, args=(stop, latencies))
    probe.start()
    t0 = time.perf_counter()
    threads = [
        threading.Thread(target=lambda ss=seeds[i::workers]: [_job(s) for s in ss]) for i in range(workers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    stop.set()
    probe.join()
    latencies.sort()
    return {
        "wall_s": round(wall, 1),
        "probe_p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "probe_p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
    }


def measure(quick: bool = False) -> dict[str, float]:
    """One and two workers (two comparisons each in a quick run, four in a full one)."""
    warm_up()
    _job(0)  # first-use costs out of the way
    out = {}
    for n in (1, 2):
        for key, value in measure_workers(n, runs=2 if quick else 4).items():
            out[f"queue_workers.workers{n}.{key}"] = value
    return out


if __name__ == "__main__":
    from bench import run_suite_cli

    run_suite_cli(measure)
