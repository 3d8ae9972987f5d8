"""A generated English review corpus where word order decides the label.

Deterministic (a seeded `random.Random`), embedded (no download), a few thousand sentences in
five kinds: plain, intensified ("really good"), negated ("not good", "not bad"), negated at a
distance ("not at all good", "never once boring", "i did not think the plot was clever") and
contrast ("great cast but a dull film": the clause after "but" decides).

Fillers and frames are split: the held-out sentences use subjects, fillers and negation and
contrast frames that never occur in training, built only from words that do (so the held-out
split measures generalisation to new phrasings, not unknown words). The negation probes are
written by hand and removed from training.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from seqcore.core.cache import CacheStore, memo
from seqcore.sentiment.probes import read as read_probe_file

POSITIVE = [
    "good",
    "great",
    "amazing",
    "wonderful",
    "excellent",
    "fun",
    "brilliant",
    "enjoyable",
    "exciting",
    "beautiful",
    "clever",
    "charming",
]
NEGATIVE = [
    "bad",
    "terrible",
    "awful",
    "boring",
    "dull",
    "poor",
    "weak",
    "horrible",
    "tedious",
    "bland",
    "disappointing",
    "messy",
]
INTENSIFIERS = ["very", "really", "truly", "extremely", "so", "incredibly", "quite"]

# Subjects and fillers: the last ones of each list are kept for the held-out split only.
SUBJECTS = [
    "the movie",
    "the film",
    "this movie",
    "this film",
    "the story",
    "the acting",
    "the plot",
    "the cast",
    "the ending",
    "the music",
    "the script",
    "the dialogue",
    "this story",
    "the show",
    "this script",
]
HELD_OUT_SUBJECTS = {"this story", "the show", "this script"}
# Neutral words placed between the verb and the adjective, negated or not, so that no bigram
# next to the adjective gives the negation away.
FILLERS = [
    "",
    "honestly",
    "overall",
    "to be fair",
    "in my opinion",
    "for the most part",
    "if i am honest",
    "on the whole",
    "to be honest",
    "in the end",
]
HELD_OUT_FILLERS = {"to be honest", "in the end"}
VERBS = ["was", "is", "felt", "seemed"]

NOUN_PAIRS = ["cast", "film", "story", "plot", "script", "music", "ending", "movie", "acting", "show"]

# Frames: {s} subject, {v} verb, {f} filler (may be empty), {a} adjective, {i} intensifier.
PLAIN = [
    "{s} {v} {f} {a}",
    "{a} {n}",
    "a {a} {n}",
    "{s} {v} {i} {a}",
    "{i} {a} {n}",
    "i thought {s} {v} {a}",
    "i would say {s} {v} {a}",
]
NEGATED = [
    "{s} {v} not {f} {a}",
    "not {a}",
    "not {a} at all",
    "{s} {v} not {a} at all",
    "{s} {v} not at all {a}",
    "{s} {v} never {f} {a}",
    "{s} {v} never once {a}",
    "i did not think {s} {v} {a}",
    "{s} {v} not {i} {a}",
    "nothing about {s} {v} {a}",
    "i would never say {s} {v} {a}",
    "i never thought {s} {v} {a}",
    "{s} {v} not once {a}",
]
# "not very bad" reads as mildly bad, not as praise: intensified negation only for positives.
NEG_INTENSIFIED = "{s} {v} not {i} {a}"
HELD_OUT_NEGATED = {"i would never say {s} {v} {a}", "i never thought {s} {v} {a}", "{s} {v} not once {a}"}
CONTRAST = [
    "{s} {v} {a} but {t} {v} {b}",
    "{a} at first but {b} in the end",
    "{a} {n} but a {b} {m}",
    "although {s} {v} {a} {t} {v} {b}",
    "{s} {v} {a} at first but {t} {v} {b}",
    "{s} {v} {f} {a} but {b} overall",
    "{a} {n} but {s} {v} {b}",
    "although {s} {v} {f} {a} {t} {v} {i} {b}",
]
HELD_OUT_CONTRAST = {"{a} {n} but {s} {v} {b}", "although {s} {v} {f} {a} {t} {v} {i} {b}"}

KINDS = ("plain", "negation", "negation_far", "contrast")
KIND_NAMES = {
    "plain": "기본·강조",
    "negation": "바로 앞 부정",
    "negation_far": "멀리 떨어진 부정",
    "contrast": "대조 (but)",
}
HELD_OUT, PROBE_SET = "검증 (새 표현)", "부정 프로브"
NEGATION_WORDS = ("not", "never", "nothing")
_SCHEDULE = ("plain", "negation", "plain", "contrast", "plain", "negation")  # 1/2 plain, 1/3 negated


CORPUS_STORE = CacheStore("sentiment_rnn", max_entries=6)  # corpus comparisons


@dataclass(frozen=True)
class Example:
    text: str
    label: int  # 1 positive, 0 negative
    kind: str  # one of KINDS


@dataclass(frozen=True)
class Corpus:
    train: tuple[Example, ...]
    held_out: tuple[Example, ...]
    probes: tuple[Example, ...]

    @staticmethod
    def xy(examples) -> tuple[list[str], list[int]]:
        return [e.text for e in examples], [e.label for e in examples]


PROBE_FILE = Path(__file__).resolve().parent / "data" / "probes" / "corpus_probes.tsv"


def read_probes(path: Path = PROBE_FILE) -> tuple[tuple[str, int], ...]:
    """Hand-written probes (`sentence<TAB>label`, `#` comments): minimal pairs on negation
    (adjacent and at a distance) and contrast."""
    return tuple(zip(*read_probe_file(path)))


PROBES = read_probes()


def _fill(frame: str, rng: random.Random, pos: bool, subjects, fillers, adj2_pos: bool | None = None):
    adj = rng.choice(POSITIVE if pos else NEGATIVE)
    other_pos = (not pos) if adj2_pos is None else adj2_pos
    b = rng.choice(POSITIVE if other_pos else NEGATIVE)
    s, t = rng.sample(subjects, 2)
    n, m = rng.sample(NOUN_PAIRS, 2)
    text = frame.format(
        s=s, t=t, v=rng.choice(VERBS), f=rng.choice(fillers), a=adj, b=b, i=rng.choice(INTENSIFIERS), n=n, m=m
    )
    return " ".join(text.split())


def _make(rng: random.Random, count: int, held_out: bool) -> list[Example]:
    known = [s for s in SUBJECTS if s not in HELD_OUT_SUBJECTS]
    # Held-out sentences mix the reserved subjects with a few known ones.
    subjects = sorted(HELD_OUT_SUBJECTS) + known[:3] if held_out else known
    fillers = [f for f in FILLERS if (f in HELD_OUT_FILLERS) == held_out] + ([""] if held_out else [])

    def frames(pool, reserved):
        return [f for f in pool if (f in reserved) == held_out] or pool

    plain, contrast = PLAIN, frames(CONTRAST, HELD_OUT_CONTRAST)
    negated = frames(NEGATED, HELD_OUT_NEGATED)
    out: list[Example] = []
    for k in range(count):
        kind = _SCHEDULE[k % len(_SCHEDULE)]
        pos = rng.random() < 0.5  # the label
        if kind == "plain":
            text = _fill(rng.choice(plain), rng, pos, subjects, fillers)
        elif kind == "negation":
            frame = rng.choice(negated)
            if frame == NEG_INTENSIFIED and pos:  # "not very good" is negative; "not very bad" is unclear
                frame = rng.choice([f for f in negated if f != NEG_INTENSIFIED])
            # The adjective has the opposite polarity of the label: "not good" is negative.
            text = _fill(frame, rng, not pos, subjects, fillers)
            kind = negation_kind(text)
        else:
            # The second clause decides; the first is usually the opposite, sometimes the same.
            first_pos = (not pos) if rng.random() < 0.8 else pos
            text = _fill(rng.choice(contrast), rng, first_pos, subjects, fillers, adj2_pos=pos)
        out.append(Example(text, int(pos), kind))
    return out


def negation_kind(text: str) -> str:
    """'negation' when the adjective follows the negation word directly, else 'negation_far'."""
    words = text.split()
    adjectives = set(POSITIVE) | set(NEGATIVE)
    for i, w in enumerate(words):
        if w in NEGATION_WORDS:
            return "negation" if i + 1 < len(words) and words[i + 1] in adjectives else "negation_far"
    return "plain"


GENERATED_STORE = CacheStore("sentiment_generated_corpus", max_entries=4)


@memo(GENERATED_STORE)
def generate(n_train: int = 3200, n_held_out: int = 800, seed: int = 17) -> Corpus:
    """The corpus: the same arguments always give the same sentences, in the same order.

    Cached (the corpus is immutable): a page rerun must not rebuild 4,000 sentences.
    """
    rng = random.Random(seed)
    probe_texts = {t for t, _ in PROBES}
    train = [e for e in _make(rng, n_train, held_out=False) if e.text not in probe_texts]
    held = [e for e in _make(rng, n_held_out, held_out=True) if e.text not in probe_texts]
    train_texts = {e.text for e in train}
    held = [e for e in held if e.text not in train_texts]  # the held-out split is never seen
    probes = tuple(Example(t, y, _probe_kind(t)) for t, y in PROBES)
    return Corpus(tuple(train), tuple(held), probes)


def _probe_kind(text: str) -> str:
    words = text.split()
    if any(w in words for w in ("but", "although")):
        return "contrast"
    return negation_kind(text)


def vocabulary_words(examples) -> set[str]:
    return {w for e in examples for w in e.text.split()}


def kind_accuracy(examples, probabilities) -> dict[str, float]:
    """Accuracy per kind of sentence (plain, negation, negation_far, contrast)."""
    hits: dict[str, list[bool]] = {}
    for e, p in zip(examples, probabilities):
        hits.setdefault(e.kind, []).append((p > 0.5) == bool(e.label))
    return {k: sum(v) / len(v) for k, v in sorted(hits.items(), key=lambda kv: KINDS.index(kv[0]))}


def corpus_comparison(config, on_epoch=None):
    """The recurrent model (RNNConfig) and the baselines on this corpus: held-out and probes."""
    from seqcore.sentiment.baselines import compare  # corpus is data first; models only here

    corpus = generate()
    return compare(
        config,
        Corpus.xy(corpus.train),
        {HELD_OUT: Corpus.xy(corpus.held_out), PROBE_SET: Corpus.xy(corpus.probes)},
        on_epoch=on_epoch,
    )
