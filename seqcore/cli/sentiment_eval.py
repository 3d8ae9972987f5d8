"""Evaluate the 감성 분석 page's models on your own files: one JSON object on stdout.

    python -m bench.sentiment_eval --train A.txt B.txt --test C.txt [--probes P.tsv] [--seeds 0-4]
    python -m bench.sentiment_eval --lang ko --train nsmc.tsv --test other.tsv --probes P.tsv --seeds 0

`--lang ko` (Korean): files in the NSMC layout (a TSV with the header `id document label`) or
`sentence<TAB>label`; the models are the page's Korean recurrent model (trained with its recipe,
`seqcore.sentiment.ko_build.DEFAULT`, the validation part taken from the training files by a hash
of the text; one build per seed, where the page ships the mean of three: `ko_build --ensemble`,
three times the training time) and the character n-gram TF-IDF + logistic regression. `--lang en` (the default):

Files are in the UCI format, one `sentence<TAB>label` per line (label 1 positive, 0 negative;
lines without a label, like `# comments`, are skipped). The page's real-review models are
trained on the --train files exactly as the page trains them (the recurrent model with its
recipe, `seqcore.sentiment.reviews.ReviewConfig`: also on sentences made by the negation
templates, and a review longer than a sentence read sentence by sentence); the page's
corpus-trained order-aware models (LSTM, GRU, BiLSTM) are evaluated too. For each model: its name (saying recurrent or
bag-of-words), accuracy per test file (keyed by file name) and on the probes (mean and per
seed), the probe sentences it got wrong (per seed), and training seconds (one torch thread):
wall-clock (`train_seconds`) and this process's CPU time (`train_cpu_seconds`, which other
programs on a busy machine do not inflate).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from seqcore.data import nsmc
from seqcore.sentiment import corpus, uci
from seqcore.sentiment.baselines import BASELINES, BaselineConfig, train_baseline
from seqcore.sentiment.reviews import ReviewConfig, train_reviews
from seqcore.sentiment.rnn import RNNConfig, accuracy, rnn_probabilities, train_rnn

Data = tuple[list[str], list[int]]
# name -> (kind, trains on): the models the page shows, in its order.
CORPUS_MODELS = {
    "recurrent: LSTM (generated corpus only, page section 2 default)": RNNConfig(),
    "recurrent: GRU (generated corpus only)": RNNConfig(cell="gru"),
    "recurrent: BiLSTM (generated corpus only)": RNNConfig(bidirectional=True),
}
REVIEW_NAME = "recurrent: BiGRU x word evidence (train files + negation templates, page section 3)"
BOW_NAMES = {
    "BoW (unigram)": "bag-of-words: TF-IDF unigrams + logistic regression",
    "n-gram (uni+bigram)": "bag-of-words: TF-IDF uni+bigrams + logistic regression",
}


def read_labelled(path: Path | str) -> Data:
    reviews = uci.parse_labelled(Path(path).read_bytes().decode("utf-8", errors="replace"), "file")
    return [r.text for r in reviews], [r.label for r in reviews]


def parse_seeds(text: str) -> list[int]:
    """'0-4' -> [0, 1, 2, 3, 4]; '0,3' -> [0, 3]."""
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        out += list(range(int(lo), int(hi) + 1)) if hi else [int(lo)]
    return out


def _summary(values: Sequence[float]) -> dict:
    return {"mean": round(statistics.fmean(values), 4), "per_seed": [round(v, 4) for v in values]}


def evaluate(
    train: Data, tests: dict[str, Data], probes: Data | None, seeds: Sequence[int], corpus_models: bool = True
) -> list[dict]:
    """Every model trained once per seed; scores per test set and on the probes."""
    trainers: dict[str, tuple[str, Callable[[int], Callable]]] = {}  # name -> (kind, seed -> predict)

    def review(seed):
        return train_reviews(ReviewConfig(seed=seed), *train).probabilities

    trainers[REVIEW_NAME] = ("recurrent", review)
    for short, ngram in BASELINES.items():

        def bow(seed, ngram=ngram):
            return train_baseline(BaselineConfig(ngram_max=ngram[1]), *train).probabilities

        trainers[BOW_NAMES[short]] = ("bag-of-words", bow)
    if corpus_models:
        for name, cfg in CORPUS_MODELS.items():

            def rnn(seed, cfg=cfg):
                run = train_rnn(
                    RNNConfig(**{**cfg.__dict__, "seed": seed}), *corpus.Corpus.xy(corpus.generate().train)
                )
                return lambda texts: rnn_probabilities(run, list(texts))

            trainers[name] = ("recurrent", rnn)
    return [_score(name, kind, fn, tests, probes, seeds) for name, (kind, fn) in trainers.items()]


def _score(name, kind, fn, tests, probes, seeds) -> dict:
    acc: dict[str, list[float]] = {t: [] for t in tests}
    probe_acc, wrong, seconds, cpu = [], [], [], []
    for seed in seeds:
        t0, c0 = time.perf_counter(), time.process_time()
        predict = fn(seed)  # one training
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        for t, (x, y) in tests.items():
            acc[t].append(accuracy(predict(x), y))
        if probes is not None:
            p = predict(probes[0])
            probe_acc.append(accuracy(p, probes[1]))
            wrong.append([s for s, q, y in zip(probes[0], p, probes[1]) if (q > 0.5) != bool(y)])
    out = {"name": name, "kind": kind, "accuracy": {t: _summary(v) for t, v in acc.items()}}
    if probes is not None:
        out["probes"] = {**_summary(probe_acc), "wrong": wrong}
    out["train_seconds"] = {**_summary(seconds), "max": round(max(seconds), 3)}
    out["train_cpu_seconds"] = {**_summary(cpu), "max": round(max(cpu), 3)}
    return out


def read_korean(path: Path | str) -> Data:
    """An NSMC-layout file (header `id document label`) or `sentence<TAB>label` lines."""
    with open(path, encoding="utf-8", errors="replace") as f:
        first = f.readline()
    if first.rstrip("\n").split("\t")[:1] == ["id"]:
        reviews = nsmc.parse(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
        return [r.text for r in reviews], [r.label for r in reviews]
    return read_labelled(path)


def evaluate_korean(
    train: Data, tests: dict[str, Data], probes: Data | None, seeds: Sequence[int]
) -> list[dict]:
    """The page's Korean recurrent model and the character n-gram bag of words, once per seed."""
    from seqcore.sentiment import ko_eval
    from seqcore.sentiment.ko_build import DEFAULT
    from seqcore.sentiment.ko_train import FOLDS, VAL_FOLD, KoRun, train_korean

    folds = [nsmc.hash_fold(t, FOLDS) == VAL_FOLD for t in train[0]]
    pick = lambda keep: tuple([v for v, f in zip(col, folds) if f == keep] for col in train)  # noqa: E731
    fit_part, val_part = pick(False), pick(True)

    def recurrent(seed):
        run: KoRun = train_korean(dataclasses.replace(DEFAULT, seed=seed), fit_part, val_part)
        return run.probabilities

    def bag(seed):
        return ko_eval.train_char_baseline(*train).probabilities

    trainers = {korean_name(DEFAULT): ("recurrent", recurrent), KO_NAMES["bow"]: ("bag-of-words", bag)}
    return [_score(name, kind, fn, tests, probes, seeds) for name, (kind, fn) in trainers.items()]


