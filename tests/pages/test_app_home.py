from apphelp import open_page


def test_home_renders_through_the_navigation():
    at = open_page()
    assert not at.exception
    assert at.title[0].value.startswith("Day17_1: RNN, LSTM, GRU")
    headers = [h.value for h in at.header]
    for expected in ["학습 목표", "왜 이것을 배우나요?", "학습 정리", "RNN 계열 모델 선택 가이드", "실무 팁"]:
        assert expected in headers
    text = " ".join(m.value for m in at.markdown)
    assert "장기 의존성 학습" in text  # the 왜 이것을 배우나요 table
    assert "Embedding + LSTM" in text  # the Part 2 summary table
    assert "Gradient Clipping" in text


def test_sidebar_shows_device_torch_and_seed():
    at = open_page()
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "디바이스" in captions and "PyTorch" in captions
    seed = at.sidebar.number_input(key="seed")
    assert seed.value == 42
    seed.set_value(7).run()
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 7
