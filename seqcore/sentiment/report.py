"""What the sentiment page says about results: tables and Korean sentences computed from them.

Kept out of the page so that every verdict is unit-tested against the numbers it reads.
"""

from __future__ import annotations

import pandas as pd

from seqcore.core.cache import CacheStore
from seqcore.sentiment import corpus, uci
from seqcore.sentiment.inputs import InputCheck
from seqcore.sentiment.ko_eval import gap_is_real
from seqcore.sentiment.models import LESSON_STORE, LessonConfig, train_lesson

PAGE_INTRO = (
    "영화 리뷰를 보고 **긍정(1) / 부정(0)** 을 맞히는 모델입니다. 먼저 한국어 리뷰 15만 개로 학습한 모델이 여러분의 "
    "문장을 읽어요. 그다음 수업의 `SentimentLSTM`을 그대로 학습하고, 패딩과 임베딩을 들여다본 뒤, 부정어 'not'을 "
    "이해하는 모델과 영어 **실제 리뷰**로 넘어가요."
)
# The page's parts (ui.sections): the labels are public link values (`?sentiment_part=...`).
PART_LABELS = ("한국어 리뷰", "1. 수업 모델", "2. 순서를 이해하는 모델", "3. 실제 리뷰", "4. 데이터 양")
# RNNConfig field -> widget key suffix (sentiment_<key>; two per column).
RNN_KNOBS = {
    "cell": "cell",
    "bidirectional": "bidir",
    "num_layers": "layers",
    "dropout": "dropout",
    "hidden_size": "hidden",
    "epochs": "epochs",
}
BUTTONS = {  # ui.train_or_last's button and progress label of each part
    "seed": {
        "key": "sentiment_seed_button",
        "button": "시드 0~4로 다섯 번 다시 학습해 확인하기",
        "label": "시드 0~4 학습 중",
    },
    "rnn": {"key": "sentiment_rnn_train", "button": "학습하고 비교하기"},
    "uci": {"key": "sentiment_uci_train", "button": "이 방법으로 학습하기", "label": "실제 리뷰로 학습 중"},
    "hunger": {
        "key": "sentiment_hunger_train",
        "button": "크기별로 학습하기",
        "label": "데이터 크기별 학습 중",
    },
}
HUNGER_TITLES = {"corpus": "만든 문장 (순서가 답을 정함)", "uci": "실제 리뷰 (UCI, 무작위 나누기)"}
KINDS_HEAD = "**검증 문장을 종류별로 나누면** (순서가 답을 정하는 종류에서 단어 가방이 무너져요)"
PREFIX_CAPTION = "k번째 점은 처음 k개 단어만 넣었을 때의 긍정 확률이에요. 회색 (UNK)는 어휘에 없는 단어예요."


def order_intro(data: corpus.Corpus) -> str:
    return (
        f"이 앱이 만든 영어 문장 {len(data.train):,}개(학습)와 {len(data.held_out):,}개(검증, 학습에 없던 새 표현)입니다. "
        f"손으로 쓴 **부정 프로브** {len(data.probes)}개는 학습에서 뺐어요. 학습 중에 단어의 10%를 `<UNK>`로 바꿔서 "
        "(word dropout) 모델이 모르는 단어를 만나는 법도 배워요."
    )


def not_text(shown) -> str:
    return (
        f"어휘에 `not`이 없어요. 그래서 `not good at all`은 `{shown}`로 보이고, 학습 데이터에 `<UNK>`가 한 번도 없어서 "
        "모델은 그 뜻을 배운 적이 없어요."
    )


def lesson_tokens(pred) -> pd.DataFrame:
    return pd.DataFrame(
        {"위치": range(len(pred.shown)), "모델이 보는 토큰": pred.shown, "인덱스": pred.indices}
    )


def unreadable_reason(check: InputCheck) -> str | None:
    """Why the model cannot read this input (no big verdict then), or None when it can."""
    if check.empty:
        return None  # input_messages already says "비어 있어요"
    if check.hangul and (check.n_tokens == 0 or check.all_unknown or check.n_unknown == check.n_tokens):
        return (
            "이 모델은 영어 어휘로만 학습해서 한글 문장은 읽을 수 없어요. 한글 단어는 모두 `<UNK>`가 되거나 "
            "빠지기 때문에, 아래 확률은 문장의 뜻이 아니라 `<UNK>`와 패딩만 보고 낸 값이에요. "
            "영어로 입력해 보세요."
        )
    if check.n_tokens == 0:
        return "읽을 수 있는 영어 단어가 하나도 없어요. 그래서 긍정/부정을 판단하지 않았어요."
    if check.all_unknown:
        return (
            "모든 단어가 어휘에 없는 `<UNK>`예요. 모델이 아는 단어가 하나도 없으니 긍정/부정을 판단하지 "
            "않았어요. 아래 확률은 `<UNK>`와 패딩만 보고 낸 값이라 뜻이 없어요."
        )
    return None


