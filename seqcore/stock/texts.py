"""The stock page's fixed Korean texts and the small sentences built from a config (no Streamlit).

Computed judgements (a verdict, the lag and leak checks) live in `verdicts`; this module holds
what the page says around them, so the page reads as the lesson: widgets, one call, output.
"""

from __future__ import annotations

from seqcore.stock.checks import plain, quoted
from seqcore.stock.config import StockConfig

PAGE_INTRO = (
    "과거 N일의 주가로 다음 날 주가를 예측하는 **Many-to-One** 모델입니다. 강의의 코드를 따라가되, 정직한 비교를 "
    "위해 **스케일러는 훈련 구간만 보고**, 모델은 **단순한 기준 예측(베이스라인)과 같은 테스트 날짜에서** 겨루고, "
    "기본 설정은 **여러분의 데이터의 검증 구간**(훈련 구간의 마지막 20%, 테스트는 보지 않아요)에서 골라요."
)
SOURCES = ("시뮬레이션 (강의 데이터)", "강한 추세 (누수 실험용)", "내 CSV 업로드")
SIMULATION_SETTINGS = "시뮬레이션 설정 (기본값 = 강의 코드: 500일, 100→150, 10·sin, 노이즈 3, 시드 42)"
TREND_NOTE = "추세가 100에서 400까지 올라 테스트 구간이 훈련 구간의 가격 범위를 크게 벗어나는 시리즈예요."
UPLOAD_IDLE = (
    "파일을 올리면 그 데이터로 같은 실습을 해요. 위에서 '시뮬레이션'을 고르면 강의 데이터로 돌아가요."
)
PRESET_NOTE = (
    "프리셋 버튼은 설정만 바꿔요. 학습은 아래 버튼을 눌렀을 때, 버튼 바로 아래에서 진행 상황과 함께 해요."
)
LESSON_PRESET = "강의 레시피 (2층 LSTM(50), 30일 창, 50 에포크)"
ZOOM_NOTE = (
    "아래 패널은 테스트 구간만 확대한 것이에요. 베이스라인은 꺼진 채 시작해요: 범례에서 이름을 누르면 켜지고, "
    "다시 누르면 꺼져요."
)
LAG_INTRO = (
    "위 그래프는 오늘에 대한 예측을 **며칠 전 실제값**과 비교한 오차예요. 어제 값을 베끼는 예측은 '1일 전'에서 오차가 "
    "0이 되죠. "
)
PARTS = ("예측 결과", "다단계 예측", "어제 값 베끼기", "정규화와 누수")  # tab labels: public link values
LEAK_TRAIN = {
    "button": "누수를 켠/끈 같은 설정도 학습해 효과 재기",
    "idle": "버튼을 누르면 같은 설정을 반대 방식으로 학습해 비교해요.",
}
LEAK_COMBO = (
    "누수가 드러나는 조합: '강한 추세 (누수 실험용)' 데이터 + 강의 레시피(가격 타깃). 테스트 가격이 훈련 범위를 "
    "벗어나서, 스케일러가 미래의 범위를 미리 보면 점수가 달라져요."
)


def upload_help(types, max_mb: int, max_days: int) -> str:
    """What the uploader accepts, said before the upload (the frontend refuses others in English),
    and what its English words mean (Streamlit draws them; no option hides them)."""
    kinds = ", ".join("." + t for t in types)
    return (
        f"날짜 열과 종가 열이 있는 CSV나 엑셀 파일을 올려 주세요. **파일 형식: {kinds} (엑셀은 첫 번째 시트), "
        f"최대 {max_mb} MB**, 최근 {max_days}일까지 사용해요. 야후 파이낸스, 국내 증권사·포털 내보내기(천 단위 쉼표, "
        "UTF-8·UTF-16·CP949, 최신순), 유럽식 소수점 쉼표도 읽어요.  \n"
        f"아래 상자의 영어는 Streamlit이 그려요: *Upload* = 파일 고르기, *{max_mb}MB per file* = 파일 하나에 "
        f"{max_mb} MB까지, 파일을 끌고 오면 보이는 *Drag and drop* = 여기에 끌어다 놓기."
    )


