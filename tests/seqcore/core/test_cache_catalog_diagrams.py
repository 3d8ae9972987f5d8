import threading
import time

import pytest

from seqcore.core.cache import BoundedCache
from seqcore.figures import cell_diagrams, diagrams
from seqcore.ui.catalog import PAGES, ROOT


def test_bounded_cache_evicts_least_recently_used():
    c = BoundedCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1  # a is now the most recent
    c.put("c", 3)
    assert "b" not in c
    assert "a" in c and "c" in c
    assert len(c) == 2


def test_get_or_compute_counts_hits():
    c = BoundedCache(4)
    calls = []
    v1, hit1 = c.get_or_compute("k", lambda: calls.append(1) or 10)
    v2, hit2 = c.get_or_compute("k", lambda: calls.append(1) or 11)
    assert (v1, hit1, v2, hit2) == (10, False, 10, True)
    assert len(calls) == 1


def test_bounded_cache_is_thread_safe():
    c = BoundedCache(8)

    def work(i):
        for j in range(200):
            c.put((i, j), j)
            c.get((i, j - 1))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(c) == 8


def test_bounded_cache_needs_a_size():
    with pytest.raises(ValueError):
        BoundedCache(0)


def test_catalog_lists_the_page_files_in_lesson_order():
    names = [p.path for p in PAGES]
    assert names == [
        "pages/sequence_data.py",
        "pages/rnn.py",
        "pages/vanishing_gradient.py",
        "pages/lstm.py",
        "pages/gru.py",
        "pages/language_model.py",
        "pages/birnn.py",
        "pages/stock.py",
        "pages/sentiment.py",
        "pages/quiz.py",
    ]
    assert all((ROOT / p.path).is_file() for p in PAGES)


@pytest.mark.parametrize(
    "dot",
    [
        diagrams.rnn_classifier(),
        diagrams.bilstm_classifier(),
        diagrams.stock_lstm(),
        diagrams.sentiment_lstm(),
        cell_diagrams.unrolled_rnn(3),
        cell_diagrams.lstm_cell(),
        cell_diagrams.gru_cell(),
    ],
)
def test_diagrams_are_closed_dot_graphs(dot):
    assert dot.lstrip().startswith("digraph")
    assert dot.count("{") == dot.count("}")
    assert "http" not in dot


def test_bilstm_diagram_has_the_lessons_edges():
    dot = diagrams.bilstm_classifier()
    for edge in ["BiLSTM -> Forward", "BiLSTM -> Backward", "Forward -> Concat", "Concat -> FC"]:
        assert edge in dot


def test_a_second_caller_waits_for_the_computation_in_flight():
    c = BoundedCache(4)
    started, release, calls = threading.Event(), threading.Event(), []

    def slow():
        calls.append(1)
        started.set()
        release.wait(5)
        return "value"

    first = threading.Thread(target=lambda: c.get_or_compute("k", slow))
    first.start()
    started.wait(5)
    assert c.in_flight("k")
    got = []
    second = threading.Thread(target=lambda: got.append(c.get_or_compute("k", slow)))
    second.start()
    # Release the first computation only once the second caller is blocked on it.
    for _ in range(500):
        if c.waiting("k") == 1:
            break
        time.sleep(0.01)
    assert c.waiting("k") == 1
    release.set()
    first.join(5)
    second.join(5)
    assert got == [("value", True)]
    assert len(calls) == 1
    assert not c.in_flight("k")


def test_a_failed_computation_lets_the_next_caller_compute():
    c = BoundedCache(4)

    def boom():
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        c.get_or_compute("k", boom)
    assert not c.in_flight("k")
    assert c.get_or_compute("k", lambda: 3) == (3, False)
