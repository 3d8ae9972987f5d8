"""The lesson's quiz as data: ten questions with their parameters, inputs, hints and solutions.

The expected answers are NOT stored here: `seqcore.quiz.grading` computes them with torch
from each question's parameters, so changing a parameter changes the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from seqcore.quiz.training import SENTIMENT_SOLUTION, SINE_SOLUTION, SentimentConfig, SineConfig

DIFFICULTY = {1: "쉬움", 2: "보통", 3: "어려움"}
SAME, DIFFERENT = "같다 (True)", "다르다 (False)"


@dataclass(frozen=True)
class Field:
    """One input of a question; the page draws it, the grader reads answers[name]."""

    name: str
    kind: str  # "text" | "textarea" | "radio" | "select" | "multiselect" | "slider" | "checkbox"
    label: str
    options: tuple[Any, ...] = ()
    default: Any = None
    min: float | None = None  # sliders only
    max: float | None = None
    step: float | None = None
    placeholder: str = ""
    help: str = ""


# ---------------------------------------------------------------- parameters (the truth's inputs)


@dataclass(frozen=True)
class RNNShapeParams:
    """Q1 and Q6: a recurrent module and the input it reads."""

    kind: str = "rnn"
    input_size: int = 50
    hidden_size: int = 100
    num_layers: int = 2
    bidirectional: bool = False
    batch: int = 16
    seq_len: int = 20


@dataclass(frozen=True)
class HiddenCase:
    """Q2: one comparison of outputs[:, -1, :] with a slice of h_n, run on a real RNN."""

    label: str  # Korean, names the setting
    num_layers: int
    bidirectional: bool
    rhs: str  # the right-hand side as code, e.g. "h_n[-1]"


@dataclass(frozen=True)
class HiddenParams:
    input_size: int = 10
    hidden_size: int = 20
    batch: int = 2
    seq_len: int = 5
    cases: tuple[HiddenCase, ...] = (
        HiddenCase("1층 RNN", 1, False, "h_n[0]"),
        HiddenCase("2층 RNN", 2, False, "h_n[-1]"),
        HiddenCase("양방향 RNN (1층)", 1, True, "torch.cat([h_n[0], h_n[1]], dim=1)"),
    )


@dataclass(frozen=True)
class CountParams:
    """Q5: sizes for the LSTM/GRU parameter counts."""

    input_size: int = 10
    hidden_size: int = 20


@dataclass(frozen=True)
class WindowParams:
    """Q7: the lesson's price list and window length."""

    prices: tuple[float, ...] = (100, 102, 105, 103, 108, 110, 107, 112, 115, 113)
    seq_length: int = 5


@dataclass(frozen=True)
class EmbeddingParams:
    """Q8: nn.Embedding(vocab, dim) on token ids of shape (batch, seq_len)."""

    vocab_size: int = 1000
    embed_dim: int = 64
    batch: int = 4
    seq_len: int = 10


@dataclass(frozen=True)
class QuizParams:
    q1: RNNShapeParams = RNNShapeParams()
    q2: HiddenParams = HiddenParams()
    q5: CountParams = CountParams()
    q6: RNNShapeParams = RNNShapeParams(
        kind="lstm", input_size=30, hidden_size=64, num_layers=1, bidirectional=True, batch=8, seq_len=15
    )
    q7: WindowParams = WindowParams()
    q8: EmbeddingParams = EmbeddingParams()


# ---------------------------------------------------------------- fixed choices (Q3, Q4, Q5)

