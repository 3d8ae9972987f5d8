"""Every solution is plain torch that runs as shown, where the app cannot be imported, and prints
exactly the output stored beside its question (captured by `python -m seqcore.quiz build`)."""

from __future__ import annotations

import shutil

import pytest

from seqcore.quiz import solutions
from seqcore.quiz.questions import DATA_DIR, bank, output_path

BANK = bank(DATA_DIR)
QUICK = [q for q in BANK if not q.trains]
TRAINING = [q for q in BANK if q.trains]


def test_the_app_cannot_be_imported_where_solutions_run():
    with pytest.raises(solutions.SolutionError, match="No module named 'seqcore'"):
        solutions.run_alone("import seqcore\n")
    with pytest.raises(solutions.SolutionError, match="No module named 'seqcore'"):
        solutions.run_together(["print(1)", "import seqcore.quiz"])


def test_a_solution_is_shown_with_its_imports():
    for q in BANK:
        text = solutions.program(q)
        assert text.startswith(solutions.IMPORTS)
        assert "seqcore" not in text and "from seqcore" not in q.solution_code


def test_every_quick_solution_prints_its_stored_output():
    """All the solutions that do not train, run one after another in one clean interpreter."""
    fresh = solutions.run_together([solutions.program(q) for q in QUICK])
    for q, out in zip(QUICK, fresh):
        assert q.output is not None, f"{q.qid}: run python -m seqcore.quiz build"
        assert out == q.output, q.qid  # nothing random is printed: the very same text


@pytest.mark.slow
@pytest.mark.parametrize("q", TRAINING, ids=lambda q: q.qid)
def test_every_training_solution_prints_its_stored_output(q):
    """Each training solution alone (about 5-15 s each on a busy 2-core machine)."""
    out = solutions.run_alone(solutions.program(q))
    assert q.output is not None and solutions.same_output(q.output, out), (q.qid, out)


@pytest.mark.parametrize(
    "stored, fresh, same",
    [
        ("test MSE: 3.23e-06\n", "test MSE: 3.31e-06\n", True),  # another CPU rounds differently
        ("확률: 0.000\n", "확률: 0.001\n", True),
        ("test MSE: 3.23e-06\n", "test MSE: 3.23e-03\n", False),
        ("LSTM: 2560\n", "LSTM: 2561\n", False),  # integers are exact
        ("GRU(32, 32)\n", "LSTM(32, 32)\n", False),
        ("a 1.5\n", "a 1.5 2\n", False),
    ],
)
def test_same_output_allows_rounding_only(stored, fresh, same):
    assert solutions.same_output(stored, fresh) is same


@pytest.mark.slow
def test_build_writes_what_the_solution_printed(tmp_path):
    """Runs one solution alone twice (about 10 s each on a busy machine)."""
    q = next(q for q in QUICK if q.kind == "param_count")
    shutil.copy(DATA_DIR / f"{q.qid}.toml", tmp_path / "q1.toml")
    copy = bank(tmp_path)
    assert copy["q1"].output is None  # not built yet
    assert solutions.build(copy) == [("q1", True)]
    assert output_path(tmp_path / "q1.toml").read_text(encoding="utf-8") == q.output
    assert bank(tmp_path)["q1"].output == q.output  # the folder is read again
    assert solutions.build(bank(tmp_path)) == [("q1", False)]
