"""seqcore.sentiment.en_idioms: English negation in set phrases, each written once per label."""

from __future__ import annotations

import hashlib
import random
import re
import string

from seqcore.sentiment import en_idioms as ei
from seqcore.sentiment import en_templates as et


def _fields(phrase: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name}


def test_every_family_turns_both_ways_and_every_field_is_filled():
    lex = et.Lexicon(held_out=False)
    fields = ei._fields(random.Random(0), lex)
    for name, family in ei.PHRASES.items():
        assert set(family) == {0, 1} and len(family[0]) >= 4 and len(family[1]) >= 4, name
        for phrase in family[0] + family[1]:
            assert _fields(phrase) <= set(fields), phrase
            assert "{" not in phrase.format(**fields)


def test_held_out_phrases_and_fillers_are_not_in_training():
    for family in ei.PHRASES.values():
        for label in (0, 1):
            train, held = ei.part(family[label], False), ei.part(family[label], True)
            assert held and not set(train) & set(held)
    for words in ei.FILLERS.values():
        assert not set(ei.part(words, False)) & set(ei.part(words, True))
    train = set(et.generate(3000, seed=2, idioms=1.0)[0])
    held = et.generate(300, seed=2, held_out=True, idioms=1.0)[0]
    assert not train & set(held)


def test_a_phrase_and_its_mirror_carry_opposite_labels():
    r, lex = random.Random(4), et.Lexicon(held_out=False)
    texts = {label: {ei.clause(r, lex, label) for _ in range(400)} for label in (0, 1)}
    assert not texts[0] & texts[1]
    assert any("could not have been better" in t for t in texts[1])
    assert any("could not have been worse" in t for t in texts[0])
    assert not [t for t in texts[0] | texts[1] if re.search(r"\ba [aeiou]", t)]


def test_without_set_phrases_the_older_template_stream_is_unchanged():
    """Builds of earlier rounds (idioms=0) must still reproduce: same sentences, same labels."""
    x, y = et.generate(3000, seed=0)
    assert (x, y) == et.generate(3000, seed=0, idioms=0.0)
    digest = hashlib.md5(str((x, y)).encode()).hexdigest()
    assert digest == "fb94687077f1afe19645b9b9732ef704"


def test_set_phrases_never_hold_a_round_two_probe():
    probes = [et._key(p) for p in et.read_probes(et.R2_PROBE_FILE)[0]]
    keys = [et._key(t) for t in et.generate(3000, seed=1, idioms=0.5)[0]]
    assert len(probes) >= 40 and not [k for k in keys if any(p in k for p in probes)]
