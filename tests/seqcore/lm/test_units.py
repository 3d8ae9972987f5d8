import pytest

from seqcore.lm import units


def test_jamo_split_and_join_round_trip():
    text = "한글 영화, ㅋㅋ 좋아요!"
    jamo = units.split_units(text, "jamo")
    assert len(jamo) > len(text)  # 한 -> ㅎ ㅏ ㄴ
    assert jamo[:3] == ["\u1112", "\u1161", "\u11ab"]
    assert units.join_units(jamo) == text


def test_a_stray_jamo_is_shown_as_the_letter_a_keyboard_types():
    # a vowel with no initial before it, and a final after a space
    assert units.join_units(["\u1161", " ", "\u11ab"]) == "ㅏ ㄴ"


def test_vocab_keeps_frequent_units_and_reads_the_rest_as_unk():
    vocab = units.build_vocab("가가가나나다", "char", max_size=10, min_count=2)
    assert vocab.itos[1:] == ("가", "나")
    assert vocab.encode("가다라") == [1, 0, 0]
    assert vocab.decode([1, 2, 0]) == "가나" + units.UNK_SHOWN
    assert vocab.counts[0] == 1 and vocab.coverage() == pytest.approx(5 / 6)
    assert vocab.unknown_in("가다라다") == ["다", "라"]


def test_a_unit_that_continues_a_character_does_not_start_one():
    first, vowel, final = units.split_units("한", "jamo")
    assert units.starts_char(first) and not units.starts_char(vowel) and not units.starts_char(final)
    assert units.shown("\n") == units.NEWLINE_SHOWN and units.shown(vowel) == "ㅏ"


def test_an_unknown_unit_kind_is_refused():
    with pytest.raises(ValueError, match="unknown unit"):
        units.split_units("가", "word")
