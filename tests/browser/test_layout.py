"""Every page, every part, on a 390 x 844 phone and in projector mode at 1280 x 720 (issue 29).

For each view the probe (layout_probe.js, run in the page) reports: anything drawn past the main
column, and any box that scrolls sideways unless it is a chart grid, a diagram, a numbered heatmap
of the step-through, a data grid or the tab bar (those scroll on purpose), text cut by its box
or shortened with an ellipsis, DOM text and chart text (SVG text times its scale) below a floor,
a plotly legend over its title or an annotation, and metric values smaller than their labels.
Every "정답 확인" (predict, then reveal) is pressed first, so the revealed results are checked too.
Screenshots go to tests/artifacts/layout/<mode>/ and every view's findings to findings.json.

    .venv/bin/python tests/browser/test_layout.py --base http://127.0.0.1:8615 rnn lstm   # by hand
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from seqcore.ui.catalog import PAGES  # noqa: E402

OUT = ROOT / "tests" / "artifacts" / "layout"
PROBE = (Path(__file__).parent / "layout_probe.js").read_text(encoding="utf-8")
STEMS = ["home"] + [p.stem for p in PAGES]
# Pages another helper is fixing: what the probe finds there is reported as an expected failure
# (with the findings) until they land their fix; remove a page from here once it passes.
OWNED_ELSEWHERE: dict[str, str] = {}  # none now: every page passes


@dataclass(frozen=True)
class Mode:
    name: str
    width: int
    height: int
    query: str  # added to every URL
    dom_min: float  # px: the smallest DOM text allowed
    chart_min: float  # px: the smallest chart text allowed (SVG text as drawn)


PHONE = Mode("phone", 390, 844, "", 12.0, 10.0)
PROJECTOR = Mode("projector", 1280, 720, "projector=true", 16.0, 14.0)
MODES = (PHONE, PROJECTOR)


def url(base: str, stem: str, mode: Mode, part: str | None = None) -> str:
    query = [q for q in (mode.query, f"{stem}_part={quote(part)}" if part else "") if q]
    return f"{base}/{'' if stem == 'home' else stem}" + ("?" + "&".join(query) if query else "")


def problems(found: dict, mode: Mode) -> list[str]:
    """What the probe found that a learner would see as broken, in this mode."""
    out = [f"drawn past the main column: {o}" for o in found["overflow"]]
    out += [f"scrolls sideways: {o}" for o in found["sideways"]]
    if found["mainOverflow"] > 1:
        out.append(f"the main column scrolls sideways by {found['mainOverflow']} px")
    out += [f"text cut: {c}" for c in found["cut"]]
    out += [f"DOM text {d}" for d in found["domAll"] if float(d.split("px")[0]) < mode.dom_min]
    out += [f"chart text {c}" for c in found["chartAll"] if float(c.split("px")[0]) < mode.chart_min]
    out += found["overlaps"]
    out += [
        f"metric value {m['value']!r} at {m['size']}px is smaller than its label ({m['label']}px)"
        for m in found["metrics"]
        if m["size"] < m["label"]
    ] + [f"metric value cut: {m['value']!r}" for m in found["metrics"] if m["cut"]]
    return out


def _reveal_all(shots, page) -> None:
    """Press every predict-then-reveal check button on the part, one after the other."""
    for _ in range(4):
        buttons = page.locator('[class*="_guess_check"] button')
        if not buttons.count():
            return
        buttons.first.click()
        page.wait_for_timeout(400)
        shots.wait_for_run(page)
        if page.locator('[class*="_guess_check"] button').count() >= buttons.count():
            return  # revealed: the button stays (a new guess can be checked again)


def part_labels(page) -> list[str]:
    return [t.strip() for t in page.locator('[data-testid="stMain"] [role="tab"]').all_inner_texts()]


def visit(shots, page, base: str, stem: str, mode: Mode) -> dict[str, list[str]]:
    """{view name: problems} for every part of one page in one mode; screenshots saved."""
    page.set_viewport_size({"width": mode.width, "height": mode.height})
    page.goto(url(base, stem, mode))
    shots.wait_for_run(page)
    labels = part_labels(page) or [None]
    found: dict[str, list[str]] = {}
    (OUT / mode.name).mkdir(parents=True, exist_ok=True)
    for i, label in enumerate(labels, start=1):
        if i > 1:
            page.set_viewport_size({"width": mode.width, "height": mode.height})
            page.goto(url(base, stem, mode, label))
            shots.wait_for_run(page)
        _reveal_all(shots, page)
        page.wait_for_timeout(1200)  # charts draw after the run ends
        view = stem if label is None or i == 1 else f"{stem}_part{i}"
        result = page.evaluate(PROBE)
        errors = page.locator('[data-testid="stException"]').count()
        found[view] = problems(result, mode) + ([f"{errors} exception box(es)"] if errors else [])
        shots.full_height_screenshot(page, OUT / mode.name / f"{view}.png", width=mode.width)
    return found


def _record(findings: dict) -> None:
    path = OUT / "findings.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for mode, views in findings.items():
        old.setdefault(mode, {}).update(views)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(old, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def app():
    from browserkit import chromium_and_server

    with chromium_and_server() as (shots, chromium, base):
        yield shots, chromium, base


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES, ids=[m.name for m in MODES])
@pytest.mark.parametrize("stem", STEMS)
def test_every_part_fits_the_screen_with_readable_text(app, stem, mode):
    shots, chromium, base = app
    page = chromium.new_page(viewport={"width": mode.width, "height": mode.height})
    try:
        found = visit(shots, page, base, stem, mode)
    finally:
        page.close()
    _record({mode.name: found})
    broken = {view: issues for view, issues in found.items() if issues}
    if broken and stem in OWNED_ELSEWHERE:
        pytest.xfail(f"owned by {OWNED_ELSEWHERE[stem]}: " + json.dumps(broken, ensure_ascii=False))
    assert not broken, json.dumps(broken, ensure_ascii=False, indent=1)


def main() -> None:
    """By hand against a running server: print every view's problems, save the screenshots."""
    import argparse

    from browserkit import screenshot_helpers
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("stems", nargs="*", default=STEMS)
    ap.add_argument("--base", default="http://127.0.0.1:8615")
    ap.add_argument("--mode", choices=[m.name for m in MODES], action="append")
    args = ap.parse_args()
    shots = screenshot_helpers()
    modes = [m for m in MODES if not args.mode or m.name in args.mode]
    with sync_playwright() as p:
        chromium = shots.launch_browser(p)
        for mode in modes:
            page = chromium.new_page(viewport={"width": mode.width, "height": mode.height})
            for stem in args.stems:
                t0 = time.time()
                found = visit(shots, page, args.base, stem, mode)
                _record({mode.name: found})
                for view, issues in found.items():
                    print(f"[{mode.name}] {view}: {len(issues)} problem(s) ({time.time() - t0:.0f} s)")
                    for issue in issues:
                        print("   ", issue)
            page.close()
        chromium.close()


if __name__ == "__main__":
    main()
