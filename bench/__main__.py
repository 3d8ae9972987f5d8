"""The benchmark: `python -m bench [--quick | --smoke] [--only NAME ...] [--skip NAME ...]`.

Runs every suite of the registry (bench.SUITES) that `python -m bench` runs, each in a fresh
process with one torch thread, and writes each suite's keys into bench/results.json in place of
its old ones as soon as it ends (a failed suite keeps its old figures and makes the exit status 1);
then docs/performance.md is written from the file. `--quick` (minutes) and `--smoke` (seconds:
only suites that declare a smoke run) write bench/results.quick.json instead, or `--out PATH`:
the committed figures are full runs' only. `--docs` only rewrites docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import QUICK_RESULTS, RESULTS, ROOT, SUITES, Suite, meets, merge_results, owner, stamp, target_for

CHILD = r"""
import importlib, json, sys
import torch
torch.set_num_threads(1)
mod = importlib.import_module(sys.argv[1])
res = mod.measure(sys.argv[2] == "1", **json.loads(sys.argv[3]))
with open(sys.argv[4], "w") as f:
    json.dump(res, f)
"""


class SuiteFailed(RuntimeError):
    pass


def run_suite(suite: Suite, quick: bool, kwargs: dict) -> dict:
    """`suite.module.measure(quick, **kwargs)` in a fresh process (its own torch state and memory);
    its output goes to this terminal. Raises SuiteFailed, or when it returns a key it does not own."""
    fd, name = tempfile.mkstemp(suffix=".json", prefix="seqlab-bench-")
    os.close(fd)
    out = Path(name)
    try:
        cmd = [sys.executable, "-c", CHILD, suite.module, "1" if quick else "0", json.dumps(kwargs), str(out)]
        proc = subprocess.run(cmd, cwd=ROOT)
        if proc.returncode != 0:
            raise SuiteFailed(f"{suite.module} exited with status {proc.returncode}")
        results = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    stray = [k for k in results if owner(k) is not suite and not k.startswith("meta.")]
    if stray:
        raise SuiteFailed(f"{suite.module} returned keys it does not own: {', '.join(stray[:5])}")
    return results


def table(results: dict) -> str:
    from bench.report import fmt

    rows = []
    for key, value in results.items():
        if key.startswith("meta."):
            continue
        target = target_for(key)
        ok = meets(value, target) if target else None
        verdict = "" if ok is None else f"{target[0]} {target[1]:g}  {'ok' if ok else 'MISSED'}"
        rows.append((key, fmt(value), verdict))
    width = max((len(r[0]) for r in rows), default=10)
    lines = [f"{'key':{width}}  {'value':>12}  target", "-" * (width + 30)]
    return "\n".join(lines + [f"{k:{width}}  {v:>12}  {t}" for k, v, t in rows])


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[1])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="a short run of every quick suite (minutes)")
    mode.add_argument("--smoke", action="store_true", help="seconds: the suites that declare a smoke run")
    mode.add_argument("--docs", action="store_true", help="only rewrite docs/performance.md")
    ap.add_argument("--only", nargs="+", default=[], metavar="NAME", help="these suites only")
    ap.add_argument("--skip", nargs="+", default=[], metavar="NAME", help="not these suites")
    ap.add_argument(
        "--out", type=Path, help="results file (default: results.json, quick: results.quick.json)"
    )
    args = ap.parse_args(argv)
    names = {s.name: s for s in SUITES}
    unknown = [n for n in args.only + args.skip if n not in names]
    if unknown:
        ap.error(f"unknown suite(s): {', '.join(unknown)} (suites: {', '.join(names)})")
    alone = [n for n in args.only if not names[n].in_bench]
    if alone:
        ap.error("; ".join(f"{n} runs with its own command: {names[n].how()}" for n in alone))
    return args


def chosen(args: argparse.Namespace) -> list[Suite]:
    def wanted(s: Suite) -> bool:
        if args.only:
            return s.name in args.only and (not args.smoke or s.smoke is not None)
        if args.smoke:
            return s.smoke is not None
        return s.in_bench and (s.in_quick or not args.quick)

    return [s for s in SUITES if wanted(s) and s.name not in args.skip]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    if args.docs:
        from bench.report import write_docs

        write_docs()
        print("wrote docs/performance.md from bench/results.json")
        return 0
    quick = args.quick or args.smoke
    out = args.out or (QUICK_RESULTS if quick else RESULTS)
    command = " ".join(["python -m bench", *argv])
    done, failed = {}, []
    for suite in chosen(args):
        print(f"[{suite.name}] {suite.module} ...", flush=True)
        t0, load = time.time(), os.getloadavg()
        try:
            results = run_suite(suite, quick, (suite.smoke or {}) if args.smoke else {})
        except SuiteFailed as exc:
            print(f"[{suite.name}] FAILED: {exc} (its old figures stay)", flush=True)
            failed.append(suite.name)
            continue
        results |= stamp(suite, command, time.time() - t0, load)
        merge_results(results, lambda k, s=suite: owner(k) is s, path=out, command=command)
        done |= results
        print(f"[{suite.name}] {time.time() - t0:.0f} s", flush=True)
    print("\n" + table(done))
    print(f"\nwrote {out}" + (" and docs/performance.md" if out == RESULTS else ""))
    missed = [k for k, v in done.items() if (t := target_for(k)) and meets(v, t) is False]
    if missed:
        print("targets missed: " + ", ".join(missed))
    if failed:
        print("suites failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
