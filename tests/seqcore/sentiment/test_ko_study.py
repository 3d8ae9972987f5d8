"""seqcore.sentiment.ko_study: the tokenizer and negation-mix studies' choices come from their
numbers, and a win is called only beyond the noise."""

from __future__ import annotations

import json

import pytest

from seqcore.sentiment import ko_eval, ko_report, ko_study
from seqcore.sentiment.ko_build import DEFAULT


def row(acc: float, seeds=None, neg: float = 0.5) -> dict:
    seeds = seeds or [acc, acc]
    return {
        "val_acc": acc,
        "val_acc_seeds": seeds,
        "spread": max(seeds) - min(seeds),
        "negation_val_acc": neg,
        "vocab": 100,
        "pieces_per_review": 30.0,
        "epochs": [2, 2],
        "train_cpu_s": 10.0,
    }


def test_summarize_keeps_every_seed_and_the_spread():
    runs = [
        {
            "val_acc": 0.80,
            "negation_val_acc": 0.6,
            "vocab": 9,
            "pieces_per_review": 3.0,
            "epochs": 2,
            "train_cpu_s": 4,
        },
        {
            "val_acc": 0.82,
            "negation_val_acc": 0.7,
            "vocab": 9,
            "pieces_per_review": 3.0,
            "epochs": 3,
            "train_cpu_s": 6,
        },
    ]
    r = ko_study.summarize(runs)
    assert r["val_acc"] == 0.81 and r["val_acc_seeds"] == [0.8, 0.82] and r["spread"] == pytest.approx(0.02)
    assert r["epochs"] == [2, 3] and r["train_cpu_s"] == 5 and r["negation_val_acc"] == 0.65


def test_the_noise_is_the_interval_or_the_seed_spread_whichever_is_larger():
    a, b = row(0.85), row(0.84)
    assert ko_study.noise(a, b, 15000) == pytest.approx((2 * 0.0057**2) ** 0.5, abs=5e-4)
    assert ko_study.noise(row(0.85, [0.83, 0.87]), b, 15000) == pytest.approx(0.04)


def test_kiwi_cannot_ship_so_the_best_shippable_one_is_chosen_and_the_text_says_why():
    rows = {"syllable": row(0.85), "sentencepiece": row(0.83), "kiwi": row(0.855), "jamo": row(0.80)}
    assert ko_study.choose(rows) == "syllable"
    text = ko_study.why(rows, "syllable", 15000)
    assert "0.5%p" in text and "88 MB" in text and "잡음 ±" in text  # inside the noise


def test_a_tie_is_named_not_called_a_win():
    rows = {"syllable": row(0.851), "sentencepiece": row(0.849), "jamo": row(0.80)}
    text = ko_study.why(rows, "syllable", 15000)
    assert "서브워드 (sentencepiece)" in text and "자모" not in text  # jamo lost beyond the noise
    rows["sentencepiece"] = row(0.80)
    assert "모두 잡음보다" in ko_study.why(rows, "syllable", 15000)


def test_a_mix_is_chosen_only_when_its_negation_gain_beats_the_noise():
    rows = {
        "round 1": row(0.860, neg=0.55),
        "negated x1": row(0.858, neg=0.70),
        "negated x2": row(0.840, neg=0.80),  # too far below on reviews
    }
    assert ko_study.choose_mix(rows, 15000, 1700) == "negated x1"
    rows["negated x1"] = row(0.858, neg=0.57)  # 2 points on 1,700 sentences: inside the noise
    assert ko_study.choose_mix(rows, 15000, 1700) == "round 1"
    rows["negated x1"], rows["negated x2"] = row(0.858, neg=0.90), row(0.858, neg=0.91)
    assert ko_study.choose_mix(rows, 15000, 1700) == "negated x1"  # x2 ties x1: the lesser mix


