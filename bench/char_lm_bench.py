"""The 문자 생성 page's targets, measured: `python -m bench.char_lm_bench [--quick] [--write]`.

`measure(quick)` (the interface of bench/__main__.py's MODEL_SUITES) returns flat "char_lm.*" keys:

- char_lm.default.*: the page's default run (10 epochs, NSMC validation fold): held-out and
  unigram perplexity and their ratio (target <= 0.5), wall and CPU seconds, and perplexity
  after every epoch against the seconds it took (perplexity vs seconds);
- char_lm.cli.*: the teacher's command (`python -m bench.char_lm`, 60 s; quick: 15 s) on the test
  fold: held-out / unigram ratio, epochs, train seconds, and the share of real words in its samples
  at T 0.5 (target >= 0.5) and 1.0; its curve as char_lm.cli.curve.<i>.{s,ppl};
- char_lm.units.* (full run only): syllables vs jamo, the same recipe for 10 epochs: CPU seconds,
  held-out bits per character (comparable across units) and real words at T 0.5, and the paired
  gap in bits per character with its 95% interval over held-out reviews.
- char_lm.load_1min: the machine's load average when the run began (2 cores; others share them).

With --write the keys (and their meta) go into bench/results.json, or with --quick into
bench/results.quick.json (bench.record): the char_lm suite's keys only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import time

from seqcore.cli import char_lm as cli
from seqcore.core import memory
from seqcore.core.runtime import configure_threads
from seqcore.lm import data, metrics
from seqcore.lm.trainer import DEFAULT_CONFIG, LMConfig, LMResult, train_lm

FULL_SECONDS, QUICK_SECONDS = 60.0, 15.0  # the teacher's command's time budget


def _curve(prefix: str, result: LMResult) -> dict[str, float]:
    out = {}
    for r in result.records:
        out[f"{prefix}.epoch{r.epoch:02d}.s"] = round(r.seconds, 2)
        out[f"{prefix}.epoch{r.epoch:02d}.cpu_s"] = round(r.cpu_seconds, 2)
        out[f"{prefix}.epoch{r.epoch:02d}.held_ppl"] = round(r.held_ppl, 2)
    return out


def default_run(cfg: LMConfig = DEFAULT_CONFIG) -> tuple[LMResult, dict[str, float]]:
    before = memory.rss_mb()
    t0 = time.perf_counter()
    result = train_lm(cfg)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux: KB)
    p = "char_lm.default"
    res = {
        f"{p}.total_s": round(time.perf_counter() - t0, 2),
        f"{p}.train_s": round(result.last.seconds, 2),
        f"{p}.cpu_s": round(result.last.cpu_seconds, 2),
        f"{p}.held_ppl": round(result.last.held_ppl, 2),
        f"{p}.unigram_ppl": round(result.unigram_ppl, 2),
        f"{p}.held_over_unigram": round(result.last.held_ppl / result.unigram_ppl, 4),
        f"{p}.estimate_cpu_s": round(cfg.estimate_s(), 1),
        f"{p}.estimate_mb": round(cfg.estimate_mb(), 1),
        f"{p}.rss_before_mb": round(before, 1),
        f"{p}.peak_rss_mb": round(peak, 1),  # the process's peak so far: the run's is at most this
    }
    return result, res | _curve(p, result)


def cli_run(seconds: float) -> dict[str, float]:
    out = cli.run(None, seconds, seed=0)
    p = "char_lm.cli"
    res = {
        f"{p}.seconds_budget": seconds,
        f"{p}.train_s": out["train_seconds"],
        f"{p}.cpu_s": out["cpu_seconds"],
        f"{p}.epochs": out["epochs"],
        f"{p}.held_ppl": out["held_out_perplexity"],
        f"{p}.unigram_ppl": out["unigram_perplexity"],
        f"{p}.held_over_unigram": round(out["held_out_perplexity"] / out["unigram_perplexity"], 4),
        f"{p}.real_words_t05": out["real_word_rate"]["0.5"],
        f"{p}.real_words_t10": out["real_word_rate"]["1.0"],
        f"{p}.min_sample_chars": min(len(s["text"]) for s in out["samples"]),
    }
    for i, point in enumerate(out["curve"]):
        res[f"{p}.curve.{i:02d}.s"] = point["seconds"]
        res[f"{p}.curve.{i:02d}.ppl"] = point["held_out_perplexity"]
    return res


def units(char_run: LMResult) -> dict[str, float]:
    jamo_run = train_lm(dataclasses.replace(char_run.config, unit="jamo"))
    res = {}
    for name, r in (("char", char_run), ("jamo", jamo_run)):
        words = r.last.real_rates[0.5]
        res |= {
            f"char_lm.units.{name}.vocab": len(r.vocab),
            f"char_lm.units.{name}.cpu_s": round(r.last.cpu_seconds, 2),
            f"char_lm.units.{name}.held_bpc": round(r.last.held_bpc, 4),
            f"char_lm.units.{name}.real_words_t05": None if words is None else round(words, 3),
        }
    gap, lo, hi = metrics.paired_gap(jamo_run.held_doc_bits, char_run.held_doc_bits, char_run.held_docs)
    res |= {
        "char_lm.units.jamo_minus_char_bpc": round(gap, 4),
        "char_lm.units.gap_ci_lo": round(lo, 4),
        "char_lm.units.gap_ci_hi": round(hi, 4),
    }
    return res


def measure(quick: bool = False, cfg: LMConfig = DEFAULT_CONFIG) -> dict[str, float]:
    """Every key above; `cfg` replaces the page's default (a test passes a tiny one)."""
    configure_threads()
    res: dict[str, float] = {"char_lm.load_1min": round(os.getloadavg()[0], 2), "char_lm.quick": float(quick)}
    res["char_lm.default.held_fold"] = data.VALIDATION_FOLD
    result, default = default_run(cfg)
    res |= default
    res |= cli_run(QUICK_SECONDS if quick else FULL_SECONDS)
    if not quick:
        res |= units(result)
    return res


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.char_lm_bench")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write", action="store_true", help="record the char_lm.* keys (bench.record)")
    args = parser.parse_args()
    load_before, t0 = os.getloadavg(), time.perf_counter()
    res = measure(args.quick)
    print(json.dumps(res, indent=1))
    if args.write:
        from bench import record

        command = "python -m bench.char_lm_bench" + (" --quick" if args.quick else "")
        record(
            "char_lm",
            res,
            command,
            quick=args.quick,
            seconds=time.perf_counter() - t0,
            load_before=load_before,
        )


if __name__ == "__main__":
    main()
