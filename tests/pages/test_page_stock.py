import json

import numpy as np
import pytest
from apphelp import open_page

PAGE = "pages/stock.py"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_default_run_shows_model_baselines_and_the_lessons_chart():
    at = open_page(PAGE)
    assert not at.exception
    metrics = _metrics(at)
    for label in [
        "GRU 모델 MAE",
        "어제 값 그대로 MAE",
        "최근 5일 평균 MAE",
        "릿지 (120일 창) MAE",
        "노이즈 바닥 MAE",
    ]:
        assert label in metrics
    assert metrics["노이즈 바닥 MAE"] == "2.62"
    assert 2.0 < float(metrics["GRU 모델 MAE"]) < 4.0
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    pred = next(c for c in charts if "MAE:" in c["layout"]["title"]["text"])
    assert [t["name"] for t in pred["data"]][:2] == ["실제 주가", "GRU 예측"]
    assert len(pred["data"][1]["x"]) == 94
    assert pred["layout"]["annotations"][0]["text"] == "Train/Test 분리"
    lag = next(
        c for c in charts if any(t.get("type") == "bar" and "일 전" in str(t.get("x")) for t in c["data"])
    )
    persistence = next(t for t in lag["data"] if t["name"] == "어제 값 그대로")
    assert persistence["y"][1] == 0  # exactly yesterday's price
    assert len(at.get("graphviz_chart")) == 1


def _korean_csv(days: int) -> bytes:
    rng = np.random.RandomState(0)
    prices = 50000 + np.cumsum(rng.randn(days) * 300)
    dates = np.datetime64("2022-01-03") + np.arange(days)
    rows = [f'"{str(d).replace("-", ".")}","{p:,.0f}","0"' for d, p in zip(dates, prices)][
        ::-1
    ]  # newest first
    rows[10] = f'"{str(dates[-11]).replace("-", ".")}","","0"'  # a missing close
    return ('"날짜","종가","대비"\n' + "\n".join(rows)).encode("cp949")


def test_upload_of_a_korean_csv_trains_on_it():
    at = open_page(PAGE)
    at.radio(key="stock_source").set_value("내 CSV 업로드").run()
    assert not at.exception and at.info  # asks for a file
    at.file_uploader(key="stock_upload").set_value(("삼성.csv", _korean_csv(400), "text/csv")).run()
    assert not at.exception
    assert any("399일" in s.value and "'종가'" in s.value for s in at.success)
    captions = " ".join(c.value for c in at.caption)
    assert "최신순" in captions and "1개를 뺐어요" in captions
    metrics = _metrics(at)
    assert "GRU 모델 MAE" in metrics and "노이즈 바닥 MAE" not in metrics


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"Date,Close\n2024-01-01,abc\n2024-01-02,def\n", "숫자가 아니에요"),
        (b"", "빈 파일"),
        (b"Date,Close\n2024-01-01,10\n2024-01-02,11\n", "데이터가 2일뿐"),
        (bytes(range(256)) * 100, "바이너리"),
    ],
)
def test_broken_upload_gets_a_message_and_the_page_keeps_working(data, fragment):
    at = open_page(PAGE)
    at.radio(key="stock_source").set_value("내 CSV 업로드").run()
    at.file_uploader(key="stock_upload").set_value(("bad.csv", data, "text/csv")).run()
    assert not at.exception
    assert any(fragment in e.value for e in at.error)
    at.radio(key="stock_source").set_value("시뮬레이션 (강의 데이터)").run()  # back to the lesson's data
    assert not at.exception and "GRU 모델 MAE" in _metrics(at)


def test_controls_at_their_minimum_train():
    at = open_page(PAGE)
    for key in ["stock_layers", "stock_hidden", "stock_dropout", "stock_window", "stock_epochs",
                "stock_input_noise", "stock_mean_k"]:  # fmt: skip
        s = at.slider(key=key)
        s.set_value(s.min)
    at.select_slider(key="stock_step").set_value(1)
    at.select_slider(key="stock_lr").set_value(1e-4)
    at.select_slider(key="stock_batch").set_value(16)
    at.selectbox(key="stock_cell").set_value("rnn")
    at.radio(key="stock_target").set_value("return")
    at.checkbox(key="stock_leak").check()
    at.button(key="stock_train").click().run()
    assert not at.exception
    assert "RNN 모델 MAE" in _metrics(at) and "최근 2일 평균 MAE" in _metrics(at)
    assert "500일" in " ".join(m.value for m in at.markdown)  # the leaking scaler saw every day


def test_controls_at_their_maximum_are_refused_or_bounded():
    at = open_page(PAGE)
    for s in at.slider:
        s.set_value(s.max)
    at.select_slider(key="stock_step").set_value(1)
    at.select_slider(key="stock_batch").set_value(16)
    at.selectbox(key="stock_cell").set_value("lstm")
    at.button(key="stock_train").click().run()
    assert not at.exception
    assert any("예상돼요" in e.value for e in at.error)  # refused before training, with the estimate


@pytest.mark.slow
def test_lesson_preset_fills_the_form():
    at = open_page(PAGE)
    at.slider(key="stock_days").set_value(200).run()  # a short series keeps the lesson's 50 epochs quick
    at.button(key="stock_preset_lesson").click().run()
    assert not at.exception
    assert at.slider(key="stock_window").value == 30 and at.select_slider(key="stock_step").value == 1
    assert at.selectbox(key="stock_cell").value == "lstm" and at.slider(key="stock_hidden").value == 50
    assert "LSTM 모델 MAE" in _metrics(at)