Q3_OPTIONS = ("1. 일별 주가", "2. 영화 리뷰 텍스트", "3. 학생들의 키와 몸무게", "4. 음성 파형")
Q3_ANSWER = 2  # index into Q3_OPTIONS
Q3_OPTION_FEEDBACK = (
    "일별 주가는 어제 값이 오늘 값에 영향을 줘요. 날짜 순서를 섞으면 추세가 사라지는 대표적인 시계열입니다.",
    "리뷰는 단어 순서가 의미를 만들어요. 'not good'과 'good not'은 다르죠. 텍스트는 시퀀스입니다.",
    "학생들의 키와 몸무게는 각 학생이 독립적인 샘플이에요. 행 순서를 바꿔도 데이터의 의미가 그대로라 시퀀스가 아닙니다.",
    "음성 파형은 매 순간의 진폭이 시간 순서대로 이어진 신호예요. 순서를 섞으면 소리가 잡음이 됩니다.",
)
Q3_REASONS = (
    "각 샘플(학생)이 서로 독립이라 순서를 바꿔도 의미가 그대로예요",
    "숫자로 된 데이터라서요",
    "특징이 두 개(키, 몸무게)뿐이라서요",
    "값의 범위가 작아서요",
)
Q3_REASON_ANSWER = 0
Q3_REASON_FEEDBACK = (
    "맞아요. 시퀀스 데이터의 기준은 '순서가 의미를 갖는가'입니다.",
    "주가와 음성 파형도 숫자예요. 숫자인지가 아니라 순서가 의미를 갖는지가 기준입니다.",
    "특징 수는 기준이 아니에요. 특징이 1개인 주가도 시퀀스입니다.",
    "값의 범위는 정규화로 바뀔 뿐이에요. 순서가 의미를 갖는지가 기준입니다.",
)

Q4_GATES = ("Forget Gate (망각)", "Input Gate (입력)", "Output Gate (출력)")
Q4_ROLES = (
    "이전 셀 상태 C_{t-1} 중 무엇을 버릴지 결정해요",
    "새 후보 정보 C̃_t 중 무엇을 셀 상태에 저장할지 결정해요",
    "셀 상태 중 무엇을 은닉 상태 h_t로 내보낼지 결정해요",
    "이전 은닉 상태를 얼마나 무시하고 후보를 만들지 결정해요",
    "이전 상태와 새 후보를 섞는 비율을 정해요",
)
Q4_ANSWER = (0, 1, 2)  # role index for each gate
Q4_DISTRACTOR_NOTE = {
    3: "그건 GRU의 리셋 게이트(r_t) 역할이에요. LSTM에는 리셋 게이트가 없어요.",
    4: "그건 GRU의 업데이트 게이트(z_t) 역할이에요. LSTM은 이 일을 망각·입력 게이트 둘로 나눠서 해요.",
}
Q4_MODEL_ANSWER = (
    "- **Forget Gate**: 이전 셀 상태에서 더 이상 필요 없는 정보를 얼마나 버릴지 0~1 사이 값으로 정해요. "
    "(f_t = σ(W_f·[h_{t-1}, x_t] + b_f), C_t = f_t * C_{t-1} + ...)\n"
    "- **Input Gate**: 새로 만든 후보 정보 C̃_t 중 얼마만큼을 셀 상태에 더할지 정해요. "
    "(i_t = σ(...), C_t = ... + i_t * C̃_t)\n"
    "- **Output Gate**: 갱신된 셀 상태 중 얼마만큼을 은닉 상태 h_t로 내보낼지 정해요. "
    "(o_t = σ(...), h_t = o_t * tanh(C_t))"
)
# Words a good one-sentence answer tends to use, per gate (shown as a self-check, not graded).
Q4_KEYWORDS = (("버", "잊", "삭제", "지우"), ("저장", "추가", "더할", "새"), ("출력", "내보", "h_t", "은닉"))