def test_the_recorded_mix_study_chose_the_shipped_recipe():
    """bench/results.json's sentiment.ko.mix rows, read back through choose_mix, give the mix the
    shipped model was built with (ko_build.DEFAULT)."""
    from pathlib import Path

    results = json.loads((Path(__file__).parents[3] / "bench" / "results.json").read_text(encoding="utf-8"))
    prefix, rows = "sentiment.ko.mix.", {}
    for key, value in results.items():
        if key.startswith(prefix) and key.count(".") == 4:
            name, field = key[len(prefix) :].rsplit(".", 1)
            rows.setdefault(name, {})[field] = value
    order = ["round 1", "negated x1", "negated x2", "negated x1, no contrasts"]
    rows = {k: rows[k] for k in order}
    chosen = ko_study.choose_mix(rows, results[prefix + "val_n"], results[prefix + "negation_val_n"])
    assert chosen == results[prefix + "chosen"] == "negated x2"
    variants = ko_study.mix_variants(ko_study.StudySpec(n_train=1000), DEFAULT)
    assert (variants[chosen].negations, variants[chosen].contrasts) == (DEFAULT.negations, DEFAULT.contrasts)


def test_mix_variants_change_only_the_mix():
    spec = ko_study.StudySpec(n_train=1000, epochs=1, seeds=(0,))
    variants = ko_study.mix_variants(spec, DEFAULT)
    assert variants["round 1"].negations == 0 and variants["negated x2"].negations == 2
    assert not variants["negated x1, no contrasts"].contrasts and variants["negated x1"].contrasts
    assert {v.templates for v in variants.values()} == {round(DEFAULT.templates / 119939 * 1000)}
    assert {v.tokenizer for v in variants.values()} == {DEFAULT.tokenizer}
    assert {v.hidden_size for v in variants.values()} == {DEFAULT.hidden_size}


def test_the_table_says_when_the_shipped_model_is_not_the_study_s_choice():
    """The recorded study (10,000 reviews, one seed) ranks syllables above sentencepiece; the
    shipped model was trained with sentencepiece: the page must say so next to the table."""
    data = json.loads(ko_report.TOKENIZER_TABLE.read_text(encoding="utf-8"))
    caption = ko_report.tokenizer_caption(data, DEFAULT.tokenizer)
    mismatch = ko_study.choose(data["rows"]) != DEFAULT.tokenizer
    assert ("주의" in caption) == mismatch
    kinds, more, _ = ko_report.tokenizer_table()
    assert len(kinds) == len(data["rows"]) and "char" not in " ".join(more["모델"])
    assert len(more) == len(data["variants"]) + 1  # the variants, then the character bag of words


def test_the_page_s_tokenizer_table_is_the_recorded_study():
    """tokenizers.json holds the numbers bench/results.json recorded (sentiment.ko.study.*)."""
    from pathlib import Path

    results = json.loads((Path(__file__).parents[3] / "bench" / "results.json").read_text(encoding="utf-8"))
    data = json.loads(ko_report.TOKENIZER_TABLE.read_text(encoding="utf-8"))
    for name, r in {**data["rows"], **data["variants"]}.items():
        for key in ("val_acc", "vocab", "pieces_per_review"):
            assert r[key] == results[f"sentiment.ko.study.{name}.{key}"], (name, key)
    assert data["val_n"] == results["sentiment.ko.study.val_n"]
    assert data["n_train"] == results["sentiment.ko.study.n_train"]


def test_the_probes_line_reports_every_negation_set_the_build_measured():
    from seqcore.sentiment.ko_build import load

    m = load().info["metrics"]
    line = ko_report.probes_line({"metrics": m})
    for key in (
        "r10_probe",
        "r9_probe",
        "r8_probe",
        "r7_probe",
        "r6_probe",
        "r5_probe",
        "r4_probe",
        "probe",
        "old_probe",
        "dev_probe",
    ):
        assert f"{m[key + '_n']}" in line and f"{m[key + '_acc']:.0%}" in line, key


def test_the_reviewers_own_negations_are_measured_and_said_with_their_noise():
    from seqcore.sentiment.ko_build import load
    from seqcore.sentiment.ko_measure import negated_keys

    texts = ["재미없다", "좋았다", "지루하지 않았다", "안 본 눈 삽니다", "최고", "못 만든 영화"]
    keys = negated_keys(texts, [0, 1, 1, 1, 1, 0], [0.2, 0.9, 0.3, 0.8, 0.9, 0.6], [0.1] * 6)
    assert keys["negated_test_n"] == 4  # 재미없다, 않았다, 안 본, 못 만든
    assert keys["negated_test_acc"] == 0.5 and keys["baseline_negated_test_acc"] == 0.5
    m = load().info["metrics"]
    line = ko_report.real_negation_line(m)
    assert f"{m['negated_test_n']:,}개" in line and f"{m['negated_test_acc']:.1%}" in line
    gap_real = ko_eval.gap_is_real(m["negated_test_acc"], m["baseline_negated_test_acc"], m["negated_test_n"])
    assert ("잡음" in line and "누가 낫다고 할 수 없어요" in line) != gap_real
    assert ko_report.real_negation_line({"test_acc": 0.9}) == ""


