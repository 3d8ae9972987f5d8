"""The full Korean builds that differ only in their recipe (the bag path beside the GRU, the rule
sentences) and seed: what each measured (the page's table, `data/ko_model/builds.json`, written
by `python -m bench.sentiment --builds DIR... --save`), and which recipe was chosen.

The rule, written before the fourth round's builds were measured: the recipe with the best
validation accuracy (mean over seeds) unless others are within the noise of it (the 95% interval
of the gap or the spread between seeds, whichever is larger); among those, the best mean on the
development negation set (`dev_probe`), which was written to choose. The test part and the
probes written for reporting are shown beside, never used to choose."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from seqcore.sentiment import ko_eval
from seqcore.sentiment.ko_build import recipe_of
from seqcore.sentiment.ko_measure import REPORT_SETS, round_of

BUILDS_TABLE = Path(__file__).resolve().parent / "data" / "ko_model" / "builds.json"
BAG_NAMES = {"pieces": "조각 n-gram", "chars": "글자 n-gram", "both": "조각 + 글자 n-gram"}
PART_NAMES = {"stems": "리뷰 어간", "lack": "없다 틀", "nouns": "명사 틀", "prefixes": "앞부분"}
# The table's narrow names (a phone shows nine columns): the text above it spells them out.
SHORT_BAGS = {"pieces": "조각", "chars": "글자", "both": "조각+글자"}
SHORT_PARTS = {"stems": "어간", "lack": "없다", "nouns": "명사", "prefixes": "앞"}


def recipe_name(recipe: str, short: bool = False) -> str:
    """`both+stems+lack+prefixes0.3` -> 조각 + 글자 n-gram · 리뷰 어간 · 없다 틀 · 앞부분 30%
    (short: 조각+글자 · 어간 · 없다 · 앞 30%)."""
    bag, *rest = recipe.split("+")
    bags, parts = (SHORT_BAGS, SHORT_PARTS) if short else (BAG_NAMES, PART_NAMES)
    words = [bags.get(bag, bag)]
    for part in rest:
        if part.startswith("prefixes"):
            words.append(f"{parts['prefixes']} {float(part[len('prefixes') :]):.0%}")
        else:
            words.append(parts.get(part, part))
    return " · ".join(words)


def _recipe(b: dict) -> str:
    return b.get("recipe") or b["bag"]  # builds recorded before recipes had names: the bag


def by_recipe(builds: list[dict]) -> dict[str, dict]:
    """recipe -> its validation and dev-negation accuracy (means over seeds), the spread of
    validation between seeds, and the seeds."""
    out: dict[str, dict] = {}
    for b in builds:
        r = out.setdefault(_recipe(b), {"accs": [], "devs": [], "seeds": []})
        r["accs"].append(b["val_acc"]), r["devs"].append(b["dev_probe_acc"]), r["seeds"].append(b["seed"])
    for r in out.values():
        r["val_acc"], r["spread"] = statistics.fmean(r["accs"]), max(r["accs"]) - min(r["accs"])
        r["dev_acc"] = statistics.fmean(r["devs"])
    return out


def ranked(builds: list[dict]) -> list[tuple[str, dict]]:
    """The recipes, best mean validation accuracy first."""
    return sorted(by_recipe(builds).items(), key=lambda kv: -kv[1]["val_acc"])


def noise(top: dict, other: dict, n: int) -> float:
    """The noise of a gap in mean validation accuracy: its 95% interval or the seed spread."""
    return ko_eval.gap_noise(top["val_acc"], other["val_acc"], n, max(top["spread"], other["spread"]))


def tied(builds: list[dict], n: int) -> list[tuple[str, dict]]:
    """The best recipe on validation and every other within the noise of it."""
    order = ranked(builds)
    top = order[0][1]
    return [order[0]] + [(k, r) for k, r in order[1:] if top["val_acc"] - r["val_acc"] <= noise(top, r, n)]


def chosen(builds: list[dict], n: int) -> str:
    """Among the recipes tied on validation, the best on the dev negation set (then validation)."""
    return max(tied(builds, n), key=lambda kv: (kv[1]["dev_acc"], kv[1]["val_acc"]))[0]


def _measured(b: dict, k: str) -> bool:
    """Whether build b holds hand-written set k's accuracy and size."""
    return f"{k}_acc" in b and f"{k}_n" in b


