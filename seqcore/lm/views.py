"""What the page shows from a trained run: samples, tables and Korean sentences read off numbers.

Every function here is computed once per input (`memo`: the run counts by identity, the rest by
content), so a rerun of the page, or a class on the same settings, does not sample again.
"""

from __future__ import annotations

import torch

from seqcore.core import rng
from seqcore.core.cache import CacheStore, memo
from seqcore.core.korean import josa
from seqcore.lm import metrics, sampling
from seqcore.lm.model import ShapeReport, two_shapes
from seqcore.lm.trainer import UNIT_LABELS, LMResult
from seqcore.lm.units import shown, split_units

# Each entry counts the run it was computed from (kept alive with it): the bound is on those bytes.
VIEWS_STORE = CacheStore("char_lm_views", max_entries=256, max_mb=64)
STUDY_TEMPERATURES = (0.5, 1.0)
EXAMPLE = "영화가 정말 재밌어요"


@memo(VIEWS_STORE)
def continuation(result: LMResult, prompt: str, temperature: float, seed: int, n_chars: int = 100):
    """The model's continuation of `prompt`: greedy at temperature 0, else drawn with `seed`."""
    gen = None if temperature == 0 else rng.torch_gen(seed)
    return sampling.generate(result.model, result.vocab, prompt, n_chars, temperature, gen)


@memo(VIEWS_STORE)
def next_choices(result: LMResult, units: tuple[str, ...]) -> list[sampling.NextChoices]:
    return sampling.top_next(result.model, result.vocab, list(units))


@memo(VIEWS_STORE)
def word_study(result: LMResult, seed: int, n: int = 5, n_chars: int = 200) -> dict[float, tuple[float, int]]:
    """Per temperature: (share of real words, tokens counted) over `n` samples from the empty prompt."""
    out = {}
    for t in STUDY_TEMPERATURES:
        gen = rng.torch_gen(seed)
        texts = [
            sampling.generate(result.model, result.vocab, "", n_chars, t, gen).continuation for _ in range(n)
        ]
        tokens = metrics.words("\n".join(texts))
        out[t] = (metrics.real_word_rate("\n".join(texts), result.train_words) or 0.0, len(tokens))
    return out


@memo(VIEWS_STORE)
def shapes(result: LMResult, seed: int, batch: int = 2, seq_len: int = 16) -> ShapeReport:
    """A real batch of held-out text through the trained cell, read many-to-many and many-to-one."""
    ids = torch.tensor(result.vocab.encode("".join(result.held_docs[:20])))[: batch * seq_len]
    return two_shapes(result.model, ids.view(batch, seq_len), seed)


def vocab_summary(result: LMResult) -> list[dict[str, str]]:
    """The vocabulary the unit makes, one row a fact (a phone reads it top to bottom): its size,
    what it covers, a sentence split into units, the model's size."""
    vocab = result.vocab
    facts = {
        "단위": UNIT_LABELS[vocab.unit],
        "어휘 크기": f"{len(vocab):,} (드문 것을 모은 UNK 포함)",
        "학습 글 덮는 비율": f"{vocab.coverage():.2%}",
        f"'{EXAMPLE}'": " · ".join(shown(u) for u in split_units(EXAMPLE, vocab.unit)),
        "파라미터 수": f"{result.n_params:,}",
    }
    return [{"항목": k, "값": v} for k, v in facts.items()]


def prediction_rows(result: LMResult, guesses: dict[int, int]) -> list[dict[str, object]]:
    """The learner's guesses (percent) beside the truth at those epochs (T = 0.5 samples)."""
    rows = []
    for epoch, guess in guesses.items():
        rec = result.records[min(epoch, result.epochs)]
        rate = rec.real_rates[0.5]
        rows.append(
            {
                "에포크": rec.epoch,
                "내 예측": f"{guess}%",
                "실제": "단어 없음" if rate is None else f"{rate:.0%}",
                "검증 퍼플렉서티": round(rec.held_ppl, 1),
            }
        )
    return rows


