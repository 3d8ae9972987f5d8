"""Train the page's Korean model from the shipped NSMC file and write what the page loads.

    python -m seqcore.sentiment.ko_build --ensemble 45 46   # the shipped weights (about 30 min, 1 core)
    python -m seqcore.sentiment.ko_build --out DIR --limit 3000 --epochs 1   # a small run, one build

With `--ensemble`, builds with those weight seeds are trained on the same rule sentences (so one
tokenizer and vocabulary) and written as one model that averages their logits (ko_model.MeanOfLogits);
model.json then also holds each member and the ensemble against its first member (ko_measure.ensemble_keys).

Writes into `--out` (default `seqcore/sentiment/data/ko_model/`): `model.pt` (fp16 weights),
`model.json` (the config, the vocabulary, and what this run measured on the held-out parts:
accuracy with its 95% interval, the character n-gram baseline, the reliability bins, the
negation probes) and, for sentencepiece, `spm.model`. The page reads these; nothing in them
is typed by hand.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import ClassVar

import torch

from seqcore.data import nsmc
from seqcore.sentiment import ko_eval
from seqcore.sentiment.ko_measure import (
    PROBE_SETS,
    ensemble_keys,
    measure,
    negated_keys,
    new_ensemble_keys,
    probe_keys,
)
from seqcore.sentiment.ko_model import KoConfig, KoreanNet, MeanOfLogits
from seqcore.sentiment.ko_tokens import KoVocab, Tokenizer
from seqcore.sentiment.ko_train import KoRun, split_parts, train_ensemble, train_korean

SHIPPED = Path(__file__).resolve().parent / "data" / "ko_model"
COMMAND = "python -m seqcore.sentiment.ko_build"
SHIPPED_COMMAND = COMMAND + " --ensemble 45 46"  # what wrote SHIPPED (its model.json records it too)
# The page's recipe: ko_builds.chosen over the full builds in bench/results.json (sentiment.ko.builds.*).
DEFAULT = KoConfig(
    tokenizer="sentencepiece",
    spm_symbols="지는 지도",
    bow=True,
    bow_chars=True,
    epochs=5,
    patience=1,
    templates=30000,
    negations=2.0,
    template_stems=True,
    template_lack=True,
    prefixes=0.3,
)

# --bag: what the bag path beside the GRU reads -> (KoConfig.bow, KoConfig.bow_chars)
BAGS = {"pieces": (True, False), "chars": (False, True), "both": (True, True)}


def bag_of(bow: bool, bow_chars: bool) -> str:
    """The --bag name of a config's bag paths ("" when it has none)."""
    return next((k for k, v in BAGS.items() if v == (bow, bow_chars)), "")


# The rule-sentence switches: --flag (and the recipe's +name) -> (KoConfig field, what it adds).
TEMPLATE_FLAGS = {
    "stems": (
        "template_stems",
        "templates also negate the predicate stems the training reviews bend (ko_stems)",
    ),
    "lack": ("template_lack", "templates also say 없다 after a prospective form (지루할 틈이 없었다)"),
    "nouns": ("template_nouns", "templates also turn the verdict nouns the reviews end on (최악은 아니었다)"),
}


def recipe_of(cfg: KoConfig) -> str:
    """A build's name in the builds table: its --bag, then +<flag> for each TEMPLATE_FLAGS switch
    on (both+stems+lack) and +prefixes<share> when prefixes are taught (--prefixes)."""
    name = bag_of(cfg.bow, cfg.bow_chars)
    name += "".join(f"+{flag}" for flag, (field, _) in TEMPLATE_FLAGS.items() if getattr(cfg, field))
    return name + (f"+prefixes{cfg.prefixes:g}" if cfg.prefixes else "")


def flags_of(cfg: KoConfig) -> str:
    """The ko_build flags that rebuild this config from today's DEFAULT (data and size aside)."""
    out = f" --bag {bag_of(cfg.bow, cfg.bow_chars)}"
    for flag, (field, _) in TEMPLATE_FLAGS.items():
        if getattr(cfg, field) != getattr(DEFAULT, field):
            out += f" --{flag}" if getattr(cfg, field) else f" --no-{flag}"
    if cfg.prefixes != DEFAULT.prefixes:
        out += f" --prefixes {cfg.prefixes:g}"
    out += f" --seed {cfg.seed}" if cfg.seed != DEFAULT.seed else ""
    return out + (f" --data-seed {cfg.data_seed}" if cfg.data_seed is not None else "")