def hunger_verdict(res, key: str) -> str:
    """Where (if anywhere) the recurrent model is ahead of the bag of words on data set `key` by
    more than the noise of its test part (95% interval of the gap)."""
    from seqcore.sentiment.hunger import BOW, RECURRENT

    fractions, accuracy, n_test = res.fractions, res.accuracy[key], res.n_test[key]
    pairs = list(zip(fractions, accuracy[RECURRENT], accuracy[BOW]))
    ahead = [f for f, r, b in pairs if r > b and gap_is_real(r, b, n_test)]
    behind = [f for f, r, b in pairs if b > r and gap_is_real(r, b, n_test)]
    tail = f" (시험 {n_test:,}문장: 95% 구간보다 큰 차이만 셌어요)"
    if not ahead:
        if behind:
            return (
                f"순환 모델이 단어 가방을 확실히 앞선 크기는 없고, {len(behind)}개 크기에서는 뒤졌어요{tail}."
            )
        return f"어느 크기에서도 두 모델의 차이가 잡음보다 크지 않았어요{tail}."
    if len(ahead) == len(fractions):
        return f"모든 크기에서 순환 모델이 단어 가방보다 확실히 나았어요{tail}."
    return f"순환 모델은 학습 데이터 {ahead[0]:.0%}에서 단어 가방을 확실히 앞섰어요{tail}."


def seed_study_idle(seeds, lesson_seconds: float) -> str:
    """Before the seed study: how many trainings, and about how long, from the lesson model's own time."""
    return (
        f"버튼을 누르면 수업 모델을 시드 {min(seeds)}~{max(seeds)}로 {len(seeds)}번 학습해요 "
        f"(위 모델 한 번에 {lesson_seconds:.1f}초 걸렸으니 모두 약 {len(seeds) * lesson_seconds:.0f}초)."
    )


def rnn_button(cfg) -> dict:
    from seqcore.sentiment.baselines import rnn_name

    return {**BUTTONS["rnn"], "label": f"{rnn_name(cfg)} 학습 중", "idle": CORPUS_IDLE}


CORPUS_IDLE = (
    "버튼을 누르면 순환 모델과 두 단어 가방 모델을 학습해요 (기본 설정은 CPU에서 몇 초, 층·양방향·hidden_size를 "
    "키우면 더 걸려요)."
)


def hunger_idle(fractions) -> str:
    """Before the data-hunger curves: which sizes, how many trainings."""
    sizes = "/".join(f"{f:.0%}".rstrip("%") for f in fractions)
    return (
        f"버튼을 누르면 학습 데이터의 {sizes}%로 순환 모델과 단어 가방을 학습해요 (만든 문장과 실제 리뷰 × "
        f"크기 {len(fractions)}가지 = 순환 모델 {2 * len(fractions)}번)."
    )


def corpus_kind_table(comp, data: corpus.Corpus) -> pd.DataFrame:
    rows = []
    for m in comp.models():
        kinds = corpus.kind_accuracy(data.held_out, comp.probabilities[m][corpus.HELD_OUT])
        rows.append({"모델": m, **{corpus.KIND_NAMES[k]: f"{v:.1%}" for k, v in kinds.items()}})
    return pd.DataFrame(rows)


def probe_table(comp, data: corpus.Corpus) -> pd.DataFrame:
    rows = []
    for i, e in enumerate(data.probes):
        row = {"문장": e.text, "정답": "긍정" if e.label else "부정"}
        for m in comp.models():
            p = comp.probabilities[m][corpus.PROBE_SET][i]
            row[m] = f"{'✓' if (p > 0.5) == bool(e.label) else '✗'} {p:.2f}"
        rows.append(row)
    return pd.DataFrame(rows)


def prewarm_list() -> list[tuple[CacheStore, object, object]]:
    """The page's default trainings as (store, trainer, config), for the start-up prewarm."""
    from seqcore.core.runtime import DEFAULT_SEED
    from seqcore.sentiment.ko_eval import KO_BOW_STORE, KoBowConfig, train_ko_bow

    return [
        (KO_BOW_STORE, train_ko_bow, KoBowConfig()),  # the Korean part (first) draws it beside the model
        (LESSON_STORE, train_lesson, LessonConfig(seed=DEFAULT_SEED)),
        (uci.UCI_STORE, uci.train_uci, uci.default_config(uci.load_available())),
    ]


# What the page trains without a click, in the order it draws them (helper F's start-up prewarm).
DEFAULT_RUNS = prewarm_list()


