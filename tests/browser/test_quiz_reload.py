"""The quiz in a real browser: answers and attempts survive a reload (they ride in ?quiz=), and
an echoed answer with markdown/HTML stays plain text (no image fetched, no link drawn)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browserkit import chromium_and_server

from seqcore.quiz.questions import bank

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def quiz_tab():
    with chromium_and_server() as (shots, chromium, base):
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(120_000)  # a shared 2-core machine can be slow; never a flake
        yield shots, page, base


def type_answer(shots, page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")  # a text input commits on Enter
    shots.wait_for_run(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_an_answered_question_survives_a_reload(quiz_tab):
    from playwright.sync_api import expect

    shots, page, base = quiz_tab
    page.goto(f"{base}/quiz")
    shots.wait_for_run(page)
    type_answer(shots, page, "outputs의 shape", "16 20 100")
    type_answer(shots, page, "h_n의 shape", "(2, 16, 100)")
    page.get_by_role("button", name="채점하기").click()
    page.wait_for_selector("text=정답이에요", timeout=60_000)
    shots.wait_for_run(page)
    page.wait_for_function("() => location.search.includes('quiz=1.')", timeout=10_000)
    url = page.url
    assert len(url) < 500, url  # compact: measured about 130 characters for one answered question

    page.reload()  # Streamlit may reattach this tab to its old server session...
    shots.wait_for_run(page)
    page.wait_for_selector("text=정답이에요", timeout=60_000)
    # ...so also open the URL in a fresh browser context: a new session restores from ?quiz= alone.
    page = page.context.browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    shots.wait_for_run(page)
    page.wait_for_selector("text=정답이에요", timeout=60_000)
    # The boxes take their restored values as the run's last deltas arrive: wait for them (10 s at most).
    expect(page.get_by_label("outputs의 shape", exact=True)).to_have_value("16 20 100", timeout=10_000)
    expect(page.get_by_label("h_n의 shape", exact=True)).to_have_value("(2, 16, 100)", timeout=10_000)
    assert re.search(rf"점수\s*1/{len(bank())}", main_text(page))  # the folder's count
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots.full_height_screenshot(page, ARTIFACTS / "quiz_after_reload.png")
    assert page.locator('[data-testid="stException"]').count() == 0
    page.context.close()


def test_an_echoed_payload_stays_plain_text(quiz_tab):
    shots, page, base = quiz_tab
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "evil" in r.url or ":9/" in r.url else None)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/quiz?quiz_nav=Q8")  # a bound radio carries its shown label
    shots.wait_for_run(page)
    payload = (
        "![x](http://127.0.0.1:9/evil.png) <img src=http://127.0.0.1:9/evil2.png> [l](http://evil.example)"
    )
    type_answer(shots, page, "out의 shape", payload[:60])
    page.get_by_role("button", name="채점하기").click()
    page.wait_for_selector("text=입력 형식을 확인해 주세요", timeout=60_000)
    shots.wait_for_run(page)
    alert = page.locator('[data-testid="stAlert"]').first
    assert alert.locator("img").count() == 0 and alert.locator("a").count() == 0
    assert "![x](" in alert.inner_text()  # shown as typed
    assert fetched == []
