"""What a trained Korean build measures on the held-out parts: validation and test accuracy (with
the 95% interval), the character n-gram baseline on the same parts, the rule-negated validation
reviews, reliability, and every hand-written negation set (PROBE_SETS). `ko_build` writes these
into the build's model.json; nothing in them is typed by hand. `ensemble_keys` reads several
builds together (`python -m bench.sentiment --ensemble DIR...`, and `ko_build --ensemble` at build
time), against the first of them, for ENSEMBLE_RULE."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import torch

from seqcore.sentiment import ko_eval, ko_negate, ko_templates
from seqcore.sentiment.ko_stems import NEGATION
from seqcore.sentiment.ko_tokens import normalize
from seqcore.sentiment.ko_train import KoRun, probabilities

# The hand-written negation sets every build is measured on: key prefix -> file.
PROBE_SETS = {
    "probe": ko_templates.FRESH_PROBE_FILE,
    "old_probe": ko_templates.PROBE_FILE,
    "dev_probe": ko_templates.DEV_PROBE_FILE,
    "r4_probe": ko_templates.R4_PROBE_FILE,
    "r5_probe": ko_templates.R5_PROBE_FILE,
    "r6_probe": ko_templates.R6_PROBE_FILE,
    "r7_probe": ko_templates.R7_PROBE_FILE,
    "r8_probe": ko_templates.R8_PROBE_FILE,
    "r9_probe": ko_templates.R9_PROBE_FILE,
    "r10_probe": ko_templates.R10_PROBE_FILE,
}
# The sets written for reporting only: never used to train or to choose (ko_report says which
# of them had their errors read, and when).
REPORT_SETS = ("r5_probe", "r6_probe", "r7_probe", "r8_probe", "r9_probe", "r10_probe")
# The sets that may choose a recipe: written to choose (dev_probe) or read before the eighth round
# (old_probe, probe, r4_probe). Round 8 was read after that round's choices.
DEV_SETS = ("dev_probe", "r4_probe", "old_probe", "probe")


# Whether an ensemble may replace the shipped build, stated before the ensembles it judges were
# measured. Test and the report-only sets do not enter it: they are reported whatever they are.
ENSEMBLE_RULE = (
    "The ensemble replaces the single build only when its validation gain is larger than the paired"
    " 95% interval of that gain, and on the development negation sets (DEV_SETS) pooled it is not"
    " lower than the single build by more than their paired 95% interval."
)


def round_of(key: str) -> str:
    """The round a numbered set was written in: "r5_probe" -> "5"."""
    return key[1 : key.index("_")]


def probe_keys(prefix: str, path: Path, run: KoRun, base) -> dict:
    """A probe file's accuracy for the model and the baseline, its size, the sentences missed."""
    px, py = ko_templates.read_probes(path)
    p = run.probabilities(px)
    acc = ko_eval.accuracy(p, py)
    return {
        f"{prefix}_acc": round(acc, 4),
        f"{prefix}_n": len(py),
        f"{prefix}_ci95": round(ko_eval.interval95(acc, len(py)), 4),
        f"baseline_{prefix}_acc": round(ko_eval.accuracy(base.probabilities(px), py), 4),
        f"{prefix}_wrong": [t for t, q, y in zip(px, p, py) if (q > 0.5) != bool(y)],
    }


def negated_keys(texts, labels, p, b) -> dict:
    """The test reviews that hold a negation (ko_stems.NEGATION: 않, 못, 아니, 없, 안): negation
    written by the reviewers themselves, for the model (`p`) and the baseline (`b`)."""
    idx = [i for i, t in enumerate(texts) if NEGATION.search(normalize(t))]
    y = [labels[i] for i in idx]
    acc = ko_eval.accuracy([p[i] for i in idx], y) if idx else float("nan")
    return {
        "negated_test_acc": round(acc, 4),
        "negated_test_n": len(idx),
        "negated_test_ci95": round(ko_eval.interval95(acc, len(idx)), 4) if idx else float("nan"),
        "baseline_negated_test_acc": round(ko_eval.accuracy([b[i] for i in idx], y), 4)
        if idx
        else float("nan"),
    }


