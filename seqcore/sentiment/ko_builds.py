"""The full Korean builds that differ only in their bag path and seed: what each measured (the
page's table, `data/ko_model/builds.json`, written by `python -m bench.sentiment --builds DIR...
--save`), and which bag the validation part chose, judged against the noise: the 95% interval of
the gap or the spread between seeds, whichever is larger. The test part and the fresh probes are
reported beside, never used to choose."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pandas as pd

from seqcore.sentiment import ko_eval
from seqcore.sentiment.ko_build import bag_of

BUILDS_TABLE = Path(__file__).resolve().parent / "data" / "ko_model" / "builds.json"
BAG_NAMES = {"pieces": "조각 n-gram", "chars": "글자 n-gram", "both": "조각 + 글자 n-gram"}


def by_bag(builds: list[dict]) -> dict[str, dict]:
    """bag -> its validation accuracy (mean over seeds), the spread between seeds and the seeds."""
    out: dict[str, dict] = {}
    for b in builds:
        out.setdefault(b["bag"], {"accs": [], "seeds": []})
        out[b["bag"]]["accs"].append(b["val_acc"])
        out[b["bag"]]["seeds"].append(b["seed"])
    for r in out.values():
        r["val_acc"], r["spread"] = statistics.fmean(r["accs"]), max(r["accs"]) - min(r["accs"])
    return out


def ranked(builds: list[dict]) -> list[tuple[str, dict]]:
    """The bags, best mean validation accuracy first."""
    return sorted(by_bag(builds).items(), key=lambda kv: -kv[1]["val_acc"])


def _row(b: dict, n: int, mine: tuple[str, int]) -> dict:
    return {
        "GRU 옆 가방 경로": BAG_NAMES[b["bag"]],
        "시드": b["seed"],
        "앱에": "예" if (b["bag"], b["seed"]) == mine else "",
        "검증 정확도": f"{b['val_acc']:.2%}",
        "잡음 ±": f"{ko_eval.interval95(b['val_acc'], n):.2%}",
        "개발용 부정 문장": f"{b['dev_probe_acc']:.0%}",
        "시험 정확도 (보고만)": f"{b['test_acc']:.2%}",
        "새 부정 문장 (보고만)": f"{b['probe_acc']:.0%}",
    }


def builds_table(config, path: Path = BUILDS_TABLE) -> tuple[pd.DataFrame, str] | None:
    """One row per build (bags in the order validation ranks them) and the reason above it."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    builds, n = data["builds"], data["val_n"]
    bag = bag_of(config.bow, config.bow_chars)
    order = [name for name, _ in ranked(builds)]
    rows = sorted(builds, key=lambda b: (order.index(b["bag"]), b["seed"]))
    frame = pd.DataFrame([_row(b, n, (bag, config.seed)) for b in rows])
    return frame, reason(builds, n, bag)


def reason(builds: list[dict], n: int, bag: str) -> str:
    """Which bag validation chose and whether its lead is larger than the noise (computed)."""
    bags = ranked(builds)
    (best, top), seeds = bags[0], sorted({b["seed"] for b in builds})
    text = (
        "앱의 모델은 위의 작은 측정이 아니라 전체 학습 리뷰로 학습했어요. 같은 방법(같은 규칙 부정 문장)에서 GRU 옆의 "
        f"가방 경로만 바꿔 시드 {', '.join(map(str, seeds))}로 {len(builds)}번 학습했고, 검증 리뷰 {n:,}개에서 "
        f"{'시드 평균이 ' if len(seeds) > 1 else ''}가장 높은 **{BAG_NAMES[best]}**을 골랐어요"
    )
    if len(bags) > 1:
        name, second = bags[1]
        spread = max(top["spread"], second["spread"])
        noise, gap = (
            ko_eval.gap_noise(top["val_acc"], second["val_acc"], n, spread),
            top["val_acc"] - second["val_acc"],
        )
        verdict = "보다 커요" if gap > noise else " 안이라 이겼다고 할 수 없어요"
        what = "95% 구간과 시드 사이 차이 중 큰 쪽" if len(seeds) > 1 else "95% 구간"
        text += f": 다음({BAG_NAMES[name]})과 차이 {gap * 100:.2f}%p는 잡음({what}, ±{noise * 100:.2f}%p){verdict}"
    text += ". 시험 정확도와 새 부정 문장은 고른 뒤에 보고만 했어요."
    if bag != best:
        text += f" 주의: 앱의 모델은 {BAG_NAMES.get(bag, bag)} 빌드예요."
    return text