def measure_new_probes(
    folder: Path | str, parts, baseline_C: float = 3.0, bases: dict | None = None
) -> list[str]:
    """Measure a build already written on what it has no figures for (a probe set written after
    it was built, or the negated test reviews), with its shipped weights and the char baseline of
    the same training part, and an ensemble's members alone and together on the new sets; the
    figures go into its model.json. Returns what was added (the sets, and "ensemble" for the
    members' block). `bases`: baselines already trained, by training size (builds of one part share one)."""
    shipped = load(folder)
    m = shipped.info["metrics"]
    missing = [k for k in [*PROBE_SETS, "negated_test"] if f"{k}_acc" not in m]
    if missing:
        limit = shipped.config.train_limit or len(parts.train[0])
        bases = {} if bases is None else bases
        if (limit, baseline_C) not in bases:
            bases[limit, baseline_C] = ko_eval.train_char_baseline(
                parts.train[0][:limit], parts.train[1][:limit], C=baseline_C
            )
        base = bases[limit, baseline_C]
        run = KoRun(shipped.model, shipped.tokenizer, shipped.vocab, shipped.config, None, 0.0, 0)
    for k in missing:
        if k == "negated_test":  # a measure added after the build: the test reviews that negate
            x, y = parts.test
            m |= negated_keys(x, y, run.probabilities(x), base.probabilities(x))
        else:
            m |= probe_keys(k, PROBE_SETS[k], run, base)
    if "ensemble" in m and (block := new_ensemble_keys(shipped, m["ensemble"])) != m["ensemble"]:
        m["ensemble"] = block
        missing.append("ensemble")
    if not missing:
        return []
    text = json.dumps(shipped.info, ensure_ascii=False, indent=1) + "\n"
    (Path(folder) / "model.json").write_text(text, encoding="utf-8")
    return missing


def member_info(run: KoRun) -> dict:
    """One member of an ensemble as model.json keeps it: its seed and how its training went."""
    h = run.history
    return {
        "seed": run.config.seed,
        "epochs_run": h.epochs_run,
        "best_epoch": h.best_epoch,
        "val_loss": [round(v, 4) for v in h.val_loss],
        "train_cpu_s": round(run.cpu_seconds, 1),
    }


