"""The whole benchmark suite in one run: `python -m bench [--quick]`.

Measures page render times (bench.pages), the real server's cold start and memory
(bench.server), the stock and sentiment models (bench.stock, bench.sentiment, when present)
and 1 vs 2 torch threads (bench.threads; full run only, a quick run keeps the last numbers).
Prints a table and writes bench/results.json: flat keys ("pages.rnn.first_render_s", ...),
seconds and MB as numbers, plus "meta.*" (when, how, the machine's load) and "targets.*".
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"

# The speed and memory targets (README, "성능"): key suffix or key -> upper bound.
TARGETS = {
    "first_render_s": 3.0,
    "rerender_s": 0.3,
    "server.cold_start_s": 3.0,
    "server.rss_mb_all_pages": 700.0,
    "server.rss_mb_after_configs": 900.0,
    "stepper.step_move_s": 0.3,  # one move of the step-through's time control (bench.stepper)
}

# Modules written by the stock and sentiment pages' authors: measure(quick) -> {"stock.*": ...}.
MODEL_SUITES = (
    "bench.stock",
    "bench.sentiment",
    "bench.gates",
    "bench.stepper",
    "bench.page_cpu",
    "bench.browser",
)

CHILD = r"""
import importlib, json, sys
import torch
torch.set_num_threads(1)
mod = importlib.import_module(sys.argv[1])
res = mod.measure(sys.argv[2] == "1")
with open(sys.argv[3], "w") as f:
    json.dump(res, f)
