"""seqcore.sentiment.corpus: a deterministic generated corpus where word order decides the label."""

from __future__ import annotations

from collections import Counter

import pytest

from seqcore.sentiment import corpus


def test_generator_is_deterministic():
    assert corpus.generate() == corpus.generate()
    assert corpus.generate(seed=1).train != corpus.generate().train


def test_sizes_balance_and_kinds():
    c = corpus.generate()
    assert 2500 <= len(c.train) <= 5000 and 500 <= len(c.held_out) <= 1500
    for part in (c.train, c.held_out):
        share = sum(e.label for e in part) / len(part)
        assert 0.4 < share < 0.6
    assert set(Counter(e.kind for e in c.train)) == set(corpus.KINDS)


def test_held_out_and_probes_never_in_training():
    c = corpus.generate()
    train = {e.text for e in c.train}
    assert not train & {e.text for e in c.held_out}
    assert not train & {e.text for e in c.probes}


def test_held_out_uses_new_phrasings_of_known_words():
    c = corpus.generate()
    known = corpus.vocabulary_words(c.train)
    assert corpus.vocabulary_words(c.held_out) <= known
    assert corpus.vocabulary_words(c.probes) <= known
    for phrase in ("i would never say", "to be honest", "this script"):
        assert not any(phrase in e.text for e in c.train)
        assert any(phrase in e.text for e in c.held_out)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the film was not good", "negation"),
        ("not bad at all", "negation"),
        ("the film was not at all good", "negation_far"),
        ("i did not think the plot was clever", "negation_far"),
        ("the film was good", "plain"),
    ],
)
def test_negation_kind(text, kind):
    assert corpus.negation_kind(text) == kind


def test_probes_hold_the_issue_examples_and_pairs():
    probes = dict(corpus.PROBES)
    assert probes["not good at all"] == 0 and probes["this film was not terrible"] == 1
    assert probes["great cast but a dull film"] == 0 and probes["the acting was never once dull"] == 1
    assert sum(probes.values()) == len(probes) / 2  # balanced


def test_negation_flips_the_label_in_training():
    c = corpus.generate()
    neg = [e for e in c.train if e.kind == "negation" and e.text.startswith("not ")]
    assert neg
    for e in neg:
        adjective = e.text.split()[1]
        assert e.label == int(adjective in corpus.NEGATIVE)


def test_kind_accuracy():
    ex = [
        corpus.Example("a", 1, "plain"),
        corpus.Example("b", 0, "contrast"),
        corpus.Example("c", 1, "plain"),
    ]
    assert corpus.kind_accuracy(ex, [0.9, 0.8, 0.1]) == {"plain": 0.5, "contrast": 0.0}