def measure(run: KoRun, parts, baseline_C: float = 3.0) -> dict:
    """Held-out numbers of a trained run: validation, test (with 95% interval), the char
    n-gram baseline on the same parts, the negation validation parts (validation reviews negated
    by rule; the first round's held-out templates), reliability on the test part, and the
    negation probes: the fresh ones (written before this recipe was tuned) and the first
    round's (`old_probe`: the templates were changed after reading them, so not a clean check),
    and the third round's development set (`dev_probe`: it chose this recipe, so not clean either),
    and the fourth to tenth rounds' probes (`r4_probe` ... `r10_probe`: each written before its
    round changed anything); and the test reviews that hold a negation (`negated_test`)."""
    val_p, test_p = run.probabilities(parts.val[0]), run.probabilities(parts.test[0])
    limit = run.config.train_limit or len(parts.train[0])  # a small run: a small baseline too
    base = ko_eval.train_char_baseline(parts.train[0][:limit], parts.train[1][:limit], C=baseline_C)
    b_val, b_test = base.probabilities(parts.val[0]), base.probabilities(parts.test[0])
    nx, ny = ko_negate.validation_part(parts)
    tx, ty = ko_templates.generate(1000, seed=1, held_out=True)
    n_test, acc = len(parts.test[1]), ko_eval.accuracy
    return {
        "val_acc": round(acc(val_p, parts.val[1]), 4),
        "test_acc": round(acc(test_p, parts.test[1]), 4),
        "test_n": n_test,
        "test_ci95": round(ko_eval.interval95(acc(test_p, parts.test[1]), n_test), 4),
        "baseline_val_acc": round(acc(b_val, parts.val[1]), 4),
        "baseline_test_acc": round(acc(b_test, parts.test[1]), 4),
        "baseline_C": baseline_C,
        "negation_val_acc": round(acc(run.probabilities(nx), ny), 4) if nx else float("nan"),
        "negation_val_n": len(ny),
        "baseline_negation_val_acc": round(acc(base.probabilities(nx), ny), 4) if nx else float("nan"),
        "template_val_acc": round(acc(run.probabilities(tx), ty), 4),
        **negated_keys(parts.test[0], parts.test[1], test_p, b_test),
        **{
            k: v
            for prefix, path in PROBE_SETS.items()
            for k, v in probe_keys(prefix, path, run, base).items()
        },
        "reliability": dataclasses.asdict(ko_eval.reliability(test_p, parts.test[1])),
    }


def _logits(member, texts: Sequence[str]) -> torch.Tensor:
    """One build's logits (float64) for these texts. A member is anything with model, tokenizer,
    vocab and config (a KoRun or a loaded build)."""
    p = probabilities(member.model, member.tokenizer, member.vocab, member.config, texts)
    return torch.logit(torch.tensor(p).double(), eps=1e-7)


def mean_probabilities(members: Sequence, texts: Sequence[str]) -> list[float]:
    """P(긍정) of several builds read together (an ensemble): the mean of their logits."""
    return torch.sigmoid(torch.stack([_logits(m, texts) for m in members]).mean(0)).tolist()


def _right(members: Sequence, sets: dict) -> dict[str, dict[str, list[bool]]]:
    """Per set, whether the first build alone ("single") and all of them read together
    ("ensemble") get each example right. Each build reads each set once."""
    right: dict[str, dict[str, list[bool]]] = {"single": {}, "ensemble": {}}
    for k, (x, y) in sets.items():
        z = torch.stack([_logits(m, x) for m in members])  # (members, N)
        for name, rows in (("single", z[:1]), ("ensemble", z)):
            p = torch.sigmoid(rows.mean(0)).tolist()
            right[name][k] = [(q > 0.5) == bool(t) for q, t in zip(p, y, strict=True)]  # as ko_eval.accuracy
    return right


