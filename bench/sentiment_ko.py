"""The Korean parts of `python -m bench.sentiment` (NSMC): the tokenizer study, the shipped
model's recorded figures, the negation-mix study and the full builds that differ in their bag
path (`--korean`, `--shipped`, `--mix`, `--mix-check`, `--builds`). Validation parts only; the shipped model's test figures come from its build."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def korean_spec(quick: bool):
    """The Korean tokenizer study's budget: 30,000 training reviews, up to 4 epochs, seeds 0 and 1,
    scored on the whole validation part. Quick: 3,000 reviews, 1 epoch, seed 0, no kiwi/jamo."""
    from seqcore.sentiment.ko_study import StudySpec

    return StudySpec(n_train=3000, epochs=1, seeds=(0,), workers=1) if quick else StudySpec()


def shipped_keys() -> dict:
    """What the shipped Korean model's build command measured (model.json), with that command."""
    from seqcore.sentiment.ko_build import SHIPPED

    info = json.loads((SHIPPED / "model.json").read_text(encoding="utf-8"))
    res = {f"sentiment.ko.shipped.{k}": v for k, v in info["metrics"].items() if isinstance(v, int | float)}
    res["sentiment.ko.shipped.command"] = info["command"]
    res["sentiment.ko.shipped.train_s"] = info["train_s"]
    if "train_cpu_s" in info:  # this process's CPU seconds: a busy machine does not inflate them
        res["sentiment.ko.shipped.train_cpu_s"] = info["train_cpu_s"]
    res["sentiment.ko.shipped.epochs_run"] = info["epochs_run"]
    if "members" in info:  # several builds read together (ko_build --ensemble)
        res["sentiment.ko.shipped.member_seeds"] = ",".join(str(m["seed"]) for m in info["members"])
    m = info["metrics"]
    res["sentiment.ko.shipped.minus_baseline_pts"] = round(100 * (m["test_acc"] - m["baseline_test_acc"]), 2)
    return res


def measure_korean(quick: bool = False, write_table: bool = False) -> dict[str, float]:
    """The Korean tokenizer study (validation only, seqcore.sentiment.ko_study) and, from the
    shipped model's model.json, what its build command measured on the held-out test part. With
    write_table, the tokenizer table the page shows (seqcore/sentiment/data/ko_model/tokenizers.json)."""
    from seqcore.data import nsmc
    from seqcore.sentiment import ko_eval, ko_report, ko_study
    from seqcore.sentiment.ko_tokens import kiwi_available
    from seqcore.sentiment.ko_train import split_parts

    spec = korean_spec(quick)
    variants = ko_study.variants(spec, kiwi=not quick and kiwi_available())
    if quick:
        variants.pop("jamo")
    rows = ko_study.run_study(variants, spec, log=lambda *a: print(*a, flush=True))
    parts = split_parts(nsmc.load())
    n, val_n = spec.n_train, len(parts.val[1])
    base = ko_eval.train_char_baseline(parts.train[0][:n], parts.train[1][:n], C=3.0)
    char_bow = {"val_acc": round(ko_eval.accuracy(base.probabilities(parts.val[0]), parts.val[1]), 4)}
    res = {
        f"sentiment.ko.study.{name}.{k}": v
        for name, r in {**rows, "char_bow": char_bow}.items()
        for k, v in r.items()
        if isinstance(v, int | float)
    }
    res["sentiment.ko.study.n_train"], res["sentiment.ko.study.val_n"] = n, val_n
    res.update(shipped_keys())
    if write_table:
        kinds = {k: rows[k] for k in ko_study.TOKENIZER_ROWS if k in rows}
        chosen = ko_study.choose(kinds)
        table = {
            "rows": kinds,
            "variants": {k: r for k, r in rows.items() if k not in kinds},
            "char_bow": {**char_bow, "n_train": n},
            "val_n": val_n,
            "n_train": n,
            "epochs": spec.epochs,
            "seeds": list(spec.seeds),
            "chosen": chosen,
            "command": "python -m bench.sentiment --korean --save",
        }
        text = json.dumps(table, ensure_ascii=False, indent=1) + "\n"
        ko_report.TOKENIZER_TABLE.write_text(text, encoding="utf-8")
    return res


# The mix study's budget on this 2-core machine (load 6-8 from other jobs): 10,000 training
# reviews, up to 2 epochs, seeds 0-1 (`--mix`, the choice); `--mix-check`: the same at 30,000
# reviews and 3 epochs, run after the choice, recorded beside it (not used to choose).
MIX_SPECS = {"mix": (10000, 2, (0, 1)), "mix_check": (30000, 3, (0, 1))}


def _study_keys(name: str, variants: dict, spec, choose) -> dict[str, float]:
    """A validation study's rows under sentiment.ko.<name>, with its choice (`choose(rows, val_n)`)
    and its budget."""
    from seqcore.data import nsmc
    from seqcore.sentiment import ko_study
    from seqcore.sentiment.ko_train import split_parts

    rows = ko_study.run_study(variants, spec, log=lambda *a: print(*a, flush=True))
    val_n = len(split_parts(nsmc.load()).val[1])
    p = f"sentiment.ko.{name}."
    res = {f"{p}{v}.{k}": x for v, r in rows.items() for k, x in r.items() if isinstance(x, int | float)}
    res[p + "chosen"] = choose(rows, val_n)
    res[p + "epochs"], res[p + "seeds"] = spec.epochs, len(spec.seeds)
    res[p + "val_n"], res[p + "n_train"] = val_n, spec.n_train
    return res


