"""Part 1 (시퀀스 데이터, RNN, 기울기 소실): the long-dependency experiment's time and accuracy.

    .venv/bin/python -m bench.basics            # default config, seeds 42, 0, 7
    .venv/bin/python -m bench.basics --quick    # seed 42 only

`measure(quick)` returns flat keys like "basics.longdep.seed42.wall_s" and
"basics.longdep.seed42.rnn_acc_len30". Wall seconds depend on the machine's load; cpu_s
(process time, one torch thread) is what the run costs on an idle core. Page render times
are measured by bench.pages.
"""

from __future__ import annotations

import os
import time

from seqcore.basics.gradients import gradient_norms_by_model
from seqcore.basics.longdep import DependencyConfig, run_dependency_experiment


def measure(quick: bool = False) -> dict[str, float]:
    res: dict[str, float] = {}
    for seed in (42,) if quick else (42, 0, 7):
        cfg = DependencyConfig(seed=seed)
        wall, cpu = time.perf_counter(), time.process_time()
        out = run_dependency_experiment(cfg)
        key = f"basics.longdep.seed{seed}"
        res[f"{key}.wall_s"] = round(time.perf_counter() - wall, 2)
        res[f"{key}.cpu_s"] = round(time.process_time() - cpu, 2)
        for kind, acc in out.accuracy.items():
            for n, a in zip(out.lengths, acc):
                res[f"{key}.{kind}_acc_len{n}"] = round(a, 4)
    t0 = time.perf_counter()
    gradient_norms_by_model(300, 128, 1.0)
    res["basics.gradients.len300_h128_s"] = round(time.perf_counter() - t0, 3)
    res["basics.meta.loadavg_1min"] = round(os.getloadavg()[0], 2)
    return res


if __name__ == "__main__":
    from bench import run_suite_cli

    run_suite_cli(measure)