Q5_REASONS = (
    "GRU는 게이트가 2개(리셋, 업데이트)라 가중치 묶음이 3개(r, z, n)이고, LSTM은 4개(i, f, g, o)예요",
    "GRU는 셀 상태가 따로 없어서 출력 게이트가 필요 없어요",
    "GRU는 hidden_size를 절반만 사용해요",
    "GRU에는 bias가 없어요",
    "GRU는 입력 가중치 W_ih를 쓰지 않아요",
)
Q5_CORRECT = frozenset({0, 1})
Q5_WRONG_NOTE = {
    2: "hidden_size는 같아요. 다른 것은 게이트(가중치 묶음)의 개수예요.",
    3: "GRU도 b_ih, b_hh 두 벌의 bias가 있어요. 아래 count_params 결과에 포함돼 있어요.",
    4: "GRU도 모든 게이트가 입력 x_t를 봐요. weight_ih_l0가 있어요.",
}


# ---------------------------------------------------------------- questions


@dataclass(frozen=True)
class Question:
    qid: str  # "q1" ... "q10"
    number: int
    title: str
    difficulty: int  # key of DIFFICULTY
    prompt: str  # Korean, markdown
    code: str  # the lesson's code for this question ("" when none)
    fields: tuple[Field, ...]
    hints: tuple[str, ...]  # from gentle to nearly the answer
    solution_code: str
    trains: bool = False  # Q9/Q10: the check trains a model


SHAPE_HELP = "숫자를 쉼표로 구분해 입력해요. 예: (16, 20, 100), 16,20,100, torch.Size([16, 20, 100])"


def _shape_field(name: str, label: str) -> Field:
    return Field(name, "text", label, placeholder="예: (2, 3, 4)", help=SHAPE_HELP)


def _module_line(p: RNNShapeParams) -> str:
    cls = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}[p.kind]
    extra = f", num_layers={p.num_layers}" if p.num_layers != 1 or p.kind == "rnn" else ""
    bi = ", bidirectional=True" if p.bidirectional else ""
    return f"{p.kind} = nn.{cls}(input_size={p.input_size}, hidden_size={p.hidden_size}{extra}{bi}, batch_first=True)"


