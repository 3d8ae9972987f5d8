"""A class on one server: `python -m bench.classroom --users N [--duration S] [--json PATH]`.

Starts the app with `streamlit run` on a free local port (127.0.0.1 only), then drives N learners
at once. The learners are not browsers: each is a websocket client speaking Streamlit's own
protocol (bench/stclient.py), so the server's CPU is what gets measured. Each follows the lesson
script below, over and over until --duration seconds have passed (at least once, at most
--rounds times):

  1. home            open the home page
  2. train_open      open the GRU page
  3. train_default   press "세 모델 학습하기" with the defaults (a cache hit once warmed)
  4. train_custom    move the epochs slider (a different value per learner) and train again
  5. quiz_answer     open the quiz, answer Q1 with a per-learner probe text, press 채점하기
  6. stock_open      open the stock page
  7. stock_train     submit the stock form with the defaults

Reported (recorded with `bench.record` under `classroom.*` in bench/results.json, or in the file
--json names): p50/p95/max seconds
per step (request sent -> script finished), errors (timeouts, dropped connections), exceptions shown
on a page, the queue positions a learner was shown ("앞에 N개의 학습"), leaks (a learner saw
another learner's probe text), and the server's peak RSS, CPU seconds and cores used.
`--script pages` instead opens home -> rnn -> lstm -> stock -> sentiment -> quiz (the issue's
table) and reports server CPU seconds per page open. `--script heavy` has every learner train the
stock page at its heaviest settings (a different configuration each): the server's peak RSS at
the largest configuration, and how many runs the memory budget refused.

Before the learners start, one learner tours the pages once, untimed (`--cold` skips it), and the
run waits until the server has computed every page's default (`--no-startup-wait` skips it;
GET /_app/startup says how far it is).

`--arrive-together` (bench/together.py) is the class as a teacher meets it: N new sessions in the
same second, no warm-up tour, every page opened once (first visits) and again (later visits),
one seeded custom run checked against a solo run; `--processes P` runs it against P app
processes behind nginx (scripts/serve_class.sh). Saved under `classroom.together<N>[_p<P>].*`.

A tagged run (`--tag`, `--arrive-together`) replaces only its own `classroom.<tag>.*`; an untagged
run replaces the untagged keys and keeps every tag's. The targets are the registry's (bench.SUITES).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from bench.stclient import Learner, RunResult

ROOT = Path(__file__).resolve().parent.parent
STEP_TIMEOUT_S = 600  # one step, at most (a queued custom training included)
PAGE_TOUR = ("", "rnn", "lstm", "stock", "sentiment", "quiz")  # each page's first part (as the menu opens it)
GRU_COMPARISON = "LSTM과 비교"  # the GRU page's part (ui.sections) with the RNN/LSTM/GRU training
OPEN_STEPS = ("home", "train_open", "stock_open", "page_open")


class Tally:
    """Everything the learners saw, gathered from all of them (one event loop: no locks)."""

    def __init__(self):
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.exceptions: list[str] = []
        self.queue_positions: list[int] = []
        self.leaks: list[str] = []
        self.scripts_done = 0
        self.runs = 0
        self.refusals = 0  # runs the memory budget refused (Korean message shown)

    def record(self, learner: int, step: str, res: RunResult) -> None:
        self.runs += 1
        self.times.setdefault(step, []).append(res.seconds)
        self.exceptions += [f"learner {learner} {step}: {e}" for e in res.exceptions]
        self.queue_positions += res.queue_positions
        for text in res.texts:
            if "leak-probe-" in text and f"leak-probe-{learner}-" not in text:
                self.leaks.append(f"learner {learner} {step}: {text[:120]}")


async def lesson_script(lr: Learner, i: int, tally: Tally) -> None:
    """One pass of the lesson script for learner `i`."""
    tally.record(i, "home", await lr.goto(""))
    res = await lr.goto("gru", query={"gru_part": GRU_COMPARISON})
    tally.record(i, "train_open", res)
    button = lr.find(res, "gru_cmp_run")
    if button is None:
        raise RuntimeError("GRU page: no 'gru_cmp_run' button")
    res = await lr.run(triggers=(button[1].id,), timeout=STEP_TIMEOUT_S)
    tally.record(i, "train_default", res)
    slider = lr.find(res, "gru_cmp_epochs", "slider")
    if slider is None:
        raise RuntimeError("GRU page: no 'gru_cmp_epochs' slider")
    s = slider[1]
    default = s.value[0] if s.value else s.default[0]
    value = default + s.step * (1 + i % 3)
    if value > s.max:
        value = default - s.step * (1 + i % 3)
    lr.set_number(s.id, value)
    res = await lr.run(triggers=(button[1].id,), timeout=STEP_TIMEOUT_S)
    tally.record(i, "train_custom", res)

    res = await lr.goto("quiz")
    tally.record(i, "page_open", res)
    box = next((w for w in res.elements if w.WhichOneof("type") == "text_input"), None)
    check = lr.find(res, "quiz_q1_check")
    if box is None or check is None:
        raise RuntimeError("quiz: no Q1 text input or check button")
    lr.set_text(box.text_input.id, f"leak-probe-{i}-")
    tally.record(i, "quiz_answer", await lr.run(triggers=(check[1].id,), timeout=STEP_TIMEOUT_S))

    res = await lr.goto("stock")
    tally.record(i, "stock_open", res)
    submit = lr.find(res, "stock_train")
    if submit is None:
        raise RuntimeError("stock page: no 'stock_train' submit button")
    tally.record(i, "stock_train", await lr.run(triggers=(submit[1].id,), timeout=STEP_TIMEOUT_S))


# The heaviest stock run measured in issue 17 (LSTM 128, window 180 days fed one day per step,
# batch 512) on the longest series, 5 epochs: its peak memory does not depend on the epochs. Learner i uses baseline
# k = 2 + i, so that every learner's run is a different configuration (no sharing).
HEAVY_STOCK = {
    "stock_days": ("number", 2000),  # the longest simulated series (an upload is capped at 2000 days too)
    "stock_cell": ("text", "LSTM"),
    "stock_hidden": ("number", 128),
    "stock_window": ("number", 180),
    "stock_step": ("choices", ["1"]),
    "stock_batch": ("choices", ["512"]),
    "stock_epochs": ("number", 5),
}
REFUSAL = "메모리가 약"


async def heavy_stock(lr: Learner, i: int, tally: Tally) -> None:
    """The stock page at its heaviest settings, trained: peak RSS and the budget's refusals."""
    res = await lr.goto("stock")
    tally.record(i, "stock_open", res)
    settings = {**HEAVY_STOCK, "stock_mean_k": ("number", 2 + i % 29)}
    for key, (kind, value) in settings.items():
        found = lr.find(res, key)
        if found is None:
            raise RuntimeError(f"stock page: no widget {key!r}")
        wid = found[1].id
        {"text": lr.set_text, "choices": lr.set_choices, "number": lr.set_number}[kind](wid, value)
    submit = lr.find(res, "stock_train")
    res = await lr.run(triggers=(submit[1].id,), timeout=STEP_TIMEOUT_S)
    tally.record(i, "stock_heavy_train", res)
    tally.refusals += sum(REFUSAL in t for t in res.texts)


