"""Reading a learner's typed answers: shapes, counts and lists of numbers.

Every parser accepts the forms a learner is likely to copy (Python tuples, lists, `torch.Size`,
numpy's printout, full-width digits, spaces or commas) and turns anything it cannot read, including
an unexpected exception, into an `AnswerFormatError` whose Korean message says what format is
expected. An echoed answer is always shortened, so a huge paste gives a short message.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

from seqcore.core.markup import plain  # noqa: F401  (re-exported: the one escape helper)

MAX_DIM = 100_000  # a larger dimension is certainly a typo
MAX_DIGITS = 15  # longer digit runs are not read at all (int() of 4,301+ digits raises)
MAX_ECHO = 24  # characters of a learner's answer repeated in a message
MAX_INPUT = 2_000  # characters looked at; the page's boxes allow far fewer
# Examples of the accepted forms; they answer no question of the quiz (a test checks it).
SHAPE_EXAMPLE = "(2, 3, 4) · 2,3,4 · 2 3 4 · 2x3x4 · torch.Size([2, 3, 4])"
COUNT_HINT = "정수로 입력해요. 예: 1234 또는 1,234"
NUMBERS_HINT = "숫자를 쉼표나 띄어쓰기로 구분해 입력해요. 예: 1.5, 2, 3 또는 [1.5 2. 3.]"
_TIMES = re.compile(r"\s*[x×X*]\s*")  # 16x20x100, 16 × 20 × 100 (× stays × under NFKC)
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


class AnswerFormatError(ValueError):
    """The answer cannot be read; the message (Korean) says what format is expected."""


def shorten(text: object, limit: int = MAX_ECHO) -> str:
    """A learner's text cut to `limit` characters (with '…'), one line, for echoing in a message."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def never_raises(label_default: str):
    """Turn any exception of a parser into an AnswerFormatError that names the field."""

    def wrap(parse):
        @functools.wraps(parse)
        def safe(text, label: str = label_default, *args, **kwargs):
            try:
                return parse(text, label, *args, **kwargs)
            except AnswerFormatError:
                raise
            except Exception as e:  # noqa: BLE001 - any failure is a format problem, never a crash
                raise AnswerFormatError(
                    f"{label}: 답을 읽지 못했어요. 숫자를 쉼표나 띄어쓰기로 구분해 입력해요."
                ) from e

        return safe

    return wrap


def normalize(text) -> str:
    """NFKC (full-width digits, commas and brackets become ASCII), stripped, cut to MAX_INPUT."""
    s = "" if text is None else str(text)[:MAX_INPUT]
    return unicodedata.normalize("NFKC", s).strip()


def _strip_brackets(s: str) -> str:
    m = re.fullmatch(r"(?i)(?:torch\.)?size\s*\((.*)\)", s)
    if m:
        s = m.group(1).strip()
    for _ in range(2):  # "([16, 20])" at most
        if len(s) >= 2 and (s[0], s[-1]) in (("(", ")"), ("[", "]")):
            s = s[1:-1].strip()
    return s


def _split(s: str) -> list[str] | None:
    """Items separated by commas and/or spaces, or all by x or × (16x20x100); one trailing comma
    is allowed (Python's `(5,)`). None when two commas have nothing between them."""
    if re.fullmatch(r"\d+(\s*[x×X*]\s*\d+)+", s):
        return _TIMES.split(s)
    s = s.removesuffix(",").strip()
    if re.search(r",\s*,", s) or s.startswith(","):
        return None
    return [p for p in re.split(r"[\s,]+", s) if p]


def _shape_error(what: str, label: str) -> AnswerFormatError:
    return AnswerFormatError(
        f"{label}: {what} 숫자를 쉼표, 띄어쓰기나 x로 구분해 이렇게 입력해요: {SHAPE_EXAMPLE}"
    )


