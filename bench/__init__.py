"""The benchmark: speed, accuracy and memory, run by hand (`python -m bench`).

`SUITES` is the one registry. A suite is a module with `measure(quick: bool) -> dict` that returns
flat keys under its prefix (`"pages.rnn.first_render_s": 1.2`), numbers where it can. Adding one
is one `Suite(...)` line below; `python -m bench` then runs it, writes its keys into
bench/results.json in place of its old ones (every other suite's keys stay) and
docs/performance.md shows them. See CONTRIBUTING.md, "Benchmarks".

A quick run (`--quick`, `--smoke`) writes bench/results.quick.json, never bench/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import json
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
QUICK_RESULTS = ROOT / "bench" / "results.quick.json"  # not committed (.gitignore)
DOCS = ROOT / "docs" / "performance.md"

Target = float | tuple[str, float] | None  # an upper bound, (">=" or "<=", bound), or None: no target


@dataclass(frozen=True)
class Suite:
    """One benchmark suite.

    name: its keys' prefix in results.json, and what `--only`/`--skip` call it.
    module: the module whose `measure(quick)` returns the keys.
    about: one line for docs/performance.md (Korean, for the teacher who reads it).
    command: how to measure it alone.
    in_bench: `python -m bench` runs it (False: it needs its own command, e.g. a second checkout).
    in_quick: `python -m bench --quick` runs it too.
    prefixes: the key prefixes it owns, when more than its name (the longest match owns a key).
    targets: fnmatch pattern -> upper bound, (">=" or "<=", bound), or None (no target); the first
        pattern that matches a key is its target.
    smoke: the keyword arguments of a run that takes seconds (`--smoke`, the fast test tier); None: none.
    """

    name: str
    module: str
    about: str
    command: str = ""
    in_bench: bool = True
    in_quick: bool = True
    prefixes: tuple[str, ...] = ()
    targets: dict[str, Target] = field(default_factory=dict)
    smoke: dict | None = None

    def owns(self) -> tuple[str, ...]:
        return tuple(f"{p}." for p in (self.name, *self.prefixes))

    def how(self) -> str:
        return self.command or f"python -m {self.module}"


SUITES: tuple[Suite, ...] = (
    Suite(
        "pages",
        "bench.pages",
        "페이지 렌더 시간 (AppTest, 기본값)",
        prefixes=("torch",),
        targets={"pages.*.first_render_s": 3.0, "pages.*.rerender_s": 0.3},
        smoke={"pages": ["home.py", "pages/sequence_data.py"], "wait_startup": False, "torch_child": False},
    ),
    Suite(
        "server",
        "bench.server",
        "실제 서버: 콜드 스타트와 메모리 (streamlit run + Chromium)",
        targets={
            "server.cold_start_s": 3.0,
            "server.rss_mb_all_pages": 700.0,
            "server.rss_mb_after_configs": 900.0,
        },
    ),
    Suite(
        "page_cpu",
        "bench.page_cpu",
        "페이지 한 번 여는 서버 CPU 시간: 따뜻한 세션, 새 세션의 첫 실행",
        prefixes=("server.warm_open_cpu_s", "server.first_run_cpu_s", "server.browser_first_load_cpu_s"),
        targets={"server.warm_open_cpu_s.max": 0.05, "server.first_run_cpu_s.max": 0.05},
    ),
    Suite("basics", "bench.basics", "Part 1: 장기 의존성 실험의 시간과 정확도"),
    Suite("gates", "bench.gates", "LSTM·GRU 페이지: 게이트 과제 학습, 셀 경로, 속도 비교"),
    Suite(
        "stepper",
        "bench.stepper",
        "한 단계씩 보기: 한 번 움직이는 데 드는 서버 시간",
        targets={"stepper.step_move_s": 0.3},
    ),
    Suite("stock", "bench.stock", "주가 예측: 두 레시피의 MAE와 학습 시간, 베이스라인"),
    Suite(
        "sentiment",
        "bench.sentiment",
        "감성 분석: 강의 모델, 말뭉치, 실제 리뷰",
        targets={
            "sentiment.*random.review_minus_tfidf_pts": (">=", -2.0),
            "sentiment.*imdb_to_amazon.review_minus_best_baseline_pts": (">=", -3.0),
            "sentiment.*amazon_to_imdb.review_minus_best_baseline_pts": (">=", -3.0),
            "sentiment.*review.negation_acc": (">=", 0.85),
            "sentiment.*train_cpu_s_max": 15.0,
        },
    ),
    Suite(
        "browser",
        "bench.browser",
        "브라우저에서 기다리는 시간 (headless Chromium)",
        command="python -m bench.browser --samples 3",
        targets={
            "browser.*first_text_s": None,
            "browser.first_home_s": 3.0,
            "browser.deep_link.*_s": 5.0,
            "browser.warm_new_session.*_s": 2.0,
            "browser.returning.*_s": 2.0,
        },
    ),
    Suite(
        "browser_element",
        "bench.browser",
        "빈 페이지에 요소 하나를 더하면 새 세션이 더 기다리는 시간",
        command="python -m bench.browser --elements",
        in_bench=False,
        prefixes=("browser.element",),
    ),
    Suite(
        "char_lm",
        "bench.char_lm_bench",
        "문자 생성: 기본 학습의 perplexity와 시간, 강사용 명령, 음절 대 자모",
        targets={"char_lm.default.held_over_unigram": 0.5, "char_lm.cli.real_words_t05": (">=", 0.5)},
    ),
    Suite("threads", "bench.threads", "torch 스레드 1개 대 2개 (혼자, 나눠 쓸 때)", in_quick=False),
    Suite("queue_workers", "bench.queue_workers", "학습 작업자 1명 대 2명: 처리량과 페이지 응답"),
    Suite(
        "browser_ab",
        "bench.browser_ab",
        "두 커밋을 같은 브라우저에서 번갈아 비교",
        command="python -m bench.browser_ab --against REV",
        in_bench=False,
    ),
    Suite(
        "classroom",
        "bench.classroom",
        "한 반(학습자 N명)이 한 서버를 함께 쓸 때",
        command="python -m bench.classroom --users 30",
        in_bench=False,
        targets={
            "classroom.errors": 0,
            "classroom.exceptions": 0,
            "classroom.leaks": 0,
            "classroom.open_p95_s": 3.0,
            "classroom.train_default_p95_s": 3.0,
            "classroom.train_custom_p95_s": 60.0,
            "classroom.server_peak_rss_mb": 2000.0,
            # --arrive-together (classroom.together<N>[_p<P>].*): every page open p95 of the class
            "classroom.together*.open_p95_max_s": 2.0,
            "classroom.together*.errors": 0,
            "classroom.together*.exceptions": 0,
        },
    ),
)


def suite_named(name: str) -> Suite:
    for suite in SUITES:
        if suite.name == name:
            return suite
    raise KeyError(f"no suite {name!r} (suites: {', '.join(s.name for s in SUITES)})")


def owner(key: str) -> Suite | None:
    """The suite whose longest prefix starts `key`, or is `key` (meta.<suite>.* belongs to that
    suite too)."""
    if key.startswith("meta."):
        key = key[len("meta.") :]
    best, length = None, 0
    for suite in SUITES:
        for prefix in suite.owns():
            if f"{key}.".startswith(prefix) and len(prefix) > length:
                best, length = suite, len(prefix)
    return best


def target_for(key: str, targets: dict[str, Target] | None = None) -> tuple[str, float] | None:
    """(op, bound) of the first target pattern that matches `key` (the registry's by default)."""
    if targets is None:
        targets = {p: t for s in SUITES for p, t in s.targets.items()}
    for pattern, target in targets.items():
        if fnmatch.fnmatchcase(key, pattern):
            if target is None:
                return None
            return tuple(target) if isinstance(target, tuple | list) else ("<=", float(target))
    return None


def meets(value, target: tuple[str, float]) -> bool | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    op, bound = target
    return value >= bound if op == ">=" else value <= bound


def stamp(suite: Suite, command: str, seconds: float | None = None, load_before=None) -> dict:
    """The meta keys of one suite's run: which command, when, how long, on what machine."""
    out = {
        f"meta.{suite.name}.command": command,
        f"meta.{suite.name}.finished_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
        f"meta.{suite.name}.machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"meta.{suite.name}.loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }
    if seconds is not None:
        out[f"meta.{suite.name}.seconds"] = round(seconds, 1)
    if load_before is not None:
        out[f"meta.{suite.name}.loadavg_before"] = [round(x, 2) for x in load_before]
    return out


def read(path: Path = RESULTS) -> dict:
    """A results file (missing or unreadable: empty)."""
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def write(results: dict, path: Path, command: str) -> None:
    """Writes `results` with the registry's targets and who wrote it, atomically; the committed
    results.json also regenerates docs/performance.md."""
    results = {k: v for k, v in results.items() if not k.startswith("targets.")}
    results |= {f"targets.{p}": t for s in SUITES for p, t in s.targets.items()}
    results["meta.written_by"] = command
    results["meta.written_utc"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    tmp.replace(path)
    if path == RESULTS:
        from bench.report import write_docs

        write_docs(results)


def merge_results(
    results: dict,
    replaces: Callable[[str], bool],
    path: Path | None = None,
    quick: bool = False,
    command: str = "python -m bench",
) -> Path:
    """Writes `results` into a results file in place of the old keys `replaces` picks; every other
    key stays. A quick run goes to bench/results.quick.json: the committed figures are full runs'.
    Returns the path written."""
    path = path or (QUICK_RESULTS if quick else RESULTS)
    merged = {k: v for k, v in read(path).items() if not replaces(k)} | results
    write(merged, path, command)
    return path


def record(
    suite_name: str,
    results: dict,
    command: str,
    quick: bool = False,
    *,
    part: str = "",
    replaces: Callable[[str], bool] | None = None,
    path: Path | None = None,
    **stamp_args,
) -> Path:
    """What a suite's own command calls: its keys (and its meta) replace its old ones.

    `part`: a run of one part of the suite, kept beside its other figures (classroom's tagged
    runs, `classroom.<part>.*`): only the old keys under `<suite>.<part>.` are replaced, and the
    run's meta goes to `meta.<suite>.<part>.*`. `replaces` picks the old keys to replace some
    other way (default: the suite's, or the part's). `path`: another results file (a test's).
    """
    suite = suite_named(suite_name)
    meta = stamp(suite, command, **stamp_args)
    prefix = f"{suite.name}.{part}." if part else ""
    if part:
        meta = {k.replace(f"meta.{suite.name}.", f"meta.{prefix}", 1): v for k, v in meta.items()}

    def mine(key: str) -> bool:
        return key.removeprefix("meta.").startswith(prefix) if part else owner(key) is suite

    return merge_results(results | meta, replaces or mine, path=path, quick=quick, command=command)


def run_suite_cli(measure: Callable[[bool], dict]) -> None:
    """`python -m bench.<suite> [--quick]`: one torch thread, the suite's results as JSON."""
    import torch

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    torch.set_num_threads(1)
    print(json.dumps(measure(parser.parse_args().quick), indent=1))
