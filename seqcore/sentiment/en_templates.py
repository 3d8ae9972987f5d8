"""English sentences with negation, made by rules: what real reviews hold too few of.

Clauses over many subjects (films, gadgets, restaurants), adjectives, verbs and nouns, each
with a polarity, then a negator or not: copulas (`was not`, `isn't`, `is hardly`, `is far
from`), do-support (`didn't enjoy`, `never worked`), modals (`won't recommend`), quantifiers
(`nobody`, `nothing about`, `none of`, `neither ... nor`, `no`, `without`, `not a single`),
matrix verbs (`i don't think the plot was clever`), material between the negator and the word
it turns, double negation (`was not awful`, `didn't regret it`, `had no complaints`) and
contrast (`but`, `yet`, `although`, `even though`, `while`: the last clause decides).

Kept apart from the hand-written probes (data/probes/negation_fresh_en.tsv), which were
written and committed first: no frame copies a probe, `generate` drops any sentence that holds a
whole probe sentence, and `probe_overlap` reports what is left in common (word 4-grams).
`held_out=True` draws from adjectives, verbs, nouns, subjects, inserts and matrix frames that
training never uses: the negation validation part that chooses a recipe.
"""

from __future__ import annotations

import random
from pathlib import Path

from seqcore.sentiment import en_idioms
from seqcore.sentiment.en_lexicon import (  # noqa: F401  (HELD_OUT_WORDS: read by tests)
    BE_NEG,
    BE_PLAIN,
    CONTRAST,
    DO_NEG,
    EMO_NEG,
    EMO_PLAIN,
    HELD_OUT_INSERTS,
    HELD_OUT_MATRIX,
    HELD_OUT_SUBJECTS,
    HELD_OUT_WORDS,
    INSERTS,
    INTENS,
    KIND_NEG,
    KIND_PLAIN,
    KINDS,
    MATRIX_NEG,
    MATRIX_PLAIN,
    NEG_ACT,
    NEG_ADJ,
    NEG_EMO,
    NEG_FEEL,
    NEG_MODS,
    NEG_NOUN,
    OBJECTS,
    POS_ACT,
    POS_ADJ,
    POS_EMO,
    POS_FEEL,
    POS_NOUN,
    SUBJECTS,
    TAILS_NEG,
    WIDE,
    WORTH,
)
from seqcore.sentiment.en_words import normalize
from seqcore.sentiment.probes import read as read_probe_file
from seqcore.sentiment.rnn import tokenize

PROBE_DIR = Path(__file__).resolve().parent / "data" / "probes"
PROBE_FILE = PROBE_DIR / "negation_fresh_en.tsv"
R2_PROBE_FILE = PROBE_DIR / "negation_fresh_en_r2.tsv"  # round 2: written before the set phrases


def _split(pool, held_out: bool):
    """The items of `pool` (words, or tuples led by a word) in the part asked for."""
    word = lambda item: item if isinstance(item, str) else item[0]  # noqa: E731
    return [item for item in pool if (word(item) in HELD_OUT_WORDS) == held_out]


class Lexicon:
    """The words one part draws from (training or held out); `wide` > 0: the training part also
    draws from the wide sided list (en_lexicon.WIDE), about that share of its draws of each kind
    (1: the two lists as one), the held-out part never does."""

    def __init__(self, held_out: bool, wide: float = 0.0):
        self.held_out = held_out
        self.adj = {True: _split(POS_ADJ, held_out), False: _split(NEG_ADJ, held_out)}
        self.feel = {True: _split(POS_FEEL, held_out), False: _split(NEG_FEEL, held_out)}
        self.act = {True: _split(POS_ACT, held_out), False: _split(NEG_ACT, held_out)}
        self.noun = {True: _split(POS_NOUN, held_out), False: _split(NEG_NOUN, held_out)}
        self.emo = {True: _split(POS_EMO, held_out), False: _split(NEG_EMO, held_out)}
        if wide and not held_out:
            for kind in ("adj", "feel", "act", "noun", "emo"):
                pools = getattr(self, kind)
                for side in (True, False):
                    extra = WIDE.get((kind, side), [])
                    repeat = max(1, round((1 - wide) / wide * len(extra) / max(1, len(pools[side]))))
                    pools[side] = pools[side] * repeat + extra
        n = HELD_OUT_SUBJECTS
        self.subjects = SUBJECTS[-n:] if held_out else SUBJECTS[:-n]
        self.inserts = [i for i in INSERTS if (i in HELD_OUT_INSERTS) == held_out]
        self.matrix_neg = [m for m in MATRIX_NEG if (m in HELD_OUT_MATRIX) == held_out] or MATRIX_NEG
        self.matrix_plain = [m for m in MATRIX_PLAIN if (m in HELD_OUT_MATRIX) == held_out] or MATRIX_PLAIN


