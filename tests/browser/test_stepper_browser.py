"""Issue 15 in a real browser: readable diagrams, projector mode, a 390 px phone, and one LSTM
sentence stepped through (screenshots at t = 1, 3 and the last step under tests/artifacts/stepper/,
with the measured time per step move in step_times.json).
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from browserkit import chromium_and_server

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "artifacts" / "stepper"
MIN_DIAGRAM_PX = 14.0
# The part (ui.sections tab) of each page where a sentence is stepped through.
STEP_PART = {
    "rnn": "rnn?rnn_part=" + quote("한 시점씩 읽기"),
    "lstm": "lstm?lstm_part=" + quote("실제 게이트"),
    "gru": "gru?gru_part=" + quote("한 시점씩 읽기"),
}

pytestmark = pytest.mark.browser

# Every graphviz text: its computed font size times the SVG's scale on screen, in CSS px.
DIAGRAM_FONTS = """() => [...document.querySelectorAll('[data-testid="stGraphVizChart"] svg')].map(svg => {
  const sizes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  return {min: Math.min(...sizes), raw: svg.textContent.includes('_{')};
})"""


@pytest.fixture(scope="module")
def app():
    """(helpers, chromium, base url) with one server for the module."""
    with chromium_and_server() as app:
        yield app


def _open(app, path: str, width: int = 1400, height: int = 1000, diagrams: bool = True):
    shots, chromium, base = app
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.goto(f"{base}/{path}")
    shots.wait_for_run(page)
    if diagrams:
        page.wait_for_selector('[data-testid="stGraphVizChart"] svg text', timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    return page


def _train_lstm(page) -> None:
    page.locator(".st-key-lstm_gate_run button").click()
    page.wait_for_selector(".st-key-lstm_step_t_next button", timeout=180_000)
    _wait_step(page, "lstm", 1)


def _title(page, kind: str) -> str:
    return page.locator(f".st-key-{kind}_step_strips .gtitle").first.text_content() or ""


def _wait_step(page, kind: str, step: int, timeout: int = 30_000) -> None:
    page.wait_for_function(
        "([sel, want]) => { const t = document.querySelector(sel); return t && t.textContent.startsWith(want); }",
        arg=[f".st-key-{kind}_step_strips .gtitle", f"시점 {step} /"],
        timeout=timeout,
    )


DIAGRAM_PARTS = [
    "",
    "rnn",
    STEP_PART["rnn"],
    "rnn?rnn_part=" + quote("출력과 분류 모델"),
    "lstm",
    "gru",
    "birnn?birnn_part=" + quote("분류 모델"),
]


@pytest.mark.parametrize("path", DIAGRAM_PARTS)
def test_diagram_text_is_at_least_14px_in_a_1400px_window(app, path):
    page = _open(app, path)
    page.wait_for_timeout(500)
    fonts = page.evaluate(DIAGRAM_FONTS)
    page.close()
    assert fonts, f"/{path} shows no diagram"
    for i, f in enumerate(fonts):
        assert f["min"] >= MIN_DIAGRAM_PX, f"/{path} diagram {i}: text {f['min']:.1f} px"
        assert not f["raw"], f"/{path} diagram {i} shows a raw _{{...}} subscript"


def _shot(shots, page, name: str, width: int) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    shots.full_height_screenshot(page, OUT / name, width=width)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_projector_mode_and_a_390px_phone(app, kind):
    shots = app[0]
    page = _open(app, f"{STEP_PART[kind]}&projector=true", diagrams=kind == "rnn")  # its unrolled diagram
    if kind == "lstm":
        _train_lstm(page)
    page.wait_for_selector(f".st-key-{kind}_step_strips .gtitle", timeout=120_000)
    body = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector("  # a paragraph of st.markdown, not a tab label
        "'[data-testid=stMain] [data-testid=stMarkdown] [data-testid=stMarkdownContainer] p')).fontSize)"
    )
    assert body >= 22, f"projector mode left body text at {body}px"
    fonts = page.evaluate(DIAGRAM_FONTS)  # the step parts of lstm and gru draw no diagram
    assert all(f["min"] >= MIN_DIAGRAM_PX for f in fonts), fonts
    _shot(shots, page, f"{kind}_projector.png", 1400)
    page.close()

    phone = _open(app, STEP_PART[kind], width=390, height=844, diagrams=kind == "rnn")
    if kind == "lstm":
        _train_lstm(phone)
    phone.wait_for_selector(f".st-key-{kind}_step_strips .gtitle", timeout=120_000)
    cut = phone.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stCode] pre')]"
        ".filter(p => p.scrollWidth > p.clientWidth + 1).length"
    )
    assert cut == 0, f"{cut} code blocks are cut on a 390 px phone"
    fonts = phone.evaluate(DIAGRAM_FONTS)
    assert all(f["min"] >= MIN_DIAGRAM_PX for f in fonts), fonts
    _shot(shots, phone, f"{kind}_390.png", 390)
    phone.close()


def _step_region(page, name: str) -> None:
    """A screenshot of the step-through as the learner sees it: controls down to the last chart."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height), 16000)})
    page.wait_for_timeout(700)
    top = page.locator(".st-key-lstm_step_t_first").bounding_box()
    bottom = page.locator(".st-key-lstm_step_answers").bounding_box()
    clip = {
        "x": 0,
        "y": top["y"] - 20,
        "width": 1400,
        "height": bottom["y"] + bottom["height"] - top["y"] + 40,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / name), clip=clip)
    page.set_viewport_size({"width": 1400, "height": 1000})


