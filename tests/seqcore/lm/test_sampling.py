import threading

import numpy as np
import torch

from seqcore.core import rng
from seqcore.lm import sampling, units
from seqcore.lm.model import build_model

VOCAB = units.build_vocab("영화가 정말 재밌어요\n" * 3, "char", max_size=50)


def _model(seed=0):
    return build_model(len(VOCAB), 8, 16, "gru", seed).eval()


def test_as_the_temperature_goes_to_zero_sampling_is_the_argmax():
    model = _model()
    greedy = sampling.generate(model, VOCAB, "영화", 30, 0)
    cold = sampling.generate(model, VOCAB, "영화", 30, 1e-4, rng.torch_gen(5))
    assert cold.units == greedy.units
    logits = torch.tensor([0.0, 1.0, 3.0, 2.9])
    assert all(sampling.pick(logits, 1e-3, rng.torch_gen(s)) == 2 for s in range(20))


def test_the_unknown_unit_is_never_written():
    logits = torch.tensor([50.0, 0.0, 0.0])
    assert sampling.pick(logits, 0, None) != 0
    assert sampling.pick(logits, 1.0, rng.torch_gen(0)) != 0


def test_generation_writes_the_characters_asked_for():
    out = sampling.generate(_model(), VOCAB, "", 25, 1.0, rng.torch_gen(1))
    assert sum(units.starts_char(u) for u in out.units) == 25
    assert out.text == out.continuation


def test_same_seed_same_sample_while_another_thread_uses_the_global_generator():
    model = _model()
    alone = sampling.generate(model, VOCAB, "정말", 200, 1.0, rng.torch_gen(7))
    stop = threading.Event()

    def noisy():
        while not stop.is_set():
            torch.manual_seed(123)
            torch.rand(100)
            torch.multinomial(torch.ones(10), 3)
            np.random.seed(5)

    t = threading.Thread(target=noisy, daemon=True)
    t.start()
    try:
        crowded = [sampling.generate(model, VOCAB, "정말", 200, 1.0, rng.torch_gen(7)) for _ in range(3)]
    finally:
        stop.set()
        t.join()
    assert all(c.units == alone.units for c in crowded)
    assert sampling.generate(model, VOCAB, "정말", 200, 1.0, rng.torch_gen(8)).units != alone.units


def test_top_next_reads_every_step_of_one_forward_pass():
    model = _model()
    text = list("영화가")
    choices = sampling.top_next(model, VOCAB, text, k=5)
    assert len(choices) == len(text) + 1
    assert [c.after for c in choices] == ["\n", *text] and choices[0].actual == "영"
    assert choices[-1].actual is None
    for c in choices:
        assert len(c.units) == 5 and list(c.probs) == sorted(c.probs, reverse=True)
    with torch.no_grad():
        logits, _ = model(torch.tensor([[VOCAB.id_of(u) for u in ["\n", *text]]]))
    p = torch.softmax(logits[0, 2], -1)
    assert choices[2].probs[0] == float(p.max())
    assert choices[2].actual == "가" and choices[2].actual_prob == float(p[VOCAB.id_of("가")])
