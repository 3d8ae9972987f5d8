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