def _copula(r: random.Random, lex: Lexicon, side: bool, negate: bool) -> str:
    s, a = r.choice(lex.subjects), r.choice(lex.adj[side])
    if not negate:
        return f"{s} {r.choice(BE_PLAIN.split('|'))} {r.choice(INTENS)}{a}"
    mod = r.choice(NEG_MODS) if side else ""  # "not particularly awful" is unclear
    if r.random() < 0.25:
        return f"{s} {r.choice(BE_NEG.split('|'))}, {r.choice(lex.inserts)}, {mod}{a}"
    return f"{s} {r.choice(BE_NEG.split('|'))} {mod}{a}{r.choice(TAILS_NEG)}"


def _feel(r: random.Random, lex: Lexicon, side: bool, negate: bool) -> str:
    base, _, past = r.choice(lex.feel[side])
    obj = r.choice(OBJECTS + lex.subjects[:8])
    if not negate:
        return f"i {r.choice(['', 'really ', 'honestly ', 'truly '])}{past} {obj}"
    who = r.random()
    if who < 0.2:
        return f"{r.choice(['nobody', 'no one', 'none of us', 'not one of my friends'])} {past} {obj}"
    if who < 0.3:
        return f"neither my {r.choice(['wife', 'brother', 'friend'])} nor i {past} {obj}"
    return f"i {r.choice(DO_NEG.split('|'))} {base} {obj}"


def _act(r: random.Random, lex: Lexicon, side: bool, negate: bool) -> str:
    base, third, past = r.choice(lex.act[side])
    s = r.choice(lex.subjects)
    if not negate:
        return f"{s} {r.choice([third, past, 'always ' + third, 'really ' + past])}"
    if side and r.random() < 0.2:
        return f"{s} barely {r.choice([third, past])}"
    neg = r.choice(["does not", "doesn't", "did not", "didn't", "never", "will not", "won't", "never once"])
    return f"{s} {neg} {past if neg.startswith('never') else base}"


def _noun(r: random.Random, lex: Lexicon, side: bool, negate: bool) -> str:
    one, many, countable = r.choice(lex.noun[side])
    s = r.choice(lex.subjects)
    if not negate:
        return r.choice([f"{s} had plenty of {many}", f"it had lots of {many}", f"i found real {many}"])
    frames = [f"{s} had no {many}", f"i had no {many}", f"there is no {one}", f"i found zero {many}"]
    frames += [f"not a single {one}", f"without a single {one}"] if countable else [f"without any {one}"]
    if side:
        frames += [f"{s} lacks {one}", f"{s} has not an ounce of {one}"]
    return r.choice(frames)


def _nothing(r: random.Random, lex: Lexicon, side: bool, negate: bool) -> str:
    s, a = r.choice(lex.subjects), r.choice(lex.adj[side])
    if not negate:
        return f"everything about {s} was {a}"
    return r.choice(
        [f"nothing about {s} was {a}", f"none of it was {a}", f"neither {s} nor the rest was {a}"]
    )


def _emo(r: random.Random, lex: Lexicon, side: bool, negate: bool) -> str:
    """How the reviewer felt: "i was not impressed", "we weren't bored"."""
    feeling = r.choice(lex.emo[side])
    if not negate:
        return f"{r.choice(EMO_PLAIN)} {r.choice(INTENS)}{feeling}"
    return f"{r.choice(EMO_NEG)} {r.choice(NEG_MODS) if side else ''}{feeling}"


def _worth(r: random.Random, lex: Lexicon, side: bool, negate: bool) -> str:
    """What a thing is worth, or a thing of a kind: "not worth the money", "not a bad phone"."""
    s = r.choice(lex.subjects)
    if r.random() < 0.3:  # worth is on the positive side; a waste on the negative
        is_ = r.choice(["is not", "isn't", "was not", "was never", "is hardly"] if negate else ["is", "was"])
        what = f"worth {r.choice(WORTH)}" if side else f"a waste of {r.choice(['money', 'time'])}"
        return f"{s} {is_} {what}"
    adj = r.choice(lex.adj[side])
    lead = r.choice(KIND_NEG if negate else KIND_PLAIN)
    if adj[0] in "aeiou":
        lead = lead[:-1] + "an"  # every lead ends with "a"
    return f"{lead} {adj} {r.choice(KINDS)}"