"""


def target_for(key: str) -> float | None:
    if key.startswith("browser."):  # the browser timings' targets live beside them
        from bench.browser import target_for as browser_target

        return browser_target(key)
    if key in TARGETS:
        return TARGETS[key]
    if key.startswith("pages."):
        return TARGETS.get(key.rsplit(".", 1)[-1])
    return None


def run_suite(module: str, quick: bool, log) -> dict:
    """Runs `module.measure(quick)` in a fresh process (its own torch state and memory)."""
    fd, name = tempfile.mkstemp(suffix=".json", prefix="seqlab-bench-")
    os.close(fd)
    out = Path(name)
    cmd = [sys.executable, "-c", CHILD, module, "1" if quick else "0", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        log(proc.stderr[-3000:])
        out.unlink(missing_ok=True)
        last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        return {f"{module.split('.')[-1]}.error": last[-300:]}
    try:
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


def save(results: dict, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp") if not path.name.endswith(".tmp") else path.with_suffix(".w")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    tmp.replace(path)


def previous_results() -> dict:
    try:
        return json.loads(RESULTS.read_text())
    except (OSError, ValueError):
        return {}


def fmt(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    if isinstance(value, list):
        text = ", ".join(fmt(v) for v in value)
        return text if len(text) < 60 else text[:57] + "..."
    return str(value)


def table(results: dict) -> str:
    rows = []
    for key, value in results.items():
        if key.startswith(("targets.", "meta.")):
            continue
        target = target_for(key)
        verdict = ""
        if target is not None and isinstance(value, int | float):
            verdict = f"<= {target:g}  {'ok' if value <= target else 'MISSED'}"
        rows.append((key, fmt(value), verdict))
    width = max((len(r[0]) for r in rows), default=10)
    lines = [f"{'key':{width}}  {'value':>12}  target", "-" * (width + 30)]
    lines += [f"{k:{width}}  {v:>12}  {t}" for k, v, t in rows]
    return "\n".join(lines)


def _mark(value, target) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return fmt(value)
    return f"{fmt(value)} {'✅' if value <= target else '❌'}"


PAGES_MODE_KO = {
    "a fresh process per page": "페이지마다 새 프로세스",
    "one process for all pages": "모든 페이지를 한 프로세스에서 차례로",
}


def markdown(results: dict) -> str:
    """The README's performance section, from a results dict."""
    mode = results.get("meta.pages_mode", "")
    load = results.get("meta.loadavg_before", [None])[0]
    lines = [
        f"`{results.get('meta.command', 'python -m bench')}` ({results.get('meta.finished_utc', '?')} UTC, "
        f"{results.get('meta.cpus', '?')}코어, 시작할 때 load average {load}; 다른 작업과 머신을 나눠 쓰는 중이라 "
        "시간은 들쭉날쭉해요). 전체 결과는 `bench/results.json`에 있습니다.",
        "",
        f"페이지 (AppTest, torch를 이미 불러온 프로세스, {PAGES_MODE_KO.get(mode, mode)}; "
        f"목표: 첫 렌더 ≤ {TARGETS['first_render_s']:g} s, 다시 렌더 ≤ {TARGETS['rerender_s']:g} s):",
        "",
        "| 페이지 | 첫 렌더 (s) | 다시 렌더 (s) |",
        "|---|---|---|",
    ]
    names = [
        k[len("pages.") : -len(".first_render_s")]
        for k in results
        if k.startswith("pages.") and k.endswith(".first_render_s")
    ]
    for name in names:
        first = results[f"pages.{name}.first_render_s"]
        again = results.get(f"pages.{name}.rerender_s")
        lines.append(
            f"| {name} | {_mark(first, TARGETS['first_render_s'])} | {_mark(again, TARGETS['rerender_s'])} |"
        )
    lines += [
        "",
        "서버 (`streamlit run` + headless Chromium):",
        "",
        "| 항목 | 값 | 목표 |",
        "|---|---|---|",
    ]
    server_rows = [
        ("server.cold_start_s", "실행 → `/_stcore/health` ok (s)"),
        ("server.rss_mb_idle", "RSS, 시작 직후 (MB)"),
        ("server.rss_mb_all_pages", "RSS, 모든 페이지를 기본값으로 방문한 뒤 (MB)"),
        (
            "server.rss_mb_after_configs",
            f"RSS, 학습 설정 {results.get('server.configs', '?')}개를 돌린 뒤 (MB)",
        ),
        ("server.rss_mb_peak", "RSS 최고치 (VmHWM, MB)"),
    ]
    for key, label in server_rows:
        if key in results:
            target = TARGETS.get(key)
            value = _mark(results[key], target) if target else fmt(results[key])
            lines.append(f"| {label} | {value} | {f'≤ {target:g}' if target else ''} |")
    torch_keys = [k for k in ("torch.import_s", "torch.first_adam_s") if k in results]
    if torch_keys:
        lines += [
            "",
            f"새 프로세스에서 `import torch` {fmt(results.get('torch.import_s'))} s, 첫 `torch.optim.Adam` 한 스텝 "
            f"{fmt(results.get('torch.first_adam_s'))} s (두 번째는 {fmt(results.get('torch.second_adam_s'))} s). "
            "앱은 시작할 때 백그라운드 스레드에서 이 비용을 미리 치릅니다 (`seqcore.core.runtime.warm_up_in_background`).",
        ]
    models = [k for k in results if k.startswith(("stock.", "sentiment."))]
    if models:
        lines += ["", "모델 (`bench.stock`, `bench.sentiment`):", "", "| 항목 | 값 |", "|---|---|"]
        lines += [f"| `{k}` | {fmt(results[k])} |" for k in models]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="a short run (under 5 minutes)")
    ap.add_argument(
        "--skip", nargs="*", default=[], help="parts to skip: pages server stock sentiment threads"
    )
    ap.add_argument("--markdown", action="store_true", help="print README's section from bench/results.json")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.markdown:
        print(markdown(previous_results()))
        return 0

    def log(msg: str) -> None:
        print(msg, flush=True)

    started = time.time()
    results: dict = {}
    load_before = os.getloadavg()

    parts = [("pages", "bench.pages"), ("server", "bench.server")]
    for name, module in parts:
        if name in args.skip:
            continue
        log(f"[{name}] ...")
        t0 = time.time()
        mod = __import__(module, fromlist=["measure"])
        try:
            results.update(mod.measure(quick=args.quick, log=log))
        except Exception as exc:  # noqa: BLE001  (one broken part must not hide the others)
            log(f"[{name}] FAILED: {exc!r}")
            results[f"{name}.error"] = repr(exc)[-300:]
        log(f"[{name}] {time.time() - t0:.0f} s")
        save(results, RESULTS.with_name("results.partial.json.tmp"))

    for module in MODEL_SUITES:
        name = module.split(".")[-1]
        if name in args.skip:
            continue
        if importlib.util.find_spec(module) is None:
            log(f"[{name}] {module} does not exist yet: skipped")
            continue
        log(f"[{name}] ...")
        t0 = time.time()
        results.update(run_suite(module, args.quick, log))
        log(f"[{name}] {time.time() - t0:.0f} s")
        save(results, RESULTS.with_name("results.partial.json.tmp"))

    if "threads" not in args.skip:
        if args.quick:
            old = {k: v for k, v in previous_results().items() if k.startswith("threads.")}
            results.update(old)
            log(f"[threads] quick run: kept {len(old)} numbers of the last full run")
        else:
            from bench import threads

            log("[threads] ... (1 vs 2 threads, alone and shared)")
            t0 = time.time()
            results.update({f"threads.{k}": v for k, v in threads.measure().items()})
            log(f"[threads] {time.time() - t0:.0f} s")

    results["meta.command"] = "python -m bench" + (" --quick" if args.quick else "")
    results["meta.quick"] = args.quick
    results["meta.finished_utc"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    results["meta.seconds"] = round(time.time() - started, 1)
    results["meta.cpus"] = os.cpu_count()
    results["meta.loadavg_before"] = [round(x, 2) for x in load_before]
    results["meta.loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    results["meta.python"] = platform.python_version()
    for key, bound in TARGETS.items():
        results[f"targets.{key}"] = bound

    save(results, RESULTS)
    RESULTS.with_name("results.partial.json.tmp").unlink(missing_ok=True)
    print()
    print(table(results))
    log(f"\nwrote {RESULTS.relative_to(ROOT)} in {results['meta.seconds']:.0f} s")
    missed = [
        k
        for k, v in results.items()
        if (t := target_for(k)) is not None and isinstance(v, int | float) and v > t
    ]
    if missed:
        log("targets missed: " + ", ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
