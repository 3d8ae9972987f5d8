"""The stock page's default on any price file (CSV or .xlsx, as uploaded): `python -m bench.stock_csv PATH [--seeds 0-4] [--horizon K]`.

Loads the file exactly as the page's upload does (`seqcore.stock.upload.load_upload`, jumps
repaired by the page's default choice), chooses the recipe on the series' own validation part
as the page does (torch seed 0), then trains that recipe under each seed and prints one JSON
object: the loader's notes, the days used, the chosen recipe and why, test MAE and RMSE of the
model, persistence, the k-day mean and ridge per seed and their means, the model's ratio to
persistence with its 95% interval over the seeds and the test days (`ratio_interval`,
`ratio_verdict`: better, same or worse, and the page's `verdict` sentence), which weights each
seed's model kept (`kept_epoch`, `model_name`), training seconds (wall, one thread) and each whole
run's CPU seconds, and with --horizon the recursive multi-step MAE. A file that cannot be used
exits with status 2 and the loader's Korean message on stderr; so do bad arguments.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch

from seqcore.stock import verdicts
from seqcore.stock.checks import DEFAULT_JUMP_CHOICE, apply_jump_choice
from seqcore.stock.forecast import multi_step
from seqcore.stock.limits import MAX_BYTES
from seqcore.stock.noise import Spread, ratio_interval
from seqcore.stock.pipeline import run
from seqcore.stock.recipe import choose_recipe, summary
from seqcore.stock.upload import load_upload
from seqcore.stock.verdicts import model_name

MAX_SEEDS = 50
SEEDS_FORM = re.compile(r"\d{1,6}(-\d{1,6})?(,\d{1,6}(-\d{1,6})?)*")


def parse_seeds(text: str) -> list[int]:
    """'0-4' -> [0, 1, 2, 3, 4]; '0,3' -> [0, 3]. Anything else (a reversed range, a letter, a
    negative number, more than MAX_SEEDS) raises argparse.ArgumentTypeError with a Korean reason."""
    text = text.replace(" ", "")
    if not SEEDS_FORM.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"시드는 0 이상의 정수로, '0-4'나 '0,2,5'처럼 적어 주세요 (받은 값: {text[:30]!r})."
        )
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        if int(hi or lo) < int(lo):
            raise argparse.ArgumentTypeError(
                f"시드 범위 '{part}'는 거꾸로예요. 작은 수를 앞에 적어 주세요 (예: 0-4)."
            )
        out += list(range(int(lo), int(hi or lo) + 1))
    if len(out) > MAX_SEEDS:
        raise argparse.ArgumentTypeError(f"시드가 {len(out)}개예요. 한 번에 {MAX_SEEDS}개까지만 돌려요.")
    return out


def horizon(text: str) -> int:
    """--horizon: a whole number of days from 1 to 30."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 30:
        raise argparse.ArgumentTypeError(
            f"--horizon은 1에서 30 사이의 정수여야 해요 (받은 값: {text[:30]!r})."
        )
    return int(text)