@never_raises("shape")
def parse_shape(text, label: str = "shape") -> tuple[int, ...]:
    """'(16, 20, 100)', '16 20 100', '16x20x100', '16×20×100', '[16, 20, 100]',
    'torch.Size([16, 20, 100])', '(5,)' -> ints."""
    s = _strip_brackets(normalize(text))
    if not s:
        raise _shape_error("아직 비어 있어요.", label)
    parts = _split(s)
    if parts is None:
        raise _shape_error("쉼표 사이에 빈 칸이 있어요.", label)
    if len(parts) > 6:
        raise _shape_error("차원이 너무 많아요 (6개 이하).", label)
    dims = []
    for p in parts:
        if re.fullmatch(r"[-−]\d+", p):
            raise _shape_error("shape에는 음수가 없어요.", label)
        if not re.fullmatch(r"\d+", p):
            raise _shape_error(f"'{shorten(p)}'는 정수가 아니에요.", label)
        if len(p) > MAX_DIGITS or int(p) > MAX_DIM:
            raise _shape_error(f"{shorten(p)}는 너무 커요 (차원 하나는 {MAX_DIM:,} 이하).", label)
        if int(p) < 1:
            raise _shape_error("각 차원은 1 이상이에요.", label)
        dims.append(int(p))
    return tuple(dims)


@never_raises("개수")
def parse_count(text, label: str = "개수") -> int:
    """'1234', '1,234', '1 234', '1_234', '１２３４', '1e9' -> an int. A separator is read only as
    thousands grouping (1,234,567): '2,5,6,0' and '25,60' are a format problem, never 2560.
    Too-long digit runs are a format problem; a huge but readable number is a (wrong) number."""
    s = normalize(text)
    hint = COUNT_HINT
    if not s:
        raise AnswerFormatError(f"{label}: 아직 비어 있어요. {hint}")
    grouped = re.fullmatch(r"[-−]?\d{1,3}(?:([,_ ])\d{3})(?:\1\d{3})*", s)
    if re.search(r"\d[,_\s]+\d", s) and not grouped:
        raise AnswerFormatError(
            f"{label}: '{shorten(s)}': 쉼표나 띄어쓰기는 세 자리마다만 써요 (1,234). {hint}"
        )
    s = re.sub(r"[,_\s]", "", s)
    if len(s) > MAX_DIGITS:
        raise AnswerFormatError(f"{label}: 숫자가 너무 길어요 ({MAX_DIGITS}자리 이하). {hint}")
    if re.fullmatch(r"[-−]\d+", s):
        raise AnswerFormatError(f"{label}: 개수는 음수가 될 수 없어요. {hint}")
    if re.fullmatch(r"\d+", s):
        return int(s)
    if _NUMBER.fullmatch(s) and re.search(r"[eE]", s):
        v = float(s)  # '1e9', '2.56e3': scientific notation of a whole number
        if v >= 0 and v == int(v):
            return int(v)
    raise AnswerFormatError(f"{label}: '{shorten(s)}'는 정수가 아니에요. {hint}")


@never_raises("값")
def parse_numbers(text, label: str = "값", max_items: int = 100) -> tuple[float, ...]:
    """'110, 107, 112', '[110, 107, 112]' or numpy's '[110 107 112]' / '[110. 107.]' -> floats."""
    s = _strip_brackets(normalize(text))
    hint = NUMBERS_HINT
    if not s:
        raise AnswerFormatError(f"{label}: 아직 비어 있어요. {hint}")
    parts = _split(s)
    if parts is None:
        raise AnswerFormatError(f"{label}: 쉼표 사이에 빈 칸이 있어요. {hint}")
    if len(parts) > max_items:
        raise AnswerFormatError(f"{label}: 값이 너무 많아요 ({max_items}개 이하). {hint}")
    out = []
    for p in parts:
        if len(p) > 30 or not _NUMBER.fullmatch(p):
            raise AnswerFormatError(f"{label}: '{shorten(p)}'는 숫자가 아니에요. {hint}")
        v = float(p)
        if abs(v) > 1e9:
            raise AnswerFormatError(f"{label}: {shorten(p)}는 너무 커요. {hint}")
        out.append(v)
    return tuple(out)


@never_raises("값")
def parse_number(text, label: str = "값") -> float:
    """One real number: '60', '60.0', '６０', '1.5e2', '60.00' -> a float."""
    s = normalize(text).replace(" ", "")
    hint = "숫자 하나를 입력해요. 예: 3.5 또는 1e-3"
    if not s:
        raise AnswerFormatError(f"{label}: 아직 비어 있어요. {hint}")
    if len(s) > 30 or not _NUMBER.fullmatch(s):
        raise AnswerFormatError(f"{label}: '{shorten(s)}'는 숫자가 아니에요. {hint}")
    v = float(s)
    if not math.isfinite(v) or abs(v) > 1e12:
        raise AnswerFormatError(f"{label}: {shorten(s)}는 너무 커요. {hint}")
    return v


def fmt_shape(shape) -> str:
    return "(" + ", ".join(str(int(d)) for d in shape) + ")"
