"""The step-through (issue 15): what one step move costs on the server, and that it traces nothing.

    .venv/bin/python -m bench.stepper            # RNN, LSTM, GRU, every step of the lesson's sentence
    .venv/bin/python -m bench.stepper --quick    # LSTM only

A step move reruns only the step-through's fragment: it reads the cached trace, moves the
learner's three plotly figures to the step (built once per sentence: `new_sentence_figures_s`)
and serialises them as Streamlit does, writes the equations and, on the RNN page, the unrolled
diagram. `stepper.<kind>.step_move_s` is the median of that work over every step;
`stepper.step_move_s` the worst kind, against the 0.3 s target. `trace_s` is the one forward
pass a new sentence costs; `traces_per_move` must stay 0. The browser's round trip (click to
redrawn chart) is measured by tests/browser/test_stepper_browser.py (step_times.json).
"""

from __future__ import annotations

import os
import statistics
import time

import plotly.io as pio

from seqcore.basics import gates
from seqcore.basics import stepper as core
from seqcore.figures import diagrams
from seqcore.figures import stepper as fs


def _model(kind: str):
    if kind == "lstm":
        return gates.train_gate_model(gates.GateTaskConfig()).model
    return core.train_step_model(core.StepTaskConfig(kind=kind)).model


def draw_step(tr: core.StepTrace, figs: fs.StepFigures, t: int, unit: int = 3) -> int:
    """What the fragment computes for one step; returns the bytes it would send.

    Streamlit's st.plotly_chart calls figure.to_dict() and plotly.io.to_json: both are timed.
    """
    sent = sum(len(pio.to_json(f.to_dict(), validate=False)) for f in figs.at(t, unit))
    sent += len("\n".join(core.equations(tr, t, unit)))
    if tr.kind == "rnn":
        sent += len(diagrams.unrolled_rnn(tokens=tr.parsed.tokens, states=tr.values["h"], current=t))
    return sent


def measure(quick: bool = False) -> dict[str, float]:
    res: dict[str, float] = {}
    worst = 0.0
    for kind in ("lstm",) if quick else ("rnn", "lstm", "gru"):
        model = _model(kind)
        t0 = time.perf_counter()
        tr = core.trace_model(kind, model, gates.EXAMPLES[0])
        res[f"stepper.{kind}.trace_s"] = round(time.perf_counter() - t0, 4)
        traces = core.TRACE_CALLS["count"]
        fs.StepFigures(tr)  # the first build pays plotly's imports
        t0 = time.perf_counter()
        figs = fs.StepFigures(tr)
        res[f"stepper.{kind}.new_sentence_figures_s"] = round(time.perf_counter() - t0, 4)
        times = []
        for t in list(range(tr.steps)) * 3:
            t0 = time.perf_counter()
            draw_step(tr, figs, t)
            times.append(time.perf_counter() - t0)
        res[f"stepper.{kind}.step_move_s"] = round(statistics.median(times), 4)
        res[f"stepper.{kind}.step_move_max_s"] = round(max(times), 4)
        res[f"stepper.{kind}.traces_per_move"] = core.TRACE_CALLS["count"] - traces
        worst = max(worst, res[f"stepper.{kind}.step_move_s"])
    res["stepper.step_move_s"] = round(worst, 4)
    res["stepper.meta.loadavg_1min"] = round(os.getloadavg()[0], 2)
    return res


if __name__ == "__main__":
    from bench import run_suite_cli

    run_suite_cli(measure)