async def page_tour(lr: Learner, i: int, tally: Tally) -> None:
    for path in PAGE_TOUR:
        tally.record(i, "page_open", await lr.goto(path, timeout=STEP_TIMEOUT_S))


async def learner(port: int, i: int, tally: Tally, script, deadline: float, rounds: int) -> None:
    lr = Learner(port, f"learner-{i}")
    try:
        await lr.open()
        for _ in range(rounds):
            await script(lr, i, tally)
            tally.scripts_done += 1
            if time.monotonic() >= deadline:
                break
    except Exception as exc:  # noqa: BLE001  (counted and reported, never hidden)
        tally.errors.append(f"learner {i}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await lr.close()


SCRIPTS = {"lesson": lesson_script, "pages": page_tour, "heavy": heavy_stock}


class ServerWatch(threading.Thread):
    """Samples the server's RSS (MB) and CPU seconds every 0.5 s until stopped."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.stop = threading.Event()
        self.peak_rss = 0.0
        self.rss_trace: list[tuple[float, float]] = []
        self.t0 = time.monotonic()

    def cpu_s(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss(self) -> tuple[float, float]:
        from bench.server import rss_mb

        return rss_mb(self.pid)

    def run(self) -> None:
        last = 0.0
        while not self.stop.wait(0.5):
            try:
                now, hwm = self.rss()
            except (OSError, KeyError):
                return
            self.peak_rss = max(self.peak_rss, hwm)
            t = time.monotonic() - self.t0
            if t - last >= 10:
                self.rss_trace.append((round(t), now))
                last = t


def wait_for_startup(port: int, limit_s: float = 600) -> float:
    """Waits until the server says every default is computed (GET /_app/startup); bounded."""
    import urllib.request

    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_app/startup", timeout=5) as r:
                state = json.loads(r.read())
            if state.get("frozen"):
                break
        except OSError:
            pass
        time.sleep(1)
    return time.monotonic() - t0


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


async def drive(port: int, users: int, duration: float, rounds: int, script) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + duration
    await asyncio.gather(*(learner(port, i, tally, script, deadline, rounds) for i in range(users)))
    return tally


def summarize(tally: Tally, users: int, watch: ServerWatch, cpu0: float, wall: float) -> dict:
    res: dict = {"classroom.users": users, "classroom.wall_s": round(wall, 1)}
    opens = []
    for step, times in tally.times.items():
        res[f"classroom.{step}.n"] = len(times)
        res[f"classroom.{step}.p50_s"] = round(statistics.median(times), 2)
        res[f"classroom.{step}.p95_s"] = round(pct(times, 0.95), 2)
        res[f"classroom.{step}.max_s"] = round(max(times), 2)
        if step in OPEN_STEPS:
            opens += times
    if opens:
        res["classroom.open_p95_s"] = round(pct(opens, 0.95), 2)
    for step in ("train_default", "train_custom"):
        if step in tally.times:
            res[f"classroom.{step}_p95_s"] = res[f"classroom.{step}.p95_s"]
    cpu = watch.cpu_s() - cpu0
    res.update(
        {
            "classroom.scripts_done": tally.scripts_done,
            "classroom.runs": tally.runs,
            "classroom.errors": len(tally.errors),
            "classroom.exceptions": len(tally.exceptions),
            "classroom.leaks": len(tally.leaks),
            "classroom.memory_refusals": tally.refusals,
            "classroom.queue_max_position": max(tally.queue_positions, default=0),
            "classroom.queue_positions_seen": len(tally.queue_positions),
            "classroom.server_peak_rss_mb": round(watch.peak_rss, 1),
            "classroom.server_cpu_s": round(cpu, 1),
            "classroom.server_cores_used": round(cpu / max(wall, 1e-9), 2),
            "classroom.server_cpu_s_per_run": round(cpu / max(tally.runs, 1), 3),
            "classroom.rss_trace": watch.rss_trace,
            "classroom.error_samples": tally.errors[:5],
            "classroom.exception_samples": tally.exceptions[:5],
            "classroom.leak_samples": tally.leaks[:5],
        }
    )
    return res


def measure(
    users: int,
    duration: float,
    rounds: int,
    script: str = "lesson",
    extra=(),
    port: int = 0,
    warm: bool = True,
    wait_startup: bool = True,
    log=print,
) -> dict:
    from bench.server import launch, shots

    fn = SCRIPTS[script]
    port = port or shots.free_port()
    proc, health_s = launch(port, extra=list(extra))
    t_ok = time.monotonic()
    log(f"  server healthy in {health_s:.1f} s on 127.0.0.1:{port} (pid {proc.pid})")
    watch = ServerWatch(proc.pid)
    watch.start()
    startup_s = -1.0
    try:
        if warm:  # one learner once, untimed: the imports and first renders (not the trainings)
            t0 = time.monotonic()
            asyncio.run(drive(port, 1, 0, 1, page_tour))
            log(f"  warm-up tour by one learner: {time.monotonic() - t0:.1f} s")
        if wait_startup:
            wait_for_startup(port)
            startup_s = time.monotonic() - t_ok
            log(f"  start-up work (every page's default) done {startup_s:.0f} s after health")
        cpu0, t0 = watch.cpu_s(), time.monotonic()
        tally = asyncio.run(drive(port, users, duration, rounds, fn))
        res = summarize(tally, users, watch, cpu0, time.monotonic() - t0)
    finally:
        watch.stop.set()
        shots.stop_server(proc)
    res["classroom.script"] = script
    res["classroom.startup_done_s"] = round(startup_s, 1)
    res["classroom.health_s"] = round(health_s, 2)
    return res


def save(res: dict, command: str, tag: str = "", path: Path | None = None, **stamp_args) -> Path:
    """Records a run with `bench.record` (into `path`, default bench/results.json). A tagged run
    replaces only its own `classroom.<tag>.*`; an untagged one keeps every tag's keys."""
    import bench

    if tag:
        return bench.record("classroom", res, command, part=tag, path=path, **stamp_args)
    suite = bench.suite_named("classroom")
    old = bench.read(path or bench.RESULTS)
    tags = {k.split(".")[1] for k in old if k.startswith("classroom.") and k.endswith(".tagged")}

    def untagged(key: str) -> bool:
        return bench.owner(key) is suite and key.removeprefix("meta.").split(".")[1] not in tags

    return bench.record("classroom", res, command, replaces=untagged, path=path, **stamp_args)


def show(res: dict, width: int) -> None:
    """Each value, marked against its target in the registry (bench.SUITES) where it has one."""
    from bench import meets, target_for

    for key, value in res.items():
        bound = target_for(key)
        ok = meets(value, bound) if bound else None
        mark = "" if ok is None else ("  ok" if ok else f"  > target {bound[1]:g}")
        print(f"{key:{width}s} {value}{mark}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.classroom", description=__doc__.split("\n")[0])
    ap.add_argument("--users", type=int, default=10)
    ap.add_argument("--duration", type=float, default=0, help="keep repeating the script this long (s)")
    ap.add_argument("--rounds", type=int, default=1000, help="at most this many passes per learner")
    ap.add_argument("--script", choices=tuple(SCRIPTS), default="lesson")
    ap.add_argument("--cold", action="store_true", help="no untimed warm-up tour before the learners")
    ap.add_argument("--no-startup-wait", action="store_true", help="start before every default is computed")
    ap.add_argument("--tag", default="", help="save under classroom.<tag>.* (a soak, a heavy run)")
    ap.add_argument("--port", type=int, default=0, help="local port (default: a free one)")
    ap.add_argument(
        "--json", type=Path, help="results file (merged, classroom.* keys; default: bench/results.json)"
    )
    ap.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra `streamlit run` flag, e.g. --runner.postScriptGC=false",
    )
    ap.add_argument(
        "--arrive-together",
        action="store_true",
        help="N new sessions in the same second, no warm-up tour: first and later visits (bench/together.py)",
    )
    ap.add_argument(
        "--spread", type=float, default=1.0, help="--arrive-together: arrivals within this many s"
    )
    ap.add_argument(
        "--processes",
        type=int,
        default=1,
        help="--arrive-together: app processes behind nginx (serve_class.sh)",
    )
    args = ap.parse_args(argv)
    if args.users < 1 or not 1 <= args.processes <= 99 or args.spread < 0:
        ap.error("--users must be at least 1, --processes 1-99, --spread at least 0")
    if args.arrive_together:
        return together_main(args, argv)
    if args.processes != 1:
        ap.error("--processes needs --arrive-together")
    command = " ".join(["python -m bench.classroom", *(sys.argv[1:] if argv is None else argv)])
    t0, load = time.time(), os.getloadavg()
    res = measure(
        args.users,
        args.duration,
        max(1, args.rounds),
        args.script,
        args.server_arg,
        args.port,
        warm=not args.cold,
        wait_startup=not args.no_startup_wait,
    )
    if args.tag:  # e.g. --tag soak10: classroom.soak10.* beside the untagged classroom.* keys
        res = {k.replace("classroom.", f"classroom.{args.tag}.", 1): v for k, v in res.items()}
        res[f"classroom.{args.tag}.tagged"] = True
    save(res, command, args.tag, args.json, seconds=time.time() - t0, load_before=load)
    show(res, 42)
    p = f"classroom.{args.tag}." if args.tag else "classroom."
    return 0 if not res[p + "errors"] and not res[p + "leaks"] else 1


def together_main(args, argv: list[str] | None) -> int:
    """`--arrive-together`: one class arriving at once, saved under classroom.<tag>.* (bench/together.py)."""
    from bench import together

    tag = args.tag or f"together{args.users}" + (f"_p{args.processes}" if args.processes > 1 else "")
    command = " ".join(["python -m bench.classroom", *(sys.argv[1:] if argv is None else argv)])
    print(f"{command}  (load average {together.load_average()})")
    res = together.measure(
        args.users, args.spread, args.processes, args.port, args.server_arg, not args.no_startup_wait
    )
    res = {
        "command": command,
        "finished_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        **together.machine(),
        **res,
        "tagged": True,
    }
    res = {f"classroom.{tag}.{k}": v for k, v in res.items()}
    save(res, command, tag, args.json)
    show(res, 52)
    p = f"classroom.{tag}."
    ok = not res[p + "errors"] and not res[p + "exceptions"] and res[p + "determinism.same"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
