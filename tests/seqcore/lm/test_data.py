import pytest

from seqcore.lm import data


def test_a_learner_text_past_the_bound_is_refused_with_the_limit():
    with pytest.raises(data.TextRefused, match=f"{data.MAX_TEXT_CHARS:,}"):
        data.check_text("가" * (data.MAX_TEXT_CHARS + 1))
    with pytest.raises(data.TextRefused, match=f"{data.MIN_TEXT_CHARS:,}"):
        data.check_text("가나다")


def test_a_learner_text_is_split_by_content_never_empty(korean):
    text = korean
    corpus = data.text_corpus(text)
    held = corpus.held.splitlines()
    assert held and set(held).isdisjoint(corpus.train.splitlines())
    assert 0.05 < len(corpus.held) / len(text) < 0.2
    shuffled = "\n".join(reversed(text.splitlines()))
    assert sorted(data.text_corpus(shuffled).held.splitlines()) == sorted(held)  # by content, not position


def test_one_long_line_is_cut_into_pieces_at_spaces():
    line = " ".join(["영화가 정말 재밌어요"] * 200)
    parts = data.pieces(line, size=50)
    assert len(parts) > 10 and all(len(p) <= 50 for p in parts)
    assert " ".join(parts) == line
    assert data.text_corpus(line).held


def test_a_text_file_that_is_not_utf8_is_refused(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes("영화".encode("cp949"))
    with pytest.raises(data.TextRefused):
        data.read_text_file(bad)
    with pytest.raises(data.TextRefused):
        data.read_text_file(tmp_path / "missing.txt")
