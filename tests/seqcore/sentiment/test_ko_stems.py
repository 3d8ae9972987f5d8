"""seqcore.sentiment.ko_stems: stems read from the training reviews, and prefixes before a negator."""

from __future__ import annotations

import pytest

from seqcore.sentiment import ko_stems, ko_templates


def reviews() -> tuple[list[str], list[int]]:
    """Reviews that bend 늘어지 (negative) and 빠져들 (positive) like predicates, and one stem
    (겉돌) seen only in negated reviews, which must not count."""
    pos = ["보는 내내 빠져들게 된다", "완전 빠져들고 말았다", "이야기에 빠져들게 되는 영화"]
    neg = ["중반부터 늘어지고 지루함", "너무 늘어지게 만들었다", "후반이 늘어지고 말았다"]
    x, y = [], []
    for k in range(12):
        x += [f"{pos[k % 3]} {k}", f"{neg[k % 3]} {k}", f"배우가 겉돌지 않았다 {k}", f"겉돌고 않았다 {k}"]
        y += [1, 0, 1, 1]
    x += ["빠져들던 영화", "빠져들면서 봤다", "늘어지던 영화", "늘어지면서 봤다", "빠져들지만 좋다"] * 2
    y += [1, 1, 0, 0, 1] * 2
    return x, y


def test_stems_get_the_side_of_the_reviews_that_bend_them_without_a_negation():
    sides = ko_stems.predicate_sides(*reviews())
    assert sides.get("빠져들") == 1 and sides.get("늘어지") == 0
    assert "겉돌" not in sides  # seen only beside 않았다


def test_a_rare_or_even_stem_has_no_side():
    x, y = reviews()
    x, y = x + ["늘어지고 좋았다 x"] * 12, y + [1] * 12  # now 늘어지 is as often positive
    assert "늘어지" not in ko_stems.predicate_sides(x, y)
    assert ko_stems.predicate_sides(x[:5], y[:5]) == {}


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("영화가 지루하지는 않았다", "영화가 지루하지는"),
        ("그렇게 재밌지 않았어요", "그렇게 재밌지"),
        ("재밌지 못했다", "재밌지"),
        ("최고는 아니다", "최고는"),
        ("지루한 영화는 아니었다", "지루한 영화는"),
        ("지루하지 않을 수 없었다", None),  # double negation: the negator is not last
        ("안 좋았다", None),
        ("않았다", None),
        ("재밌었다", None),
    ],
)
def test_the_prefix_before_a_negator(text, head):
    assert ko_stems.before_negator(text) == head


def test_prefixes_are_labelled_the_other_way_and_drawn_by_the_runs_own_seed():
    texts = [f"영화가 지루하지 않았다 {k}" for k in range(5)] + ["영화가 지루하지는 않았다", "재밌었다"]
    labels = [1] * 6 + [1]
    x, y = ko_stems.prefixes(texts, labels, share=1.0, seed=0)
    assert x == ["영화가 지루하지는"] and y == [0]  # only the sentence that ends in the negator
    many = [f"{k} 재밌지 않았다" for k in range(400)]
    a = ko_stems.prefixes(many, [0] * 400, share=0.3, seed=3)
    assert a == ko_stems.prefixes(many, [0] * 400, share=0.3, seed=3)
    assert 80 <= len(a[0]) <= 160 and set(a[1]) == {1}
    assert a != ko_stems.prefixes(many, [0] * 400, share=0.3, seed=4)


def test_templates_take_more_stems_but_never_the_held_out_ones():
    held = ko_templates.POSITIVE[-1]
    x, y = ko_templates.generate(3000, seed=0, stems=(["빠져들", held], ["늘어지"]))
    assert any("빠져들" in t for t in x) and any("늘어지" in t for t in x)
    assert not any(held in t for t in x)
    assert ko_templates.generate(500, seed=0, held_out=True) == ko_templates.generate(
        500, seed=0, held_out=True, stems=(["빠져들"], ["늘어지"])
    )
    negated = [(t, lab) for t, lab in zip(x, y) if "늘어지지 않았다" in t and "지만" not in t]
    assert negated and all(lab == 1 for _, lab in negated)


def test_verdict_nouns_get_the_side_of_the_reviews_they_end_and_lean_that_way_everywhere():
    """최악 ends negative reviews and leans negative wherever it is used; 작품 ends positive ones
    but is said on both sides (no verdict); 졸작 is seen only beside a negation."""
    x, y = [], []
    for k in range(40):
        x += [
            f"이건 진짜 최악 {k}",
            f"정말 최악이다 {k}",
            f"좋은 작품 {k}",
            f"나쁜 작품 {k}",
            f"졸작은 아니다 {k}",
        ]
        y += [0, 0, 1, 0, 1]
        x += [f"명작이다 {k}", f"완전 명작 {k}", f"최악을 기대했다 {k}"]
        y += [1, 1, 0]
    x += [f"역시 작품이다 {k}" for k in range(20)]
    y += [1] * 20
    sides = ko_stems.noun_sides(x, y)
    assert sides.get("최악") == 0 and sides.get("명작") == 1
    assert "작품" not in sides and "졸작" not in sides


def test_noun_frames_turn_the_noun_s_side_unless_the_negation_is_double():
    nouns = (["명작", "수작"], ["최악", "졸작"])
    x, y = ko_templates.generate(3000, seed=4, nouns=nouns)
    said = [(t, v) for t, v in zip(x, y) if any(n in t for n in nouns[0] + nouns[1])]
    assert len(said) > 150
    for text, label in said:
        side = any(n in text for n in nouns[0])
        turned = text.split()[-1].startswith(("아니", "아닙", "아님"))
        double = "수 없다" in text
        assert label == int(side if double or not turned else not side), text
    assert ko_templates.generate(300, seed=4) == ko_templates.generate(300, seed=4, nouns=None)