def gap_sentence(name_a: str, a: LMResult, name_b: str, b: LMResult) -> str:
    """Which run predicts held-out text better, in bits per character, and whether the gap is
    larger than the held-out sample's noise (a paired 95% interval over documents)."""
    gap, lo, hi = metrics.paired_gap(a.held_doc_bits, b.held_doc_bits, a.held_docs)
    head = (
        f"검증 글에서 {name_a}{josa(name_a, ('은', '는'))} 글자당 {a.last.held_bpc:.3f}비트, "
        f"{name_b}{josa(name_b, ('은', '는'))} {b.last.held_bpc:.3f}비트예요 "
        f"(차이 {gap:+.3f}, 95% 구간 {lo:+.3f} ~ {hi:+.3f})."
    )
    if lo > 0:
        return (
            head
            + f" 구간이 0보다 커서, 이 검증 글에서는 {name_b}{josa(name_b, ('이', '가'))} 더 잘 맞혔다고 할 수 있어요."
        )
    if hi < 0:
        return (
            head
            + f" 구간이 0보다 작아서, 이 검증 글에서는 {name_a}{josa(name_a, ('이', '가'))} 더 잘 맞혔다고 할 수 있어요."
        )
    return head + " 구간에 0이 들어 있어서, 이 정도 차이로는 어느 쪽이 낫다고 말할 수 없어요."


def unit_rows(runs: dict[str, LMResult]) -> list[dict[str, object]]:
    """The two units side by side: vocabulary, CPU time, bits per character, real words."""
    rows = []
    for name, r in runs.items():
        rate = r.last.real_rates[0.5]
        rows.append(
            {
                "단위": name,
                "어휘 크기": len(r.vocab),
                "학습 CPU 초": round(r.last.cpu_seconds, 1),
                "검증 글자당 비트": round(r.last.held_bpc, 3),
                "진짜 단어 비율 (T=0.5)": "–" if rate is None else f"{rate:.0%}",
            }
        )
    return rows


def clip_sentence(on: LMResult, off: LMResult) -> str:
    """What clipping changed in this pair of runs: how often the norm passed the line, the largest norm."""
    limit = on.config.clip_norm

    def over(r: LMResult) -> int:
        return sum(n > limit for n in r.grad_norms)

    return (
        f"클리핑을 켠 실행은 업데이트 {len(on.grad_norms):,}번 중 {over(on):,}번 노름이 {limit:g}를 넘어 잘렸어요 "
        f"(가장 큰 노름 {max(on.grad_norms):.2f}). 끈 실행은 {over(off):,}번 {limit:g}를 넘었고, 그대로 "
        f"업데이트에 들어갔어요 (가장 큰 노름 {max(off.grad_norms):.2f}). 클리핑은 방향은 두고 길이만 줄여요."
    )


BATCHING_SHORT = {"carried": "이어 읽기", "random": "무작위"}


def batching_pair(pair: tuple[LMResult, LMResult]) -> tuple[dict[str, list[float]], str]:
    """Held-out perplexity per epoch of both batchings, and what the pair shows: the gap with its
    interval, and how long a review is against the window (the context a carried state adds)."""
    runs = {BATCHING_SHORT[r.config.batching]: r for r in pair}
    held = {name: [rec.held_ppl for rec in r.records] for name, r in runs.items()}
    first = pair[0]
    docs = first.held_docs
    mean_units = sum(len(split_units(d, first.vocab.unit)) + 1 for d in docs) / max(len(docs), 1)
    window = first.config.seq_len
    context = f" 검증 글의 글 하나는 평균 {mean_units:.0f}걸음이고 창은 {window}걸음이에요" + (
        ": 글 하나가 대개 창 하나에 들어가서, 넘겨받는 상태가 줄 앞 문맥이 적어요."
        if mean_units < window
        else ": 글이 창보다 길어서, 넘겨받는 상태가 창 앞의 문맥을 전해 줘요."
    )
    return held, gap_sentence(*(x for item in runs.items() for x in item)) + context


