"""English negation in set phrases, which the clause families of en_templates do not reach.

Reviewers turn a sentence with more than `not` + a word: a modal degree (`could not have been
better`), a stopped or failed action (`couldn't stop yawning`, `failed to impress`), a certainty
frame around a plain clause (`there is no denying`, `i can't say`), inversion (`not once did`),
looking for fault (`could not find anything wrong`), comparison with an expectation (`nowhere near
as dull as`), verdict phrases (`nothing short of`, `leaves a lot to be desired`), `too ... to` and
`not ... enough`, regret, expectation, rarity (`it is not often that`) and plenty (`no shortage
of`). Each phrase is written once per overall label, as data (data/en_idioms.tsv), and filled with the
words of the part asked for (`en_templates.Lexicon`), so one phrase gives hundreds of sentences.

Held out: every 4th phrase of each list (and every 4th filler) goes to the held-out part only,
which measures whether the model learned the phrase's logic or its wording.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from seqcore.sentiment.en_lexicon import BE_PLAIN, INTENS, KINDS, OBJECTS

PHRASE_FILE = Path(__file__).resolve().parent / "data" / "en_idioms.tsv"


def read_phrases(path: Path = PHRASE_FILE) -> dict[str, dict[int, list[str]]]:
    """family -> label -> phrases, in file order (the order decides which are held out)."""
    out: dict[str, dict[int, list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            family, label, phrase = line.split("\t")
            out.setdefault(family, {0: [], 1: []})[int(label)].append(phrase)
    return out


PHRASES = read_phrases()
FILLERS = {
    "stop_p": [
        "laughing",
        "smiling",
        "grinning",
        "watching",
        "playing",
        "listening",
        "reading",
        "humming along",
    ],
    "stop_n": [
        "yawning",
        "checking my phone",
        "looking at my watch",
        "cringing",
        "wincing",
        "sighing",
        "rolling my eyes",
        "fidgeting",
    ],
    "ref": [
        "i expected",
        "people say",
        "the trailer suggested",
        "i had feared",
        "i had hoped",
        "the first one",
        "the reviews made it sound",
        "everyone told me",
        "the ads promised",
        "its price suggests",
    ],
    "gem": ["masterpiece", "bargain", "classic", "gem", "winner", "triumph", "keeper", "treat"],
    "flop": ["disaster", "letdown", "failure", "flop", "mess", "dud", "ripoff", "chore"],
    "too_p": ["miss", "put down", "ignore", "skip", "turn off", "pass up"],
    "too_n": ["finish", "enjoy", "recommend", "sit through", "take seriously", "use every day"],
    "enough": ["recommend", "buy again", "watch twice", "keep", "forgive its flaws"],
    "bought": ["bought", "watched", "ordered", "tried", "rented", "read"],
    "buying": ["buying", "watching", "ordering", "trying", "renting", "reading"],
    "skip": ["skip", "pass on", "miss", "give up on"],
    "skipped": ["skipped", "passed on", "returned", "avoided"],
}


def part(items: list, held_out: bool) -> list:
    """Every 4th item (from the 4th) for the held-out part, the rest for training."""
    chosen = [item for i, item in enumerate(items) if (i % 4 == 3) == held_out]
    return chosen or list(items)


def _fields(r: random.Random, lex) -> dict[str, str]:
    pick = lambda side, pool: r.choice(pool[side])  # noqa: E731
    f = {name: r.choice(part(words, lex.held_out)) for name, words in FILLERS.items()}
    f |= {"s": r.choice(lex.subjects), "o": r.choice(OBJECTS), "k": r.choice(KINDS)}
    for side, tag in ((True, "p"), (False, "n")):
        feel, act, noun = pick(side, lex.feel), pick(side, lex.act), pick(side, lex.noun)
        f |= {f"a{tag}": pick(side, lex.adj), f"e{tag}": pick(side, lex.emo), f"n{tag}": noun[1]}
        f |= {f"f{tag}": feel[0], f"f{tag}p": feel[2], f"v{tag}": act[0], f"t{tag}": act[1]}
        be, adj = r.choice(BE_PLAIN.split("|")), pick(side, lex.adj)
        f[f"c{tag}"] = f"{r.choice(lex.subjects)} {be} {r.choice(INTENS)}{adj}"
    return f


def clause(r: random.Random, lex, label: int) -> str:
    """One set-phrase clause whose overall sentiment is `label`, from the part `lex` draws from."""
    family = PHRASES[r.choice(sorted(PHRASES))]
    text = r.choice(part(family[label], lex.held_out)).format(**_fields(r, lex))
    return re.sub(r"\ba (?=[aeiou])", "an ", text)
