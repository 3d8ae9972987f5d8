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


def test_home_tells_the_truth_of_issue_14():
    at = open_page()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    notes = " ".join(c.value for c in at.caption)
    # Vanishing gradients: alleviated, not solved, with the cell path's gradient stated.
    assert "| 기울기 소실 | 긴 시퀀스에서 학습 어려움 | LSTM/GRU가 **완화**" in text
    assert "LSTM/GRU로 해결 |" not in text
    assert "\\partial C_t / \\partial C_{t-1} = f_t" in notes
    # The GRU guide: no unqualified "빠르고"; parameters, device-dependent speed, the two papers.
    assert "GRU (빠르고 간단)" not in text
    for needed in ("3/4", "Chung et al. 2014", "Greff et al. 2017", "GRU 페이지"):
        assert needed in notes or needed in text, needed
    # Typeset math, not a raw h_{t-1}.
    assert "$h_t = f(h_{t-1}, x_t)$" in text
    # Part 2: no "(IMDB)" claim; the data actually used is named.
    labels = [link.proto.label for link in at.get("page_link")]
    assert not any("(IMDB)" in label for label in labels)
    assert "UCI Sentiment Labelled Sentences" in notes


def test_each_goal_links_to_its_own_page():
    at = open_page()
    goals = [
        link.proto for link in at.get("page_link") if link.proto.label[:2] in {f"{i}." for i in range(1, 6)}
    ]
    pages = [g.page for g in goals]
    assert len(goals) == 8  # Part 1: five, Part 2: three (its goals 2 and 4 share the stock page)
    # Part 1's five and Part 2's goals: no two goals share a page (goals 2 and 4 of Part 2 are one link).
    assert len(pages) == len(set(pages)), pages


def test_home_and_the_sidebar_do_not_import_torch():
    """The first page must not wait for torch (seconds): its modules stay torch-free."""
    import ast
    import subprocess
    import sys

    from apphelp import ROOT

    tree = ast.parse((ROOT / "home.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    modules |= {"seqcore.ui.shell", "seqcore.ui.widgets", "seqcore.ui.catalog"}
    code = "import sys\n" + "".join(f"import {m}\n" for m in sorted(modules))
    code += (
        "print(sorted(m for m in ('torch', 'sklearn') if m in sys.modules))"  # streamlit loads plotly itself
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_home_page_draws_no_code_block_until_the_share_box_opens():
    """A code block makes the browser load and run its 1.5 MB highlighter: the first page has
    none, and the sidebar's share box draws its link only once a learner opens it."""
    from seqcore.ui.shell import SHARE_KEY

    at = open_page()
    assert not at.exception
    assert not at.code and not at.sidebar.code
    assert [e.label for e in at.sidebar.expander] == ["🔗 이 설정 공유"]
    at.session_state[SHARE_KEY] = True
    at.run()
    assert not at.exception
    assert [c.value for c in at.sidebar.code] == ["/"]


def test_the_goals_link_every_page_in_the_catalogs_order():
    """The goal lists read the catalog: a page added there (the 문자 생성 page) is linked, in order."""
    from seqcore.ui.catalog import PAGES

    at = open_page()
    assert not at.exception
    linked = [link.proto.page for link in at.get("page_link")][: len(PAGES)]
    assert linked == [p.stem for p in PAGES]
    assert linked.index("language_model") == linked.index("gru") + 1  # after GRU, before 양방향 RNN
