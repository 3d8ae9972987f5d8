"""seqcore.sentiment.en_templates and en_words: English negation by rule, kept apart from the probes."""

from __future__ import annotations

from seqcore.sentiment import en_templates as et
from seqcore.sentiment.en_words import normalize
from seqcore.sentiment.rnn import tokenize

NEGATORS = {"not", "never", "no", "nobody", "nothing", "none", "neither", "hardly", "barely", "without"}


def test_fresh_probes_are_many_balanced_and_negation_rich():
    x, y = et.read_probes()
    assert len(x) >= 60 and sum(y) == len(y) // 2
    negated = [t for t in x if NEGATORS & set(tokenize(normalize(t)))]
    assert len(negated) >= 55
    assert sum(any(w in t.lower() for w in (" but ", "although", " yet ", " though ")) for t in x) >= 8


def test_no_generated_sentence_holds_a_probe():
    probes = [" ".join(tokenize(normalize(p))) for p in et.read_probes()[0]]
    for held_out in (False, True):
        for plain in (False, True):
            x, _ = et.generate(3000, seed=3, held_out=held_out, plain=plain)
            keys = [" ".join(tokenize(normalize(t))) for t in x]
            assert not [k for k in keys if any(p in k for p in probes)]
    overlap = et.probe_overlap(n=3000)
    assert overlap["probe_sentences_generated"] == 0 and overlap["probe_4grams_in_templates"] < 0.1


def test_generation_is_deterministic_balanced_and_negation_rich():
    a, b = et.generate(600, seed=5), et.generate(600, seed=5)
    assert a == b and len(set(a[0])) == 600 and 0.4 < sum(a[1]) / 600 < 0.6
    assert sum(bool(NEGATORS & set(tokenize(normalize(t)))) for t in a[0]) > 300
    forms = {w for t in a[0] for w in tokenize(t)}
    assert {"didn't", "isn't", "won't", "can't", "not", "never", "hardly", "nobody"} <= forms


def test_plain_clauses_hold_no_negation_nor_contrast():
    x, _ = et.generate(500, seed=1, plain=True)
    words = [set(tokenize(normalize(t))) for t in x]
    assert not [t for t, w in zip(x, words) if w & (NEGATORS | {"but", "yet", "although", "while"})]


def test_held_out_words_never_reach_the_training_part():
    train = {w for t in et.generate(4000, seed=0)[0] + et.generate(2000, plain=True)[0] for w in tokenize(t)}
    held = et.generate(400, held_out=True)[0]
    reserved = {"wonderful", "perfect", "clever", "interesting", "horrible", "cheap", "uncomfortable"}
    assert reserved <= et.HELD_OUT_WORDS and not reserved & train
    assert sum(bool(reserved & set(tokenize(t))) for t in held) > 150


def test_labels_follow_the_rules():
    lex = et.Lexicon(False)
    pos, neg = set(lex.adj[True]), set(lex.adj[False])
    x, y = et.generate(3000, seed=2)
    checked = 0
    for text, label in zip(x, y):
        words = tokenize(normalize(text))
        if len(words) == 5 and words[2:4] in (["was", "not"], ["is", "not"]) and words[4] in pos | neg:
            assert label == int(words[4] in neg), text  # "the plot was not dull": positive
            checked += 1
        single = not {"but", "yet", "although", "while", "however", "though"} & set(words)
        if words[:3] == ["nothing", "about", "the"] and words[-1] in pos | neg and single:
            assert label == int(words[-1] in neg), text
            checked += 1
    assert checked > 20


def test_normalize_spells_out_contractions():
    assert normalize("I didn\u2019t like it, it WASN'T good") == "i did not like it, it was not good"
    assert normalize("can't, cannot, won't, dont, isnt") == "can not, can not, will not, do not, is not"
    assert normalize("the film's plot, o'clock") == "the film's plot, o'clock"


def test_the_wide_list_reaches_the_training_part_only_and_keeps_its_sides():
    from seqcore.sentiment.en_lexicon import WIDE

    assert len(WIDE[("adj", True)]) > 150 and len(WIDE[("adj", False)]) > 150
    sides = {}
    for (_kind, side), items in WIDE.items():
        for item in items:
            sides.setdefault(item if isinstance(item, str) else item[0], set()).add(side)
    assert not [w for w, s in sides.items() if len(s) > 1]  # one side per word, whatever its kind
    assert not set(sides) & et.HELD_OUT_WORDS
    plain = et.generate(600, seed=5)
    assert et.generate(600, seed=5, wide=0.0) == plain  # off: the older stream, unchanged
    x, y = et.generate(6000, seed=2, wide=1.0)
    words = {w for t in x for w in tokenize(t)}
    assert len(words & set(sides)) > 200 and et.generate(300, held_out=True, wide=1.0) == et.generate(
        300, held_out=True
    )
    lex, checked = et.Lexicon(False, wide=1.0), 0
    for text, label in zip(x, y):  # "the plot was not complicated": positive
        w = tokenize(normalize(text))
        if len(w) == 5 and w[2:4] in (["was", "not"], ["is", "not"]) and w[4] in sides:
            assert label == int(w[4] in lex.adj[False]), text
            checked += 1
    assert checked > 10


def test_real_negated_sentences_are_found_in_every_spelling():
    from seqcore.sentiment import en_valid
    from seqcore.sentiment.en_words import negates

    assert all(negates(t) for t in ("It isn’t good.", "I cant say", "No way", "Never again", "hardly"))
    assert not any(negates(t) for t in ("Nothingness.", "A knot, a note", "Great phone", "Snot"))
    x, y = en_valid.negated((["Not bad.", "Great.", "I won't buy it"], [1, 1, 0]))
    assert (x, y) == (["Not bad.", "I won't buy it"], [1, 0])
