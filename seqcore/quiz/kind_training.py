"""Graders of the training questions: the settings are trained (through `train`, which the page
backs with its cache), then every requirement is read from the trained model."""

from __future__ import annotations

from collections.abc import Callable

from seqcore.quiz import sentiment_rnn, sine_lstm
from seqcore.quiz.questions import Question
from seqcore.quiz.verdict import Grade


def grade_requirements(reqs) -> Grade:
    """Q9/Q10: every requirement read from the trained model must hold."""
    reasons = tuple(
        f"✅ {r.label} (실제: {r.got})" if r.ok else f"❌ {r.label} (실제: {r.got})" + (f" → {r.note}" if r.note else "")
        for r in reqs
    )  # fmt: skip
    if all(r.ok for r in reqs):
        return Grade("correct", "정답이에요! 모든 요구사항을 학습된 모델에서 확인했어요.", reasons)
    return Grade("wrong", "요구사항 중 일부가 맞지 않아요. ❌ 표시를 확인해 보세요.", reasons)


def direct_train(store, fn, config):
    """Train without any cache (the command line); the page passes ui.train_cached instead."""
    return fn(config)


def grade_sine(q: Question, answers: dict, train: Callable, seed: int) -> tuple[Grade, dict | None]:
    cfg = sine_lstm.sine_config(answers, seed)
    gaps = sine_lstm.sine_gaps(cfg)
    if gaps:  # not a wrong attempt: say what to change, train nothing
        head = "요구사항과 다른 설정이 있어요. 아래처럼 바꾼 뒤 다시 눌러 주세요 (오답으로 세지 않아요)."
        return Grade("format", head, tuple(gaps)), None
    res = train(sine_lstm.SINE_STORE, sine_lstm.train_sine, cfg)
    return grade_requirements(sine_lstm.check_sine(res)), sine_lstm.sine_summary(res)


def grade_sentiment(q: Question, answers: dict, train: Callable, seed: int) -> tuple[Grade, dict | None]:
    res = train(
        sentiment_rnn.SENTIMENT_STORE,
        sentiment_rnn.train_sentiment,
        sentiment_rnn.sentiment_config(answers, seed),
    )
    return grade_requirements(sentiment_rnn.check_sentiment(res)), sentiment_rnn.sentiment_summary(res)
