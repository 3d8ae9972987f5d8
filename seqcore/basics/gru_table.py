"""The lesson's "LSTM vs GRU 비교표" (1.5), each row next to a number measured in this process.

Parameter counts of the real modules, forward + backward time, and the test accuracy of the
long-dependency experiment (seqcore.basics.longdep, shared through its cache store with the
기울기 소실 page).
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from dataclasses import dataclass

import torch

from seqcore.basics import params
from seqcore.basics.chance import gap_beyond_noise
from seqcore.basics.longdep import LONGDEP_STORE, DependencyConfig, run_dependency_experiment
from seqcore.core import rng
from seqcore.core.cache import CacheStore, bounded
from seqcore.core.runtime import DEFAULT_SEED, count_params
from seqcore.core.training import EpochCallback

TABLE_STORE = CacheStore("gru_table", max_entries=4)  # measured table annotations
TABLE_KINDS = ("LSTM", "GRU")
FASTER = 0.9  # a time ratio below this counts as faster, above 1 / FASTER as slower


@dataclass(frozen=True)
class TableConfig:
    input_size: int = 100  # the lesson's parameter example: input 100, hidden 256
    hidden_size: int = 256
    batch: int = 16  # speed: forward + backward of one (batch, seq_len, input) batch
    seq_len: int = 30
    repeats: int = 7  # timed repeats per model, interleaved; the median is kept
    dep_length: int = 30  # accuracy: this length of the long-dependency experiment
    dependency: DependencyConfig | None = None  # None: the 기울기 소실 page's default experiment
    seed: int = DEFAULT_SEED


@dataclass
class TableMeasure:
    config: TableConfig
    blocks: dict[str, int]  # weight_ih_l0 rows / hidden: packed gate blocks of the real module
    params: dict[str, int]  # count_params of nn.LSTM / nn.GRU(input, hidden)
    table_params: dict[str, int]  # the table's 4·hidden² / 3·hidden²
    seconds: dict[str, float]  # median forward + backward time
    threads: int  # torch threads while timing
    accuracy: dict[str, float]  # test accuracy at dep_length (long-dependency experiment)
    dependency: DependencyConfig  # the experiment the accuracy comes from

    @property
    def speed_ratio(self) -> float:
        """GRU time / LSTM time (above 1: GRU is slower here)."""
        return self.seconds["GRU"] / self.seconds["LSTM"]


def fwd_bwd_seconds(cfg: TableConfig) -> dict[str, float]:
    """Median wall time of out.sum().backward() per model on the CPU, models interleaved."""
    x = torch.randn(cfg.batch, cfg.seq_len, cfg.input_size, generator=rng.torch_gen(cfg.seed))  # (B, T, I)
    modules = {kind: params.build(kind, cfg.input_size, cfg.hidden_size) for kind in TABLE_KINDS}
    times: dict[str, list[float]] = {kind: [] for kind in TABLE_KINDS}
    for rep in range(cfg.repeats + 1):  # the first round warms up and is dropped
        for kind, module in modules.items():
            module.zero_grad(set_to_none=True)
            t0 = time.perf_counter()
            module(x)[0].sum().backward()
            if rep:
                times[kind].append(time.perf_counter() - t0)
    return {kind: statistics.median(v) for kind, v in times.items()}


def measure_table(cfg: TableConfig = TableConfig(), on_epoch: EpochCallback | None = None) -> TableMeasure:
    """Parameters, speed and accuracy of LSTM vs GRU, each computed here and now."""
    H = cfg.hidden_size
    modules = {kind: params.build(kind, cfg.input_size, H) for kind in TABLE_KINDS}
    seconds = fwd_bwd_seconds(cfg)
    # The accuracy is the 기울기 소실 page's default experiment, shared through its store.
    dep = cfg.dependency or DependencyConfig(seed=cfg.seed)
    if cfg.dep_length not in dep.lengths:
        dep = dataclasses.replace(dep, lengths=(*dep.lengths, cfg.dep_length))
    res, _ = bounded(LONGDEP_STORE).get_or_compute(dep, lambda: run_dependency_experiment(dep, on_epoch))
    at = res.lengths.index(cfg.dep_length)
    return TableMeasure(
        config=cfg,
        blocks={k: m.weight_ih_l0.shape[0] // H for k, m in modules.items()},
        params={k: count_params(m) for k, m in modules.items()},
        table_params={k: params.GATE_BLOCKS[k] * H * H for k in TABLE_KINDS},
        seconds=seconds,
        threads=torch.get_num_threads(),
        accuracy={k: res.accuracy[k.lower()][at] for k in TABLE_KINDS},
        dependency=dep,
    )


def speed_note(m: TableMeasure) -> str:
    ratio = m.speed_ratio
    if ratio > 1 / FASTER:
        return f"이 컴퓨터에서는 GRU가 오히려 {ratio:.1f}배 느렸어요"
    if ratio < FASTER:
        return f"이 컴퓨터에서는 GRU가 {1 / ratio:.1f}배 빨랐어요"
    return "이 컴퓨터에서는 둘이 거의 같았어요"


def accuracy_note(m: TableMeasure) -> str:
    """Who did better at the experiment's length, called only when the gap exceeds the noise of
    n_test sequences (seqcore.basics.chance.gap_beyond_noise)."""
    lstm, gru = m.accuracy["LSTM"], m.accuracy["GRU"]
    length, n = m.config.dep_length, m.dependency.n_test
    if not gap_beyond_noise(lstm, gru, n):
        ahead = "" if lstm > gru else " (LSTM이 앞서지는 않았어요)"
        return f"길이 {length} 장기 의존성 실험에서 둘의 차이는 테스트 {n}개의 오차 범위 안이에요{ahead}"
    better = "LSTM이" if lstm > gru else "GRU가"  # the particle follows the name's last sound
    return f"길이 {length} 장기 의존성 실험에서는 {better} 더 잘 맞혔어요 (테스트 {n}개의 오차 범위 밖)"


LESSON_TABLE = (  # the lesson's table, row by row: (구분, LSTM, GRU)
    ("게이트 수", "3개 (Forget, Input, Output)", "2개 (Reset, Update)"),
    ("상태", "Hidden State + Cell State", "Hidden State만"),
    ("파라미터 수", "많음 (4 * hidden^2)", "적음 (3 * hidden^2)"),
    ("학습 속도", "느림", "빠름"),
    ("성능", "긴 시퀀스에서 약간 우위", "대부분 LSTM과 비슷"),
    ("적합한 상황", "복잡한 장기 의존성", "적은 데이터, 빠른 학습"),
)
MEASURED = "이 앱에서 잰 값 (LSTM / GRU)"


def lesson_table() -> list[dict[str, str]]:
    return [{"구분": a, "LSTM (강의)": b, "GRU (강의)": c} for a, b, c in LESSON_TABLE]


def measured_notes(m: TableMeasure) -> list[str]:
    """One note per row of LESSON_TABLE, each from a number in `m`."""
    H, I = m.config.hidden_size, m.config.input_size
    ms = {k: m.seconds[k] * 1000 for k in TABLE_KINDS}
    acc = {k: f"{m.accuracy[k]:.1%}" for k in TABLE_KINDS}
    return [
        f"가중치 블록: LSTM {m.blocks['LSTM']}개 (게이트 3 + 후보), GRU {m.blocks['GRU']}개 (게이트 2 + 후보)",
        "nn.LSTM은 (h_n, c_n), nn.GRU는 h_n만 돌려줘요 (위 사용법에서 확인)",
        f"I={I}, H={H}: 표의 식 {m.table_params['LSTM']:,} / {m.table_params['GRU']:,}, "
        f"실제 {m.params['LSTM']:,} / {m.params['GRU']:,} = g·(H·I + H·H + 2H). 비율은 4 : 3 그대로예요",
        f"순전파+역전파 {ms['LSTM']:.1f} ms / {ms['GRU']:.1f} ms (CPU, 스레드 {m.threads}개): {speed_note(m)}",
        f"테스트 정확도 {acc['LSTM']} / {acc['GRU']}: {accuracy_note(m)}",
        "연구에서는 과제마다 승자가 달라요 (아래 참고). 둘 다 해 보고 검증 데이터로 고르세요",
    ]


def markdown_table(rows: list[dict[str, str]]) -> str:
    """Rows as a markdown table (cells wrap, unlike a dataframe's). Cells are our own text, not a learner's."""
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(r[c].replace("|", "\\|") for c in cols) + " |" for r in rows]
    return "\n".join(lines)


def table_rows(m: TableMeasure) -> list[dict[str, str]]:
    """The lesson's table with a column of what this app measured, row by row."""
    return [row | {MEASURED: note} for row, note in zip(lesson_table(), measured_notes(m), strict=True)]


PUBLISHED = (
    "**연구 결과도 '비슷하다'예요.** Chung et al. (2014, *Empirical Evaluation of Gated Recurrent "
    "Neural Networks on Sequence Modeling*)은 음악·음성 과제에서 GRU와 LSTM이 비슷했고 어느 쪽이 늘 "
    "낫지는 않았다고 보고했어요. Greff et al. (2017, *LSTM: A Search Space Odyssey*)은 LSTM 변형 8가지를 "
    "비교해, 어떤 변형도 표준 LSTM보다 뚜렷이 낫지 않았고 입력·망각 게이트를 하나로 묶는 GRU 같은 "
    "단순화도 성능을 크게 해치지 않았다고 보고했어요."
)


def table_verdict(m: TableMeasure) -> str:
    """What the measured column says about the lesson's table, in Korean."""
    return (
        f"표의 '4·hidden² / 3·hidden²'는 입력 가중치와 편향을 빠뜨려서 실제보다 작아요 "
        f"({m.table_params['LSTM']:,} vs {m.params['LSTM']:,}). "
        f"'GRU 빠름'은 계산량(게이트 블록 3 vs 4)으로는 맞지만, 실제 시간은 구현에 달려 있어요: "
        f"{speed_note(m)}. 정확도는 {accuracy_note(m)}."
    )


# The page's default view: (store, trainer, config).
DEFAULT_RUNS = ((TABLE_STORE, measure_table, TableConfig()),)  # computed at start-up (seqcore/ui/startup.py)
