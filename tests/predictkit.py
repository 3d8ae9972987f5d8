"""Predict, then reveal (seqcore.ui.predict) in AppTest: commit a guess and press '정답 확인'."""

from __future__ import annotations


def reveal(at, key: str, guess: str | None = None):
    """Type or pick `guess` (if given) for the question `key`, press its check button, rerun."""
    if guess is not None:
        widget = next((w for w in [*at.text_input, *at.radio] if w.key == key), None)
        assert widget is not None, f"no guess widget {key!r} on the page"
        widget.set_value(guess)
    at.button(key=f"{key}_check").click().run()
    return at


def revealed_answer(at) -> str:
    """The answer torch computed, as the reveal panel shows it (its metric)."""
    shown = [m.value for m in at.metric if m.label == "PyTorch가 계산한 값"]
    assert shown, "no answer revealed"
    return shown[-1]