def shape_lines(rep: ShapeReport) -> tuple[str, str]:
    """The two readings of one batch as code lines: many-to-many (this page), many-to-one."""
    many = f"x       {rep.x}\noutputs {rep.outputs}\nlogits  {rep.many_to_many}  # (batch, seq, vocab)"
    one = (
        f"x                  {rep.x}\noutputs[:, -1, :]  {rep.last_hidden}\n"
        f"head(...)          {rep.many_to_one}  # (batch, 1)"
    )
    return many, one


@memo(VIEWS_STORE)
def same_seed_lines(result: LMResult, prompt: str, temperature: float, seed: int, shown_units) -> str:
    """Sample again with a fresh generator of the same seed, and of the next seed: same text or not
    (computed once per input, like every view here)."""

    def again(s: int):
        return sampling.generate(result.model, result.vocab, prompt, 100, temperature, rng.torch_gen(s)).units

    return (
        f"gen = torch.Generator().manual_seed({seed})  # 이 실행만의 생성기 (전역 생성기는 쓰지 않아요)\n"
        f"같은 시드로 다시 뽑은 글이 같나요? {again(seed) == tuple(shown_units)}\n"
        f"시드 {seed + 1}로 뽑은 글이 같나요?   {again(seed + 1) == tuple(shown_units)}"
    )


def study_rows(result: LMResult, seed: int) -> list[dict[str, object]]:
    return [
        {"온도": f"{t:.1f}", "진짜 단어 비율": f"{rate:.0%}", "센 토막 수": n}
        for t, (rate, n) in word_study(result, seed).items()
    ]


def top_units(result: LMResult, n: int) -> tuple[list[str], list[int]]:
    """The `n` most frequent units (UNK aside) as a learner reads them, and their counts."""
    ids = range(1, min(n + 1, len(result.vocab)))
    return [shown(result.vocab.itos[i]) for i in ids], [result.vocab.counts[i] for i in ids]


def bpc_by_cpu(runs: dict[str, LMResult]) -> dict[str, tuple[list[float], list[float]]]:
    """Each run's (CPU seconds, held-out bits per character) after every epoch (the untrained
    epoch 0 left out: its 10+ bits would flatten the rest)."""
    return {
        n: ([x.cpu_seconds for x in r.records[1:]], [x.held_bpc for x in r.records[1:]])
        for n, r in runs.items()
    }


def step_labels(units) -> list[str]:
    """A label per unit for a row of buttons, each different: a repeated unit gets invisible
    zero-width spaces after it (Streamlit tells the buttons apart by their labels)."""
    seen: dict[str, int] = {}
    out = []
    for u in units:
        label = shown(u)
        out.append(label + "\u200b" * seen.get(label, 0))
        seen[label] = seen.get(label, 0) + 1
    return out


def run_caption(result: LMResult) -> str:
    cfg = result.config
    return (
        f"{cfg.cell.upper()} · {UNIT_LABELS[cfg.unit]} · 파라미터 {result.n_params:,}개 · 학습 "
        f"{result.last.seconds:.0f}초 ({result.device}에서) · 같은 시드, 같은 빈 프롬프트로 매 에포크 뽑았어요."
    )


def epoch_caption(result: LMResult, k: int) -> str:
    rec = result.records[k]
    return (
        f"에포크 {k}: 학습 글 {rec.train_ppl:.1f} · 검증 글 {rec.held_ppl:.1f} · 유니그램 {result.unigram_ppl:.1f} "
        f"· 여기까지 학습 {rec.seconds:.1f}초. 온도 1.0의 단어는 대부분 학습 글에 없는 지어낸 말이에요."
    )


def next_caption(choices: sampling.NextChoices) -> str:
    """Where the unit that really came next stands in the model's bet."""
    if choices.actual is None:
        return "글의 끝이라 다음 단위가 없어요."
    where = "빨간 막대예요" if choices.actual in choices.units else "상위 5개 밖이었어요"
    return (
        f"실제로 다음에 온 단위는 {shown(choices.actual)}: 모델이 준 확률 {choices.actual_prob:.1%}, {where}. "
        "many-to-many의 출력 한 칸이 이런 분포 하나예요."
    )
