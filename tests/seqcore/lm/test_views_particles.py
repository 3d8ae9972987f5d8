"""The language-model page's comparison sentence picks each run name's particle (켠 실행은 ... 이)."""

from types import SimpleNamespace

import pytest

from seqcore.lm import views


def _run(bpc: float) -> SimpleNamespace:
    return SimpleNamespace(held_doc_bits=[], held_docs=[], last=SimpleNamespace(held_bpc=bpc))


@pytest.mark.parametrize(
    ("interval", "names", "expected"),
    [
        ((0.1, 0.05, 0.15), ("켠 실행", "끈 실행"), ("켠 실행은", "끈 실행은", "끈 실행이 더 잘")),
        ((-0.1, -0.15, -0.05), ("켠 실행", "끈 실행"), ("켠 실행은", "끈 실행은", "켠 실행이 더 잘")),
        ((0.1, 0.05, 0.15), ("이어 읽기", "무작위"), ("이어 읽기는", "무작위는", "무작위가 더 잘")),
    ],
)
def test_gap_sentence_particles(monkeypatch, interval, names, expected):
    monkeypatch.setattr(views.metrics, "paired_gap", lambda *a: interval)
    text = views.gap_sentence(names[0], _run(2.0), names[1], _run(1.9))
    assert all(part in text for part in expected), text