@pytest.mark.parametrize(
    ("top", "chosen", "needle"),
    [
        (
            "syllable",
            "sentencepiece",
            "것 중 음절 (글자 하나씩)이에요. 하지만 앱의 모델은 서브워드 (sentencepiece)로",
        ),
        (
            "sentencepiece",
            "syllable",
            "것 중 서브워드 (sentencepiece)예요. 하지만 앱의 모델은 음절 (글자 하나씩)로",
        ),
    ],
)
def test_the_mismatch_note_picks_the_copula_after_the_study_s_choice(top, chosen, needle):
    data = json.loads(ko_report.TOKENIZER_TABLE.read_text(encoding="utf-8"))
    data["rows"][top]["val_acc"] = 0.99  # the study's choice among the shippable ones
    assert needle in ko_report.tokenizer_caption(data, chosen)


def lever(val: float, dev: float, dev_spread: float = 0.02, spread: float = 0.002) -> dict:
    return {"val_acc": val, "spread": spread, "dev_negation_acc": dev, "dev_negation_spread": dev_spread}


def test_a_lever_replaces_the_recipe_only_beyond_the_seed_spread_and_not_at_the_reviews_cost():
    rows = {"shipped": lever(0.829, 0.706, dev_spread=0.052), "more": lever(0.830, 0.730)}
    assert ko_study.choose_lever(rows, 14895) == "shipped"  # +2.4 points, inside the 5.2 spread
    rows["more"] = lever(0.830, 0.770)
    assert ko_study.choose_lever(rows, 14895) == "more"  # +6.4 points, beyond it
    rows["more"] = lever(0.815, 0.770)  # the same gain, 1.4 points lower on the reviews
    assert ko_study.choose_lever(rows, 14895) == "shipped"
    rows["most"], rows["more"] = lever(0.826, 0.790), lever(0.829, 0.770)  # both pass: the best
    assert ko_study.choose_lever(rows, 14895) == "most"


def test_lever_variants_change_one_thing_each():
    spec = ko_study.StudySpec(n_train=1000, epochs=1, seeds=(0,))
    variants = ko_study.lever_variants(spec, DEFAULT)
    small = variants.pop("shipped")
    assert small.templates == round(DEFAULT.templates / 119939 * 1000) and small.train_limit == 1000
    changed = {
        name: {f for f in vars(small) if getattr(v, f) != getattr(small, f)} for name, v in variants.items()
    }
    assert changed == {
        "negated x4": {"negations"},
        "negated x4, templates x2": {"negations", "templates"},
        "GRU 192": {"hidden_size"},
        "word dropout 0.15": {"word_dropout"},
    }


def test_a_study_row_pools_the_hand_written_sets(monkeypatch):
    """one_run's hand-written columns: each group of sets read as one (DEV_SETS, REPORT_SETS)."""
    from seqcore.sentiment.ko_measure import DEV_SETS, PROBE_SETS, REPORT_SETS
    from seqcore.sentiment.ko_templates import read_probes

    class Always:  # says positive to everything: the pooled accuracy is the share of positives
        def probabilities(self, texts):
            return [0.9] * len(texts)

    got = ko_study.hand_written(Always())
    for key, names in (("dev_negation_acc", DEV_SETS), ("report_acc", REPORT_SETS)):
        labels = [y for k in names for y in read_probes(PROBE_SETS[k])[1]]
        assert got[key] == sum(labels) / len(labels)
    summary = ko_study.summarize([row(0.85) | got, row(0.86) | got])
    assert (
        summary["dev_negation_acc"] == round(got["dev_negation_acc"], 4)
        and summary["dev_negation_spread"] == 0
    )
