"""Two learners in two browsers on one server: while the first one's stock training runs, the
second one's waits in the training queue and says so ("앞에 1개의 학습이 대기 중이에요 (약 N초)"),
then gets its own result. Saves tests/artifacts/queue/waiting.png, the message as a learner sees it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browserkit import chromium_and_server

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "artifacts" / "queue"
WAITING = re.compile(r"앞에 (\d+)개의 학습이 대기 중이에요 \(약 \d+초\)")
# Two custom stock configurations (not the prewarmed default): the first long enough that the
# second must wait for it on the one training worker.
FIRST = "/stock?stock_cell=LSTM&stock_layers=2&stock_hidden=128&stock_epochs=200&stock_batch=16&stock_window=180&stock_step=5"
SECOND = "/stock?stock_epochs=30&stock_hidden=8"

pytestmark = pytest.mark.browser


def open_and_train(shots, chromium, url: str):
    page = chromium.new_context(viewport={"width": 1400, "height": 900}).new_page()
    page.set_default_timeout(180_000)  # a shared 2-core machine can be slow; never a flake
    page.goto(url)
    shots.wait_for_run(page)
    page.get_by_role("button", name=re.compile("이 설정으로 학습하기")).click()
    return page


def test_a_second_learner_sees_its_place_in_the_queue_and_then_its_result():
    OUT.mkdir(parents=True, exist_ok=True)
    with chromium_and_server() as (shots, chromium, base):
        first = open_and_train(shots, chromium, base + FIRST)
        first.wait_for_selector("text=/LSTM 학습 중/")
        second = open_and_train(shots, chromium, base + SECOND)
        message = second.get_by_text(WAITING).first
        message.wait_for()
        assert int(WAITING.search(message.inner_text()).group(1)) >= 1
        message.scroll_into_view_if_needed()
        second.screenshot(path=str(OUT / "waiting.png"))
        for page in (second, first):  # both finish: the queue served them one after the other
            page.wait_for_selector("text=4. 결과: 같은 테스트 날짜에서 비교")
            shots.wait_for_run(page)
        assert "이전 설정의 결과" not in second.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.slow
def test_a_server_killed_mid_training_says_so_on_the_next_load_and_starts_it_again(tmp_path, monkeypatch):
    """kill -9 of the server while a learner's training runs; the server comes back on the same
    port; the learner's page reconnects with its link and says "학습이 중단됐어요" (Streamlit's
    own "Connection error" dialog in between is English: the browser's, not the app's). One click
    starts the run again. Saves tests/artifacts/queue/killed_*.png."""
    import os
    import signal

    from browserkit import require_browser, screenshot_helpers
    from playwright.sync_api import sync_playwright

    require_browser()
    OUT.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("SEQCORE_JOURNAL_DIR", str(tmp_path))  # the servers' journal of runs
    shots = screenshot_helpers()
    port = shots.free_port()
    server = shots.start_server(port)
    try:
        with sync_playwright() as p:
            chromium = shots.launch_browser(p)
            page = open_and_train(shots, chromium, f"http://127.0.0.1:{port}{FIRST}")
            page.wait_for_selector("text=/LSTM 학습 중/")
            page.wait_for_function("() => location.search.includes('run=')")
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            page.wait_for_selector("text=/Connection error/")
            page.screenshot(path=str(OUT / "killed_connection_error.png"))
            server = shots.start_server(port)
            page.wait_for_selector("text=/학습이 중단됐어요/", timeout=180_000)
            shots.wait_for_run(page)
            notice = page.get_by_text("학습이 중단됐어요")
            assert notice.count() == 1  # beside the train button, once
            notice.scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / "killed_notice.png"))
            page.set_viewport_size({"width": 390, "height": 844})  # a phone
            notice.scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / "killed_notice_390.png"))
            page.set_viewport_size({"width": 1400, "height": 900})
            page.get_by_role("button", name="같은 설정으로 다시 학습하기").click()
            progress = page.get_by_text(re.compile("LSTM 학습 중.*에포크"))
            progress.wait_for()
            progress.scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / "killed_started_again.png"))
            assert "학습이 중단됐어요" not in page.locator('[data-testid="stMain"]').inner_text()
            chromium.close()
    finally:
        shots.stop_server(server)