WATCH_RUNS = """() => { window.__runs = []; const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => window.__runs.push([performance.now(), app.getAttribute('data-test-script-state')]))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
RUN_MS = """() => { const r = window.__runs, a = r.find(m => m[1] === 'running'),
  b = a && r.find(m => m[1] === 'notRunning' && m[0] > a[0]); window.__runs = []; return b ? b[0] - a[0] : null; }"""


def _move(page, button: str, step: int) -> tuple[float, float | None]:
    """(click to the new step drawn, the server's run of the fragment) in seconds."""
    page.evaluate("() => { window.__runs = []; }")
    t0 = time.perf_counter()
    page.locator(f".st-key-lstm_step_t_{button} button").click()
    _wait_step(page, "lstm", step)
    total = time.perf_counter() - t0
    page.wait_for_timeout(200)
    run_ms = page.evaluate(RUN_MS)
    return total, None if run_ms is None else run_ms / 1000


def test_one_lstm_sentence_stepped_through(app):
    page = _open(app, STEP_PART["lstm"], diagrams=False)
    _train_lstm(page)
    last = int(_title(page, "lstm").split("/")[1].split("·")[0])
    _step_region(page, "lstm_t1.png")
    page.evaluate(WATCH_RUNS)
    moves = [_move(page, "next", 2), _move(page, "next", 3)]
    _step_region(page, "lstm_t3.png")
    moves += [_move(page, "last", last), _move(page, "prev", last - 1), _move(page, "next", last)]
    _step_region(page, f"lstm_t{last}.png")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
    totals, runs = [m[0] for m in moves], [m[1] for m in moves if m[1] is not None]
    report = {
        "click_to_drawn_s": [round(t, 3) for t in totals],
        "click_to_drawn_median_s": round(statistics.median(totals), 3),
        "server_run_s": [round(t, 3) for t in runs],
        "server_run_median_s": round(statistics.median(runs), 3) if runs else None,
        "what": "click on a step button -> the strip chart shows the new step; server_run: the app's "
        "script state running -> notRunning (the fragment's rerun)",
        "loadavg_1min": round(os.getloadavg()[0], 2),
    }
    (OUT / "step_times.json").write_text(json.dumps(report, indent=1) + "\n")
    assert len(totals) == 5


# The column (0-based) each step band sits over, per chart: the band's centre on the plot area.
BAND_COLUMNS = """([key, n]) => { const root = document.querySelector('.st-key-' + key);
  const area = root.querySelector('.nsewdrag').getBoundingClientRect();
  return [...root.querySelectorAll('.shapelayer path')].map(p => { const b = p.getBoundingClientRect();
    return Math.round((b.x + b.width / 2 - area.x) / area.width * n - 0.5); }); }"""
LINKED = ("lstm_real_bars", "lstm_heatmap", "lstm_states", "lstm_step_timeline", "lstm_step_answers")


def test_a_click_on_any_gate_chart_picks_that_step_in_every_chart(app):
    page = _open(app, STEP_PART["lstm"], diagrams=False)
    _train_lstm(page)
    n = int(_title(page, "lstm").split("/")[1].split("·")[0])
    for key, col in (
        ("lstm_real_bars", 5),
        ("lstm_heatmap", 1),
        ("lstm_states", 3),
        ("lstm_step_timeline", 4),
    ):
        page.locator(f".st-key-{key}").scroll_into_view_if_needed()
        box = page.locator(f".st-key-{key} .nsewdrag").first.bounding_box()
        page.mouse.click(box["x"] + box["width"] * (col + 0.5) / n, box["y"] + box["height"] / 2)
        _wait_step(page, "lstm", col + 1)
        page.wait_for_timeout(500)
        for chart in LINKED:
            columns = page.evaluate(BAND_COLUMNS, [chart, n])
            assert columns and set(columns) == {col}, f"after a click on {key}: {chart} bands {columns}"
    assert page.locator(".st-key-lstm_heatmap").count() == 1  # redrawn in place, not added
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_rnn_unrolled_diagram_follows_the_step(app):
    page = _open(app, STEP_PART["rnn"])
    _wait_step(page, "rnn", 1, timeout=120_000)
    unrolled = "() => document.querySelector('[data-testid=stGraphVizChart] svg').textContent"
    assert "시점 1 (지금)" in page.evaluate(unrolled)
    page.locator(".st-key-rnn_step_t_next button").click()
    _wait_step(page, "rnn", 2)
    page.wait_for_function(f"() => ({unrolled})().includes('시점 2 (지금)')", timeout=30_000)
    assert page.locator('[data-testid="stGraphVizChart"]').count() == 1  # the step part draws it once
    page.close()


def test_play_runs_to_the_last_step_and_stops(app):
    page = _open(app, STEP_PART["gru"], diagrams=False)
    page.wait_for_selector(".st-key-gru_step_strips .gtitle", timeout=120_000)
    last = int(_title(page, "gru").split("/")[1].split("·")[0])
    page.locator(".st-key-gru_step_t_play button").click()
    _wait_step(page, "gru", 3, timeout=20_000)
    _wait_step(page, "gru", last, timeout=30_000)
    page.wait_for_timeout(2500)  # stopped: no further step, and the button offers play again
    assert _title(page, "gru").startswith(f"시점 {last} /")
    assert "재생" in page.locator(".st-key-gru_step_t_play button").inner_text()
    page.close()


def test_quiz_code_wraps_on_a_390px_phone(app):
    """Quiz Q1's code holds the numbers needed to answer: on a phone it wraps instead of being cut."""
    page = _open(app, "quiz", width=390, height=844, diagrams=False)
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stCode"] pre')
    blocks = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stCode] pre')]"
        ".map(p => ({cut: p.scrollWidth > p.clientWidth + 1, text: p.innerText}))"
    )
    page.close()
    assert any("hidden_size=100" in b["text"] for b in blocks)
    assert not [b["text"][:60] for b in blocks if b["cut"]]