def korean_name(cfg) -> str:
    """The recurrent model's name from its recipe (ko_build.DEFAULT)."""
    from seqcore.sentiment.ko_tokens import TOKENIZER_NAMES

    cell = ("Bi" if cfg.bidirectional else "") + cfg.cell.upper()
    extras = ", bag-of-n-grams path" if cfg.bow else ""
    extras += ", character n-gram bag path" if cfg.bow_chars else ""
    extras += ", rule-negated reviews" if cfg.negations else ""
    extras += ", negation templates" if cfg.templates else ""
    extras += " (also over the reviews' own stems)" if cfg.templates and cfg.template_stems else ""
    extras += f", {cfg.prefixes:.0%} of negations also taught up to the negator" if cfg.prefixes else ""
    return (
        f"recurrent: {cell}({cfg.hidden_size}) over {cfg.tokenizer} pieces "
        f"({TOKENIZER_NAMES[cfg.tokenizer]}), {cfg.pooling} pooling{extras} (page's Korean model recipe)"
    )


KO_NAMES = {
    "bow": "bag-of-words: character 1-3 gram TF-IDF + logistic regression",
}


def _read_all(args) -> tuple[Data, dict[str, Data], Data | None]:
    reader = read_korean if args.lang == "ko" else read_labelled
    train_x, train_y = [], []
    for f in args.train:
        x, y = reader(f)
        train_x, train_y = train_x + x, train_y + y
    tests = {Path(f).name: reader(f) for f in args.test}
    probes = reader(args.probes) if args.probes else None
    return (train_x, train_y), tests, probes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.sentiment_eval", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--lang", choices=("en", "ko"), default="en", help="en (UCI models) or ko (NSMC models)"
    )
    parser.add_argument("--train", nargs="+", required=True, help="UCI-format files to train on")
    parser.add_argument("--test", nargs="+", required=True, help="UCI-format files to test on")
    parser.add_argument("--probes", help="a TSV of probe sentences (sentence<TAB>label)")
    parser.add_argument("--seeds", default="0-4", help="e.g. 0-4 or 0,2")
    parser.add_argument("--no-corpus-models", action="store_true", help="skip the corpus-trained models")
    args = parser.parse_args(argv)
    try:
        seeds = parse_seeds(args.seeds)
        (train_x, train_y), tests, probes = _read_all(args)
    except (OSError, ValueError) as exc:
        print(f"python -m bench.sentiment_eval: {exc}", file=sys.stderr)
        return 2
    if len(set(train_y)) < 2:
        print(
            "python -m bench.sentiment_eval: the training files need both labels (0 and 1)", file=sys.stderr
        )
        return 2
    import torch

    torch.set_num_threads(1)
    if args.lang == "ko":
        models = evaluate_korean((train_x, train_y), tests, probes, seeds)
    else:
        models = evaluate((train_x, train_y), tests, probes, seeds, not args.no_corpus_models)
    result = {
        "train_files": [Path(f).name for f in args.train],
        "train_sentences": len(train_x),
        "test_sentences": {t: len(v[0]) for t, v in tests.items()},
        "probes": Path(args.probes).name if args.probes else None,
        "seeds": seeds,
        "models": models,
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
