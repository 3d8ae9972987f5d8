"""The LSTM and GRU pages: gate-task training, the cell-path check, and LSTM vs GRU speed.

    .venv/bin/python -m bench.gates            # three timing rounds
    .venv/bin/python -m bench.gates --quick    # one round

`measure(quick)` returns flat keys like "gates.table.gru_over_lstm_time" (the GRU page's
"학습 속도" row: forward + backward of nn.GRU vs nn.LSTM(100, 256), batch 16, 30 steps, one
torch thread). Wall seconds depend on the machine's load.
"""

from __future__ import annotations

import os
import time

import torch

from seqcore.basics import forget, gates, gru_forms, gru_table


def _timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, round(time.perf_counter() - t0, 3)


def measure(quick: bool = False) -> dict[str, float]:
    res: dict[str, float] = {}
    gm, res["gates.gate_task.train_s"] = _timed(gates.train_gate_model, gates.GateTaskConfig())
    res["gates.gate_task.fit_s"] = round(gm.seconds, 3)  # the epochs alone (History.seconds)
    res["gates.gate_task.val_acc"] = round(gm.val_accuracy, 4)
    res["gates.gate_task.period_acc"] = round(gm.period_accuracy, 4)
    decay, res["gates.forget_decay.s"] = _timed(forget.forget_gate_decay, forget.ForgetDecayConfig())
    for d in decay:
        res[f"gates.forget_decay.bias{d.bias:+.0f}.mean_f"] = round(d.mean_forget, 3)
        res[f"gates.forget_decay.bias{d.bias:+.0f}.cell_path_len30"] = float(f"{d.cell_path:.3g}")
    forms, res["gates.gru_forms.s"] = _timed(gru_forms.compare_gru_forms)
    res["gates.gru_forms.max_diff"] = round(forms.max_diff, 4)
    ratios = []
    for _ in range(1 if quick else 3):
        sec = gru_table.fwd_bwd_seconds(gru_table.TableConfig())
        ratios.append(sec["GRU"] / sec["LSTM"])
        res["gates.table.lstm_fwd_bwd_ms"] = round(sec["LSTM"] * 1000, 2)
        res["gates.table.gru_fwd_bwd_ms"] = round(sec["GRU"] * 1000, 2)
    res["gates.table.gru_over_lstm_time"] = round(sorted(ratios)[len(ratios) // 2], 2)
    res["gates.meta.threads"] = torch.get_num_threads()
    res["gates.meta.loadavg_1min"] = round(os.getloadavg()[0], 2)
    return res


if __name__ == "__main__":
    from bench import run_suite_cli

    run_suite_cli(measure)
