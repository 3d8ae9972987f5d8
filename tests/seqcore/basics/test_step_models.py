"""The RNN and GRU taggers the step-through reads words with."""

import pytest

from seqcore.basics import step_models


def test_trained_rnn_tagger_learns_the_task_and_refuses_other_kinds():
    sm = step_models.train_step_model(step_models.StepTaskConfig(kind="rnn", epochs=40))
    assert sm.val_accuracy > 0.9
    assert len(sm.train_loss) == 40 and sm.train_loss[-1] < sm.train_loss[0]
    with pytest.raises(ValueError, match="rnn"):
        step_models.train_step_model(step_models.StepTaskConfig(kind="lstm"))


def test_default_runs_are_the_pages_defaults():
    kinds = [cfg.kind for store, fn, cfg in step_models.DEFAULT_RUNS]
    assert kinds == ["rnn", "gru"]
    assert all(
        store is step_models.STEP_STORE and fn is step_models.train_step_model
        for store, fn, _ in step_models.DEFAULT_RUNS
    )