def build_questions(params: QuizParams = QuizParams()) -> tuple[Question, ...]:
    """The ten questions, their text and code written from `params`."""
    p1, p2, p5, p6, p7, p8 = params.q1, params.q2, params.q5, params.q6, params.q7, params.q8
    q1_code = (
        f"{_module_line(p1)}\n"
        f"x = torch.randn({p1.batch}, {p1.seq_len}, {p1.input_size})  "
        f"# batch={p1.batch}, seq={p1.seq_len}, input={p1.input_size}\n"
        "outputs, h_n = rnn(x)"
    )
    q6_code = f"{_module_line(p6)}\nx = torch.randn({p6.batch}, {p6.seq_len}, {p6.input_size})\noutputs, (h_n, c_n) = lstm(x)"
    prices = ", ".join(f"{v:g}" for v in p7.prices)
    sine_fields = (
        Field("seq_length", "slider", "시퀀스 길이", min=5, max=30, step=1, default=SineConfig.seq_length),
        Field(
            "hidden_size", "slider", "LSTM hidden_size", min=8, max=64, step=8, default=SineConfig.hidden_size
        ),
        Field("epochs", "slider", "에포크 수", min=5, max=50, step=5, default=SineConfig.epochs),
        Field("lr", "select", "학습률 (Adam)", options=(0.001, 0.003, 0.01, 0.03), default=SineConfig.lr),
        Field("batch_size", "select", "배치 크기", options=(32, 64, 128), default=SineConfig.batch_size),
    )
    sent_fields = (
        Field(
            "rnn_type", "select", "순환 층", options=("LSTM", "GRU", "RNN"), default=SentimentConfig.rnn_type
        ),
        Field(
            "num_layers",
            "slider",
            "층 수 (num_layers)",
            min=1,
            max=3,
            step=1,
            default=SentimentConfig.num_layers,
        ),
        Field(
            "dropout",
            "select",
            "Dropout 비율",
            options=(0.0, 0.1, 0.2, 0.3, 0.4, 0.5),
            default=SentimentConfig.dropout,
            help="fc 앞의 nn.Dropout과, 2층 이상이면 순환 층 사이의 dropout=에 함께 쓰여요.",
        ),
        Field("bidirectional", "checkbox", "양방향 (bidirectional)", default=SentimentConfig.bidirectional),
        Field(
            "hidden_size", "select", "hidden_size", options=(16, 32, 64), default=SentimentConfig.hidden_size
        ),
        Field("epochs", "slider", "에포크 수", min=5, max=20, step=1, default=SentimentConfig.epochs),
    )
    return (
        Question(
            "q1",
            1,
            "RNN 출력 shape 계산하기",
            1,
            "다음 RNN의 출력 shape을 계산하세요. `outputs`와 `h_n`의 shape은?",
            q1_code,
            (_shape_field("outputs", "outputs의 shape"), _shape_field("h_n", "h_n의 shape")),
            (
                "`batch_first=True`라 입력과 outputs는 (batch, seq_len, ...) 순서예요.",
                "outputs의 마지막 차원은 input_size가 아니라 hidden_size예요. h_n은 batch_first와 상관없이 "
                "(num_layers × 방향 수, batch, hidden) 순서입니다.",
                f"outputs: (batch={p1.batch}, seq={p1.seq_len}, hidden={p1.hidden_size}), "
                f"h_n: (num_layers={p1.num_layers}, batch={p1.batch}, hidden={p1.hidden_size})를 숫자로 써 보세요.",
            ),
            f"{q1_code}\nprint('outputs:', outputs.shape)\nprint('h_n:', h_n.shape)",
        ),
        Question(
            "q2",
            2,
            "Hidden State 이해하기",
            2,
            "RNN의 마지막 시점 출력 `outputs[:, -1, :]`과 `h_n`이 같은지 세 가지 경우에 예측하세요. "
            f"(input_size={p2.input_size}, hidden_size={p2.hidden_size}, batch_first=True, "
            f"입력 ({p2.batch}, {p2.seq_len}, {p2.input_size}))",
            "",
            tuple(
                Field(
                    f"case{i}",
                    "radio",
                    f"{c.label}: `outputs[:, -1, :]` vs `{c.rhs}`",
                    options=(SAME, DIFFERENT),
                )
                for i, c in enumerate(p2.cases)
            ),
            (
                "outputs는 **마지막 층**의 모든 시점 출력이고, h_n은 **모든 층(과 방향)**의 마지막 은닉 상태예요.",
                "여러 층이면 h_n[-1]이 마지막 층이에요. h_n[0]은 첫 번째 층입니다.",
                "양방향이면 역방향은 시퀀스를 거꾸로 읽어 t=0에서 끝나요. outputs[:, -1, H:]는 역방향이 "
                "겨우 한 칸 읽은 상태입니다.",
            ),
            f"rnn = nn.RNN({p2.input_size}, {p2.hidden_size}, num_layers=2, batch_first=True)\n"
            f"x = torch.randn({p2.batch}, {p2.seq_len}, {p2.input_size})\n"
            "outputs, h_n = rnn(x)\n"
            "print(torch.allclose(outputs[:, -1, :], h_n[-1]))  # 마지막 층\n"
            "print(torch.allclose(outputs[:, -1, :], h_n[0]))   # 첫 번째 층\n"
            f"birnn = nn.RNN({p2.input_size}, {p2.hidden_size}, batch_first=True, bidirectional=True)\n"
            "outputs, h_n = birnn(x)\n"
            "print(torch.allclose(outputs[:, -1, :], torch.cat([h_n[0], h_n[1]], dim=1)))\n"
            f"print(torch.allclose(outputs[:, -1, :{p2.hidden_size}], h_n[0]))  # 순방향: 마지막 시점\n"
            f"print(torch.allclose(outputs[:, 0, {p2.hidden_size}:], h_n[1]))   # 역방향: 첫 시점",
        ),
        Question(
            "q3",
            3,
            "시퀀스 데이터 특성",
            1,
            "다음 중 **시퀀스 데이터가 아닌 것**을 고르고 이유를 고르세요.",
            "",
            (
                Field("choice", "radio", "시퀀스 데이터가 아닌 것", options=Q3_OPTIONS),
                Field("reason", "radio", "이유", options=Q3_REASONS),
            ),
            (
                "시퀀스 데이터는 '순서가 의미를 갖는' 데이터예요.",
                "각 보기의 순서를 섞어 본다고 상상해 보세요. 무엇이 그대로일까요?",
            ),
            "import numpy as np\n"
            "# 순서를 섞기 전후의 lag-1 자기상관 (이웃한 값끼리 얼마나 닮았나)\n"
            "def lag1(v):\n"
            "    return np.corrcoef(v[:-1], v[1:])[0, 1]\n"
            "rng = np.random.default_rng(0)\n"
            "t = np.arange(400) / 8000                  # 8 kHz로 녹음한 0.05초\n"
            "data = {\n"
            "    '일별 주가': stock_price,              # 강의의 합성 주가 (500일)\n"
            "    '음성 파형': np.sin(2*np.pi*220*t) + 0.5*np.sin(2*np.pi*330*t),\n"
            "    '학생들의 키': rng.normal(170, 8, 200),  # 출석부 순서의 200명\n"
            "}\n"
            "for name, v in data.items():\n"
            "    print(name, round(lag1(v), 3), '->', round(lag1(rng.permutation(v)), 3))",
        ),
        Question(
            "q4",
            4,
            "LSTM 게이트 이해하기",
            2,
            "LSTM의 3가지 게이트(Forget, Input, Output)의 역할을 짝지으세요. 아래 칸에 각 역할을 한 문장으로도 "
            "써 보세요. 채점 후 모범 답안과 비교해 보여 드려요.",
            "",
            tuple(Field(f"gate{i}", "select", g, options=Q4_ROLES) for i, g in enumerate(Q4_GATES))
            + (
                Field(
                    "essay", "textarea", "내 설명 (선택, 채점하지 않아요)", placeholder="Forget Gate는 ..."
                ),
            ),
            (
                "셀 상태 업데이트 식을 보세요: C_t = f_t * C_{t-1} + i_t * C̃_t, h_t = o_t * tanh(C_t).",
                "f_t는 C_{t-1}에, i_t는 C̃_t에, o_t는 h_t를 만들 때 곱해져요.",
                "'리셋'과 '업데이트 비율'은 GRU의 게이트예요.",
            ),
            "lstm = nn.LSTM(input_size=3, hidden_size=4)\n"
            "# PyTorch는 게이트 가중치를 (i, f, g, o) 순서로 세로로 쌓아 둬요\n"
            "W_ii, W_if, W_ig, W_io = lstm.weight_ih_l0.chunk(4, dim=0)\n"
            "print(tuple(lstm.weight_ih_l0.shape), tuple(W_if.shape))\n\n"
            "# 실험: LSTMCell의 게이트 bias를 ±50으로 두면 시그모이드가 0 또는 1로 포화돼요\n"
            "cell = nn.LSTMCell(3, 4)\n"
            "cell.bias_ih[4:8] = -50            # f = 0\n"
            "_, c_a = cell(x, (h0, c0)); _, c_b = cell(x, (h0, c0_other))\n"
            "print('f=0:', (c_a - c_b).abs().max())   # 이전 기억이 C_t에 남지 않아요\n"
            "# i = 0, f = 1 이면 C_t == C_(t-1),  o = 0 이면 h_t == 0",
        ),
        Question(
            "q5",
            5,
            "GRU와 LSTM 차이",
            2,
            "GRU가 LSTM보다 파라미터 수가 적은 이유를 모두 고르고, "
            f"`input_size={p5.input_size}, hidden_size={p5.hidden_size}`인 1층 LSTM과 GRU의 파라미터 수를 쓰세요.",
            "",
            (
                Field("reasons", "multiselect", "이유 (모두 고르기)", options=Q5_REASONS),
                Field(
                    "lstm",
                    "text",
                    "nn.LSTM 파라미터 수",
                    placeholder="예: 1234",
                    help="정수로 입력해요. 1,234처럼 쉼표도 괜찮아요.",
                ),
                Field(
                    "gru",
                    "text",
                    "nn.GRU 파라미터 수",
                    placeholder="예: 1234",
                    help="정수로 입력해요. 1,234처럼 쉼표도 괜찮아요.",
                ),
            ),
            (
                "게이트(와 후보) 하나마다 W_ih (hidden × input), W_hh (hidden × hidden), b_ih, b_hh가 한 벌씩 있어요.",
                "LSTM은 i, f, g, o 4벌, GRU는 r, z, n 3벌이에요.",
                f"한 벌 = {p5.hidden_size}×{p5.input_size} + {p5.hidden_size}×{p5.hidden_size} + "
                f"{p5.hidden_size} + {p5.hidden_size}. 여기에 4 또는 3을 곱하세요.",
            ),
            f"lstm = nn.LSTM({p5.input_size}, {p5.hidden_size})\n"
            f"gru = nn.GRU({p5.input_size}, {p5.hidden_size})\n"
            "print('LSTM:', count_params(lstm), lstm.weight_ih_l0.shape)\n"
            "print('GRU: ', count_params(gru), gru.weight_ih_l0.shape)",
        ),
        Question(
            "q6",
            6,
            "양방향 RNN",
            2,
            f"양방향 LSTM (input_size={p6.input_size}, hidden_size={p6.hidden_size}, num_layers={p6.num_layers})에 "
            f"입력 (batch={p6.batch}, seq={p6.seq_len}, input={p6.input_size})을 넣었을 때 "
            "`outputs`, `h_n`, `c_n`의 shape은?",
            q6_code,
            (
                _shape_field("outputs", "outputs의 shape"),
                _shape_field("h_n", "h_n의 shape"),
                _shape_field("c_n", "c_n의 shape"),
            ),
            (
                "양방향이면 순방향과 역방향의 출력을 이어 붙여요.",
                "outputs의 마지막 차원은 hidden × 2, h_n과 c_n의 첫 차원은 num_layers × 2예요.",
                "c_n은 h_n과 shape이 같아요.",
            ),
            f"{q6_code}\nprint('outputs:', outputs.shape)\nprint('h_n:', h_n.shape)\nprint('c_n:', c_n.shape)",
        ),
        Question(
            "q7",
            7,
            "시계열 데이터 전처리",
            1,
            f"아래 주가 데이터로 시퀀스 길이 {p7.seq_length}인 학습 데이터를 만들면 `X`의 shape과 `y`의 값은? "
            f"({p7.seq_length}일 데이터로 다음 날 예측, 강의의 `create_sequences` 사용)",
            f"prices = [{prices}]\nX, y = create_sequences(np.array(prices), seq_length={p7.seq_length})",
            (
                _shape_field("X", "X의 shape"),
                Field(
                    "y",
                    "text",
                    "y의 값 (쉼표로 구분)",
                    placeholder="예: 1, 2, 3",
                    help="숫자를 쉼표로 구분해 입력해요.",
                ),
            ),
            (
                "창을 한 칸씩 밀며 만들고, 각 창 바로 다음 값이 y예요.",
                f"창의 개수는 len(prices) - seq_length = {len(p7.prices)} - {p7.seq_length}이에요.",
                "마지막 값은 다음 값이 없어서 창을 시작할 수 없어요. y는 prices[seq_length:]와 같아요.",
            ),
            "def create_sequences(data, seq_length):\n"
            "    X, y = [], []\n"
            "    for i in range(len(data) - seq_length):\n"
            "        X.append(data[i:i + seq_length])\n"
            "        y.append(data[i + seq_length])\n"
            "    return np.array(X), np.array(y)\n\n"
            f"prices = [{prices}]\n"
            f"X, y = create_sequences(np.array(prices), {p7.seq_length})\n"
            "print(X.shape)\nprint(X)\nprint(y)",
        ),
        Question(
            "q8",
            8,
            "임베딩 레이어 이해",
            1,
            f"어휘 크기 {p8.vocab_size}, 임베딩 차원 {p8.embed_dim}인 Embedding 레이어에 "
            f"배치 크기 {p8.batch}, 시퀀스 길이 {p8.seq_len}인 입력을 넣으면 출력 shape은?",
            f"embedding = nn.Embedding({p8.vocab_size}, {p8.embed_dim})\n"
            f"x = torch.randint(0, {p8.vocab_size}, ({p8.batch}, {p8.seq_len}))\n"
            "out = embedding(x)",
            (_shape_field("out", "out의 shape"),),
            (
                "임베딩은 토큰 하나(정수)를 벡터 하나로 바꿔요.",
                "입력 shape 뒤에 embedding_dim 차원이 하나 붙어요. 어휘 크기는 출력 shape에 나오지 않아요.",
            ),
            f"embedding = nn.Embedding({p8.vocab_size}, {p8.embed_dim})\n"
            f"x = torch.randint(0, {p8.vocab_size}, ({p8.batch}, {p8.seq_len}))\n"
            "print(embedding(x).shape)\nprint(embedding.weight.shape)",
        ),
        Question(
            "q9",
            9,
            "주가 예측 LSTM 구현 (사인파)",
            3,
            "사인파 데이터로 다음 값을 예측하는 LSTM을 학습하세요. 요구사항: **시퀀스 길이 20**, "
            "**LSTM hidden_size 32**, **30 에포크 학습**, 예측 결과 시각화. 하이퍼파라미터를 정하고 "
            "'학습하고 채점하기'를 누르세요. 뒤쪽 20%가 테스트 구간이고, 테스트 MSE가 기준보다 낮아야 해요.",
            "x = np.linspace(0, 20*np.pi, 500)\ny = np.sin(x)",
            sine_fields,
            (
                "요구사항 세 가지(시퀀스 길이, hidden_size, 에포크)는 슬라이더에서 그대로 맞추면 돼요.",
                "사인파는 값이 -1~1이라 정규화 없이도 잘 학습돼요. 학습률 0.01이면 30 에포크로 충분해요.",
                "배치가 너무 크면 에포크당 업데이트 횟수가 줄어요. 64 정도가 빠르고 정확해요.",
            ),
            "class SineLSTM(nn.Module):\n"
            "    def __init__(self, hidden_size=32):\n"
            "        super().__init__()\n"
            "        self.lstm = nn.LSTM(1, hidden_size, batch_first=True)\n"
            "        self.fc = nn.Linear(hidden_size, 1)\n"
            "    def forward(self, x):\n"
            "        out, _ = self.lstm(x)\n"
            "        return self.fc(out[:, -1, :])\n\n"
            "X, t = create_sequences(y, 20)\n"
            "X = torch.FloatTensor(X).unsqueeze(-1)   # (480, 20, 1)\n"
            "t = torch.FloatTensor(t).unsqueeze(-1)   # (480, 1)\n"
            "split = int(len(X) * 0.8)\n"
            "model = SineLSTM(32)\n"
            f"history = fit(model, (X[:split], t[:split]), nn.MSELoss(), epochs=30, lr={SINE_SOLUTION.lr}, "
            f"batch_size={SINE_SOLUTION.batch_size})\n"
            "print(model)\n"
            "print('test MSE:', evaluate_loss(model, (X[split:], t[split:]), nn.MSELoss()))",
            trains=True,
        ),
        Question(
            "q10",
            10,
            "감성 분석 모델 개선",
            3,
            "본문의 SentimentLSTM을 개선하세요. 요구사항: **GRU로 변경**, **Dropout 추가 (0.3)**, **2층 구조**, "
            "학습 후 테스트 리뷰에 대한 예측 출력. 설정하면 실제 모듈의 `print(model)`이 바로 보이고, "
            "'학습하고 채점하기'를 누르면 강의의 리뷰 데이터로 학습한 뒤 모듈 자체에서 구조를 확인해요.",
            "class SentimentLSTM(nn.Module):\n"
            "    def __init__(self, vocab_size, embed_dim, hidden_size, num_layers=1):\n"
            "        super().__init__()\n"
            "        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)\n"
            "        self.lstm = nn.LSTM(input_size=embed_dim, hidden_size=hidden_size,\n"
            "                            num_layers=num_layers, batch_first=True, bidirectional=True)\n"
            "        self.fc = nn.Linear(hidden_size * 2, 1)\n"
            "        self.sigmoid = nn.Sigmoid()",
            sent_fields,
            (
                "nn.GRU는 nn.LSTM과 인자가 같아요. 다만 (h_n, c_n)이 아니라 h_n 하나만 돌려줘요.",
                "nn.GRU(..., dropout=0.3)은 층 사이에만 적용돼서 2층 이상에서만 의미가 있어요. fc 앞에 nn.Dropout(0.3)도 넣어요.",
                "순환 층 GRU, 층 수 2, Dropout 0.3을 고르세요.",
            ),
            "class SentimentGRU(nn.Module):\n"
            "    def __init__(self, vocab_size, embed_dim=32, hidden_size=32, num_layers=2, dropout=0.3):\n"
            "        super().__init__()\n"
            "        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)\n"
            "        self.rnn = nn.GRU(embed_dim, hidden_size, num_layers=num_layers, batch_first=True,\n"
            "                          dropout=dropout, bidirectional=True)\n"
            "        self.dropout = nn.Dropout(dropout)\n"
            "        self.fc = nn.Linear(hidden_size * 2, 1)\n"
            "        self.sigmoid = nn.Sigmoid()\n\n"
            "    def forward(self, x):\n"
            "        _, h_n = self.rnn(self.embedding(x))\n"
            "        hidden = torch.cat([h_n[-2], h_n[-1]], dim=1)\n"
            "        return self.sigmoid(self.fc(self.dropout(hidden)))\n\n"
            f"model = SentimentGRU(len(vocab))\nprint(model)\n"
            f"fit(model, (X_tensor, y_tensor), nn.BCELoss(), epochs={SENTIMENT_SOLUTION.epochs}, "
            f"lr={SENTIMENT_SOLUTION.lr}, batch_size={SENTIMENT_SOLUTION.batch_size})\n"
            "for review in test_reviews:\n"
            "    print(review, predict_sentiment(review, model, vocab))",
            trains=True,
        ),
    )


QUESTIONS = build_questions()
QUESTION_IDS = tuple(q.qid for q in QUESTIONS)


def results_payload(entries: dict[str, dict]) -> dict:
    """The learner's results as plain JSON-able data (for the download button)."""
    by_id = {q.qid: q for q in QUESTIONS}
    statuses = [e["status"] for e in entries.values()]
    return {
        "score": sum(s == "correct" for s in statuses),
        "attempted": sum(s != "not_attempted" for s in statuses),
        "total": len(entries),
        "questions": {
            qid: {
                "number": by_id[qid].number,
                "title": by_id[qid].title,
                "difficulty": DIFFICULTY[by_id[qid].difficulty],
                "status": e["status"],
                "answers": e["answers"],
                "feedback": e["feedback"],
                "hints_used": e["hints"],
                "solution_viewed": e["solution"],
            }
            for qid, e in entries.items()
        },
    }
