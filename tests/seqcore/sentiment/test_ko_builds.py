"""seqcore.sentiment.ko_builds: the full builds the page compares, chosen on validation (and,
within its noise, on the development negation set)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from seqcore.sentiment import ko_builds, ko_eval
from seqcore.sentiment.ko_build import DEFAULT, TEMPLATE_FLAGS, flags_of, recipe_of


def build(recipe: str, seed: int, val: float, dev: float = 0.8) -> dict:
    return {
        "recipe": recipe,
        "bag": recipe.split("+")[0],
        "seed": seed,
        "val_acc": val,
        "dev_probe_acc": dev,
        "test_acc": 0.85,
        "probe_acc": 0.7,
        "r4_probe_acc": 0.6,
    }


def write(tmp_path: Path, builds: list[dict], n: int = 10000) -> Path:
    path = tmp_path / "builds.json"
    path.write_text(json.dumps({"builds": builds, "val_n": n}), encoding="utf-8")
    return path


def test_the_page_s_builds_table_is_the_recorded_builds_and_names_the_shipped_one():
    """builds.json holds what bench/results.json recorded (sentiment.ko.builds.*), the shipped
    build is in it and is the recipe the rule chose; a lead is a win only beyond the noise."""
    results = json.loads((Path(__file__).parents[3] / "bench" / "results.json").read_text(encoding="utf-8"))
    data = json.loads(ko_builds.BUILDS_TABLE.read_text(encoding="utf-8"))
    for b in data["builds"]:
        for key in ("val_acc", "dev_probe_acc", "test_acc", "probe_acc", "r4_probe_acc"):
            assert b[key] == results[f"sentiment.ko.builds.{b['recipe']}.s{b['seed']}.{key}"], (
                b["recipe"],
                key,
            )
    pick = ko_builds.chosen(data["builds"], data["val_n"])
    assert pick == results["sentiment.ko.builds.chosen"] == recipe_of(DEFAULT)
    frame, text = ko_builds.builds_table(DEFAULT)
    assert len(frame) == len(data["builds"]) and list(frame["앱에"]).count("예") == 1
    assert ko_builds.recipe_name(pick) in text and "주의" not in text
    (_, top), (_, second) = ko_builds.ranked(data["builds"])[:2]
    spread = max(top["spread"], second["spread"])
    real = ko_eval.gap_is_real(top["val_acc"], second["val_acc"], data["val_n"], spread)
    assert ("%p)보다 커서" in text) == real


def test_recipes_have_learner_names():
    assert ko_builds.recipe_name("both") == "조각 + 글자 n-gram"
    for flag in TEMPLATE_FLAGS:  # every switch a build can record has a name in both lengths
        assert flag in ko_builds.PART_NAMES and flag in ko_builds.SHORT_PARTS
    assert ko_builds.recipe_name("pieces+stems+prefixes0.3") == "조각 n-gram · 리뷰 어간 · 앞부분 30%"
    assert ko_builds.recipe_name("both+stems+lack+prefixes0.3").endswith("리뷰 어간 · 없다 틀 · 앞부분 30%")
    assert (
        ko_builds.recipe_name("both+stems+lack+nouns+prefixes0.3", short=True)
        == "조각+글자 · 어간 · 없다 · 명사 · 앞 30%"
    )
    lack = dataclasses.replace(DEFAULT, template_lack=not DEFAULT.template_lack)
    assert "+lack" in recipe_of(lack) + recipe_of(DEFAULT) and "lack" in flags_of(lack)
    assert (
        recipe_of(
            dataclasses.replace(
                DEFAULT, bow=True, bow_chars=False, template_stems=False, template_lack=False, prefixes=0
            )
        )
        == "pieces"
    )


def test_seeds_are_averaged_and_their_spread_is_part_of_the_noise(tmp_path):
    builds = [
        build("pieces", 42, 0.90),
        build("pieces", 43, 0.80),
        build("both", 42, 0.84),
        build("both", 43, 0.84),
    ]
    by_recipe = ko_builds.by_recipe(builds)
    assert (
        abs(by_recipe["pieces"]["val_acc"] - 0.85) < 1e-9 and abs(by_recipe["pieces"]["spread"] - 0.10) < 1e-9
    )
    other = dataclasses.replace(
        DEFAULT, bow=True, bow_chars=True, template_stems=False, template_lack=False, prefixes=0
    )
    frame, text = ko_builds.builds_table(other, write(tmp_path, builds))
    assert frame["시드"].tolist() == [42, 43, 42, 43] and frame["앱에"].tolist() == ["", "", "예", ""]
    assert (
        "시드 평균" in text and "이겼다고 할 수 없어요" in text and "주의" in text
    )  # a tie, dev equal: pieces


def test_within_the_noise_the_development_negation_set_decides(tmp_path):
    builds = [
        build("both", 42, 0.866, dev=0.80),
        build("both+stems", 42, 0.865, dev=0.85),
        build("chars", 42, 0.80),
    ]
    assert [k for k, _ in ko_builds.tied(builds, 15000)] == ["both", "both+stems"]
    assert ko_builds.chosen(builds, 15000) == "both+stems"
    frame, text = ko_builds.builds_table(
        dataclasses.replace(DEFAULT, bow=True, bow_chars=True), write(tmp_path, builds, 15000)
    )
    assert "개발용 부정 문장" in text and "**조각 + 글자 n-gram · 리뷰 어간" in text.split("그래서")[1]
    prefixed = [build("both", 42, 0.866, dev=0.80), build("both+stems+prefixes0.3", 42, 0.866, dev=0.9)]
    _, text = ko_builds.builds_table(DEFAULT, write(tmp_path, prefixed, 15000))
    assert (
        "앞부분 30%**" in text
    )  # a bold name ending in punctuation must not touch a letter, or it shows as **
    assert not re.search(r"[%)]\*\*\w", text)
    assert frame["방법"].tolist()[-1] == "글자"  # ranked on validation, in the table's short names


def test_a_clear_lead_with_one_seed_is_called_a_win(tmp_path):
    builds = [build("pieces", 42, 0.80, dev=0.9), build("both", 42, 0.90)]
    cfg = dataclasses.replace(
        DEFAULT, bow=True, bow_chars=True, template_stems=False, template_lack=False, prefixes=0
    )
    frame, text = ko_builds.builds_table(cfg, write(tmp_path, builds))
    assert "%p)보다 커서" in text and "주의" not in text and "시드 평균" not in text
    other = dataclasses.replace(cfg, seed=7)
    assert "예" not in ko_builds.builds_table(other, write(tmp_path, builds))[0]["앱에"].tolist()
    assert ko_builds.builds_table(DEFAULT, tmp_path / "missing.json") is None
    averaged, _ = ko_builds.builds_table(cfg, write(tmp_path, builds), one_build=False)
    assert "앱에" not in averaged and len(averaged) == 2  # the page's model is several builds: no row is it


def test_the_report_only_sets_are_pooled_in_one_column_with_the_seed_spread(tmp_path):
    """The report-only sets (ko_measure.REPORT_SETS) that every build was measured on, counted
    together, and how far one recipe's seeds lie apart on them; a round written after the builds
    is left out of the column, and a build recorded before any of them leaves no column at all."""
    sizes = {"r5_probe": 45, "r6_probe": 44, "r7_probe": 44, "r8_probe": 44}
    assert tuple(sizes) == ko_builds.REPORT_SETS[:4]
    a, b = build("both", 42, 0.866), build("both", 43, 0.865)
    for row, acc in ((a, 0.5), (b, 0.75)):
        row.update({f"{k}_acc": acc for k in sizes} | {f"{k}_n": n for k, n in sizes.items()})
    a["r8_probe_acc"] = 1.0  # pooled: (45 + 44 + 44) * 0.5 + 44 * 1.0 over 177
    assert ko_builds.report_pooled(a, tuple(sizes)) == (((45 + 44 + 44) * 0.5 + 44) / 177, 177)
    assert ko_builds.report_pooled(a) is None  # measured before the ninth round
    assert ko_builds.measured_sets([a, b]) == tuple(sizes)
    frame, text = ko_builds.builds_table(DEFAULT, write(tmp_path, [a, b]))
    column = ko_builds.report_column(tuple(sizes))
    assert column == "부정 5~8차 (보고만)" and sorted(frame[column]) == ["62%", "75%"]
    assert "손 문장 177개" in text and "최대 13%p" in text  # 0.75 - 0.6243
    c = dict(b, seed=44, r9_probe_acc=0.5, r9_probe_n=46)  # one build with the ninth round too
    frame, _ = ko_builds.builds_table(DEFAULT, write(tmp_path, [a, b, c]))
    assert ko_builds.report_column() == "부정 5~10차 (보고만)"
    assert column in frame and ko_builds.report_column() not in frame
    old = build("both", 44, 0.864)  # recorded before the sets: no column, no claim about them
    frame, text = ko_builds.builds_table(DEFAULT, write(tmp_path, [a, b, old]))
    assert ko_builds.measured_sets([a, b, old]) == () and column not in frame and "손 문장" not in text
    one_each = [a, dict(b, recipe="pieces", bag="pieces")]  # no recipe with two seeds: no spread to claim
    _, text = ko_builds.builds_table(DEFAULT, write(tmp_path, one_each))
    assert "손 문장 177개" in text and "시드만 바꾸면" not in text


def test_the_ensemble_line_calls_it_better_only_beyond_the_paired_interval():
    def info(gap, noise):
        e = {"val_n": 14895, "ensemble.val_acc": 0.8725, "single.val_acc": 0.8694}
        e |= {"val_paired_gap_pts": gap, "val_paired_noise_pts": noise}
        return {"members": [{"seed": 42}, {"seed": 45}, {"seed": 46}], "metrics": {"ensemble": e}}

    beyond = ko_builds.ensemble_line(info(0.32, 0.30))
    assert (
        "3개의 평균" in beyond and "+0.32%p" in beyond and "±0.30%p" in beyond and "나았다고 할 수" in beyond
    )
    assert "14,895개" in beyond and "42, 45, 46" in beyond and "겨우" in beyond
    assert "평균이 나았어요" in (clear := ko_builds.ensemble_line(info(0.9, 0.30))) and "겨우" not in clear
    inside = ko_builds.ensemble_line(info(0.25, 0.30))
    assert "낫다고 할 수 없어요" in inside and "나았어요" not in inside
    assert ko_builds.ensemble_line({"metrics": {}}) == ""