def measured_sets(builds: list[dict]) -> tuple[str, ...]:
    """The report-only sets (ko_measure.REPORT_SETS) every build in the table was measured on: a
    round written after the builds is left out of their column, not guessed."""
    return tuple(k for k in REPORT_SETS if all(_measured(b, k) for b in builds))


def report_pooled(b: dict, sets: Sequence[str] = REPORT_SETS) -> tuple[float, int] | None:
    """A build's accuracy on the report-only negation sets together and their size; None for a
    build recorded before one of them was written (or no sets)."""
    if not sets or not all(_measured(b, k) for k in sets):
        return None
    n = sum(b[f"{k}_n"] for k in sets)
    return sum(b[f"{k}_acc"] * b[f"{k}_n"] for k in sets) / n, n


def report_column(sets: Sequence[str] = REPORT_SETS) -> str:
    return f"부정 {round_of(sets[0])}~{round_of(sets[-1])}차 (보고만)"


def _row(b: dict, n: int, mine: tuple[str, int], sets: Sequence[str]) -> dict:
    row = {
        "방법": recipe_name(_recipe(b), short=True),
        "시드": b["seed"],
        "앱에": "예" if (_recipe(b), b["seed"]) == mine else "",
        "검증 (95% 구간)": f"{b['val_acc']:.2%} ±{ko_eval.interval95(b['val_acc'], n) * 100:.2f}",
        "개발용 부정": f"{b['dev_probe_acc']:.0%}",
        "시험 (보고만)": f"{b['test_acc']:.2%}",
    }
    if pooled := report_pooled(b, sets):
        row[report_column(sets)] = f"{pooled[0]:.0%}"
    return row


def report_note(builds: list[dict]) -> str:
    """What the report-only column holds, and how far one recipe's seeds lie apart on it."""
    sets = measured_sets(builds)
    pooled = {(_recipe(b), b["seed"]): report_pooled(b, sets) for b in builds}
    if not sets or any(v is None for v in pooled.values()):
        return ""
    size = next(iter(pooled.values()))[1]
    apart: dict[str, list[float]] = {}
    for (recipe, _), (acc, _) in pooled.items():
        apart.setdefault(recipe, []).append(acc)
    spreads = [(max(a) - min(a), r) for r, a in apart.items() if len(a) > 1]
    widest = max(spreads) if spreads else None
    mid = statistics.fmean(acc for acc, _ in pooled.values())
    text = (
        f" {report_column(sets)} 열은 보고용으로 써 둔 손 문장 {size}개를 한데 센 정확도예요 "
        f"(95% 구간 약 ±{ko_eval.interval95(mid, size) * 100:.0f}%p)"
    )
    if widest is None:
        return text + "."
    return text + (
        f". 같은 방법도 시드만 바꾸면 이 열이 최대 {widest[0] * 100:.0f}%p 달라져요 ({recipe_name(widest[1])}): "
        "한 번 학습한 점수의 차이는 이만큼 흔들려요."
    )


