"""pytest set-up shared by every test: one torch thread (the browser test's server shares the machine),
the tiers (every test in tests/browser/ is `slow` and `browser`), and `--reverse` / `--shuffle SEED`
to prove that no test depends on the order the others ran in."""

import random
from pathlib import Path

import apphelp  # noqa: F401  (patches AppTest's pages mode before any test builds one)
import pytest
import torch

torch.set_num_threads(1)

BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def pytest_addoption(parser):
    group = parser.getgroup("order", "test order (results must not depend on it)")
    group.addoption("--reverse", action="store_true", help="run the collected tests in reverse order")
    group.addoption("--shuffle", type=int, metavar="SEED", help="run the collected tests in a random order")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.browser)
    if config.getoption("--reverse"):
        items.reverse()
    if (seed := config.getoption("--shuffle")) is not None:
        random.Random(seed).shuffle(items)


def pytest_report_header(config):
    if config.getoption("--reverse"):
        return "test order: reversed"
    if (seed := config.getoption("--shuffle")) is not None:
        return f"test order: shuffled with seed {seed}"
    return None
