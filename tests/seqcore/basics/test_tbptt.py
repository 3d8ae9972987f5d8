import pytest
import torch

from seqcore.basics.tbptt import (
    DEFAULT_RUNS,
    LEARNED,
    TBPTTConfig,
    TBPTTResult,
    echo_stream,
    run_tbptt_experiment,
    tbptt_summary,
)


def test_echo_stream_targets_the_value_lag_steps_back():
    x, y = echo_stream(4, 20, 3, seed=0)
    assert x.shape == (4, 20, 1) and y.shape == (4, 20)
    assert torch.equal(y[:, 3:], (x[:, :-3, 0] > 0).float()) and not y[:, :3].any()


@pytest.mark.parametrize("lag", [0, 20])
def test_echo_stream_refuses_impossible_lags(lag):
    with pytest.raises(ValueError):
        echo_stream(2, 20, lag, seed=0)


@pytest.mark.slow  # trains the echo task over several window lengths
def test_windows_no_longer_than_the_lag_cannot_learn_the_echo():
    cfg = TBPTTConfig(lag=4, windows=(2, 4, 12), epochs=10)
    calls = []
    res = run_tbptt_experiment(cfg, on_epoch=lambda e, t, loss: calls.append((e, t)))
    assert calls[-1] == (30, 30)
    acc = dict(zip(res.windows, res.accuracy))
    # The gradient never reaches the input that decides: not learned (0.49 and 0.60 on one machine;
    # the forward pass still carries a little memory by chance), while k = 12 > lag learns it.
    assert acc[2] < LEARNED and acc[4] < LEARNED
    assert acc[12] > LEARNED
    assert res.stored_steps == [2, 4, 12] and res.updates[0] > res.updates[-1]
    assert res.test_steps == 256 * (160 - 4)
    text = tbptt_summary(res)
    assert "k ≤ lag(4)" in text and "k = 12에서 배웠어요" in text
    assert f"{max(acc[2], acc[4]):.1%}" in text and "49.5% ~ 50.5%" in text  # the range for 39,936 steps


def _result(short_acc: float) -> TBPTTResult:
    return TBPTTResult([2, 8], [short_acc, 0.95], [1.0, 1.0], [80, 20], [2, 8], "CPU", 4, 160, 39_936)


@pytest.mark.parametrize(
    ("short_acc", "near"),
    [(0.503, True), (0.645, False), (0.49, True)],  # 64.5% on 39,936 steps is far above guessing
)
def test_summary_calls_near_chance_only_inside_the_guessers_range(short_acc, near):
    text = tbptt_summary(_result(short_acc))
    assert ("찍기와 구별되지 않아요" in text) is near
    assert ("우연히 남은 기억" in text) is not near


def test_summary_says_k_or_more_steps_apart():
    text = tbptt_summary(_result(0.5))
    assert "k 시점 이상 떨어진 의존성" in text and "k보다 먼" not in text


def test_default_run_is_exposed_for_the_start_up_work():
    ((store, trainer, cfg),) = DEFAULT_RUNS
    assert trainer is run_tbptt_experiment and cfg == TBPTTConfig()


@pytest.mark.parametrize("k", [1, 4, 7, 40])
def test_gradient_stops_at_the_start_of_the_last_chunk(k):
    from seqcore.basics.tbptt import gradient_reach

    reach = gradient_reach(k, length=40)
    last_chunk = 40 - ((40 - 1) // k) * k  # steps in the final chunk
    assert all(v == 0 for v in reach[: 40 - last_chunk])
    assert all(v > 0 for v in reach[40 - last_chunk :])
