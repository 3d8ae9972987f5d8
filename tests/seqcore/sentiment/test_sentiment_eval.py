"""bench.sentiment_eval: the teachers' command prints one JSON object with every model."""

from __future__ import annotations

import json

import pytest
from uci_fixtures import write_sized_fixture

from seqcore.cli import sentiment_eval
from seqcore.sentiment import uci


@pytest.mark.parametrize(("text", "seeds"), [("0-4", [0, 1, 2, 3, 4]), ("0,3", [0, 3]), ("2", [2])])
def test_parse_seeds(text, seeds):
    assert sentiment_eval.parse_seeds(text) == seeds


@pytest.mark.slow  # one real-review and three corpus trainings
def test_cli_prints_accuracy_per_file_probes_and_seconds(tmp_path, capsys):
    write_sized_fixture(tmp_path, ("imdb", "amazon", "yelp"), per_source=80)
    probes = tmp_path / "probes.tsv"
    probes.write_text("# a comment line\nthe film was not good\t0\nthe film was good\t1\n", encoding="utf-8")
    files = [str(tmp_path / uci.FILES[s]) for s in ("imdb", "amazon", "yelp")]
    code = sentiment_eval.main(
        ["--train", *files[:2], "--test", files[2], "--probes", str(probes), "--seeds", "0"]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["train_sentences"] == 160 and out["test_sentences"] == {"yelp_labelled.txt": 80}
    names = [m["name"] for m in out["models"]]
    assert names[0].startswith("recurrent: BiGRU") and names[1].startswith("bag-of-words")
    assert any(n.startswith("recurrent: LSTM (generated corpus only") for n in names)
    for m in out["models"]:
        assert m["kind"] in ("recurrent", "bag-of-words") and m["name"].startswith(m["kind"])
        acc = m["accuracy"]["yelp_labelled.txt"]
        assert acc["per_seed"] == [acc["mean"]]
        assert len(m["probes"]["per_seed"]) == 1 and len(m["probes"]["wrong"]) == 1
        wrong_share = [len(w) / 2 for w in m["probes"]["wrong"]]
        assert [round(1 - w, 4) for w in wrong_share] == m["probes"]["per_seed"]
        assert len(m["train_seconds"]["per_seed"]) == 1
        cpu = m["train_cpu_seconds"]
        assert len(cpu["per_seed"]) == 1 and cpu["per_seed"][0] >= 0
        assert cpu["max"] == pytest.approx(cpu["per_seed"][0], abs=1e-3)


def test_bench_sentiment_checks_issue_13s_targets():
    from bench import sentiment

    res = {
        "sentiment.uci.random.review_minus_tfidf_pts": -2.5,
        "sentiment.uci.imdb_to_amazon.review_minus_best_baseline_pts": -2.42,
        "sentiment.uci.random.review.negation_acc": 0.85,
        "sentiment.uci.random.review.train_cpu_s_max": 15.2,
        "sentiment.uci.random.review.test_acc": 0.8,
    }
    assert sentiment.verdicts(res) == {
        "sentiment.uci.random.review_minus_tfidf_pts": False,
        "sentiment.uci.imdb_to_amazon.review_minus_best_baseline_pts": True,
        "sentiment.uci.random.review.negation_acc": True,
        "sentiment.uci.random.review.train_cpu_s_max": False,
    }


def test_bench_sentiment_checks_issue_26s_korean_targets():
    from bench import sentiment

    res = {
        "sentiment.ko.shipped.test_acc": 0.861,
        "sentiment.ko.shipped.baseline_test_acc": 0.87,
        "sentiment.ko.shipped.minus_baseline_pts": -0.9,
        "sentiment.ko.shipped.probe_acc": 0.8,
    }
    assert sentiment.verdicts(res) == {
        "sentiment.ko.shipped.test_acc": True,
        "sentiment.ko.shipped.minus_baseline_pts": True,
        "sentiment.ko.shipped.probe_acc": False,
    }


@pytest.mark.parametrize(
    ("rows", "needle"),
    [
        ({"sentencepiece": (0.85, 10), "syllable": (0.84, 30)}, "가장 높았어요"),
        ({"sentencepiece": (0.85, 10), "syllable": (0.853, 30)}, "잡음 안이고, 학습이 3.0배"),
        ({"sentencepiece": (0.80, 10), "syllable": (0.86, 30)}, "6.0%p 낮지만"),
        (
            {"sentencepiece": (0.72, 230), "kiwi": (0.76, 130)},
            "형태소 (kiwipiepy)가 4.0%p 높았어요(잡음보다 큰 차이)",
        ),
        (
            {"sentencepiece": (0.72, 230), "syllable": (0.76, 200)},
            "음절 (글자 하나씩)이 4.0%p 높았어요(잡음보다 큰 차이)",
        ),
    ],
)
def test_why_the_tokenizer_was_chosen_comes_from_the_numbers(rows, needle):
    from seqcore.sentiment.ko_eval import why_chosen

    table = {k: {"val_acc": a, "train_s": t} for k, (a, t) in rows.items()}
    assert needle in why_chosen(table, "sentencepiece", 15000)


def test_an_eval_run_is_recorded_under_its_file_names_with_its_command():
    from bench import sentiment

    def model(name, accs, probe_accs):
        return {
            "name": name,
            "accuracy": {"yelp_labelled.txt": {"mean": sum(accs) / 2, "per_seed": accs}},
            "probes": {"mean": sum(probe_accs) / 2, "per_seed": probe_accs, "wrong": [[], []]},
            "train_cpu_seconds": {"max": 9.5},
        }

    result = {
        "train_files": ["imdb_labelled.txt", "amazon_cells_labelled.txt"],
        "train_sentences": 2000,
        "test_sentences": {"yelp_labelled.txt": 1000},
        "probes": "negation_fresh_en.tsv",
        "seeds": [0, 1],
        "models": [
            model(sentiment_eval.REVIEW_NAME, [0.8, 0.84], [0.6, 0.9]),
            model(sentiment_eval.BOW_NAMES["BoW (unigram)"], [0.82, 0.82], [0.5, 0.5]),
        ],
    }
    keys, command = sentiment.eval_keys(result)
    assert keys["sentiment.en.eval.review.yelp_labelled_acc"] == pytest.approx(0.82)
    assert keys["sentiment.en.eval.review.negation_fresh_en_acc_min"] == 0.6
    assert keys["sentiment.en.eval.review.negation_fresh_en_acc_max"] == 0.9
    assert keys["sentiment.en.eval.tfidf.train_cpu_s_max"] == 9.5
    assert command.endswith("--test yelp_labelled.txt --probes negation_fresh_en.tsv --seeds 0,1")
    assert sentiment.verdicts(keys)["sentiment.en.eval.review.negation_fresh_en_acc"] is False
