"""The step-through (issue 15): what one step move costs on the server, and that it traces nothing.

    .venv/bin/python -m bench.stepper            # RNN, LSTM, GRU, every step of the lesson's sentence
    .venv/bin/python -m bench.stepper --quick    # LSTM only

A step move reruns only the step-through's fragment: it reads the cached trace, moves the
learner's three plotly figures to the step (built once per sentence: `new_sentence_figures_s`)
and serialises them as Streamlit does, writes the equations and, on the RNN page, the two
unrolled diagrams (the panel's and the top one under "펼칠 시점 수"); on the LSTM page it also
moves and serialises the three gate charts of the same sentence that follow the step, and
shades the step's row of the sentence's table (a pandas Styler, rendered here to HTML). `stepper.<kind>.step_move_s` is the median of that work over every step;
`stepper.step_move_s` the worst kind, against the 0.3 s target. `trace_s` is the one forward
pass a new sentence costs; `traces_per_move` must stay 0. The browser's round trip (click to
redrawn chart) is measured by tests/browser/test_stepper_browser.py (step_times.json).
"""

from __future__ import annotations

import os
import statistics
import time

import plotly.io as pio

from seqcore.basics import gates, step_equations, step_models
from seqcore.basics import stepper as core
from seqcore.figures import cell_diagrams
from seqcore.figures import gates as fg
from seqcore.figures import highlight as hl
from seqcore.figures import stepper as fs

TOP_STEPS = 3  # the RNN page's "펼칠 시점 수" default


def _model(kind: str):
    """(the page's trained model, the LSTM page's GateModel or None)."""
    if kind == "lstm":
        gm = gates.train_gate_model(gates.GateTaskConfig())
        return gm.model, gm
    return step_models.train_step_model(step_models.StepTaskConfig(kind=kind)).model, None


def linked_figures(gm, text: str) -> tuple[list, list]:
    """The LSTM page's sentence charts that follow the step (built once per sentence), and its table rows."""
    if gm is None:
        return [], []
    tr = gates.trace(gm, text)
    charts = (fg.gate_mean_bars, fg.gate_heatmaps, fg.state_lines)
    return [f(tr.states, tr.parsed.tokens, step=0) for f in charts], gates.trace_rows(tr)


def draw_step(tr: core.StepTrace, figs: fs.StepFigures, t: int, unit: int = 3, linked=(), rows=()) -> int:
    """What the fragment computes for one step; returns the bytes it would send.

    Streamlit's st.plotly_chart calls figure.to_dict() and plotly.io.to_json: both are timed.
    """
    moved = [*figs.at(t, unit), *(hl.move_step(f, t) for f in linked)]
    sent = sum(len(pio.to_json(f.to_dict(), validate=False)) for f in moved)
    if rows:
        sent += len(hl.step_table(rows, t).to_html())
    sent += len("\n".join(step_equations.equations(tr, t, unit)))
    if tr.kind == "rnn":
        h, tokens = tr.values["h"], tr.parsed.tokens
        sent += len(cell_diagrams.unrolled_rnn(tokens=tokens, states=h, current=t))
        sent += len(cell_diagrams.unrolled_rnn(TOP_STEPS, tokens=tokens, states=h, current=t))
    return sent


def measure(quick: bool = False) -> dict[str, float]:
    res: dict[str, float] = {}
    worst = 0.0
    for kind in ("lstm",) if quick else ("rnn", "lstm", "gru"):
        model, gm = _model(kind)
        t0 = time.perf_counter()
        tr = core.trace_model(kind, model, gates.EXAMPLES[0])
        res[f"stepper.{kind}.trace_s"] = round(time.perf_counter() - t0, 4)
        traces = core.TRACE_CALLS["count"]
        fs.StepFigures(tr)  # the first build pays plotly's imports
        hl.step_table([{"t": 1}], 0).to_html()  # and the first table pandas' Styler (jinja2) imports
        t0 = time.perf_counter()
        figs = fs.StepFigures(tr)
        linked, rows = linked_figures(gm, gates.EXAMPLES[0])
        res[f"stepper.{kind}.new_sentence_figures_s"] = round(time.perf_counter() - t0, 4)
        times = []
        for t in list(range(tr.steps)) * 3:
            t0 = time.perf_counter()
            draw_step(tr, figs, t, linked=linked, rows=rows)
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