def measure_korean_mix(name: str = "mix") -> dict[str, float]:
    """How much rule-made negation the page's recipe mixes in (ko_study.mix_variants on top of
    ko_build.DEFAULT's model): MIX_SPECS[name]'s reviews, epochs and seeds, the whole validation
    part and the negation validation part; the choice (ko_study.choose_mix) is recorded with the
    rows under sentiment.ko.<name>."""
    from seqcore.sentiment import ko_study
    from seqcore.sentiment.ko_build import DEFAULT

    n_train, epochs, seeds = MIX_SPECS[name]
    spec = ko_study.StudySpec(n_train=n_train, epochs=epochs, seeds=seeds)
    neg_n = len(ko_study.negation_part()[1])
    res = _study_keys(
        name,
        ko_study.mix_variants(spec, DEFAULT),
        spec,
        lambda rows, val_n: ko_study.choose_mix(rows, val_n, neg_n),
    )
    res[f"sentiment.ko.{name}.negation_val_n"] = neg_n
    return res


def measure_korean_levers() -> dict[str, float]:
    """The eighth round's levers (ko_study.lever_variants on top of ko_build.DEFAULT): 30,000
    training reviews, up to 4 epochs, seeds 0-2; validation, the negation validation part and the
    hand-written sets pooled; the choice by the rule written before they ran (ko_study.choose_lever)
    under sentiment.ko.levers."""
    from seqcore.sentiment import ko_study
    from seqcore.sentiment.ko_build import DEFAULT

    spec = ko_study.StudySpec(n_train=30000, epochs=4, seeds=(0, 1, 2))
    return _study_keys("levers", ko_study.lever_variants(spec, DEFAULT), spec, ko_study.choose_lever)


# What the builds table keeps of each build besides every hand-written set (ko_measure.PROBE_SETS,
# accuracy and size; a set written after a build is measured first, with its weights).
BUILD_KEYS = ("val_acc", "negation_val_acc", "test_acc")


def builds_keys(folders: list[str], write_table: bool = False) -> dict:
    """Full builds that differ in their recipe (bag path, rule sentences) and seed (`python -m
    seqcore.sentiment.ko_build --bag X [--stems] [--prefixes S] [--seed S] --out DIR`, one folder
    each): what each build measured (sentiment.ko.builds.<recipe>.s<seed>.*; a probe set written
    after a build is measured first, with its weights), each recipe's mean and spread over seeds,
    and the recipe chosen (ko_builds.chosen). With write_table, the page's table."""
    from seqcore.data import nsmc
    from seqcore.sentiment import ko_builds
    from seqcore.sentiment.ko_build import COMMAND, bag_of, flags_of, measure_new_probes, recipe_of
    from seqcore.sentiment.ko_measure import PROBE_SETS
    from seqcore.sentiment.ko_model import KoConfig
    from seqcore.sentiment.ko_train import split_parts

    parts = split_parts(nsmc.load())
    builds, bases = [], {}
    for folder in folders:
        if added := measure_new_probes(folder, parts, bases=bases):  # a probe set written after the build
            print(f"{folder}: measured on {', '.join(added)}", file=sys.stderr)
        info = json.loads((Path(folder) / "model.json").read_text(encoding="utf-8"))
        cfg, m = KoConfig(**info["config"]), info["metrics"]
        builds.append(
            {"recipe": recipe_of(cfg), "bag": bag_of(cfg.bow, cfg.bow_chars), "seed": cfg.seed}
            | {k: m[k] for k in BUILD_KEYS}
            | {f"{k}_{x}": m[f"{k}_{x}"] for k in PROBE_SETS for x in ("acc", "n")}
            | {
                "train_cpu_s": info["train_cpu_s"],
                "command": COMMAND + flags_of(cfg),
            }
        )
    val_n = len(parts.val[1])
    res = {
        f"sentiment.ko.builds.{b['recipe']}.s{b['seed']}.{k}": v
        for b in builds
        for k, v in b.items()
        if k not in ("recipe", "bag", "seed")
    }
    for recipe, r in ko_builds.by_recipe(builds).items():
        res[f"sentiment.ko.builds.{recipe}.val_acc_mean"] = round(r["val_acc"], 4)
        res[f"sentiment.ko.builds.{recipe}.val_acc_spread"] = round(r["spread"], 4)
    res["sentiment.ko.builds.chosen"] = ko_builds.chosen(builds, val_n)
    res["sentiment.ko.builds.val_n"] = val_n
    if write_table:
        table = {
            "builds": builds,
            "val_n": val_n,
            "command": "python -m bench.sentiment --builds DIR... --save",
        }
        text = json.dumps(table, ensure_ascii=False, indent=1) + "\n"
        ko_builds.BUILDS_TABLE.write_text(text, encoding="utf-8")
    return res


def ensemble_keys(folders: list[str]) -> dict:
    """Full builds of one recipe with different seeds on one data seed (python -m
    seqcore.sentiment.ko_build --seed S --data-seed D --out DIR) read together, the mean of their logits, against the first folder alone
    (sentiment.ko.ensemble.*), and whether ko_measure.ENSEMBLE_RULE would ship them (rule_ships)."""
    from seqcore.data import nsmc
    from seqcore.sentiment import ko_measure
    from seqcore.sentiment.ko_build import load
    from seqcore.sentiment.ko_train import split_parts

    members = [load(folder) for folder in folders]
    keys = ko_measure.ensemble_keys(members, split_parts(nsmc.load()))
    keys["baseline_test_acc"] = members[0].info["metrics"]["baseline_test_acc"]
    keys["ensemble.minus_baseline_pts"] = round(
        100 * (keys["ensemble.test_acc"] - keys["baseline_test_acc"]), 2
    )
    return {f"sentiment.ko.ensemble.{k}": v for k, v in keys.items()}
