"""Which way of cutting Korean text should the page's model read? Measured, not assumed.

Every candidate trains the same recurrent model (BiGRU, max+mean pooling) on the same training
reviews (the first `n_train` of the training part), once per seed, and is scored on the whole
validation part (split by a hash of the text, never by row). A candidate beats another only when
the gap is larger than the noise: the 95% interval of the difference on the validation reviews or
the seed spread, whichever is larger (`ko_eval.gap_is_real`).

Which candidates can ship: the page cuts the learner's sentence at run time, so the tokenizer is
a run-time dependency. Syllables and jamo need nothing; sentencepiece needs its 1.7 MB wheel and
the trained model file; kiwipiepy's model is an 88 MB package, too big for the app.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context

from seqcore.core.cache import CacheStore, memo
from seqcore.sentiment import ko_eval
from seqcore.sentiment.ko_model import KoConfig
from seqcore.sentiment.ko_tokens import TOKENIZER_NAMES

TOKENIZER_ROWS = ("syllable", "sentencepiece", "kiwi", "jamo")
SHIPPABLE = ("syllable", "jamo", "sentencepiece")  # kiwi: an 88 MB model at run time
TRAIN_REVIEWS = 119939  # the training part of the shipped file (ko_train.split_parts)
VARIANT_NAMES = {
    "sentencepiece+bow": "서브워드 + n-gram 가방 경로",
    "sentencepiece+bow+templates": "서브워드 + 가방 경로 + 규칙 부정 문장",
    "syllable+bag": "음절 + n-gram 가방 경로",
    "syllable+bag, GRU 64": "음절 + n-gram 가방 경로, GRU 64",
}


@dataclass(frozen=True)
class StudySpec:
    """The study's budget: training reviews, epochs (early stopping on validation), seeds."""

    n_train: int = 30000
    epochs: int = 4
    seeds: tuple[int, ...] = (0, 1)
    workers: int = 2  # processes (one torch thread each)


def variants(spec: StudySpec, kiwi: bool) -> dict[str, KoConfig]:
    """The same model for every tokenizer (jamo sequences are about twice as long), then the
    syllable model with the bag-of-n-grams path, and with a smaller GRU (the teachers' budget)."""
    base = KoConfig(tokenizer="syllable", epochs=spec.epochs, patience=1, train_limit=spec.n_train)
    out = {
        "jamo": replace(base, tokenizer="jamo", max_len=2 * base.max_len),
        "syllable": base,
        "sentencepiece": replace(base, tokenizer="sentencepiece"),
    }
    if kiwi:
        out["kiwi"] = replace(base, tokenizer="kiwi")
    out["syllable+bag"] = replace(base, bow=True)
    out["syllable+bag, GRU 64"] = replace(base, bow=True, hidden_size=64)
    return out


def one_run(job: tuple[str, KoConfig, int]) -> tuple[str, int, dict]:
    """One variant, one seed: validation accuracy, vocabulary, pieces per review, CPU seconds."""
    import torch

    from seqcore.data import nsmc
    from seqcore.sentiment.ko_train import split_parts, train_korean

    torch.set_num_threads(1)
    name, cfg, seed = job
    parts = split_parts(nsmc.load())
    c0 = time.process_time()
    run = train_korean(replace(cfg, seed=seed), parts.train, parts.val)
    cpu = time.process_time() - c0
    sample = parts.val[0][:2000]
    nx, ny = negation_part()
    row = {
        "val_acc": ko_eval.accuracy(run.probabilities(parts.val[0]), parts.val[1]),
        "negation_val_acc": ko_eval.accuracy(run.probabilities(nx), ny),
        "val_n": len(parts.val[1]),
        "vocab": len(run.vocab),
        "pieces_per_review": sum(len(run.tokenizer.pieces(t)) for t in sample) / len(sample),
        "epochs": run.history.epochs_run,
        "train_cpu_s": cpu,
        "n_train": run.n_train,
    }
    return name, seed, row | hand_written(run)


def hand_written(run) -> dict[str, float]:
    """The hand-written negation sets pooled: those that may choose (DEV_SETS) and the report-only
    ones (REPORT_SETS)."""
    from seqcore.sentiment import ko_templates
    from seqcore.sentiment.ko_measure import DEV_SETS, PROBE_SETS, REPORT_SETS

    out = {}
    for key, names in (("dev_negation_acc", DEV_SETS), ("report_acc", REPORT_SETS)):
        read = [ko_templates.read_probes(PROBE_SETS[k]) for k in names]
        x, y = [t for px, _ in read for t in px], [lab for _, py in read for lab in py]
        out[key] = ko_eval.accuracy(run.probabilities(x), y)
    return out