def _acc_keys(right: dict[str, dict[str, list[bool]]]) -> dict:
    """Each set's accuracy, alone and together ("single.<set>_acc", "ensemble.<set>_acc"), from the
    per-example right/wrong."""
    return {
        f"{name}.{k}_acc": round(sum(r) / len(r), 4) if r else float("nan")
        for name, by in right.items()
        for k, r in by.items()
    }


def _report_keys(block: dict) -> dict:
    """The report-only sets (REPORT_SETS) the block holds, pooled: each one's count of right
    answers (from its rounded accuracy and its size) over their total size."""
    sets = [k for k in REPORT_SETS if f"ensemble.{k}_acc" in block]
    sizes = {k: len(ko_templates.read_probes(PROBE_SETS[k])[1]) for k in sets}
    n, out = sum(sizes.values()), {}
    for name in ("single", "ensemble"):
        right = sum(round(block[f"{name}.{k}_acc"] * sizes[k]) for k in sets)
        out[f"{name}.report_acc"] = round(right / n, 4) if n else float("nan")
    return out | {"report_n": n}


def ensemble_keys(members: Sequence, parts) -> dict:
    """Full builds read together against the first one alone: validation, test, every
    hand-written set and the report-only ones pooled (REPORT_SETS); the validation gap with its
    noise (ko_eval.gap_noise), which decides whether the ensemble is better at all."""
    sets = {"val": parts.val, "test": parts.test}
    sets |= {k: ko_templates.read_probes(path) for k, path in PROBE_SETS.items()}
    out: dict = {"members": len(members), "seeds": ",".join(str(m.config.seed) for m in members)}
    right = _right(members, sets)
    out |= _acc_keys(right)
    out |= _report_keys(out)
    a, b, n_val = out["ensemble.val_acc"], out["single.val_acc"], len(parts.val[1])
    out["val_n"] = n_val
    out["val_gap_pts"] = round((a - b) * 100, 2)
    out["val_noise_pts"] = round(ko_eval.gap_noise(a, b, n_val) * 100, 2)
    out["val_gap_real"] = ko_eval.gap_is_real(a, b, n_val)
    return out | rule_keys(right)


def new_ensemble_keys(shipped, block: dict) -> dict:
    """A loaded ensemble build's block (`ensemble_keys`) with the hand-written sets written after
    it: each set's accuracy for the first member alone and for all together, and the report-only
    pool counted again over every set it now holds. What it held before (validation, test, the
    rule's decision) is kept."""
    members = [
        KoRun(net, shipped.tokenizer, shipped.vocab, shipped.config, None, 0.0, 0)
        for net in shipped.model.members
    ]
    new = {k: ko_templates.read_probes(p) for k, p in PROBE_SETS.items() if f"ensemble.{k}_acc" not in block}
    if not new:
        return block
    out = block | _acc_keys(_right(members, new))
    return out | _report_keys(out)


def rule_keys(right: dict[str, dict[str, list[bool]]]) -> dict:
    """ENSEMBLE_RULE read off the per-example right/wrong of the single build and the ensemble:
    the paired gaps and intervals on validation and on DEV_SETS pooled, and the decision."""
    out = {}
    for key, names in (("val", ("val",)), ("dev_negation", DEV_SETS)):
        ens = [v for k in names for v in right["ensemble"][k]]
        one = [v for k in names for v in right["single"][k]]
        out[f"{key}_paired_gap_pts"] = round(100 * (sum(ens) - sum(one)) / len(ens), 2)
        out[f"{key}_paired_noise_pts"] = round(100 * ko_eval.paired_gap_noise(ens, one), 2)
    out["rule_ships"] = (
        out["val_paired_gap_pts"] > out["val_paired_noise_pts"]
        and out["dev_negation_paired_gap_pts"] >= -out["dev_negation_paired_noise_pts"]
    )
    return out