def builds_table(
    config, path: Path = BUILDS_TABLE, *, one_build: bool = True
) -> tuple[pd.DataFrame, str] | None:
    """One row per build (recipes in the order validation ranks them) and the reason above it.
    one_build=False: the page's model averages several builds (ensemble_line), so no row is it."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    builds, n = data["builds"], data["val_n"]
    mine = recipe_of(config)
    order = [name for name, _ in ranked(builds)]
    rows = sorted(builds, key=lambda b: (order.index(_recipe(b)), b["seed"]))
    sets = measured_sets(builds)
    frame = pd.DataFrame([_row(b, n, (mine, config.seed), sets) for b in rows])
    if not one_build:  # no row is the page's model: no column to say which
        frame = frame.drop(columns="앱에")
    return frame, reason(builds, n, mine) + report_note(builds)


def reason(builds: list[dict], n: int, mine: str) -> str:
    """Which recipe was chosen, and whether any lead is larger than the noise (computed)."""
    order, seeds = ranked(builds), sorted({b["seed"] for b in builds})
    (best, top), close = order[0], tied(builds, n)
    pick = chosen(builds, n)
    what = "95% 구간과 시드 사이 차이 중 큰 쪽" if len(seeds) > 1 else "95% 구간"
    text = (
        "앱의 모델은 위의 작은 측정이 아니라 전체 학습 리뷰로 학습했어요. GRU 옆의 가방 경로와 규칙으로 만든 문장"
        f"(리뷰 어간: 리뷰에서 읽은 어간도 부정 / 없다 틀: '어색할 구석이 없었다' 꼴 / 명사 틀: '최악은 아니었다' 꼴 / 앞부분: 부정어 앞까지만 읽은 문장도 학습)만 바꿔 시드 "
        f"{', '.join(map(str, seeds))}로 {len(builds)}번 학습했어요. 검증 리뷰 {n:,}개에서 "
        f"{'시드 평균이 ' if len(seeds) > 1 else ''}가장 높은 것은 **{recipe_name(best)}** 조합"
    )
    if len(close) > 1:
        gaps = ", ".join(
            f"{recipe_name(k)} {(top['val_acc'] - r['val_acc']) * 100:.2f}%p (±{noise(top, r, n) * 100:.2f}%p)"
            for k, r in close[1:]
        )
        text += (
            f"인데, {gaps}는 잡음({what}) 안이라 이겼다고 할 수 없어요. 그래서 고르려고 써 둔 개발용 부정 문장에서 "
            f"{'시드 평균이 ' if len(seeds) > 1 else ''}가장 높은 **{recipe_name(pick)}** 조합을 골랐어요"
        )
    elif len(order) > 1:
        name, second = order[1]
        gap = top["val_acc"] - second["val_acc"]
        text += (
            f"이고, 다음({recipe_name(name)})과 차이 {gap * 100:.2f}%p가 잡음({what}, "
            f"±{noise(top, second, n) * 100:.2f}%p)보다 커서 이것을 골랐어요"
        )
    text += ". 시험 정확도와 보고용 부정 문장은 고른 뒤에 보고만 했어요."
    if mine != pick:
        text += f" 주의: 앱의 모델은 {recipe_name(mine)} 빌드예요."
    return text


def ensemble_line(info: dict) -> str:
    """The page's model when it is several builds read together (ko_build --ensemble): what they
    share, and the gain over its first build on validation with the paired interval, measured by
    the build (ko_measure.ENSEMBLE_RULE), as a paragraph. "" for a single build."""
    members = info.get("members")
    if not members or "ensemble" not in info["metrics"]:
        return ""
    e, first = info["metrics"]["ensemble"], members[0]["seed"]
    seeds = ", ".join(str(m["seed"]) for m in members)
    gap, noise = e["val_paired_gap_pts"], e["val_paired_noise_pts"]
    text = (
        f"앱의 모델은 위에서 고른 조합 하나가 아니라, 그 조합으로 학습한 **{len(members)}개의 평균**이에요. 같은 리뷰와 "
        f"규칙 문장, 같은 조각(토크나이저)으로 시드({seeds})만 바꿔 학습한 모델들의 로짓을 평균해요: 조각이 같아서 한 모델처럼 조각마다 따라 읽을 수 있어요. "
        f"검증 리뷰 {e['val_n']:,}개에서 평균 {e['ensemble.val_acc']:.2%}, 시드 {first} 하나 {e['single.val_acc']:.2%}: "
        f"차이 {gap:+.2f}%p, 같은 리뷰끼리 짝지어 잰 95% 구간 ±{noise:.2f}%p"
    )
    rule = " (이 기준은 재기 전에 정해 두었어요).\n\n"
    if noise < gap < 1.5 * noise:
        return text + "로 구간을 겨우 넘었어요: 평균이 나았다고 할 수 있는 최소한이에요" + rule
    if gap > noise:
        return text + "라서 평균이 나았어요" + rule
    return text + "라서 평균이 낫다고 할 수 없어요.\n\n"