FAMILIES = (_copula, _copula, _feel, _act, _noun, _nothing, _emo, _worth)


def clause(r: random.Random, lex: Lexicon, label: int, p_negate: float = 0.6, p_idiom: float = 0.0) -> str:
    """One clause whose sentiment is `label`; negated with probability p_negate; a set phrase
    (en_idioms) with probability p_idiom (0: no draw, so older streams stay as they were)."""
    if p_idiom and r.random() < p_idiom:
        return en_idioms.clause(r, lex, label)
    family = r.choice(FAMILIES)
    negate = r.random() < p_negate
    if family is _copula and r.random() < 0.25:  # a matrix verb around a copula clause
        inner = p_negate > 0 and r.random() < 0.2  # "i don't think it was not good": the side kept
        frame = r.choice(lex.matrix_neg if negate else lex.matrix_plain)
        return frame.format(c=_copula(r, lex, bool(label) ^ negate ^ inner, inner))
    return family(r, lex, bool(label) ^ negate, negate)  # negated: a word of the other side


def sentence(
    r: random.Random, lex: Lexicon, p_contrast: float = 0.2, p_negate: float = 0.6, p_idiom: float = 0.0
):
    """(text, label): one clause, or two joined by a contrast word (the last decides)."""
    label = int(r.random() < 0.5)
    if r.random() < p_contrast:
        first = label if r.random() < 0.2 else 1 - label
        frame = r.choice(CONTRAST)
        a, b = clause(r, lex, first, p_negate, p_idiom), clause(r, lex, label, p_negate, p_idiom)
        return frame.format(a=a, b=b), label
    return clause(r, lex, label, p_negate, p_idiom), label


def _key(text: str) -> str:
    return " ".join(tokenize(normalize(text)))


def read_probes(path: Path = PROBE_FILE) -> tuple[list[str], list[int]]:
    """Hand-written probes (`sentence<TAB>label`, `#` comments)."""
    return read_probe_file(path)


def generate(
    n: int,
    seed: int = 0,
    held_out: bool = False,
    plain: bool = False,
    idioms: float = 0.0,
    wide: float = 0.0,
) -> tuple[list[str], list[int]]:
    """n labelled sentences, none holding a probe sentence; the same for the same arguments.
    plain: clauses without negation or contrast only (words with their own side); idioms: the
    share of clauses that are set phrases (en_idioms); wide: the share of the training part's
    words drawn from the wide sided list (en_lexicon.WIDE; see Lexicon)."""
    r = random.Random(seed + (10_007 if held_out else 0) + (20_011 if plain else 0))
    lex = Lexicon(held_out, wide)
    probes = [_key(p) for path in (PROBE_FILE, R2_PROBE_FILE) for p in read_probes(path)[0]]
    x, y, seen = [], [], set()
    for _ in range(n * 20):
        if len(x) >= n:
            break
        text, label = sentence(r, lex, 0.0, 0.0) if plain else sentence(r, lex, p_idiom=idioms)
        key = _key(text)
        if key in seen or any(p in key for p in probes):
            continue
        seen.add(key)
        x.append(text)
        y.append(label)
    return x, y


def grams(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = _key(text).split()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def probe_overlap(
    n: int = 6000, k: int = 4, path: Path = PROBE_FILE, idioms: float = 0.0
) -> dict[str, float]:
    """What the probes in `path` share with the templates (set phrases: `idioms`): whole
    sentences (always 0) and word k-grams."""
    x, _ = read_probes(path)
    gen = generate(n, idioms=idioms)[0]
    keys, seen = {_key(t) for t in gen}, set().union(*(grams(t, k) for t in gen))
    probe_grams = [grams(p, k) for p in x]
    total = sum(len(g) for g in probe_grams)
    return {
        "probes": len(x),
        "probe_sentences_generated": sum(_key(p) in keys for p in x),
        f"probe_{k}grams_in_templates": round(sum(len(g & seen) for g in probe_grams) / max(total, 1), 3),
        f"probes_sharing_a_{k}gram": sum(bool(g & seen) for g in probe_grams),
    }
