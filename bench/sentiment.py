"""Sentiment models: accuracies and training seconds. `measure(quick)` for `python -m bench`.

    .venv/bin/python -c "import bench.sentiment as b, json; print(json.dumps(b.measure(False), indent=1))"

The lesson's model (its test reviews; the full run also retrains it on seeds 0-4 and counts how
often it reads "not good at all" as positive and "this film was not terrible" as negative),
the order-aware RNNs and both baselines on the generated corpus (held-out and probes), and the
UCI sentences from ../shared/datasets/uci_sentiment when that folder exists (only the IMDb and
Amazon files are there: IMDb -> Amazon transfer and a random split).
"""

from __future__ import annotations

import time
from pathlib import Path

from seqcore.data.text import LESSON_TEST_LABELS, LESSON_TEST_REVIEWS
from seqcore.sentiment import corpus, uci
from seqcore.sentiment import models as sm

UCI_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "uci_sentiment"


def _slug(model: str) -> str:
    if model.startswith("BoW"):
        return "bow"
    if model.startswith("n-gram"):
        return "ngram"
    return "rnn"


def _comparison_keys(prefix: str, comp, tests: dict[str, str], cfg_name: str) -> dict[str, float]:
    out = {}
    for model in comp.models():
        slug = _slug(model)
        name = f"{cfg_name}" if slug == "rnn" else slug
        for test, short in tests.items():
            out[f"{prefix}.{name}.{short}_acc"] = round(comp.accuracy[model][test], 4)
        out[f"{prefix}.{name}.train_s"] = round(comp.seconds[model], 3)
    return out


def measure(quick: bool = False) -> dict[str, float]:
    res: dict[str, float] = {}

    t0 = time.perf_counter()
    run = sm.train_lesson(sm.LessonConfig())
    res["sentiment.lesson.train_s"] = round(time.perf_counter() - t0, 3)
    probs = [sm.predict_lesson(run.model, r).probability for r in LESSON_TEST_REVIEWS]
    res["sentiment.lesson.test_reviews_acc"] = sm.accuracy(probs, list(LESSON_TEST_LABELS.values()))
    if not quick:
        study = sm.SeedStudy()
        t0 = time.perf_counter()
        by_sentence = sm.run_seed_study(study)
        res["sentiment.lesson.seed_study_s"] = round(time.perf_counter() - t0, 3)
        res["sentiment.lesson.seeds0_4.not_good_at_all.positive"] = sum(
            p > 0.5 for p in by_sentence[study.sentences[0]]
        )
        res["sentiment.lesson.seeds0_4.not_terrible.negative"] = sum(
            p <= 0.5 for p in by_sentence[study.sentences[1]]
        )

    configs = {"lstm": sm.RNNConfig()}
    if not quick:
        configs["gru"] = sm.RNNConfig(cell="gru")
        configs["bilstm"] = sm.RNNConfig(bidirectional=True)
    tests = {corpus.HELD_OUT: "held_out", corpus.PROBE_SET: "probes"}
    for name, cfg in configs.items():
        comp = corpus.corpus_comparison(cfg)
        keys = _comparison_keys("sentiment.corpus", comp, tests, name)
        if name != "lstm":  # the baselines do not depend on the RNN's config
            keys = {k: v for k, v in keys.items() if f".{name}." in k}
        res.update(keys)

    if UCI_DIR.is_dir():
        data = uci.read_folder(UCI_DIR)
        for split in [s for s in uci.available_splits(data) if not quick or s == "random"]:
            cfg = uci.UCIConfig(split=split)
            comp = uci.uci_comparison(cfg, data)
            short = split.replace("+", "_").replace("->", "_to_")
            test = uci.split_label(split)
            res.update(_comparison_keys(f"sentiment.uci.{short}", comp, {test: "test"}, cfg.rnn.cell))
    return res


if __name__ == "__main__":
    import json
    import sys

    import torch

    torch.set_num_threads(1)
    print(json.dumps(measure("--quick" in sys.argv), indent=1))
