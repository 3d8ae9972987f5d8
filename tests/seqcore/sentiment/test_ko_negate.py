"""seqcore.sentiment.ko_predicate / ko_negate: real reviews negated by rule, labels flipped."""

from __future__ import annotations

from collections import Counter

import pytest

from seqcore.sentiment import ko_negate as kn
from seqcore.sentiment.ko_predicate import Predicate, adnominal, parse_last, prospective, unpast
from seqcore.sentiment.ko_templates import ALL_PROBE_FILES, read_probes


def pred_or_noun(s: str) -> str | None:
    return {"최고": "noun", "명작": "noun", "예쁘": "pred"}.get(s)


@pytest.mark.parametrize(
    ("word", "stem", "past", "style"),
    [
        ("재밌었다", "재밌", True, "da"),
        ("지루하네요", "지루하", False, "neyo"),
        ("좋았음", "좋", True, "eum"),
        ("추천합니다", "추천하", False, "formal"),
        ("재밌어요", "재밌", False, "eoyo"),
        ("지루했어", "지루하", True, "eo"),
        ("봤다", "보", True, "da"),
        ("멋졌다", "멋지", True, "da"),
        ("아름다웠다", "아름답", True, "da"),
        ("슬펐다", "슬프", True, "da"),
        ("됐다", "되", True, "da"),
        ("예쁘다", "예쁘", False, "da"),
        ("지루함ㅋㅋ", "지루하", False, "eum"),
    ],
)
def test_the_last_predicate_is_found_with_its_stem_tense_and_register(word, stem, past, style):
    p = parse_last(word, pred_or_noun)
    assert (p.stem, p.past, p.style, p.noun) == (stem, past, style, False)


@pytest.mark.parametrize(
    ("word", "noun"), [("최고다", "최고"), ("명작이다", "명작"), ("최고", "최고"), ("명작입니다", "명작")]
)
def test_a_noun_with_the_copula_is_a_noun(word, noun):
    p = parse_last(word, pred_or_noun)
    assert p.noun and p.stem == noun


@pytest.mark.parametrize("word", ["않았다", "재밌겠다", "못했다", "안됨", "마음", "영화에"])
def test_negations_conjectures_and_non_predicates_are_left_alone(word):
    assert parse_last(word, pred_or_noun) is None


def test_unpast_undoes_contractions_from_the_letters():
    assert unpast("좋았") == ("좋", False) and unpast("최고였") == ("최고", True)
    assert unpast("재밌") is None and unpast("좋") is None


def test_variants_flip_and_keep_in_the_same_register():
    flip, keep = kn.variants(["연기가", "재밌었다"], Predicate("재밌", True, "da"), positive=True)
    assert "연기가 재밌지 않았다" in flip and "연기가 안 재밌었다" in flip
    assert "연기가 재밌지 못했다" in flip and "연기가 재미없었다" in flip
    assert keep == ["연기가 재밌지 않은 건 아니었다", "연기가 재밌지 않을 수 없었다"]
    flip, _ = kn.variants(["지루하네요"], Predicate("지루하", False, "neyo"), positive=False)
    assert "지루하지 않네요" in flip and not any("못" in t or "안 " in t for t in flip)
    flip, keep = kn.variants(["최고다"], Predicate("최고", False, "da", noun=True), positive=True)
    assert flip == ["최고는 아니다"] and keep == []


@pytest.mark.parametrize(
    ("stem", "form"),
    [
        ("지루하", "지루한"),
        ("나쁘", "나쁜"),
        ("좋", "좋은"),
        ("아쉽", "아쉬운"),
        ("길", "긴"),
        ("재밌", "재밌는"),
    ],
)
def test_adnominal_forms_follow_the_last_letter(stem, form):
    assert adnominal(stem) == form


@pytest.mark.parametrize(
    ("stem", "form"),
    [
        ("지루하", "지루할"),
        ("아쉽", "아쉬울"),
        ("길", "길"),
        ("좋", "좋을"),
        ("재밌", "재밌을"),
        ("흠잡", "흠잡을"),
        ("감동적이", "감동적일"),
    ],
)
def test_prospective_forms_follow_the_last_letter(stem, form):
    assert prospective(stem) == form


