"""The stock tests train in the test thread and compare runs with the same seed. Model init and
dropout draw from torch's one global generator, so no training may run in the background
meanwhile: a page test earlier in the same run starts the app's start-up work, which trains
every page's default on the training queue's worker for a while (seqcore/ui/startup.py)."""

import time

import pytest

from seqcore.core import queue

IDLE_WAIT_S = 300.0


@pytest.fixture(autouse=True)
def no_training_in_the_background():
    deadline = time.monotonic() + IDLE_WAIT_S
    while any(queue.training_queue().lengths()):
        if time.monotonic() > deadline:
            pytest.fail(f"the training queue stayed busy for {IDLE_WAIT_S:.0f} s")
        time.sleep(0.2)
