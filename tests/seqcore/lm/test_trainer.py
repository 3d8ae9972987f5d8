import dataclasses
import threading

import pytest
import torch

from seqcore.core.memory import BUDGET_MB
from seqcore.lm import trainer
from seqcore.lm.trainer import LMConfig, train_lm


@pytest.fixture(scope="module")
def tiny_run(tiny_config):
    seen = []
    result = train_lm(tiny_config, on_epoch=lambda e, total, loss: seen.append((e, total)))
    return result, seen


def test_a_run_keeps_epoch_zero_and_every_epoch_with_samples_and_both_perplexities(tiny_run, tiny_config):
    result, seen = tiny_run
    assert seen == [(1, 2), (2, 2)]
    assert [r.epoch for r in result.records] == [0, 1, 2]
    for rec in result.records:
        assert set(rec.samples) == set(trainer.SAMPLE_TEMPERATURES) and all(rec.samples.values())
        assert rec.held_ppl > 1 and rec.train_ppl > 1 and rec.held_bpc > 0
    assert result.records[-1].held_ppl < result.records[0].held_ppl  # it learned something
    assert len(result.grad_norms) == 2 * result.steps_per_epoch
    assert (
        len(result.held_docs) - 1 <= len(result.held_doc_bits) <= len(result.held_docs)
    )  # a cut-off last one


def test_the_same_config_gives_the_same_curves_and_samples_under_interference(tiny_run, tiny_config):
    result, _ = tiny_run
    stop = threading.Event()

    def noisy():
        while not stop.is_set():
            torch.manual_seed(1)
            torch.rand(50)

    t = threading.Thread(target=noisy, daemon=True)
    t.start()
    try:
        again = train_lm(tiny_config)
    finally:
        stop.set()
        t.join()
    assert [r.held_ppl for r in again.records] == [r.held_ppl for r in result.records]
    assert [r.samples for r in again.records] == [r.samples for r in result.records]


def test_random_minibatches_and_no_clipping_change_the_run(tiny_run, tiny_config):
    result, _ = tiny_run
    other = train_lm(dataclasses.replace(tiny_config, batching="random", clip=False, epochs=1))
    assert other.records[1].held_ppl != result.records[1].held_ppl
    tight = train_lm(dataclasses.replace(tiny_config, clip_norm=0.05, epochs=1))
    assert min(tight.grad_norms) > 0.05  # the norm is measured before the cut
    assert tight.records[1].held_ppl != result.records[1].held_ppl


def test_a_time_budget_stops_training(tiny_config):
    result = train_lm(dataclasses.replace(tiny_config, seconds=1.0, epochs=1))
    assert result.epochs >= 1 and result.last.seconds >= 1.0
    assert result.last.seconds < 1.0 + 2 * result.last.seconds / result.epochs  # stops within an epoch


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("unit", ["char", "jamo"])
def test_every_page_setting_fits_the_memory_budget_and_says_how_long(cell, unit):
    cfg = LMConfig(cell=cell, unit=unit, text="가" * 100_000)
    assert 0 < cfg.estimate_mb() < BUDGET_MB / 8
    assert 0 < cfg.estimate_s() < 300


def test_the_prewarmed_default_is_the_pages_default():
    assert trainer.DEFAULT_RUNS[0] == (trainer.LM_STORE, train_lm, LMConfig())
