"""seqcore.sentiment.ko_tokens: the four ways of cutting Korean, round trips and <UNK>."""

from __future__ import annotations

import pytest

from seqcore.sentiment import ko_templates
from seqcore.sentiment.ko_tokens import KoVocab, Tokenizer, jamo, normalize, restore, syllables, train_spm

SENTENCES = [
    "지루하지는 않았다",
    "결말이  아쉽지 않았다 ㅋㅋㅋ 👍",
    "OST 최고!! 10점",
    "않  ",
    "ㄱㄴ 밟았다 읽었다",
]


@pytest.fixture(scope="module")
def spm_model() -> bytes:
    texts = ko_templates.generate(600, seed=3)[0] + SENTENCES * 3
    return train_spm(texts, vocab_size=300)


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("kind", ["syllable", "jamo", "sentencepiece"])
def test_lossless_tokenizers_round_trip(kind, text, spm_model):
    tok = Tokenizer(kind, spm_model if kind == "sentencepiece" else None)
    assert restore(tok.pieces(text), kind) == normalize(text)


def test_sentencepiece_symbols_cut_the_ending_off_the_stem():
    texts = ko_templates.generate(600, seed=3)[0] + ["지루하지는 않았다", "떨어지는 완성도"] * 20
    cut = Tokenizer("sentencepiece", train_spm(texts, vocab_size=300, symbols=["지는"]))
    pieces = cut.pieces("지루하지는 않았다")
    assert "지는" in pieces and "".join(pieces).replace("▁", "") == "지루하지는않았다"
    assert "지는" in cut.pieces("떨어지는") and restore(pieces, "sentencepiece") == "지루하지는 않았다"


def test_syllables_and_jamo():
    assert syllables("지루 해") == ["지", "루", "▁", "해"]
    assert jamo("않") == ["ㅇ", "ㅏ", "ㄶ\u0307"]  # the final consonant is marked
    assert restore(jamo("안") + jamo("아") + ["ㄴ"], "jamo") == "안아ㄴ"  # 안 and 아+ㄴ stay apart
    assert len(jamo("지루하지는 않았다")) > 2 * len(syllables("지루하지는 않았다")) - 4


def test_vocabulary_from_training_only_and_unknown_pieces():
    tok = Tokenizer("syllable")
    vocab = KoVocab.build([tok.pieces(t) for t in ["재밌다", "재밌네", "별로"]], min_freq=2)
    assert vocab.itos()[:2] == ["<PAD>", "<UNK>"] and "재" in vocab and "별" not in vocab
    ids = vocab.encode(tok.pieces("재밌는 별로"))
    assert ids[:2] == [vocab.stoi["재"], vocab.stoi["밌"]] and ids.count(1) == len(ids) - 2


def test_unknown_tokenizer_and_missing_sentencepiece_model_are_errors():
    with pytest.raises(ValueError, match="unknown tokenizer"):
        Tokenizer("bpe")
    with pytest.raises(ValueError, match="sentencepiece"):
        Tokenizer("sentencepiece")


def test_kiwi_morphemes_when_installed():
    pytest.importorskip("kiwipiepy")
    pieces = Tokenizer("kiwi").pieces("지루하지는 않았다")
    assert "않/VX" in pieces and all("/" in p for p in pieces)
