"""The benchmark suite: speed, accuracy and memory, run by hand (`python -m bench`)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def merge_results(results: dict, replaces: Callable[[str], bool], path: Path = RESULTS) -> None:
    """Writes `results` into bench/results.json in place of the old keys `replaces` picks (a
    missing or unreadable file counts as empty); every other key stays."""
    try:
        old = json.loads(path.read_text())
    except (OSError, ValueError):
        old = {}
    merged = {k: v for k, v in old.items() if not replaces(k)} | results
    path.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n")


def run_suite_cli(measure: Callable[[bool], dict]) -> None:
    """`python -m bench.<suite> [--quick]`: one torch thread, the suite's results as JSON."""
    import torch

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    torch.set_num_threads(1)
    print(json.dumps(measure(parser.parse_args().quick), indent=1))
