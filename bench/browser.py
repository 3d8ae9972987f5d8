"""What a learner waits in a real browser: `python -m bench.browser [--quick]`.

Timed from the browser's navigation start (`performance.now()` in the tab) to the page fully
drawn: the app's run has ended (`stApp` reads `data-test-script-state="notRunning"`), no
skeleton placeholder is left, every diagram, plotly and Vega-Lite chart has drawn, the main area shows
text, and this holds for HOLD_S (a deep
link on a fresh server reruns itself once under the entry point: the first "notRunning" is
not the end). Also recorded: when the first text appeared in the main area (`..._first_text_s`),
because a wait is only silent until something says what is happening.

Each case is visited `--samples` times (default 3, in rounds over the pages) and its median
recorded, with `<key>.samples`: one visit varies by up to 2x on a shared machine.

Keys (seconds):
- `browser.first_home_s`: the home page, right after a fresh server answers `/_stcore/health`.
- `browser.deep_link.<page>_s`: a direct link to `/<page>` as the first visit of a fresh server.
- `browser.warm_new_session.<page>_s`: a new browser session (fresh context) on a warm server
  that has served every page once and finished its start-up work; `home` for the home page.
- `browser.returning.<page>_s`: a new session (a new tab) in a browser that has opened every page
  before, so Streamlit's and plotly's code come from its cache: what a learner's second visit costs.
- `browser.floor.<case>_s`: the floor. bench/floor_app.py, a bare Streamlit page with a title and
  a paragraph (`text`), plus one (`one_chart`) or six (`six_charts`) small plotly charts, or one
  small Vega-Lite chart (`one_vega_chart`: what a page's first part draws its charts with), opened
  in a new session on its own warm server, in the same browser on the same machine: no app page
  can draw faster than this page with as many charts.
- `browser.element.<name>_s` (`--elements` only): the floor page with one element of that kind
  (bench/floor_app.py's ELEMENTS: code block, latex, slider, ...) and `none` without, in new
  sessions: the difference is what that kind's code costs a page's first draw.
Targets (bench, not tests): the browser suite's entry in bench.SUITES. The floor has none: it is what the machine and the libraries allow.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

from bench import record as record_suite
from bench import target_for as registry_target

ROOT = Path(__file__).resolve().parent.parent
COMMAND = "python -m bench.browser"
PARTIAL = ROOT / "bench" / "results.browser.partial.json.tmp"
VIEWPORT = {"width": 1400, "height": 900}
HOLD_S = 1.0  # the drawn state must last this long (a rerun in between resets the clock)
TIMEOUT_S = 120.0

# case -> the query of bench/floor_app.py: that many small plotly (or Vega-Lite) charts
FLOOR = {
    "text": "charts=0",
    "one_chart": "charts=1",
    "six_charts": "charts=6",
    "one_vega_chart": "charts=1&kind=vega",
}

# Runs in the tab from its first instant: records when text first shows and when the page is drawn.
PROBE = """
(() => {
  const t = {firstText: null, drawn: null};
  window.__seqlab = t;
  setInterval(() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const text = main ? main.innerText.trim() : '';
    if (t.firstText === null && text.length > 0) t.firstText = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
    const skeleton = document.querySelector(
      '[data-testid="stSkeleton"], [data-testid="stAppSkeleton"], [data-testid="stSkeletonElement"]');
    // Charts draw after the run ends: a diagram needs its svg, a plotly chart its plot, a
    // Vega-Lite chart its svg or canvas.
    const drawn = (id, part) => [...document.querySelectorAll(`[data-testid="${id}"]`)].every(
      (g) => g.querySelector(part));
    const charts = drawn('stGraphVizChart', 'svg') && drawn('stPlotlyChart', '.main-svg')
      && drawn('stVegaLiteChart', 'svg, canvas');
    if (idle && !skeleton && charts && text.length > 0) {
      if (t.drawn === null) t.drawn = performance.now();
    } else {
      t.drawn = null;
    }
  }, 25);
})();
"""


def _shots(root: Path = ROOT):
    """scripts/screenshot.py of the tree at `root`: its start_server runs that tree's app."""
    name = "seqlab_screenshot" if root == ROOT else f"seqlab_screenshot_{abs(hash(str(root)))}"
    spec = importlib.util.spec_from_file_location(name, root / "scripts" / "screenshot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def page_names() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from seqcore.ui.catalog import PAGES

    return ["home"] + [p.stem for p in PAGES]


def timed_visit(context, url: str) -> dict:
    """Open `url` in a new tab of `context`: {"drawn_s", "first_text_s", "exceptions"}."""
    page = context.new_page()
    page.add_init_script(PROBE)
    try:
        page.goto(url, wait_until="commit")
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            now, t = page.evaluate("() => [performance.now(), window.__seqlab]")
            if t and t["drawn"] is not None and now - t["drawn"] >= HOLD_S * 1000:
                errors = page.locator('[data-testid="stException"]').count()
                first = t["firstText"] if t["firstText"] is not None else t["drawn"]
                return {"drawn_s": t["drawn"] / 1000, "first_text_s": first / 1000, "exceptions": errors}
            page.wait_for_timeout(50)
        raise TimeoutError(f"{url} was not drawn within {TIMEOUT_S:.0f} s")
    finally:
        page.close()


def _url(base: str, name: str) -> str:
    return f"{base}/" if name == "home" else f"{base}/{name}"


def _in_new_context(browser, url: str) -> dict:
    """`url` timed in a brand-new browser session (a fresh context: empty cache and storage)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        return timed_visit(context, url)
    finally:
        context.close()


def _fresh_server_visit(shots, browser, name: str) -> dict:
    port = shots.free_port()
    server = shots.start_server(port)  # returns once /_stcore/health says ok
    try:
        return _in_new_context(browser, _url(f"http://127.0.0.1:{port}", name))
    finally:
        shots.stop_server(server)


def _record(results: dict, key: str, visits: list[dict], log) -> None:
    """The median of the visits so far (one sample varies by up to 2x on a shared machine)."""
    drawn = [v["drawn_s"] for v in visits]
    results[f"{key}_s"] = round(statistics.median(drawn), 2)
    results[f"{key}.first_text_s"] = round(statistics.median(v["first_text_s"] for v in visits), 2)
    results[f"{key}.samples"] = len(visits)
    if errors := sum(v["exceptions"] for v in visits):
        results[f"{key}.exceptions"] = errors
    log(
        f"  {key}: drawn {', '.join(f'{d:.2f}' for d in drawn)} s, first text {visits[-1]['first_text_s']:.2f} s"
    )
    _save_partial(results)


def _sampled(names: list[str], samples: int, visit, record) -> None:
    """`samples` rounds over `names` (a round visits each once, so a slow minute of the machine
    is spread over every page), recording each page's median after every round."""
    seen: dict[str, list[dict]] = {name: [] for name in names}
    for _ in range(samples):
        for name in names:
            seen[name].append(visit(name))
            record(name, seen[name])


def _save_partial(results: dict) -> None:
    """Each number as soon as it is measured (a long run on a busy machine may be stopped)."""
    PARTIAL.write_text(json.dumps(results, indent=1) + "\n")


def _warm_sessions(shots, browser, names: list[str], samples: int, log) -> dict:
    """One server: every page once (warming it), then each page in brand-new sessions."""
    results: dict = {}
    port = shots.free_port()
    server = shots.start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        warmer = browser.new_context(viewport=VIEWPORT)
        try:
            for name in names:
                timed_visit(warmer, _url(base, name))
            from bench.classroom import wait_for_startup

            wait_for_startup(port)  # every default computed: nothing else runs on the server
            _sampled(
                names,
                samples,
                lambda name: _in_new_context(browser, _url(base, name)),
                lambda name, v: _record(results, f"browser.warm_new_session.{name}", v, log),
            )
            log("[browser] new tabs of a browser that has opened every page (its cache is warm)")
            _sampled(
                names,
                samples,
                lambda name: timed_visit(warmer, _url(base, name)),
                lambda name, v: _record(results, f"browser.returning.{name}", v, log),
            )
        finally:
            warmer.close()
    finally:
        shots.stop_server(server)
    return results


def _floor(shots, browser, cases: dict[str, str], prefix: str, warm: list[str], samples: int, log) -> dict:
    """bench/floor_app.py on its own server, first opened at the `warm` queries: each case (name ->
    its query) in new sessions (fresh contexts), recorded as `<prefix>.<name>`."""
    results: dict = {}
    port = shots.free_port()
    server = shots.start_server(port, script="bench/floor_app.py")
    base = f"http://127.0.0.1:{port}/"
    try:
        for query in warm:
            _in_new_context(browser, f"{base}?{query}")
        _sampled(
            list(cases),
            samples,
            lambda case: _in_new_context(browser, f"{base}?{cases[case]}"),
            lambda case, v: _record(results, f"{prefix}.{case}", v, log),
        )
    finally:
        shots.stop_server(server)
    return results


def elements(samples: int = 5, log=print) -> dict:
    """`browser.element.<name>_s`: bench/floor_app.py with one element of each kind (its ELEMENTS),
    and `browser.element.none_s` without, each in new sessions, in rounds: the difference is what
    that kind's code costs a page's first draw here."""
    from playwright.sync_api import sync_playwright

    cases = {name: f"element={name}" for name in ["none", *_floor_elements()]}
    shots = _shots()
    with sync_playwright() as p:
        chromium = shots.launch_browser(p)
        try:
            warm = list(cases.values())  # the server's first run of each kind
            return _floor(shots, chromium, cases, "browser.element", warm, samples, log)
        finally:
            chromium.close()


def _floor_elements() -> list[str]:
    """The element names of bench/floor_app.py (read from its source: importing it would run it)."""
    import ast

    tree = ast.parse((ROOT / "bench" / "floor_app.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ELEMENTS":
            return [k.value for k in node.value.keys]
    return []


def measure(quick: bool = False, samples: int | None = None, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    samples = samples or (1 if quick else 3)  # `python -m bench --quick` calls measure(True)
    shots = _shots()
    names = page_names()
    deep = ["rnn", "sentiment"] if quick else names[1:]
    results: dict = {}
    with sync_playwright() as p:
        browser = shots.launch_browser(p)
        try:
            log(f"[browser] {samples} sample(s) per case, each page's median recorded")
            log(
                "[browser] home right after the server is healthy, and deep links as a fresh server's first visit"
            )
            _sampled(
                ["home", *deep],
                samples,
                lambda name: _fresh_server_visit(shots, browser, name),
                lambda name, v: _record(
                    results, "browser.first_home" if name == "home" else f"browser.deep_link.{name}", v, log
                ),
            )
            log("[browser] new sessions on a warm server")
            results.update(_warm_sessions(shots, browser, ["home", "rnn"] if quick else names, samples, log))
            log(
                "[browser] the floor: a bare Streamlit page with 0, 1 and 6 small plotly charts, and 1 Vega-Lite chart"
            )
            warm = ["charts=6"]  # the server's first run imports plotly
            results.update(_floor(shots, browser, FLOOR, "browser.floor", warm, samples, log))
        finally:
            browser.close()
    return results


def target_for(key: str) -> float | None:
    """The upper bound of a browser.* key (bench.SUITES), or None."""
    target = registry_target(key)
    return target[1] if target else None


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="two deep links and two warm pages, one sample each")
    ap.add_argument(
        "--samples", type=int, help="visits per case; the median is recorded (default 3; 5 with --elements)"
    )
    ap.add_argument(
        "--elements",
        action="store_true",
        help="only the cost of one element of each kind on the floor page (browser.element.*; 5 samples by default)",
    )
    args = ap.parse_args()
    samples = max(1, args.samples or (5 if args.elements else 3))
    if args.elements:
        results = elements(samples=samples)
        PARTIAL.unlink(missing_ok=True)
        record_suite("browser_element", results, COMMAND + f" --elements --samples {samples}")
        none = results["browser.element.none_s"]
        for key, value in results.items():
            if key.endswith("_s") and not key.endswith(".first_text_s"):
                print(f"{key:40} {value:>6}  (+{value - none:.2f})")
        return 0
    results = measure(quick=args.quick, samples=1 if args.quick else samples)
    PARTIAL.unlink(missing_ok=True)
    command = COMMAND + (" --quick" if args.quick else f" --samples {samples}")
    record_suite("browser", results, command, quick=args.quick)
    missed = [k for k, v in results.items() if (b := target_for(k)) is not None and v > b]
    for key, value in results.items():
        bound = target_for(key)
        verdict = "" if bound is None else f"<= {bound:g}  {'ok' if value <= bound else 'MISSED'}"
        print(f"{key:48} {value:>8}  {verdict}")
    print("targets missed: " + (", ".join(missed) if missed else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