def load(path: str):
    """(series, notes) or raises SystemExit(2) with the loader's message."""
    try:
        if Path(path).stat().st_size > MAX_BYTES:  # the page's upload limit, before reading it all
            raise SystemExit(
                _fail(f"파일이 {MAX_BYTES // 10**6} MB보다 커요. 페이지의 업로드 한도와 같아요.")
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SystemExit(_fail(f"파일을 읽을 수 없어요: {exc}")) from None
    res = load_upload(data, Path(path).name)
    if res.error:
        raise SystemExit(_fail(res.error))
    series, note = apply_jump_choice(res.series, res.jumps, DEFAULT_JUMP_CHOICE)
    if series is None:
        raise SystemExit(_fail(note))
    return series, res.notes + res.warnings + ([note] if note else [])


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def ratio(model: float, persistence: float) -> float | None:
    """model / persistence MAE; None when persistence never errs (then no ratio exists)."""
    return model / persistence if persistence > 0 else None


def _mean(rows: list[dict], key: str) -> dict[str, float]:
    return {m: statistics.mean(r[key][m] for r in rows) for m in ("mae", "rmse")}


def _runs(series, cfg, seeds: list[int], horizon: int | None):
    """(per-seed rows, results, multi-step MAE per seed) of `cfg` trained under each seed."""
    rows, results, multi = [], [], []
    for s in seeds:
        t0 = time.thread_time()  # CPU of this thread: steadier than wall time on a shared machine
        r = run(series, dataclasses.replace(cfg, seed=s))
        cpu = round(time.thread_time() - t0, 3)
        row = {"seed": s, "train_s": round(r.seconds, 3), "run_cpu_s": cpu, "best_epoch": r.best_epoch}
        rows.append(row | {"kept_epoch": r.kept_epoch, "model_name": model_name(r)} | r.metrics)
        results.append(r)
        if horizon:
            multi.append(multi_step(np.asarray(series.values), r, horizon).mae)
    return rows, results, multi


def _noise(results) -> dict:
    """The model/persistence ratio's 95% interval over the seeds and the test days (stock.noise),
    and the page's sentence for it."""
    first = results[0]
    preds = np.stack([r.pred[r.test] for r in results])
    ratio = ratio_interval(first.actual[first.test], preds, first.baselines["persistence"])
    if not np.isfinite([ratio.lo, ratio.hi]).all():  # persistence never errs: no ratio
        return {"ratio_interval": None, "ratio_verdict": None, "verdict": None}
    spread = Spread(
        ratio,
        tuple(r.metrics["model"]["mae"] for r in results),
        first.metrics["persistence"]["mae"],
        tuple(r.config.seed for r in results),
        all(r.kept_epoch == 0 for r in results),
    )
    return {
        "ratio_interval": [round(ratio.lo, 4), round(ratio.hi, 4)],
        "ratio_verdict": ratio.verdict,
        "verdict": verdicts.spread_verdict(spread)[1],
    }


def evaluate(path: str, seeds: list[int], horizon: int | None) -> dict:
    torch.set_num_threads(1)
    series, notes = load(path)
    choice = choose_recipe(series, seed=0)
    if choice.config is None:
        raise SystemExit(_fail(choice.error))
    per_seed, results, multi = _runs(series, choice.config, seeds, horizon)
    names = [k for k in per_seed[0] if isinstance(per_seed[0][k], dict)]
    mean = {k: _mean(per_seed, k) for k in names}
    out = {
        "file": str(path),
        "notes": notes,
        "days": len(series),
        "first_date": series.dates[0] if series.dates else None,
        "last_date": series.dates[-1] if series.dates else None,
        "test_days": int(results[-1].test.sum()),
        "recipe": {
            "summary": summary(choice.config),
            "config": dataclasses.asdict(choice.config),
            "why": choice.sentence,
            "val_mae": choice.val_mae,
            "val_persistence": choice.val_persistence,
            "search_s": round(choice.seconds, 2),
        },
        "seeds": per_seed,
        "mean": mean,
        "ratio_to_persistence": ratio(mean["model"]["mae"], mean["persistence"]["mae"]),
        "train_s": {
            "mean": statistics.mean(p["train_s"] for p in per_seed),
            "max": max(p["train_s"] for p in per_seed),
            "run_cpu_max": max(p["run_cpu_s"] for p in per_seed),
        },
    } | _noise(results)
    if horizon:
        out["multi_step_mae"] = {
            k: [statistics.mean(m[k][h] for m in multi) for h in range(horizon)] for k in multi[0]
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.stock_csv", description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--seeds", type=parse_seeds, default="0-4", help="e.g. 0-4 or 0,2")
    ap.add_argument("--horizon", type=horizon, default=None, help="multi-step horizon K (1-30)")
    args = ap.parse_args(argv)  # a bad argument: argparse's message and exit status 2
    try:
        print(json.dumps(evaluate(args.path, args.seeds, args.horizon), ensure_ascii=False, indent=1))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
