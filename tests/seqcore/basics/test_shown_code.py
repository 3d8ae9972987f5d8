"""Code a page shows as "the code that runs" (ui.source) explains itself in Korean.

Issue 29: English docstrings inside code shown to a learner. Every docstring and comment of the
shown objects must contain Hangul (code names may stay English beside it).
"""

import ast
import inspect
import io
import re
import textwrap
import tokenize

import pytest

from seqcore.basics import gru_forms, tbptt
from seqcore.basics.cells import ScratchRNN
from seqcore.basics.models import RNNClassifier

SHOWN = {  # what pages/rnn.py, pages/gru.py and pages/vanishing_gradient.py pass to ui.source
    "ScratchRNN.step": ScratchRNN.step,
    "ScratchRNN.forward": ScratchRNN.forward,
    "RNNClassifier": RNNClassifier,
    "gru_forms.lesson_step": gru_forms.lesson_step,
    "gru_forms.lesson_update": gru_forms.lesson_update,
    "gru_forms.pytorch_step": gru_forms.pytorch_step,
    "tbptt.train_truncated": tbptt.train_truncated,
}
HANGUL = re.compile("[\uac00-\ud7a3]")


def _explanations(source: str) -> list[str]:
    """Every comment and docstring of a piece of source."""
    source = textwrap.dedent(source)
    comments = [
        tok.string
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT
    ]
    docs = [
        ast.get_docstring(node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and ast.get_docstring(node)
    ]
    return comments + docs


@pytest.mark.parametrize("name", list(SHOWN))
def test_every_comment_and_docstring_of_shown_code_is_korean(name):
    texts = _explanations(inspect.getsource(SHOWN[name]))
    assert texts, f"{name} explains nothing"
    english = [t for t in texts if not HANGUL.search(t)]
    assert not english, f"{name}: {english}"
