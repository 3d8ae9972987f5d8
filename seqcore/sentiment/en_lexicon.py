"""The words and frames the English negation templates (en_templates) are built from.

Each word list has a side (positive or negative); HELD_OUT_WORDS go to the held-out part only.
Frames with `{s}` take a subject; negators are listed with their plain counterparts.
"""

from __future__ import annotations

POS_ADJ = (
    "good great excellent wonderful amazing fantastic solid impressive decent nice lovely perfect enjoyable "
    "pleasant outstanding terrific awesome fine remarkable satisfying worthwhile delightful fun charming "
    "clever fresh reliable sturdy comfortable tasty friendly helpful smooth clear beautiful funny gripping "
    "engaging entertaining exciting interesting convincing original polished generous cozy crisp elegant "
    "thoughtful sharp stunning"
).split()
NEG_ADJ = (
    "bad awful terrible horrible poor weak boring dull bland mediocre disappointing annoying confusing "
    "pointless cheap flimsy useless broken slow rude stale greasy overpriced clunky noisy ugly stupid silly "
    "lame predictable forgettable tedious painful sloppy unreliable uncomfortable frustrating awkward "
    "shallow pathetic unbearable lousy dreadful wooden messy tasteless unfunny clumsy soggy dim"
).split()
# Words for the held-out part only: among the words the shipped UCI files hold at least 3 times
# (so that a model can know their side from real reviews), every 8th adjective from the 4th, and
# one verb of each kind and one noun of each side.
HELD_OUT_WORDS = {"wonderful", "perfect", "clever", "interesting", "horrible", "cheap", "uncomfortable"}
HELD_OUT_WORDS |= {"love", "hate", "last", "bore", "charm", "issue", "amused", "irritated"}
# (base, third person, past) of verbs an experiencer says of a thing: "i enjoyed it".
POS_FEEL = [("like", "likes", "liked"), ("love", "loves", "loved"), ("enjoy", "enjoys", "enjoyed")]
POS_FEEL += [("recommend", "recommends", "recommended"), ("appreciate", "appreciates", "appreciated")]
POS_FEEL += [("admire", "admires", "admired"), ("trust", "trusts", "trusted")]
NEG_FEEL = [
    ("hate", "hates", "hated"),
    ("dislike", "dislikes", "disliked"),
    ("regret", "regrets", "regretted"),
]
NEG_FEEL += [("despise", "despises", "despised"), ("resent", "resents", "resented")]
NEG_FEEL += [("detest", "detests", "detested")]
# What a thing does: "the phone worked", "the second act dragged".
POS_ACT = [
    ("work", "works", "worked"),
    ("hold up", "holds up", "held up"),
    ("deliver", "delivers", "delivered"),
]
POS_ACT += [("impress", "impresses", "impressed"), ("last", "lasts", "lasted"), ("shine", "shines", "shone")]
NEG_ACT = [("break", "breaks", "broke"), ("drag", "drags", "dragged"), ("fail", "fails", "failed")]
NEG_ACT += [
    ("crash", "crashes", "crashed"),
    ("fall apart", "falls apart", "fell apart"),
    ("bore", "bores", "bored"),
]
# (singular, plural, countable) of nouns with a side: "plenty of charm", "no complaints".
POS_NOUN = [("fun", "fun", 0), ("charm", "charm", 0), ("talent", "talent", 0), ("value", "value", 0)]
POS_NOUN += [("heart", "heart", 0), ("highlight", "highlights", 1), ("flavor", "flavor", 0)]
POS_NOUN += [("surprise", "surprises", 1)]
NEG_NOUN = [("problem", "problems", 1), ("complaint", "complaints", 1), ("flaw", "flaws", 1)]
NEG_NOUN += [("issue", "issues", 1), ("glitch", "glitches", 1), ("defect", "defects", 1)]
NEG_NOUN += [("mistake", "mistakes", 1), ("headache", "headaches", 1)]
SUBJECTS = (
    "the movie|the film|this picture|the plot|the story|the acting|the script|the soundtrack|the dialogue|"
    "the second half|the finale|the lead|the phone|this charger|the battery|the headset|the speaker|the case|"
    "this cable|the keyboard|the camera|the app|the food|the service|the pasta|the coffee|this place|"
    "the waiter|the menu|the dessert|the hotel room|the show|the tablet|the burger|the sequel"
).split("|")
HELD_OUT_SUBJECTS = 5  # the last five
OBJECTS = ["it", "this one", "the thing", "any of it", "the experience"]
INSERTS = ["to be honest", "in my opinion", "if i am being fair", "as far as i could tell", "for the record"]
INSERTS += ["despite all the hype", "in the end"]
HELD_OUT_INSERTS = {"despite all the hype", "in the end"}
INTENS = ["", "", "", "really ", "very ", "quite ", "truly ", "pretty ", "so ", "extremely ", "surprisingly "]
NEG_MODS = ["", "", "", "really ", "particularly ", "even ", "that ", "in any way "]  # after a copula negator
TAILS_NEG = ["", "", "", " at all", " in the slightest", " whatsoever", " by any measure"]
# {s} subject, {b} be, {a} adjective: copula negators and their plain counterparts.
BE_NEG = "is not|isn't|was not|wasn't|is never|was never|has never been|is hardly|was hardly|is far from"
BE_NEG += "|was far from|is anything but|was anything but|is no longer|never seemed|did not seem"
BE_NEG += "|didn't feel|does not look|doesn't seem|never felt|did not turn out"
BE_PLAIN = "is|was|seemed|felt|looked|turned out|has always been|is still|was honestly|proved"
DO_NEG = "did not|didn't|do not|don't|never|could not|couldn't|can not|cannot|can't|will not|won't"
DO_NEG += "|would not|wouldn't|will never|would never|hardly|no longer|did not really|didn't even"
MATRIX_NEG = [
    "i do not think {c}",
    "i don't think {c}",
    "i didn't think {c}",
    "i did not feel that {c}",
    "i never thought {c}",
    "i would not say {c}",
    "nobody i know thinks {c}",
    "i don't believe {c}",
    "i never felt {c}",
]
MATRIX_PLAIN = ["i think {c}", "i thought {c}", "i felt that {c}", "i would say {c}", "everyone agrees {c}"]
HELD_OUT_MATRIX = {"i don't believe {c}", "i never felt {c}", "everyone agrees {c}"}
CONTRAST = ["{a} but {b}", "{a}, yet {b}", "although {a}, {b}", "even though {a}, {b}", "while {a}, {b}"]
CONTRAST += ["{a}; however, {b}", "{a}, but in the end {b}"]
# Feelings a reviewer reports: "i was not impressed", "i was never bored".
POS_EMO = "impressed pleased satisfied happy thrilled delighted entertained amused hooked moved".split()
NEG_EMO = (
    "disappointed bored annoyed confused frustrated unhappy irritated underwhelmed offended upset".split()
)
EMO_PLAIN = ["i was", "i am", "i felt", "i ended up", "we were", "my kids were"]
EMO_NEG = ["i was not", "i wasn't", "i was never", "i am not", "i did not feel", "i never felt", "we weren't"]
EMO_NEG += ["nobody was", "none of us were", "i was not at all", "i was hardly"]
# What a thing is worth, and a thing of a kind: "not worth the money", "not a bad phone".
WORTH = ["the money", "the price", "every penny", "watching", "the wait", "a look", "your time", "it"]
KINDS = "movie product phone meal experience place purchase show film deal buy story".split()
KIND_NEG = ["this is not a", "it isn't a", "this was never a", "it is by no means a", "this is hardly a"]
KIND_NEG += ["it was not a", "not a", "this is far from a"]
KIND_PLAIN = ["this is a", "it was a", "what a", "a", "this is truly a", "overall a"]


def _read_wide() -> dict[tuple[str, bool], list]:
    """data/en_sided.tsv by (kind, side): words as strings (adj, emo), verbs as (base, third,
    past), nouns as (singular, plural, countable); without the words above or the held-out ones."""
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "en_sided.tsv"
    known = set(POS_ADJ + NEG_ADJ + POS_EMO + NEG_EMO) | HELD_OUT_WORDS
    known |= {item[0] for pool in (POS_FEEL, NEG_FEEL, POS_ACT, NEG_ACT, POS_NOUN, NEG_NOUN) for item in pool}
    out: dict[tuple[str, bool], list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, side, forms = line.split("\t")
        parts = forms.split("|")
        item = (
            parts[0] if len(parts) == 1 else (*parts[:2], int(parts[2])) if kind == "noun" else tuple(parts)
        )
        if parts[0] not in known:
            out.setdefault((kind, side == "1"), []).append(item)
    return out


# The wide list (ReviewConfig.wide_words): more words of each kind for the training part only;
# the held-out part keeps its own words, so the held-out check reads words it never trained on.
WIDE = _read_wide()
WIDE_WORDS = sum(len(items) for items in WIDE.values())
