import pytest
import torch

from seqcore.basics.longdep import (
    DependencyConfig,
    DependencyResult,
    init_gate_bias,
    make_dependency_task,
    result_rows,
    run_dependency_experiment,
    summary,
)
from seqcore.basics.models import RecurrentClassifier


@pytest.mark.parametrize(("n", "seq_len"), [(2, 1), (64, 5), (128, 30), (256, 200)])
def test_task_is_deterministic_and_balanced(n, seq_len):
    x1, y1 = make_dependency_task(n, seq_len, seed=3)
    x2, y2 = make_dependency_task(n, seq_len, seed=3)
    assert torch.equal(x1, x2) and torch.equal(y1, y2)
    assert x1.shape == (n, seq_len, 2) and y1.shape == (n,)
    assert int(y1.sum()) == n // 2


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_first_value_decides_the_label_and_the_rest_is_noise(seed):
    x, y = make_dependency_task(200, 20, seed=seed, noise=3.0)
    assert torch.equal((x[:, 0, 0] > 0).long(), y)
    assert torch.all(x[:, 0, 1] == 1) and torch.all(x[:, 1:, 1] == 0)
    # later values carry no information about the label
    later = x[:, 1:, 0].mean(dim=1)
    assert abs(later[y == 1].mean() - later[y == 0].mean()) < 0.5
    assert 2.5 < x[:, 1:, 0].std() < 3.5


def test_different_seeds_give_different_tasks():
    assert not torch.equal(make_dependency_task(8, 5, seed=1)[0], make_dependency_task(8, 5, seed=2)[0])


@pytest.mark.parametrize(("n", "seq_len"), [(3, 5), (0, 5), (4, 0)])
def test_bad_sizes_are_errors(n, seq_len):
    with pytest.raises(ValueError):
        make_dependency_task(n, seq_len)


@pytest.mark.parametrize(("kind", "changed"), [("rnn", False), ("lstm", True), ("gru", True)])
def test_gate_bias_moves_only_the_memory_gate(kind, changed):
    torch.manual_seed(0)
    model = RecurrentClassifier(kind, 2, 4, 2)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    init_gate_bias(model, 2.0)
    after = model.state_dict()
    diff = {k for k in before if not torch.equal(before[k], after[k])}
    assert diff == ({"rnn.bias_ih_l0"} if changed else set())
    if changed:
        delta = after["rnn.bias_ih_l0"] - before["rnn.bias_ih_l0"]
        assert torch.allclose(delta[4:8], torch.full((4,), 2.0)) and delta[:4].abs().max() == 0


def test_experiment_reports_progress_and_one_accuracy_per_length():
    calls = []
    cfg = DependencyConfig(lengths=(3, 6), epochs=5, n_train=32, n_test=32)
    res = run_dependency_experiment(cfg, on_epoch=lambda e, t, loss: calls.append((e, t)))
    assert [e for e, _ in calls] == list(range(1, 31)) and calls[-1][1] == 30  # 5 epochs: every one
    assert set(res.accuracy) == {"rnn", "lstm", "gru"}
    assert all(len(a) == 2 and all(0 <= v <= 1 for v in a) for a in res.accuracy.values())
    again = run_dependency_experiment(cfg)
    assert again.accuracy == res.accuracy  # same config, same result


def test_short_sequences_are_learned_by_all_and_progress_is_throttled():
    calls = []
    cfg = DependencyConfig(lengths=(3,), epochs=40)
    res = run_dependency_experiment(cfg, on_epoch=lambda e, t, loss: calls.append(e))
    assert calls[:11] == [4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44] and calls[-1] == 120
    assert all(a[0] > 0.9 for a in res.accuracy.values()), res.accuracy


@pytest.mark.parametrize(
    ("acc", "expected"),
    [
        ({"rnn": [1.0, 0.5], "lstm": [1.0, 0.98]}, ["길이 30에서 찍기와 구별되지 않았어요", "98% 이상"]),
        ({"gru": [1.0, 0.996]}, ["(거의) 100%"]),
        ({"rnn": [1.0, 0.8]}, ["가장 낮은 정확도 80%"]),
    ],
)
def test_summary_reads_the_numbers(acc, expected):
    res = DependencyResult([5, 30], acc, {k: [0.0, 0.0] for k in acc})
    text = summary(res)
    for piece in expected:
        assert piece in text
    assert result_rows(res)[1]["시퀀스 길이"] == 30


@pytest.mark.parametrize(("acc", "near"), [(0.56, True), (0.57, False), (0.645, False)])
def test_summary_uses_the_guessers_range_for_the_test_size(acc, near):
    # 256 test sequences: a guesser stays within 43.8% ~ 56.2% 95% of the time.
    res = DependencyResult([5, 30], {"rnn": [1.0, acc]}, {"rnn": [0.0, 0.0]}, n_test=256)
    assert ("찍기와 구별되지 않았어요" in summary(res)) is near