def save(run: KoRun, out: Path, metrics: dict, command: str, n_reviews: int, members=()) -> None:
    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.half() if v.is_floating_point() else v for k, v in run.model.state_dict().items()}
    torch.save(state, out / "model.pt")
    if run.tokenizer.model is not None:
        (out / "spm.model").write_bytes(run.tokenizer.model)
    info = {
        "command": command,
        "config": asdict(run.config),
        "vocab": run.vocab.itos(),
        "n_train": run.n_train,  # the reviews and the sentences made by rule
        "n_reviews": n_reviews,
        "epochs_run": run.history.epochs_run,
        "best_epoch": run.history.best_epoch,
        "val_loss": [round(v, 4) for v in run.history.val_loss],
        "train_loss": [round(v, 4) for v in run.history.train_loss],
        "train_s": round(run.seconds, 1),
        "train_cpu_s": round(run.cpu_seconds, 1),
        "metrics": metrics,
    }
    if members:
        info["members"] = [member_info(m) for m in members]
    (out / "model.json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@dataclasses.dataclass
class Shipped:
    """The loaded model and everything the build measured."""

    # One object per load: a cache keys it by identity instead of walking its vocabulary and
    # measurements on every run of every session.
    KEY_BY_IDENTITY: ClassVar[bool] = True

    model: KoreanNet | MeanOfLogits
    tokenizer: Tokenizer
    vocab: KoVocab
    config: KoConfig
    info: dict


def load(folder: Path | str = SHIPPED) -> Shipped:
    """The model a build wrote (fp16 weights back to float32, eval mode)."""
    folder = Path(folder)
    info = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    cfg = KoConfig(**info["config"])
    spm_file = folder / "spm.model"
    tokenizer = Tokenizer(cfg.tokenizer, spm_file.read_bytes() if spm_file.is_file() else None)
    vocab = KoVocab({p: i for i, p in enumerate(info["vocab"])})
    n = len(info.get("members", ()))
    model = MeanOfLogits([KoreanNet(len(vocab), cfg) for _ in range(n)]) if n else KoreanNet(len(vocab), cfg)
    state = torch.load(folder / "model.pt", weights_only=True)
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})
    return Shipped(model.eval(), tokenizer, vocab, cfg, info)


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(SHIPPED), help="folder to write (default: the shipped one)")
    ap.add_argument("--data", default=str(nsmc.SHIPPED), help="NSMC-layout file (default: the shipped one)")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N training reviews only")
    ap.add_argument("--epochs", type=int, default=DEFAULT.epochs)
    ap.add_argument("--templates", type=int, default=DEFAULT.templates)
    ap.add_argument(
        "--bag",
        choices=tuple(BAGS),
        default=bag_of(DEFAULT.bow, DEFAULT.bow_chars),
        help="what the bag path reads beside the GRU: piece n-grams, character n-grams, or both",
    )
    for flag, (field, text) in TEMPLATE_FLAGS.items():
        ap.add_argument(
            f"--{flag}", action=argparse.BooleanOptionalAction, default=getattr(DEFAULT, field), help=text
        )
    ap.add_argument(
        "--prefixes",
        type=float,
        default=DEFAULT.prefixes,
        help="share of rule sentences ending in a negator also taught without it (0: none)",
    )
    ap.add_argument("--seed", type=int, default=DEFAULT.seed, help="the run's seed (weights, dropout, order)")
    ap.add_argument(
        "--ensemble",
        type=int,
        nargs="+",
        default=(),
        metavar="SEED",
        help="also train builds with these weight seeds on the same rule sentences and ship their mean",
    )
    ap.add_argument(
        "--data-seed",
        type=int,
        default=None,
        help="the rule sentences' seed, so also the tokenizer and vocabulary (default: --seed)",
    )
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = _parser()
    args = ap.parse_args(argv)
    if not 0.0 <= args.prefixes <= 1.0:
        ap.error(f"--prefixes is a share of the rule sentences, from 0 to 1 (got {args.prefixes:g})")
    torch.set_num_threads(1)
    try:
        parts = split_parts(nsmc.load(args.data))
    except (OSError, ValueError) as exc:
        print(f"cannot read {args.data}: {exc}", file=sys.stderr)
        return 2
    bow, bow_chars = BAGS[args.bag]
    cfg = dataclasses.replace(
        DEFAULT,
        train_limit=args.limit,
        epochs=args.epochs,
        templates=args.templates,
        bow=bow,
        bow_chars=bow_chars,
        **{field: getattr(args, flag) for flag, (field, _) in TEMPLATE_FLAGS.items()},
        prefixes=args.prefixes,
        seed=args.seed,
        data_seed=args.data_seed,
    )
    t0 = time.perf_counter()
    on_epoch = lambda e, n, loss: print(f"epoch {e}/{n} {loss:.4f}", flush=True)  # noqa: E731
    members: list[KoRun] = []
    if args.ensemble:
        run, members = train_ensemble(cfg, [args.seed, *args.ensemble], parts.train, parts.val, on_epoch)
    else:
        run = train_korean(cfg, parts.train, parts.val, on_epoch=on_epoch)
    metrics = measure(run, parts)
    if members:  # the ensemble against its first member, by ko_measure.ENSEMBLE_RULE
        metrics["ensemble"] = ensemble_keys(members, parts)
    given = list(argv if argv is not None else sys.argv[1:])
    kept = [a for i, a in enumerate(given) if a != "--out" and (i == 0 or given[i - 1] != "--out")]
    command = " ".join([COMMAND, *kept])  # where it was written does not change what it holds
    save(run, Path(args.out), metrics, command, len(parts.train[0][: args.limit or None]), members)
    print(
        json.dumps({k: v for k, v in metrics.items() if not isinstance(v, dict | list)}, ensure_ascii=False)
    )
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