def intro(window: int, step_values: int) -> list[tuple[str, str]]:
    """The model's input and output for this window, as (label, text) lines."""
    steps = window // step_values
    shape = f"{window}일을 {step_values}일씩 {steps} 스텝으로" if step_values > 1 else f"{window}일을 하루씩"
    return [
        ("입력", f"[Day1, ..., Day{window}] ({window}일 주가, {shape} 넣어요)"),
        ("출력", f"[Day{window + 1}] (다음 날 예측)"),
    ]


def intro_markdown(window: int, step_values: int) -> str:
    """`intro` as a quote, labels in bold (Markdown: a code block would load a highlighter)."""
    return "  \n".join(f"> **{head}:** {plain(text)}" for head, text in intro(window, step_values))


def glossary(cfg: StockConfig) -> str:
    """One line per word of the recipe's summary that a learner meets here first."""
    steps = cfg.window // cfg.step_values
    words = [f"**{cfg.window}일 창** = 모델이 한 번에 보는 과거 {cfg.window}일"]
    if cfg.step_values > 1:
        words.append(
            f"**{cfg.step_values}일×{steps} 스텝** = 그 {cfg.window}일을 {cfg.step_values}일씩 묶어 RNN에 {steps}번 "
            "나눠 넣는다는 뜻 (스텝 = RNN이 한 번에 받는 입력)"
        )
    words.append(TARGET_WORDS[cfg.target])
    if cfg.input_noise > 0:
        words.append("**입력 노이즈** = 학습 때만 입력에 더하는 작은 잡음 (외우지 말고 규칙을 배우게 해요)")
    if cfg.patience:
        words.append(
            f"**조기 종료(인내 {cfg.patience})** = 검증 손실이 {cfg.patience} 에포크 동안 나아지지 않으면 멈추고 "
            "가장 좋았던 에포크의 가중치로 돌아가기"
        )
    words += [
        "**검증 구간** = 훈련 구간의 마지막 20%, 설정을 고를 때만 써요",
        "**MAE** = 평균 절대 오차: 예측이 실제와 평균 얼마나 다른지 (낮을수록 좋아요)",
    ]
    return "용어 · " + " · ".join(words)


TARGET_WORDS = {
    "relative": "**창 평균 대비 타깃** = 다음 날 가격을 창의 평균 가격과의 차이로 예측",
    "return": "**수익률 타깃** = 다음 날 가격 대신 어제 대비 변화율(수익률)을 예측",
    "price": "**가격 타깃** = 0과 1 사이로 스케일한 가격을 그대로 예측 (강의 코드)",
}


def forecaster_names(cfg: StockConfig, model: str) -> dict[str, str]:
    """What the page calls the model (`model`: verdicts.model_name) and each baseline of a result
    trained with `cfg`."""
    return {
        "model": model,
        "persistence": "어제 값 그대로",
        f"mean{cfg.mean_k}": f"최근 {cfg.mean_k}일 평균",
        "ridge": f"릿지 ({cfg.window}일 창)",
        "noise_floor": "노이즈 바닥",
    }


def loaded_line(name: str, loaded) -> str:
    """'file': N일, 가격 열 '...', 날짜 열 '...' (a file's names: plain)."""
    date = f", 날짜 열 '{loaded.date_column}'" if loaded.date_column else ""
    return plain(f"'{name}': {len(loaded.series)}일, 가격 열 '{loaded.price_column}'{date}")


def previous_file(name: str) -> str:
    return f"이전에 올린 파일 {plain(quoted(name))} 계속 사용해요."


def estimate_caption(seconds: float) -> str:
    return f"예상 학습 시간: 약 {seconds:.1f}초 (최대 에포크 기준, 이 서버에서 잰 실행으로 보정한 추정이에요)"


def too_slow(seconds: float, limit: float) -> str:
    return (
        f"지금 폼의 설정은 학습에 약 {seconds:.0f}초가 걸릴 것으로 예상돼요 (한도 {limit:.0f}초). "
        "에포크, 은닉 크기, 층 수를 줄이거나 '한 스텝에 넣는 날 수'를 늘려 주세요."
    )