@memo(CacheStore("sentiment_ko_negation_part", max_entries=1, max_mb=0))
def negation_part() -> tuple[list[str], list[int]]:
    """The negation validation part (validation reviews negated by rule, ko_negate)."""
    from seqcore.data import nsmc
    from seqcore.sentiment import ko_negate
    from seqcore.sentiment.ko_train import split_parts

    return ko_negate.validation_part(split_parts(nsmc.load()))


def mix_variants(spec: StudySpec, base: KoConfig) -> dict[str, KoConfig]:
    """The first round's recipe (its templates scaled to the study's reviews) against the same
    with the rule-negated reviews mixed in: once, twice, and once without the contrasts."""
    share = base.templates / TRAIN_REVIEWS  # the templates, per training review
    base = replace(
        base, epochs=spec.epochs, patience=1, train_limit=spec.n_train, templates=round(share * spec.n_train)
    )
    return {
        "round 1": replace(base, negations=0.0),
        "negated x1": replace(base, negations=1.0),
        "negated x2": replace(base, negations=2.0),
        "negated x1, no contrasts": replace(base, negations=1.0, contrasts=False),
    }


def choose_mix(rows: dict[str, dict], val_n: int, neg_n: int) -> str:
    """The mix, on validation only. A row beats another on negation when it is higher on the
    negation validation part beyond the noise (the interval on neg_n sentences or the seed spread).
    Candidates: the mixes that beat the first row (the first round's recipe) and stay within the
    noise of the best on the reviews. The choice starts at the first row and moves to a later
    candidate only when it beats the current choice: a tie keeps the one listed first (less mixed)."""

    def beats(a: dict, b: dict) -> bool:
        spread = max(a.get("negation_spread", 0.0), b.get("negation_spread", 0.0))
        hi, lo = a["negation_val_acc"], b["negation_val_acc"]
        return hi > lo and ko_eval.gap_is_real(hi, lo, neg_n, spread)

    first = next(iter(rows))
    best = max(rows.values(), key=lambda r: r["val_acc"])
    chosen = first
    for k, r in rows.items():
        near = not ko_eval.gap_is_real(r["val_acc"], best["val_acc"], val_n, noise(r, best, val_n))
        if k != first and near and beats(r, rows[first]) and beats(r, rows[chosen]):
            chosen = k
    return chosen


def lever_variants(spec: StudySpec, base: KoConfig) -> dict[str, KoConfig]:
    """The eighth round's levers: the page's recipe at the study's size (its templates scaled to
    the study's reviews), then the same with one change each."""
    share = base.templates / TRAIN_REVIEWS
    small = replace(
        base, epochs=spec.epochs, patience=1, train_limit=spec.n_train, templates=round(share * spec.n_train)
    )
    return {
        "shipped": small,
        "negated x4": replace(small, negations=4.0),
        "negated x4, templates x2": replace(small, negations=4.0, templates=2 * small.templates),
        "GRU 192": replace(small, hidden_size=192),
        "word dropout 0.15": replace(small, word_dropout=0.15),
    }


def choose_lever(rows: dict[str, dict], val_n: int) -> str:
    """The rule written before the levers ran: a lever replaces the first row (the page's recipe)
    only if its development negation (DEV_SETS pooled, mean over seeds) is higher by more than the
    larger seed spread of the two, and its validation accuracy is above the first row's or within
    the noise of it; the best such lever, else the first row."""
    first = next(iter(rows))
    base = rows[first]

    def passes(r: dict) -> bool:
        spread = max(r["dev_negation_spread"], base["dev_negation_spread"])
        near = not ko_eval.gap_is_real(r["val_acc"], base["val_acc"], val_n, max(r["spread"], base["spread"]))
        return r["dev_negation_acc"] - base["dev_negation_acc"] > spread and (
            r["val_acc"] >= base["val_acc"] or near
        )

    better = [k for k, r in rows.items() if k != first and passes(r)]
    return max(better, key=lambda k: rows[k]["dev_negation_acc"]) if better else first


