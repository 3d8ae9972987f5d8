"""The basics pages' seeded results do not move when something else reseeds the global generators.

Each function below draws only from generators its run owns (seqcore.core.rng). Two meddlers must
leave every number unchanged: deterministically, a global reseed before every torch draw and every
init function call (a draw from the global generator then gets a different number each run); and
a thread that keeps reseeding and drawing from torch's and numpy's global generators, as another
learner's script thread once did (whether it lands between two draws depends on timing).
"""

import itertools
import threading

import numpy as np
import pytest
import torch

from seqcore.basics import (
    birnn,
    forget,
    gates,
    gru_forms,
    longdep,
    order,
    scratch,
    shapes,
    step_models,
    tbptt,
)
from seqcore.basics.clipping import ClipConfig, clipping_experiment
from seqcore.basics.compare import CompareConfig, run_comparison
from seqcore.basics.gradients import probe_gradients
from seqcore.basics.models import classifier_demo


def _numbers(value) -> list[float]:
    """Every number in a result (dataclass, dict, tuple, tensor, array), flattened in order."""
    if isinstance(value, torch.Tensor | np.ndarray):
        return [float(v) for v in np.asarray(value, dtype=np.float64).ravel()]
    if isinstance(value, float | int | bool):
        return [float(value)]
    if isinstance(value, dict):
        return [n for k in sorted(value, key=str) for n in _numbers(value[k])]
    if isinstance(value, list | tuple):
        return [n for v in value for n in _numbers(v)]
    if hasattr(value, "__dataclass_fields__"):
        skip = {"seconds", "per_run_seconds", "model", "config", "device"}
        return [n for k in value.__dataclass_fields__ if k not in skip for n in _numbers(getattr(value, k))]
    return []


CASES = {
    "gate task": lambda: gates.train_gate_model(gates.GateTaskConfig(epochs=3, n_train=16, n_val=8)),
    "rnn tagger": lambda: step_models.train_step_model(
        step_models.StepTaskConfig(epochs=3, n_train=16, n_val=8)
    ),
    "forget decay": lambda: forget.forget_gate_decay.__wrapped__(forget.ForgetDecayConfig(seq_len=6)),
    "scratch lstm": lambda: scratch.scratch_check.__wrapped__("lstm", 2, 4, 3, 5, 7),
    "scratch rnn": lambda: scratch.scratch_rnn_check(2, 4, 3, 5, 7),
    "shapes": lambda: shapes.explore_shapes.__wrapped__(shapes.ShapeConfig("gru", 2, 3, 4, 5), 7).checks,
    "classifier": lambda: classifier_demo(2, 5, 10, 20, 3, 7),
    "order": lambda: order.compare_orders(["a", "b"], ["b", "a"], 4, 5, 7),
    "shuffle": lambda: [
        len(order.rearrange(list("abcdef"), "shuffle", 7)),
        order.rearrange(list("abcdef"), "shuffle", 7) == order.rearrange(list("abcdef"), "shuffle", 7),
    ],
    "gru forms": lambda: gru_forms.compare_gru_forms.__wrapped__(seed=7),
    "bilstm": lambda: birnn.run_classifier(seed=7).logits,
    "reach": lambda: birnn.direction_reach(seed=7),
    "leak": lambda: birnn.run_leak_experiment(birnn.LeakConfig(epochs=2, n_train=60, n_test=40)),
    "probe": lambda: probe_gradients("lstm", 12, 6, seed=7),
    "clipping": lambda: {
        k: h.train_loss for k, h in clipping_experiment(ClipConfig(steps=3, seq_len=10)).runs.items()
    },
    "longdep": lambda: longdep.run_dependency_experiment(
        longdep.DependencyConfig(lengths=(3,), hidden_size=8, n_train=16, n_test=16, epochs=2)
    ),
    "tbptt": lambda: tbptt.run_tbptt_experiment(
        tbptt.TBPTTConfig(windows=(4,), epochs=1, stream_len=24, n_streams=4)
    ),
    "reach k": lambda: tbptt.gradient_reach.__wrapped__(4, 12),
    "compare": lambda: run_comparison(CompareConfig(epochs=2, hidden_size=8)).losses,
}


def _meddler(stop: threading.Event) -> None:
    k = 0
    while not stop.is_set():
        k += 1
        torch.manual_seed(k)
        torch.randn(64)
        np.random.seed(k % 2**32)
        np.random.rand(8)


DRAWS = (torch, ("randn", "rand", "randint", "randperm", "bernoulli", "multinomial", "normal"))
INITS = (torch.nn.init, ("uniform_", "normal_", "kaiming_uniform_", "xavier_uniform_", "orthogonal_"))


@pytest.fixture
def reseed_before_every_draw(monkeypatch):
    """Every torch draw and init call first reseeds torch's global generator with a new number."""
    counter = itertools.count(1000)
    for owner, names in (DRAWS, INITS):
        for name in names:
            original = getattr(owner, name)

            def meddling(*args, _original=original, **kwargs):
                torch.manual_seed(next(counter))
                return _original(*args, **kwargs)

            monkeypatch.setattr(owner, name, meddling)


@pytest.mark.parametrize("name", list(CASES))
def test_same_seed_same_numbers_when_every_draw_reseeds(name, request):
    alone = _numbers(CASES[name]())
    request.getfixturevalue("reseed_before_every_draw")
    np.testing.assert_array_equal(np.array(_numbers(CASES[name]())), np.array(alone))


@pytest.mark.parametrize("name", list(CASES))
def test_same_seed_same_numbers_under_interference(name):
    alone = _numbers(CASES[name]())
    assert alone, "the case returned no numbers to compare"
    stop = threading.Event()
    meddler = threading.Thread(target=_meddler, args=(stop,), daemon=True)
    meddler.start()
    try:
        disturbed = _numbers(CASES[name]())
    finally:
        stop.set()
        meddler.join()
    np.testing.assert_array_equal(np.array(disturbed), np.array(alone))