def estimate_peak_mb(config) -> float:
    """A generous estimate of the extra memory one training of `config` takes (MB).

    RNNConfig (section 2) grows with the widgets (cell, layers, directions, hidden size); the
    real-review and data-hunger runs have fixed shapes. Parameters x4 (weights, gradients,
    Adam's two moments), plus the recurrent activations kept for backpropagation of one batch,
    plus the encoded data set; times 3 for PyTorch's workspace.
    """
    from seqcore.sentiment.reviews import ReviewConfig
    from seqcore.sentiment.rnn import RNNConfig

    if isinstance(config, uci.UCIConfig):
        config = config.model
    if isinstance(config, RNNConfig):
        dirs, gates = (2 if config.bidirectional else 1), (4 if config.cell == "lstm" else 3)
        layers, hidden, embed, vocab, rows = (
            config.num_layers,
            config.hidden_size,
            config.embed_dim,
            200,
            3200,
        )
    elif isinstance(config, ReviewConfig):
        dirs, gates, layers, hidden, embed, vocab, rows = (
            2,
            3,
            1,
            config.hidden_size,
            config.embed_dim,
            4000,
            3600,
        )
    else:
        return 50.0  # the lesson model and the studies: a few MB of tensors
    params = vocab * embed + layers * dirs * gates * hidden * (embed + hidden + 2)
    batch, steps = 64, 100
    activations = batch * steps * layers * dirs * hidden * (gates + 2)
    data = rows * steps * 8 * 2
    return round(3 * (4 * params * 4 + activations * 4 + data) / 2**20, 1)


def lesson_table(reviews, predictions) -> pd.DataFrame:
    """The lesson's test reviews with the model's label and probability."""
    return pd.DataFrame(
        {
            "리뷰": list(reviews),
            "예측": [p.label for p in predictions],
            "긍정 확률": [f"{p.probability:.4f}" for p in predictions],
        }
    )


def lesson_wrong(labels: dict[str, int], predictions) -> list[str]:
    """The reviews (keys of `labels`, in order) whose prediction disagrees with their label."""
    return [r for (r, y), p in zip(labels.items(), predictions) if (p.label == "긍정") != bool(y)]


def padding_metrics(pad) -> list[tuple[str, str, str | None]]:
    """(label, value, delta) of the three padding numbers."""
    return [
        ("정방향: h_n과 마지막 실제 단어 상태의 차이 (최대)", f"{pad.forward_gap:.3f}", None),
        ("역방향: 패딩을 읽은 상태와 아닌 상태의 차이", f"{pad.backward_gap:.3f}", None),
        (
            "패딩을 뺀 예측 (pack_padded_sequence)",
            f"{pad.prob_packed:.4f}",
            f"{pad.prob_packed - pad.prob_padded:+.4f}",
        ),
    ]


def lesson_wrong_note(seed: int, wrong: list[str]) -> str | None:
    if not wrong:
        return None
    return (
        f"시드 {seed}의 모델은 "
        + ", ".join(wrong)
        + " 를 틀렸어요. 모양이 다른 리뷰는 시드(운)에 따라 답이 바뀌어요."
    )


def truncated_text(text: str, max_len: int = 10) -> str:
    """The words cut off by max_len, as plain text (shown with st.text, never as markdown)."""
    cut = text.lower().split()[max_len:]
    return "잘린 단어: " + " ".join(cut[:30]) + (" …" if len(cut) > 30 else "")


def padding_texts(pad) -> tuple[str, str]:
    """What the padding numbers say: (the problem, the two fixes with their predictions)."""
    problem = (
        f"입력은 길이 10으로 맞춰져서 실제 단어 {pad.n_real}개 뒤에 `<PAD>`가 {pad.n_pad}개 붙어요. 수업 모델의 `h_n`은 "
        "**마지막 위치**의 상태라서, 정방향 LSTM은 `<PAD>`까지 다 읽은 뒤의 값이고 역방향은 `<PAD>`부터 읽기 시작해요."
    )
    fixes = (
        f"정방향 출력에서 마지막 실제 단어 위치를 `gather`로 꺼내면 (긍정 확률 {pad.prob_gather:.4f}) **정방향만** 고쳐져요: "
        "역방향은 여전히 `<PAD>`부터 읽기 시작하니 절반의 해결이에요. "
        "`pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)`로 길이를 알려 주면 두 방향 모두 "
        f"`<PAD>`를 읽지 않아요 ({pad.prob_packed:.4f}). 원래 예측은 {pad.prob_padded:.4f}이에요. "
        "아래 2·3장의 모델은 모두 packing을 써요."
    )
    return problem, fixes


def seed_lines(seeds: dict[str, list[float]], sentences, expected) -> list[str]:
    out = []
    for sentence, want in zip(sentences, expected):
        n_pos = sum(p > 0.5 for p in seeds[sentence])
        out.append(
            f"- `{sentence}` (뜻: {'부정' if want == 0 else '긍정'}) → 5개 시드 중 **{n_pos}개에서 긍정**"
        )
    return out


def corpus_table(comp) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "모델": m,
                **{k: f"{v:.1%}" for k, v in comp.accuracy[m].items()},
                "학습 시간 (초)": round(comp.seconds[m], 2),
            }
            for m in comp.models()
        ]
    )