def run_study(
    variants_: dict[str, KoConfig], spec: StudySpec, log: Callable[..., None] = print
) -> dict[str, dict]:
    """Every variant for every seed (in `spec.workers` processes), summarized per variant."""
    jobs = [(name, cfg, seed) for seed in spec.seeds for name, cfg in variants_.items()]
    results: dict[str, dict[int, dict]] = {name: {} for name in variants_}
    if spec.workers <= 1:
        done = map(one_run, jobs)
    else:
        pool = ProcessPoolExecutor(spec.workers, mp_context=get_context("spawn"))
        done = pool.map(one_run, jobs)
    for name, seed, row in done:
        log(name, seed, {k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()})
        results[name][seed] = row
    if spec.workers > 1:
        pool.shutdown()
    return {name: summarize([by_seed[s] for s in spec.seeds]) for name, by_seed in results.items()}


def summarize(rows: Sequence[dict]) -> dict:
    """Mean over seeds, the seeds' own numbers and their spread (max - min)."""
    acc, neg = [r["val_acc"] for r in rows], [r["negation_val_acc"] for r in rows]
    return {
        "val_acc": round(statistics.fmean(acc), 4),
        "negation_val_acc": round(statistics.fmean(r["negation_val_acc"] for r in rows), 4),
        "negation_seeds": [round(r["negation_val_acc"], 4) for r in rows],
        "negation_spread": round(max(neg) - min(neg), 4),
        "val_acc_seeds": [round(a, 4) for a in acc],
        "spread": round(max(acc) - min(acc), 4),
        "vocab": rows[0]["vocab"],
        "pieces_per_review": round(rows[0]["pieces_per_review"], 1),
        "epochs": [r["epochs"] for r in rows],
        "train_cpu_s": round(statistics.fmean(r["train_cpu_s"] for r in rows), 1),
    } | _hand_written_summary(rows)


def _hand_written_summary(rows: Sequence[dict]) -> dict:
    if "dev_negation_acc" not in rows[0]:  # rows from before the hand-written sets were pooled
        return {}
    dev = [r["dev_negation_acc"] for r in rows]
    return {
        "dev_negation_acc": round(statistics.fmean(dev), 4),
        "dev_negation_seeds": [round(d, 4) for d in dev],
        "dev_negation_spread": round(max(dev) - min(dev), 4),
        "report_acc": round(statistics.fmean(r["report_acc"] for r in rows), 4),
    }


def noise(a: dict, b: dict, val_n: int) -> float:
    """The noise two rows' gap is judged against: the 95% interval of the difference on val_n
    reviews or the larger seed spread."""
    spread = max(a.get("spread", 0.0), b.get("spread", 0.0))
    return ko_eval.gap_noise(a["val_acc"], b["val_acc"], val_n, spread)


def choose(rows: dict[str, dict]) -> str:
    """The tokenizer the page should ship: the shippable candidate with the highest validation
    accuracy (`why` says whether it beat the others beyond the noise)."""
    return max((k for k in SHIPPABLE if k in rows), key=lambda k: rows[k]["val_acc"])


def why(rows: dict[str, dict], chosen: str, val_n: int) -> str:
    """Why the page's tokenizer, in the study's own numbers (validation only)."""
    name = lambda k: TOKENIZER_NAMES.get(k, k)  # noqa: E731
    cands = [k for k in TOKENIZER_ROWS if k in rows]
    best = max(cands, key=lambda k: rows[k]["val_acc"])

    def real(a: str, b: str) -> bool:
        return ko_eval.gap_is_real(
            rows[a]["val_acc"], rows[b]["val_acc"], val_n, noise(rows[a], rows[b], val_n)
        )

    if best != chosen:
        gap, n = rows[best]["val_acc"] - rows[chosen]["val_acc"], noise(rows[best], rows[chosen], val_n)
        return (
            f"가장 높은 것은 {name(best)}: {gap * 100:.1f}%p 더 높았어요 "
            + ("(잡음보다 큰 차이). " if real(best, chosen) else f"(잡음 ±{n * 100:.1f}%p 안). ")
            + ("하지만 분석기 모델이 88 MB라 앱에 넣을 수 없어서, " if best not in SHIPPABLE else "")
            + f"앱은 쓸 수 있는 후보 중 가장 높은 것을 써요: {name(chosen)}"
        )
    others = [k for k in cands if k != chosen]
    tied = [name(k) for k in others if not real(chosen, k)]
    text = f"앱은 검증 정확도가 가장 높은 것을 써요: {name(chosen)}"
    if tied:
        return text + f". 다만 다음 후보와의 차이는 잡음 안이라 이겼다고 할 수 없어요: {', '.join(tied)}"
    return text + ". 다른 후보들과의 차이는 모두 잡음보다 커요"
