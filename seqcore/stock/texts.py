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
    "왼쪽은 오늘에 대한 예측을 **며칠 전 실제값**과 비교한 오차예요. 어제 값을 베끼는 예측은 '1일 전'에서 오차가 "
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
    """What the uploader accepts, said before the upload (the frontend refuses others in English)."""
    kinds = ", ".join("." + t for t in types)
    return (
        f"날짜 열과 종가 열이 있는 CSV나 엑셀 파일을 올려 주세요. **파일 형식: {kinds} (엑셀은 첫 번째 시트), "
        f"최대 {max_mb} MB**, 최근 {max_days}일까지 사용해요. 야후 파이낸스, 국내 증권사·포털 내보내기(천 단위 쉼표, "
        "UTF-8·UTF-16·CP949, 최신순), 유럽식 소수점 쉼표도 읽어요."
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


def forecaster_names(cfg: StockConfig) -> dict[str, str]:
    """What the page calls the model and each baseline of a result trained with `cfg`."""
    return {
        "model": f"{cfg.cell.upper()} 모델",
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


def run_caption(result) -> str:
    """The test days, the training's time and size, and ridge's alpha, in one line."""
    return (
        f"테스트 = 마지막 {int(result.test.sum())}일 (가격 단위). 학습 {result.seconds:.2f}초 · {result.device}, "
        f"{len(result.train_loss)} 에포크 (가중치는 {result.best_epoch} 에포크의 것), 파라미터 {result.n_params:,}개. "
        f"릿지의 alpha={result.ridge_alpha:.3g}는 훈련 구간 안의 검증 블록으로 골랐어요."
    )


def scaler_days(result, n_days: int) -> str:
    return (
        f"이번 실행의 스케일러는 **{result.scaler_days}일**을 보고 학습했어요 (전체 {n_days}일). 강의 코드는 "
        "`scaler.fit_transform(stock_price)`로 **테스트 구간까지** 보고 최솟값과 최댓값을 정해요(데이터 누수)."
    )
