"""Write docs/links.md: every URL parameter of the app, per page, as the pages draw them.

    .venv/bin/python scripts/links.py

Each page is opened through the entry point (AppTest, as tests/pages do) and every widget
bound to the URL (`ui.keep`, `ui.knob_widget`) is listed with its label and the values it
takes. A page in parts (ui.sections) is opened part by part, and its part key is listed with
the part labels. A widget that shows only in some states (after training, with an uploaded
file) is listed when the page shows it with its defaults. tests/pages/test_query_params.py checks
that every bound key it meets is in docs/links.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "links.md"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from widgetkit import KINDS  # noqa: E402  (the input widget kinds, listed once for tests and docs)

SIDEBAR_KEYS = ("seed", "projector")


def _num(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def allowed(kind: str, el) -> str:
    if kind in ("slider", "number_input"):
        lo = "" if el.min is None else _num(el.min)
        hi = "" if el.max is None else _num(el.max)
        return f"{lo} ~ {hi}"
    if kind in ("selectbox", "select_slider", "radio"):
        shown = [str(o) for o in el.options]
        text = ", ".join(f"`{o}`" for o in shown[:12])
        return text + (f" 외 {len(shown) - 12}개" if len(shown) > 12 else "")
    if kind in ("toggle", "checkbox"):
        return "`true`, `false`"
    return "글자 (주소에 맞게 인코딩)"


def bound_widgets(at) -> list[tuple[str, str, str]]:
    """(key, label, allowed values) of every widget of the run bound to the URL."""
    rows = {}
    for kind in KINDS:
        for el in getattr(at, kind):
            key = getattr(el.proto, "query_param_key", "")
            if key:
                rows[key] = (key, el.label.replace("|", "/"), allowed(kind, el))
    return [rows[k] for k in sorted(rows)]


def _ready(at, limit_s: float = 180):
    """The page once a default still training at start-up (ui.train_soon's SOON_NOTE) is done,
    since the widgets under it show only then."""
    from seqcore.ui.training import SOON_NOTE

    deadline = time.monotonic() + limit_s
    while any(c.value == SOON_NOTE for c in at.caption) and time.monotonic() < deadline:
        time.sleep(1)
        at.run(timeout=180)
    return at


def page_rows(path: str) -> list[tuple[str, str, str]]:
    """The page's bound widgets, part by part, and the part key with its labels first."""
    from apphelp import open_page, part_key, part_labels

    at = _ready(open_page(path, timeout=180))
    labels = part_labels(at)
    rows = {r[0]: r for r in bound_widgets(at) if r[0] not in SIDEBAR_KEYS}
    for label in labels[1:]:
        part = _ready(open_page(path, timeout=180, query={part_key(path): label}))
        rows |= {r[0]: r for r in bound_widgets(part) if r[0] not in SIDEBAR_KEYS}
    head = [(part_key(path), "열린 탭 (페이지의 부분, 첫 탭이 기본)", ", ".join(f"`{x}`" for x in labels))]
    return (head if labels else []) + [rows[k] for k in sorted(rows)]


def render() -> str:
    from apphelp import open_page

    from seqcore.ui.catalog import PAGES

    lines = [
        "# 링크 형식 (URL 파라미터)",
        "",
        "앱의 설정은 주소에 담겨요: `/<페이지>?<키>=<값>&<키>=<값>`. 기본값과 같은 값은 주소에서 빠지고, "
        "쓸 수 없는 값(범위 밖, 없는 선택지, 숫자가 아닌 값)은 무시되며 화면에 짧은 안내가 나와요. "
        '학습 결과는 주소에 담기지 않아요. 사이드바의 "🔗 이 설정 공유"가 지금 페이지의 링크를 보여 줍니다.',
        "",
        "긴 페이지는 탭(부분)으로 나뉘어 있고, 열린 탭도 주소에 담겨요(`<페이지>_part`). 링크에는 열린 탭과 "
        "그 탭의 설정이 담깁니다. 선택 상자와 라디오의 값은 화면에 보이는 글자 그대로예요. 키는 공개된 링크 형식이라 바꾸지 않아요. "
        "이 파일은 `.venv/bin/python scripts/links.py`가 각 페이지를 기본값으로 열어 만들어요.",
        "",
    ]
    home = open_page()
    shared = [r for r in bound_widgets(home) if r[0] in SIDEBAR_KEYS]
    sections = [("모든 페이지 (사이드바)", shared)]
    for p in PAGES:
        sections.append((f"{p.title} (`/{p.stem}`)", page_rows(p.path)))
    for title, rows in sections:
        lines += [f"## {title}", ""]
        if not rows:
            lines += ["(주소에 담는 설정이 없어요)", ""]
            continue
        lines += ["| 키 | 설정 | 쓸 수 있는 값 |", "|---|---|---|"]
        lines += [f"| `{key}` | {label} | {values} |" for key, label, values in rows]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    text = render()
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
