"""seqcore.sentiment.ko_builds: the full builds the page compares, chosen on validation."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from seqcore.sentiment import ko_builds, ko_eval
from seqcore.sentiment.ko_build import DEFAULT


def build(bag: str, seed: int, val: float) -> dict:
    return {
        "bag": bag,
        "seed": seed,
        "val_acc": val,
        "dev_probe_acc": 0.8,
        "test_acc": 0.85,
        "probe_acc": 0.7,
    }


def write(tmp_path: Path, builds: list[dict], n: int = 10000) -> Path:
    path = tmp_path / "builds.json"
    path.write_text(json.dumps({"builds": builds, "val_n": n}), encoding="utf-8")
    return path


def test_the_page_s_builds_table_is_the_recorded_builds_and_names_the_shipped_one():
    """builds.json holds what bench/results.json recorded (sentiment.ko.builds.*), the shipped
    build is in it and is the bag validation chose; a lead is a win only beyond the noise."""
    results = json.loads((Path(__file__).parents[3] / "bench" / "results.json").read_text(encoding="utf-8"))
    data = json.loads(ko_builds.BUILDS_TABLE.read_text(encoding="utf-8"))
    for b in data["builds"]:
        for key in ("val_acc", "dev_probe_acc", "test_acc", "probe_acc"):
            assert b[key] == results[f"sentiment.ko.builds.{b['bag']}.s{b['seed']}.{key}"], (b["bag"], key)
    bags = ko_builds.ranked(data["builds"])
    assert bags[0][0] == results["sentiment.ko.builds.chosen"]
    frame, text = ko_builds.builds_table(DEFAULT)
    assert len(frame) == len(data["builds"]) and list(frame["앱에"]).count("예") == 1
    assert ko_builds.BAG_NAMES[bags[0][0]] in text and "주의" not in text  # shipped = validation's choice
    (_, top), (_, second) = bags[0], bags[1]
    spread = max(top["spread"], second["spread"])
    real = ko_eval.gap_is_real(top["val_acc"], second["val_acc"], data["val_n"], spread)
    assert ("%p)보다 커요" in text) == real


def test_seeds_are_averaged_and_their_spread_is_part_of_the_noise(tmp_path):
    builds = [
        build("pieces", 42, 0.90),
        build("pieces", 43, 0.80),
        build("both", 42, 0.84),
        build("both", 43, 0.84),
    ]
    by_bag = ko_builds.by_bag(builds)
    assert abs(by_bag["pieces"]["val_acc"] - 0.85) < 1e-9 and abs(by_bag["pieces"]["spread"] - 0.10) < 1e-9
    frame, text = ko_builds.builds_table(DEFAULT, write(tmp_path, builds))
    assert frame["시드"].tolist() == [42, 43, 42, 43] and frame["앱에"].tolist() == ["", "", "예", ""]
    assert (
        "시드 평균" in text and "이겼다고 할 수 없어요" in text and "주의" in text
    )  # the app's bag is second


def test_a_clear_lead_with_one_seed_is_called_a_win(tmp_path):
    builds = [build("pieces", 42, 0.80), build("both", 42, 0.90)]
    frame, text = ko_builds.builds_table(DEFAULT, write(tmp_path, builds))
    assert "%p)보다 커요" in text and "주의" not in text and "시드 평균" not in text
    other = dataclasses.replace(DEFAULT, seed=7)
    assert "예" not in ko_builds.builds_table(other, write(tmp_path, builds))[0]["앱에"].tolist()
    assert ko_builds.builds_table(DEFAULT, tmp_path / "missing.json") is None