def test_variants_take_the_short_form_an_adverb_and_a_described_noun():
    p = Predicate("지루하", True, "da")
    flip, keep = kn.variants(
        ["전개가", "지루했다"], p, positive=False, adverb="별로", described="지루한 영화"
    )
    assert "전개가 별로 지루하진 않았다" in flip and "전개가 별로 지루한 영화는 아니었다" in flip
    assert all(t.startswith("전개가 별로 ") for t in flip) and not any("별로" in t for t in keep)
    flip, _ = kn.variants(["재미없었다"], Predicate("재미없", True, "da"), positive=False, adverb="전혀")
    assert "재미있었다" in flip  # 있 after a taken-away 없: no adverb of negation before it
    p = Predicate("재밌", True, "da")
    assert (
        "연출이 재밌는 작품은 아니었다"
        in kn.variants(["연출이", "재밌었다"], p, True, described="재밌는 작품")[0]
    )


def small_lexicon() -> kn.Lexicon:
    words = Counter({"재밌게": 5, "지루하게": 5, "최고의": 5, "최고를": 5})
    return kn.Lexicon(words, sides={"재밌": 1, "지루하": 0, "최고": 1}, word_sides={"최고": 1, "최고의": 1})


def test_negations_flip_the_label_double_negation_keeps_it():
    texts = ["배우 연기 재밌었다", "너무 지루했다", "최고의 영화 재밌었다", "스토리 재밌었다", "최고"]
    labels = [1, 0, 1, 0, 1]
    x, y, kinds = kn.negations(kn.eligible(texts, labels, small_lexicon()), seed=0, double=0.0)
    # the third has another word of the same side, the fourth's label disagrees with its stem
    assert len(x) == 3 and kinds == ["flip"] * 3 and y == [0, 1, 0]
    assert x[0].startswith("배우 연기") and x[2] == "최고는 아니다"
    x, y, kinds = kn.negations(kn.eligible(texts[:2], labels[:2], small_lexicon()), seed=0, double=1.0)
    assert kinds == ["double"] * 2 and y == [1, 0]


def test_lexicon_reads_sides_from_the_training_reviews_only():
    texts = ["정말 재밌었다"] * 10 + ["너무 지루했다"] * 10 + ["그냥 봤다"] * 5 + ["다시 봤다"] * 5
    labels = [1] * 10 + [0] * 10 + [1] * 5 + [0] * 5
    lex = kn.Lexicon.build(texts, labels)
    assert lex.sides == {"재밌": 1, "지루하": 0}  # 보: half and half, no side
    x, y = kn.for_training(texts, labels, ratio=1.0, seed=0)
    assert len(x) == 20 + 5 and sorted(set(y)) == [0, 1] and kn.for_training(texts, labels, 1.0, 0) == (x, y)
    assert len(kn.for_training(texts, labels, ratio=0.5, seed=0)[0]) == 10 + 2  # and a quarter: contrasts


def test_contrasts_are_labelled_by_their_last_clause():
    found = kn.eligible(["재밌었다", "너무 지루하네요", "최고다"], [1, 0, 1], small_lexicon())
    x, y = kn.make_contrasts(found, 20, seed=0)
    for text, label in zip(x, y):
        assert "지만 " in text
        assert label == (0 if text.endswith("지루하네요") else 1)
    assert {"재밌었지만 너무 지루하네요", "너무 지루하지만 최고다"} <= set(x)


def test_negations_with_the_lexicon_describe_a_film_when_the_reviews_use_the_form():
    texts = ["배우 연기 재밌었다", "너무 지루했다"] * 30
    lex = kn.Lexicon(Counter({"지루한": 5, "재밌게": 5, "지루하게": 5}), {"재밌": 1, "지루하": 0}, {})
    x, _, _ = kn.negations(kn.eligible(texts, [1, 0] * 30, lex), seed=0, double=0.0, lex=lex)
    described = [t for t in x if "아니었다" in t]
    assert described and all(t.startswith("너무 ") and "지루한 " in t for t in described)  # 재밌는: unused
    assert any(a + " " in t for t in x for a in kn.NEGATION_ADVERBS)


@pytest.mark.parametrize("probe_file", ALL_PROBE_FILES)
def test_generated_negations_are_never_a_probe_sentence(probe_file):
    probes, labels = read_probes(probe_file)
    lex = kn.Lexicon.build(probes * 10, labels * 10)
    x, _ = kn.for_training(probes * 10, labels * 10, ratio=2.0, seed=0)
    assert not set(x) & set(probes)
    assert lex is not None
