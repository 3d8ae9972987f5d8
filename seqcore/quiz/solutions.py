"""Every solution is a plain-torch program that runs as shown, and what it prints is captured by
running it, never typed in.

`program(q)` is the text the page shows: three imports and the question's `solution_code`.
`run_alone` runs one program in a fresh Python, in an empty temporary folder, with no
PYTHONPATH and in isolated mode (`-I`), so the app's package cannot be imported: a solution that
leans on the app fails. `build` writes each output beside its question file
(`q1.output.txt`); `tests/seqcore/quiz/test_quiz_solutions.py` runs every solution again and fails
if a stored output drifted.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile

from seqcore.quiz.questions import Bank, bank, output_path
from seqcore.quiz.records import Question

IMPORTS = "import numpy as np\nimport torch\nimport torch.nn as nn\n"
TIMEOUT_S = 300
# Runs many programs in one interpreter, each in a fresh namespace, stdout captured per program.
_DRIVER = """
import contextlib, io, json, sys
programs = json.load(sys.stdin)
outputs = []
for text in programs:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(text, "<solution>", "exec"), {"__name__": "__main__"})
    outputs.append(buffer.getvalue())
json.dump(outputs, sys.stdout)
"""


class SolutionError(RuntimeError):
    """A solution did not run; the message ends with the tail of its error output."""


def program(q: Question) -> str:
    """The solution as the page shows it, runnable as it stands."""
    return IMPORTS + "\n" + q.solution_code.strip("\n") + "\n"


def clean_env() -> dict[str, str]:
    """No PYTHONPATH (the app stays out of reach), one thread (the same numbers on every run)."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    return env | {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONIOENCODING": "utf-8"}


def _python(args: list[str], stdin: str, timeout: float) -> str:
    with tempfile.TemporaryDirectory(prefix="quiz_solution_") as folder:
        proc = subprocess.run(
            [sys.executable, "-I", *args],
            input=stdin,
            cwd=folder,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    if proc.returncode != 0:
        raise SolutionError(proc.stderr.strip()[-1500:])
    return proc.stdout


def run_alone(text: str, timeout: float = TIMEOUT_S) -> str:
    """What `text` prints, run as a script in a fresh interpreter where `seqcore` is out of reach."""
    return _python(["-"], text, timeout)


def run_together(texts: list[str], timeout: float = TIMEOUT_S) -> list[str]:
    """What each program prints, run one after another in one fresh interpreter (one torch import
    for all; each in its own namespace), where `seqcore` is out of reach."""
    return json.loads(_python(["-c", _DRIVER], json.dumps(texts), timeout))


def build(questions: Bank, qids: list[str] | None = None) -> list[tuple[str, bool]]:
    """Run each solution alone and write what it printed beside its file: [(qid, changed)]."""
    done = []
    for q in questions:
        if qids and q.qid not in qids:
            continue
        out = run_alone(program(q))
        path = output_path(questions.folder / f"{q.qid}.toml")
        changed = not path.is_file() or path.read_text(encoding="utf-8") != out
        if changed:
            path.write_text(out, encoding="utf-8")
        done.append((q.qid, changed))
    bank(questions.folder, fresh=True)  # the outputs just written count at once
    return done


_NUM = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def same_output(stored: str, fresh: str, rel: float = 0.1, abs_tol: float = 0.002) -> bool:
    """The same text, except that a number with a decimal point or an exponent may differ by
    `rel` or `abs_tol` (training on another CPU rounds differently); integers and words must
    match exactly."""
    a, b = _NUM.split(stored), _NUM.split(fresh)
    na, nb = _NUM.findall(stored), _NUM.findall(fresh)
    if a != b or len(na) != len(nb):
        return False
    for x, y in zip(na, nb):
        if not re.search(r"[.eE]", x + y):
            if x != y:
                return False
        elif abs(float(x) - float(y)) > max(rel * max(abs(float(x)), abs(float(y))), abs_tol):
            return False
    return True


def drifted(questions: Bank, qids: list[str] | None = None) -> list[str]:
    """The questions whose stored output is missing or differs from what their solution prints now
    (all solutions run in one interpreter, each in its own namespace)."""
    chosen = [q for q in questions if not qids or q.qid in qids]
    fresh = run_together([program(q) for q in chosen])
    return [q.qid for q, out in zip(chosen, fresh) if q.output is None or not same_output(q.output, out)]
