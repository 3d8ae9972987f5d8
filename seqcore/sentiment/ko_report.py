"""What the Korean part of the sentiment page says: tables and sentences computed from the
numbers the build and the benchmark measured (model.json, tokenizers.json), never typed."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from seqcore.core.korean import josa
from seqcore.core.markup import plain
from seqcore.sentiment import ko_eval
from seqcore.sentiment.ko_measure import REPORT_SETS, round_of
from seqcore.sentiment.ko_read import KoReading, turning_points
from seqcore.sentiment.ko_study import SHIPPABLE, VARIANT_NAMES, choose, why
from seqcore.sentiment.ko_tokens import SPACE, TOKENIZER_NAMES

TOKENIZER_TABLE = Path(__file__).resolve().parent / "data" / "ko_model" / "tokenizers.json"

LOGIT = "로짓(logit)은 시그모이드에 넣기 전의 점수예요. 0이면 50%, 클수록 긍정, 작을수록 부정이에요."


def intro(info: dict) -> str:
    m, templates = info["metrics"], info["config"]["templates"]
    reviews = info.get("n_reviews", info["n_train"] - templates)
    made = f"규칙으로 만든 부정 문장 {templates:,}개"
    if info["n_train"] - reviews > templates:  # the rule-negated reviews and contrasts (and prefixes)
        what = (
            "부정·대조한 문장과 그 앞부분(부정어 앞까지)"
            if info["config"].get("prefixes")
            else "부정·대조한 문장"
        )
        made += f", 실제 리뷰를 규칙으로 {what} {info['n_train'] - reviews - templates:,}개"
    n = len(info.get("members", ()))
    what = f"시드만 바꿔 미리 학습한 모델 {n}개의 평균" if n else "미리 학습한 모델"
    return (
        f"네이버 영화 리뷰(NSMC, CC0) {reviews:,}개와 {made}로 "
        f"{what}이에요 (앱에 들어 있고, `{info['command']}` 한 줄로 다시 만들어요). 학습에 없던 시험 리뷰 "
        f"{m['test_n']:,}개에서 정확도 **{m['test_acc']:.1%}** (95% 구간 ±{m['test_ci95']:.1%}p). 시험 리뷰는 텍스트 "
        "해시로 나눠서 같은 영화의 다른 리뷰가 학습에 있을 수 있어요: 처음 보는 영화에서는 조금 낮게 나와요."
    )


def pieces_table(reading: KoReading) -> pd.DataFrame:
    """How the sentence was cut: position, piece, known or <UNK>, P(긍정) after it."""
    return pd.DataFrame(
        {
            "위치": range(1, len(reading.pieces) + 1),
            "조각": [p.replace(SPACE, "␣") for p in reading.pieces],
            "어휘": ["있음" if k else "<UNK>" for k in reading.known],
            "여기까지 읽은 긍정 확률": [f"{p:.3f}" for p in reading.probabilities],
        }
    )


def reading_note(reading: KoReading, turns: list[int], config=None) -> str:
    """Where the recurrent model's verdict turned, from its own numbers (and, given the model's
    config, what that owes to training: prefix_note)."""
    after = f"\n\n{note}" if config is not None and (note := prefix_note(config)) else ""
    if not turns:
        side = "긍정" if reading.probability > 0.5 else "부정"
        return f"순환 모델은 읽는 내내 {side} 쪽에 머물렀어요 (끝: {reading.probability:.3f}).{after}"
    at = ", ".join(
        f"{k + 1}번째 조각 '{plain(reading.pieces[k].strip(SPACE))}'" for k in turns
    )  # learner text
    return f"순환 모델의 판단이 {at}에서 0.5를 넘어 뒤집혔어요 (끝: {reading.probability:.3f}).{after}"


def prefix_note(config) -> str | None:
    """What the reading-as-it-goes chart owes to training (the recipe's prefixes), or None."""
    if not config.prefixes:
        return None
    return (
        f"이 모델은 규칙으로 부정한 문장의 {config.prefixes:.0%}를 부정어 바로 앞까지만 잘라서도 배웠어요 "
        "('지루하지는' → 부정, '지루하지는 않았다' → 긍정). 그래서 판단이 부정어에서 뒤집히는 건 저절로 생긴 게 "
        "아니라 가르친 결과예요. 잘린 문장을 배우지 않은 모델은 '지는'처럼 부정을 예고하는 어미에서 미리 뒤집혔어요."
    )


def guess(reading: KoReading) -> dict:
    """A predict-then-reveal question on the learner's sentence (seqcore.ui.predict.Question's
    fields): which side the shipped model takes, computed by it; the why in its own numbers."""
    side = "긍정" if reading.probability > 0.5 else "부정"
    first = reading.probabilities[0] if reading.probabilities else reading.probability
    return {
        "key": "sentiment_ko_guess",
        "prompt": "이 문장을 순환 모델은 긍정과 부정 중 무엇으로 읽을까요?",
        "kind": "choice",
        "answer": side,
        "options": ("긍정", "부정"),
        "why": (
            f"첫 조각까지 읽었을 때 긍정 확률 {first:.3f}, 끝까지 읽은 뒤 {reading.probability:.3f}: "
            f"0.5보다 {'커서' if side == '긍정' else '작거나 같아서'} {side}이에요. "
            + (
                f"판단이 {len(turns)}번 뒤집혀요: 아래 그래프에서 어느 조각에서인지 보세요."
                if (turns := turning_points(reading))
                else "읽는 동안 한 번도 뒤집히지 않았어요: 아래 그래프에서 조각마다 확인해 보세요."
            )
        ),
    }


def verdict_line(probability: float) -> str:
    return f"예측: **{'긍정' if probability > 0.5 else '부정'}** (긍정 확률 {probability:.3f})"


def comparison(info: dict, bow_acc: float | None = None) -> str:
    """The recurrent model against the character n-gram bag of words on the same test reviews:
    a winner only when the gap is larger than the 95% interval of the difference."""
    m = info["metrics"]
    ours, base, n = m["test_acc"], m["baseline_test_acc"], m["test_n"]
    return f"같은 시험 리뷰 {n:,}개에서 순환 모델 {ours:.1%}, 글자 n-gram 단어 가방 {base:.1%}. {gap_line(ours, base, n)}"


def gap_line(ours: float, base: float, n: int) -> str:
    """The recurrent model against the bag of words on the same n reviews (ko_eval.gap_verdict)."""
    return ko_eval.gap_verdict("순환 모델", ours, "단어 가방", base, n)


# The hand-written sets, newest first: key -> round. Each was written before its round changed
# anything; the clean ones were never read for errors, the read ones say what was read when.
READ_PROBES = {
    "r9_probe": ("9차", "이 모델로 잰 뒤 틀린 문장 일부를 봤어요 (그 뒤로 바꾼 것은 없어요)"),
    "r8_probe": ("8차", "앞 모델로 잰 뒤 틀린 것을 봤어요 (그 뒤로는 시드 평균만 바꿨어요)"),
    "r4_probe": ("4차", "틀린 것을 읽고 없다·명사 틀을 만들었어요"),
    "probe": ("2차", "틀린 것을 읽고 리뷰 어간·앞부분·없다 틀을 만들었어요"),
}
# The report-only sets (ko_measure.REPORT_SETS) whose errors were never read: r7_probe -> 7차.
CLEAN_PROBES = {k: f"{round_of(k)}차" for k in reversed(REPORT_SETS) if k not in READ_PROBES}


def _probe_set(m: dict, k: str, name: str) -> str:
    return (
        f"{name} {m[k + '_n']}개: 순환 모델 {m[k + '_acc']:.0%}, 단어 가방 {m['baseline_' + k + '_acc']:.0%} "
        f"(±{m[k + '_ci95']:.0%}p)"
    )


def real_negation_line(m: dict) -> str:
    """The test reviews that hold a negation: the reviewers' own negations (a text-hash split)."""
    if "negated_test_acc" not in m:
        return ""
    ours, base, n = m["negated_test_acc"], m["baseline_negated_test_acc"], m["negated_test_n"]
    hand = [m[f"baseline_{k}_acc"] for k in CLEAN_PROBES if f"baseline_{k}_acc" in m] or [base]
    return (
        f"**리뷰어가 직접 쓴 부정**: 학습에 쓰지 않은 시험 리뷰 중 않·못·아니·없·안이 든 {n:,}개에서 순환 모델 "
        f"{ours:.1%}, 단어 가방 {base:.1%}. {gap_line(ours, base, n)} 단어 가방이 손으로 쓴 "
        f"문장({min(hand):.0%}~{max(hand):.0%})보다 훨씬 잘 맞히니, 리뷰어가 쓴 부정은 대부분 단어만 봐도 판정이 "
        "나온다는 뜻이에요. 부정을 정말 읽는지는 위의 손으로 쓴 문장이 재요.\n\n"
    )


def probes_line(info: dict) -> str:
    """The negation checks: the hand-written sets never read for errors (clean), the earlier
    ones with what was read when, and the rule-negated validation reviews."""
    m = info["metrics"]
    clean = ". ".join(_probe_set(m, k, name) for k, name in CLEAN_PROBES.items() if f"{k}_n" in m)
    read = " ".join(f"{_probe_set(m, k, name)}, {why}." for k, (name, why) in READ_PROBES.items())
    return (
        "**손으로 쓴 부정·이중 부정 문장** (라운드마다 아무것도 바꾸기 전에 써 두고, 학습·선택에 쓰지 않고 틀린 것도 "
        f"읽지 않은 문장): {clean}. 문장이 적어서 95% 구간이 넓어요.\n\n"
        f"같은 방식으로 써 두었지만 틀린 것을 읽은 문장: {read} 틀린 것을 읽은 문장은 다음 모델에게는 깨끗한 시험이 "
        "아니에요.\n\n"
        + real_negation_line(m)
        + f"검증 리뷰의 마지막 서술어를 규칙으로 부정한 문장 {m['negation_val_n']:,}개: 순환 모델 "
        f"{m['negation_val_acc']:.1%}, 단어 가방 {m['baseline_negation_val_acc']:.1%}. 모델이 같은 규칙으로 만든 문장으로 "
        "학습했으니 이 점수는 규칙의 말투를 배웠다는 뜻이지, 사람이 쓴 새 말투를 안다는 뜻은 아니에요: "
        "그건 위의 손으로 쓴 문장이 재요.\n\n"
        f"참고: 처음 쓴 부정 문장 {m['old_probe_n']}개에서는 {m['old_probe_acc']:.0%}. 이 문장들은 틀린 것을 본 뒤 "
        "학습 규칙을 고쳤기 때문에 더는 깨끗한 시험이 아니에요."
        f" 흔한 말투(-진 않다, 별로·그렇게 + 부정, '~한 영화는 아니다')로 쓴 개발용 문장 {m['dev_probe_n']}개에서는 "
        f"{m['dev_probe_acc']:.0%} (단어 가방 {m['baseline_dev_probe_acc']:.0%}): 이 문장으로 학습 방법을 골랐으니 "
        "이것도 깨끗한 시험은 아니에요."
    )


def calibration_note(info: dict) -> str:
    rel = info["metrics"]["reliability"]
    top = [(mp, r, c) for mp, r, c in zip(rel["mean_prob"], rel["positive_rate"], rel["counts"]) if c][-1]
    return (
        "점이 대각선 위에 있으면 '0.9라고 말한 리뷰 중 90%가 정말 긍정'이라는 뜻이에요. "
        f"가장 확신한 구간(평균 {top[0]:.2f})의 리뷰 {top[2]:,}개 중 실제 긍정은 {top[1]:.1%}였어요. "
        "그래서 0.98은 '틀림없다'가 아니라 '이런 리뷰 100개 중 대략 98개가 긍정이었다'는 뜻이고, "
        f"이 모델이 처음 보는 말투(다른 영화, 다른 사이트)에서는 더 틀려요. 평균 어긋남(ECE) {rel['ece']:.3f}."
    )


def tokenizer_table(path: Path = TOKENIZER_TABLE) -> tuple[pd.DataFrame, pd.DataFrame, dict] | None:
    """The tokenizer study (written by `python -m bench.sentiment --korean --save`): one row per
    tokenizer, then the syllable model's variants and the character n-gram bag of words."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    n = data["val_n"]

    def row(name: str, r: dict) -> dict:
        noise = max(ko_eval.interval95(r["val_acc"], n), r["spread"])
        seeds = (
            {"시드별": " / ".join(f"{a:.1%}" for a in r["val_acc_seeds"])} if len(data["seeds"]) > 1 else {}
        )
        # CPU seconds where the study measured them; the first study kept wall seconds (busy machine)
        cpu = "train_cpu_s" in r
        return {
            "모델": name,
            "검증 정확도": f"{r['val_acc']:.1%}",
            **seeds,
            "잡음 ±": f"{noise:.1%}",
            "어휘": f"{r['vocab']:,}",
            "조각/리뷰": f"{r['pieces_per_review']:.1f}",
            ("학습 CPU 초" if cpu else "학습 초"): f"{r['train_cpu_s'] if cpu else r['train_s']:,.0f}",
        }

    rows = sorted(data["rows"].items(), key=lambda kv: -kv[1]["val_acc"])
    kinds = pd.DataFrame([row(TOKENIZER_NAMES.get(k, k), r) for k, r in rows])
    kinds.insert(1, "앱에", ["예" if k in SHIPPABLE else "아니요 (88 MB)" for k, _ in rows])
    more = [row(VARIANT_NAMES.get(k, k), r) for k, r in data["variants"].items()]
    more.append(
        {
            "모델": "글자 n-gram 단어 가방 (TF-IDF + 로지스틱 회귀)",
            "검증 정확도": f"{data['char_bow']['val_acc']:.1%}",
        }
    )
    return kinds, pd.DataFrame(more).fillna(""), data


def pieces_line(reading: KoReading) -> str:
    """The pieces as plain text, unknown ones marked: shown in a code block."""
    shown = [p.replace(SPACE, "␣") + ("" if k else "⟨UNK⟩") for p, k in zip(reading.pieces, reading.known)]
    return " | ".join(shown) or "(조각 없음)"


def pieces_caption(kind: str, reading: KoReading) -> str:
    extra = f" · 최대 길이를 넘어 {reading.truncated}개는 잘랐어요" if reading.truncated else ""
    return (
        f"{TOKENIZER_NAMES.get(kind, kind)}로 자른 조각 {len(reading.pieces)}개 중 어휘에 없는 {plain('<UNK>')} "
        f"{reading.n_unknown}개 (␣는 띄어쓰기){extra}"
    )


def bow_line(bow, text: str) -> str:
    p = bow.model.probabilities([text])[0]
    return (
        f"**단어 가방** (글자 1~3 n-gram TF-IDF + 로지스틱 회귀, 학습 {bow.n_train:,}문장, 시험 정확도 "
        f"{bow.test_acc:.1%}): {'긍정' if p > 0.5 else '부정'} ({p:.3f}). 순서를 보지 않아서 "
        "'않았다'가 앞 말을 뒤집는다는 걸 알 수 없어요."
    )


VARIANTS_HEAD = "같은 조건(같은 학습 리뷰, 같은 시드)에서 모델을 조금씩 바꿔 본 결과와 글자 n-gram 단어 가방:"


def tokenizer_caption(data: dict, chosen: str) -> str:
    """How the table was measured and why the page's model cuts text the way it does (and, when
    the model is not the table's choice, that it is not)."""
    seeds, study, name = data["seeds"], choose(data["rows"]), lambda k: TOKENIZER_NAMES.get(k, k)
    noise = (
        "잡음은 95% 구간과 시드 사이 차이 중 큰 쪽"
        if len(seeds) > 1
        else "시드가 하나뿐이라 잡음은 95% 구간만이에요(시드를 바꾸면 더 흔들려요)"
    )
    text = (
        f"같은 순환 모델(양방향 GRU, max+mean 풀링)을 학습 리뷰 {data['n_train']:,}개로 최대 {data['epochs']} 에포크"
        f"(검증 손실이 나빠지면 멈춤) 시드 {', '.join(map(str, seeds))}로 학습해, 검증 리뷰 {data['val_n']:,}개"
        f"(텍스트 해시로 나눈 부분)에서 잰 값이에요. {noise}: 차이가 이보다 작으면 이겼다고 하지 않아요. "
    )
    if any("train_cpu_s" not in r for r in data["rows"].values()):
        text += "학습 초는 다른 작업으로 바쁜 기계에서 잰 벽시계 시간이라 대략의 크기만 보세요. "
    if chosen == study:
        text += f"{why(data['rows'], study, data['val_n'])}."
    else:
        text += (
            f"주의: 이 표로 고른다면 앱에서 쓸 수 있는 것 중 {name(study)}{josa(name(study), ('이에요', '예요'))}. "
            f"하지만 앱의 모델은 {name(chosen)}로 학습돼 있어요. 이 표는 작은 측정이고, 전체 데이터로 토큰화를 "
            "다시 비교하지는 못했어요."
        )
    return text + f" (명령: {plain(data['command'])})"


def reliability_series(info: dict) -> tuple[tuple, tuple, tuple]:
    return tuple(tuple(info["metrics"]["reliability"][k]) for k in ("mean_prob", "positive_rate", "counts"))


DEMO_INTRO = (
    "위의 모델은 미리 학습해 둔 **큰 버전**이에요. 여기서는 **같은 방법의 작은 버전**(같은 토큰화, 같은 양방향 GRU, "
    "같은 규칙 부정 문장)을 리뷰 3,000개, GRU 32, 2 에포크로 하나만 이 앱에서 바로 학습해요. 작아서 덜 정확해요."
)
DEMO_IDLE = "버튼을 누르면 작은 모델을 이 앱에서 바로 학습해요 (보통 1분 안). 한 번 학습한 시드는 저장돼요."
DEMO_CHART = "작은 모델의 읽기: 조각마다 긍정 확률"
DEMO_UNREADABLE = "작은 모델도 이 문장은 읽을 수 없어요 (위의 안내 참고)."


def demo_line(demo, info: dict) -> str:
    """The small model against the shipped one, in the numbers each run measured."""
    m = info["metrics"]
    return (
        f"작은 모델: 학습 리뷰 {demo.n_train:,}문장(규칙 부정 문장 포함), {demo.seconds:.0f}초. 시험 리뷰 {demo.test_n:,}개에서 "
        f"정확도 **{demo.test_acc:.1%}** (95% 구간 ±{ko_eval.interval95(demo.test_acc, demo.test_n):.1%}p). 큰 모델은 "
        f"시험 리뷰 {m['test_n']:,}개에서 {m['test_acc']:.1%}예요."
    )
