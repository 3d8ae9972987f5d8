"""Exploding gradients: the same RNN trained with and without clip_grad_norm_."""

import math

import pytest

from seqcore.basics.clipping import ClipConfig, clipping_experiment, clipping_summary, zero_baseline


def test_clipping_keeps_training_stable():
    calls = []
    runs = clipping_experiment(ClipConfig(steps=20), on_epoch=lambda e, t, loss: calls.append((e, t)))
    assert set(runs.runs) == {"no_clip", "clip"} and runs.config == ClipConfig(steps=20)
    assert calls[-1] == (40, 40) and [e for e, _ in calls] == [5, 10, 15, 20, 25, 30, 35, 40]
    for hist in runs.runs.values():
        assert len(hist.grad_norm) == 20
    assert runs["no_clip"].grad_norm[0] == pytest.approx(runs["clip"].grad_norm[0])  # same start
    no_clip = runs["no_clip"].train_loss[-1]
    assert not math.isfinite(no_clip) or no_clip > 100 * runs["clip"].train_loss[-1]


def test_clipping_summary_names_the_baseline():
    cfg = ClipConfig(steps=20)
    runs = clipping_experiment(cfg)
    text = clipping_summary(runs)
    base = zero_baseline(cfg)
    assert "항상 0을 예측" in text and f"{base:.3g}" in text
    assert f"{cfg.lr * cfg.max_norm:.3g}" in text  # the bound on an SGD update
    assert "배우게 만들지는 않아요" in text  # at 20 steps the clipped run does not beat predicting 0
    assert runs["clip"].train_loss[-1] > base
