"""The 문자 생성 page's default recipe, trained for a time budget: `python -m bench.char_lm`.

    python -m bench.char_lm [--text FILE] [--seconds 60] [--seed 0]

Trains the page's default model (seqcore.lm.trainer.DEFAULT_CONFIG) on the shipped NSMC reviews
(TRAIN_CHARS of them), or on a UTF-8 text file (one document a line, at most data.MAX_TEXT_CHARS characters), epoch
after epoch until `--seconds` of training have passed, and prints one JSON object:

- held_out_perplexity, unigram_perplexity: on the same held-out part (NSMC: the test fold, which
  no default was chosen on; a file: the tenth of its pieces with the smallest text hash);
- unit ('char' for syllables, or 'jamo'), train_seconds (wall clock, training steps only),
  epochs, samples: 5 samples of 200 characters at each of the temperatures 0.5 and 1.0;
- and beside them: real_word_rate per temperature (the share of the samples' space-separated
  tokens of 2+ characters that occur in the training text), cpu_seconds, threads, curve.

Bad arguments or an unusable file: a message on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from seqcore.core import rng
from seqcore.core.runtime import configure_threads
from seqcore.lm import data, metrics
from seqcore.lm.sampling import generate
from seqcore.lm.trainer import DEFAULT_CONFIG, LMResult, train_lm

# With a time budget rather than 10 epochs, the recipe reads more reviews instead of re-reading
# the page's 80k characters, which it starts to overfit after about 10 passes (validation fold).
TRAIN_CHARS = 300_000
SAMPLE_TEMPERATURES = (0.5, 1.0)
N_SAMPLES, SAMPLE_CHARS = 5, 200
MAX_SECONDS = 3600.0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"초는 숫자여야 해요: {text!r}") from None
    if not 1 <= value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"초는 1 ~ {MAX_SECONDS:.0f} 사이여야 해요: {text}")
    return value


def _seed(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"시드는 0 이상의 정수여야 해요: {text!r}")
    return int(text)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.char_lm", description=__doc__.splitlines()[0])
    parser.add_argument("--text", help="UTF-8 텍스트 파일 (한 줄에 글 하나); 없으면 NSMC 리뷰")
    parser.add_argument("--seconds", type=_seconds, default=60.0, help="학습 시간 (초, 기본 60)")
    parser.add_argument("--seed", type=_seed, default=0, help="시드 (기본 0)")
    return parser.parse_args(argv)


def samples(result: LMResult, seed: int) -> tuple[list[dict], dict[str, float | None]]:
    """N_SAMPLES samples of SAMPLE_CHARS characters per temperature, and their real-word rates."""
    out, rates = [], {}
    for t in SAMPLE_TEMPERATURES:
        gen = rng.torch_gen(seed)
        texts = [
            generate(result.model, result.vocab, "", SAMPLE_CHARS, t, gen).continuation
            for _ in range(N_SAMPLES)
        ]
        out += [{"temperature": t, "text": s} for s in texts]
        rate = metrics.real_word_rate("\n".join(texts), result.train_words)
        rates[str(t)] = None if rate is None else round(rate, 4)
    return out, rates


def run(text: str | None, seconds: float, seed: int) -> dict:
    """Train for `seconds` and report; `text` is a checked learner text or None (NSMC)."""
    threads = configure_threads()
    cfg = dataclasses.replace(
        DEFAULT_CONFIG,
        text=text,
        seconds=seconds,
        seed=seed,
        held_fold=data.TEST_FOLD,
        train_chars=TRAIN_CHARS,
    )
    result = train_lm(cfg)
    texts, rates = samples(result, seed)
    last = result.last
    return {
        "held_out_perplexity": round(last.held_ppl, 3),
        "unigram_perplexity": round(result.unigram_ppl, 3),
        "unit": cfg.unit,
        "train_seconds": round(last.seconds, 2),
        "epochs": result.epochs_done,
        "samples": texts,
        "real_word_rate": rates,
        "cpu_seconds": round(last.cpu_seconds, 2),
        "threads": threads,
        "held_bits_per_char": round(last.held_bpc, 4),
        "curve": [
            {"seconds": round(r.seconds, 2), "held_out_perplexity": round(r.held_ppl, 3)}
            for r in result.records
        ],
    }


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    text = None
    try:
        if args.text is not None:
            text = data.check_text(data.read_text_file(args.text))
            data.text_corpus(text)
    except data.TextRefused as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from None
    print(json.dumps(run(text, args.seconds, args.seed), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
