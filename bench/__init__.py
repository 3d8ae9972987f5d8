"""The benchmark suite: speed, accuracy and memory, run by hand (`python -m bench`)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable


def run_suite_cli(measure: Callable[[bool], dict]) -> None:
    """`python -m bench.<suite> [--quick]`: one torch thread, the suite's results as JSON."""
    import torch

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    torch.set_num_threads(1)
    print(json.dumps(measure(parser.parse_args().quick), indent=1))