METRIC_HELP = "MAE(평균 절대 오차): 예측과 실제 가격의 차이를 평균 낸 값이에요. 낮을수록 좋아요."
DELTA_NOTE = "낮을수록 좋아요"
CARDS_NOTE = (
    "카드의 작은 숫자는 그 예측의 MAE에서 모델의 MAE를 뺀 값이에요: 빨강(+)은 모델보다 나쁘고, 초록(−)은 모델보다 "
    "좋아요. MAE는 낮을수록 좋아요."
)


def metric_delta(mae: float, model_mae: float) -> dict:
    """st.metric's delta for a baseline's MAE against the model's: red when higher (worse), green
    when lower; exactly '0' (gray, no arrow) when they round to the same."""
    text = f"{mae - model_mae:+.2f}"
    text = "0" if text in ("+0.00", "-0.00") else text
    return {"delta": text, "delta_color": "inverse", "delta_description": DELTA_NOTE}


def kept_weights(result) -> str:
    """Which epoch's weights the model on screen has, and which epoch was best on validation."""
    kept, best = result.kept_epoch, result.best_epoch
    if kept == 0:
        return "화면의 모델은 학습 전 상태예요 (어떤 에포크도 검증 손실을 충분히 줄이지 못했어요)"
    if kept == best:
        return f"화면의 모델은 {kept} 에포크의 가중치예요 (검증 손실이 가장 낮은 에포크)"
    return (
        f"화면의 모델은 마지막 {kept} 에포크의 가중치예요. 검증 손실이 가장 낮았던 건 {best} 에포크이고, "
        "조기 종료 인내를 켜면 그 에포크의 가중치로 돌아가요"
    )


def run_caption(result) -> str:
    """The test days, the training's time and size, the weights kept, and ridge's alpha."""
    return (
        f"학습 {result.seconds:.2f}초 · {result.device}, {len(result.train_loss)} 에포크. {kept_weights(result)}. "
        f"파라미터 {result.n_params:,}개. 릿지의 alpha={result.ridge_alpha:.3g}는 훈련 구간 안의 검증 블록으로 골랐어요."
    )


FEW_DAYS = 250  # about a year of trading days: fewer test days than this are "only" so many


def few_days(n_test: int) -> str:
    """How few test days there are, and what that means for one number."""
    return (
        f"테스트는 마지막 **{n_test}일**{'뿐이에요' if n_test < FEW_DAYS else '이에요'} (가격 단위). "
        "날이 적을수록 MAE가 어떤 날들이 들어갔느냐에 따라 "
        "꽤 흔들려서, 숫자 하나만 보고 이겼다고 말할 수 없어요. 아래 '우연일까?'의 95% 구간이 그 흔들림이에요."
    )


GUESS_QUESTION = "**먼저 예측해 보세요.** 이 모델은 테스트 날짜에서 '어제 값 그대로'(오늘 가격을 내일 예측으로 쓰기)를 이길까요?"


def guess_wait(n_test: int) -> str:
    return (
        "하나를 고르면 그 예측이 확정되고, 같은 설정을 시드 5개로 학습해 잰 답이 예측 옆에 나와요. "
        f"위의 숫자 하나만 보고 정하지 말고, {n_test}일뿐인 테스트와 시드의 우연을 떠올려 보세요."
    )


SPREAD_TITLE = "우연일까? 시드 5개로 다시 재기"
SPREAD_TRAIN = {
    "label": "시드 5개로 학습 중",
    "button": "같은 설정을 시드 5개로 학습해 흔들림 재기",
    "idle": "한 번의 학습은 시드(가중치 초기값)에 따라 달라져요. 버튼을 누르면 시드 5개로 학습해 95% 구간을 재요.",
}


def scaler_days(result, n_days: int) -> str:
    return (
        f"이번 실행의 스케일러는 **{result.scaler_days}일**을 보고 학습했어요 (전체 {n_days}일). 강의 코드는 "
        "`scaler.fit_transform(stock_price)`로 **테스트 구간까지** 보고 최솟값과 최댓값을 정해요(데이터 누수)."
    )
