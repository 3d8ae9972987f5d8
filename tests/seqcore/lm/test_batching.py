import torch

from seqcore.core import rng
from seqcore.lm import batching
from seqcore.lm.model import build_model
from seqcore.lm.trainer import run_epoch


def test_sequential_batches_continue_where_the_last_one_stopped():
    ids = torch.arange(1000)
    windows = list(batching.stream_batches(ids, batch=4, seq_len=10, offset=3))
    assert len(windows) == batching.n_windows(len(ids) - 3, 4, 10)
    for (x0, y0), (x1, _) in zip(windows, windows[1:]):
        assert torch.equal(x1[:, 0], y0[:, -1])  # row r goes on where it stopped
        assert torch.equal(y0, x0 + 1)  # the target is the next id
    assert int(windows[0][0][0, 0]) == 3


def test_random_batches_hold_the_same_windows_in_another_order():
    ids = torch.arange(1000)
    seq = torch.cat([x for x, _ in batching.stream_batches(ids, 4, 10)])
    rand = torch.cat([x for x, _ in batching.random_batches(ids, 4, 10, rng.torch_gen(0))])
    assert sorted(map(tuple, seq.tolist())) == sorted(map(tuple, rand.tolist()))
    assert not torch.equal(seq, rand)


def _states(cell: str, carried: bool):
    model = build_model(12, 4, 6, cell, seed=0)
    ids = torch.randint(0, 12, (400,), generator=rng.torch_gen(1))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    seen = []
    run_epoch(
        model,
        batching.stream_batches(ids, 3, 8),
        opt,
        carried=carried,
        clip_norm=1.0,
        on_step=lambda s_in, s_out: seen.append((s_in, s_out)),
    )
    return seen


def test_a_carried_batch_starts_from_the_last_state_of_the_one_before_detached():
    for cell in ("gru", "lstm"):
        seen = _states(cell, carried=True)
        assert seen[0][0] is None
        for (_, last), (first, _) in zip(seen, seen[1:]):
            pairs = zip(first, last) if isinstance(first, tuple) else [(first, last)]
            for f, l in pairs:
                assert torch.equal(f, l)  # the same values
                assert (
                    l.grad_fn is not None and f.grad_fn is None and not f.requires_grad
                )  # cut from the graph


def test_random_batches_start_every_batch_from_zero():
    assert all(first is None for first, _ in _states("gru", carried=False))
