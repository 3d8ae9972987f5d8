"""What the sentiment page says about results: tables and Korean sentences computed from them.

Kept out of the page so that every verdict is unit-tested against the numbers it reads.
"""

from __future__ import annotations

import pandas as pd

from seqcore.core.cache import CacheStore
from seqcore.sentiment import corpus, uci
from seqcore.sentiment.inputs import InputCheck
from seqcore.sentiment.models import LESSON_STORE, LessonConfig, train_lesson


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


def model_table(accuracy: dict[str, float], seconds: dict[str, float], column: str) -> pd.DataFrame:
    return pd.DataFrame(
        [{"모델": m, column: f"{a:.1%}", "학습 시간 (초)": round(seconds[m], 2)} for m, a in accuracy.items()]
    )


def uci_verdict(res: uci.UCIResult) -> str:
    """Which model won on the test part, by how much, and what the recurrent model was given."""
    ours = res.accuracy[uci.REVIEW_MODEL]
    best, base = max(((m, a) for m, a in res.accuracy.items() if m in res.baselines), key=lambda t: t[1])
    gap = (ours - base) * 100
    if gap >= 0.05:
        head = f"이번에는 순환 모델({ours:.1%})이 가장 좋은 단어 가방 {best}({base:.1%})보다 {gap:.1f}%p 나았어요."
    elif gap > -0.05:
        head = f"이번에는 순환 모델({ours:.1%})과 {best}({base:.1%})가 같았어요."
    else:
        head = f"이번에는 단어 가방 {best}({base:.1%})가 순환 모델({ours:.1%})보다 {-gap:.1f}%p 나았어요."
    hist = res.run.history
    stop = (
        f"검증 Loss가 {hist.best_epoch} 에포크에서 가장 낮아 그 가중치로 돌아갔어요"
        if hist.stopped_early
        else f"{hist.epochs_run} 에포크를 모두 학습했어요"
    )
    extra = res.run.n_train - round(res.n_train * (1 - res.config.model.val_fraction))
    corpus_note = (
        f" 순환 모델은 실제 리뷰 외에 이 앱이 만든 문장 약 {max(extra, 0):,}개로도 학습했어요 (실제 리뷰에는 "
        "'not good' 같은 부정이 너무 적어서요)."
        if res.config.model.with_corpus
        else ""
    )
    return f"{head} ({stop}.){corpus_note}"


def hunger_verdict(fractions, accuracy: dict[str, list[float]], recurrent: str, bow: str) -> str:
    """Where (if anywhere) the recurrent model overtakes the bag of words."""
    ahead = [f for f, r, b in zip(fractions, accuracy[recurrent], accuracy[bow]) if r > b]
    if not ahead:
        return "어떤 크기에서도 순환 모델이 단어 가방을 앞서지 못했어요."
    if len(ahead) == len(fractions):
        return "모든 크기에서 순환 모델이 단어 가방보다 나았어요."
    return f"순환 모델은 학습 데이터 {ahead[0]:.0%}부터 단어 가방을 앞섰어요."


def seed_study_idle(seeds, lesson_seconds: float) -> str:
    """Before the seed study: how many trainings, and about how long, from the lesson model's own time."""
    return (
        f"버튼을 누르면 수업 모델을 시드 {min(seeds)}~{max(seeds)}로 {len(seeds)}번 학습해요 "
        f"(위 모델 한 번에 {lesson_seconds:.1f}초 걸렸으니 모두 약 {len(seeds) * lesson_seconds:.0f}초)."
    )


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

    return [
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
        f"고치는 방법 두 가지: 정방향 출력에서 마지막 실제 단어 위치를 `gather`로 꺼내거나 (긍정 확률 {pad.prob_gather:.4f}), "
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


def uci_caption(res: uci.UCIResult) -> str:
    return (
        f"학습 {res.n_train:,}문장 · 시험 {res.n_test:,}문장 · 어휘 {len(res.run.vocab):,}개 "
        f"(min_freq {res.config.model.min_freq}) · 데이터 지문 {res.config.data_id} · {res.run.history.device}"
    )


def loaded_caption(reviews: dict) -> str:
    return "불러온 문장: " + ", ".join(f"{uci.SOURCE_NAMES[s]} {len(v):,}" for s, v in reviews.items())


EMBEDDING_TEXT = (
    "`nn.Embedding(어휘 수, embed_dim, padding_idx=0)`은 **학습되는 표**예요. 단어 번호가 행 번호이고, 그 행이 "
    "단어 벡터입니다. `padding_idx=0`인 `<PAD>` 행은 0으로 고정되고 학습되지 않아요. 어휘는 학습 문장에서만 만들고, "
    "`min_freq`번보다 적게 나온 단어와 처음 보는 단어는 모두 `<UNK>`(1번 행)를 써요."
)
EMBEDDING_NOTE = (
    "방금 학습한 실제 리뷰 모델의 임베딩 표에서 코사인 유사도로 찾았어요. 이 임베딩은 '문맥이 단어 증거를 어떻게 "
    "바꾸는지'를 위해 학습돼서, 뜻이 비슷한 단어보다 같은 역할(부정어, 접속사)의 단어끼리 가까울 수 있어요."
)

OFFLINE_NOTE = "UCI 저장소에 연결할 수 없어요 (인터넷이 없는 것 같아요). 앱에 들어 있는 IMDb·Amazon으로 계속할 수 있어요."


def embedding_choices(
    itos: list[str], first=("good", "bad", "not", "great", "worst", "love"), n: int = 200
) -> list[str]:
    """Words offered for the nearest-neighbour table: a few telling ones, then the most frequent."""
    return list(dict.fromkeys([w for w in first if w in itos] + itos[2:n]))
