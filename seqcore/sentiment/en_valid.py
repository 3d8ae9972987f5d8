"""Validation parts for the English real-review recipe: what chooses a default, and nothing else.

- `hash_split`: the UCI sentences split by a hash of their text (never by row: a sentence that
  occurs twice lands on one side), fold `VAL_FOLD` of `FOLDS` held out.
- `long_reviews`: a PROXY for long movie reviews built without outside data: paragraphs of
  10-24 sentences drawn from one source's validation sentences, most of one label (60-80 %) and
  the rest of the other, in random order; the paragraph's label is the majority's. Real long
  reviews differ (plot summary, irony, a verdict at the end); the proxy only tests reading a
  text far longer than any training sentence, where most words still carry evidence.
- `negated`: the validation sentences that hold a negator: negation written by real reviewers,
  in their own phrasing (a sentence's label is its whole verdict, not the negation's alone).
- `negation_val`: negation sentences for choosing a recipe: the template generator's held-out
  part (frames and words training never uses), the same for the set phrases (en_idioms) and the two older hand-written probe lists
  (already used to tune earlier rounds, so they may choose, never report).

The fresh probes report: round 2 (data/probes/negation_fresh_en_r2.tsv, written before the set
phrases) is clean, and nothing here reads it. Round 1 (negation_fresh_en.tsv) had its errors
read before round 2, so it may choose (a development set), never report as unseen.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from seqcore.data.nsmc import hash_fold
from seqcore.sentiment import en_templates, uci
from seqcore.sentiment.en_words import negates
from seqcore.sentiment.rnn import tokenize

FOLDS, VAL_FOLD = 5, 0
PROBES = Path(uci.__file__).resolve().parent / "data" / "probes"
OLD_PROBES = ("negation_heldout.tsv", "corpus_probes.tsv")
Data = tuple[list[str], list[int]]


def xy(reviews: Sequence[uci.Review]) -> Data:
    return [r.text for r in reviews], [r.label for r in reviews]


def negated(data: Data) -> Data:
    """The sentences of `data` that hold a negator (en_words.negates), with their labels."""
    keep = [i for i, t in enumerate(data[0]) if negates(t)]
    return [data[0][i] for i in keep], [data[1][i] for i in keep]


def hash_split(reviews: Sequence[uci.Review]) -> tuple[list[uci.Review], list[uci.Review]]:
    """(training part, validation part): fold VAL_FOLD of a hash of each sentence's text."""
    val = [hash_fold(r.text, FOLDS) == VAL_FOLD for r in reviews]
    return [r for r, v in zip(reviews, val) if not v], [r for r, v in zip(reviews, val) if v]


def long_reviews(reviews: Sequence[uci.Review], n: int = 300, seed: int = 0) -> Data:
    """n paragraph-length reviews (the proxy above), half positive, from `reviews` (one source
    per paragraph); a sentence appears at most once in a paragraph."""
    r = random.Random(seed)
    by_source: dict[str, dict[int, list[str]]] = {}
    for rev in reviews:
        by_source.setdefault(rev.source, {0: [], 1: []})[rev.label].append(rev.text)
    sources = sorted(s for s, d in by_source.items() if min(len(d[0]), len(d[1])) >= 8)
    if not sources:
        raise ValueError("too few validation sentences of each label to build long reviews")
    texts, labels = [], []
    for k in range(n):
        label, pool = k % 2, by_source[sources[k % len(sources)]]
        size = r.randint(10, 24)
        major = min(round(size * r.uniform(0.6, 0.8)), len(pool[label]))
        minor = min(size - major, len(pool[1 - label]), major - 1)
        parts = r.sample(pool[label], major) + r.sample(pool[1 - label], minor)
        r.shuffle(parts)
        texts.append(" ".join(parts))
        labels.append(label)
    return texts, labels


def read_tsv(path: Path) -> Data:
    rows = uci.parse_labelled(path.read_text(encoding="utf-8"), "probe")
    return [t.text for t in rows], [t.label for t in rows]


def negation_val(n_templates: int = 400) -> dict[str, Data]:
    """The negation sentences that may choose a recipe: held-out templates and the older probes."""
    out = {"templates_held_out": en_templates.generate(n_templates, seed=1, held_out=True)}
    out["idioms_held_out"] = idioms_held_out(n_templates)
    old = [read_tsv(PROBES / name) for name in OLD_PROBES]
    out["old_probes"] = ([t for x, _ in old for t in x], [y for _, ys in old for y in ys])
    return out


def idioms_held_out(n: int = 400) -> Data:
    """Sentences made only of the set phrases and fillers training never uses (en_idioms)."""
    return en_templates.generate(n, seed=1, held_out=True, idioms=1.0)


FRESH_ROUNDS = {"fresh": en_templates.PROBE_FILE, "fresh_r2": en_templates.R2_PROBE_FILE}  # key -> file


def fresh_probes(key: str = "fresh") -> Data:
    """A round of fresh probes (FRESH_ROUNDS), read after training."""
    return en_templates.read_probes(FRESH_ROUNDS[key])


def unknown_words(run, texts: Sequence[str]) -> tuple[float, float]:
    """The share of the words of `texts` that the run's vocabulary does not hold (the recurrent
    path reads each as <UNK>), and the share of texts with at least one such word."""
    rows = [tokenize(t) for t in run.prepare(list(texts))]
    words = [w for r in rows for w in r]
    if not words:
        return 0.0, 0.0
    unknown = sum(w not in run.vocab for w in words) / len(words)
    return unknown, sum(any(w not in run.vocab for w in r) for r in rows) / len(rows)
