"""One training run of the language model, with a sample and two perplexities after every epoch.

The loop is the textbook's: sequential minibatches whose hidden state is carried from one batch
to the next and detached (truncated BPTT), or random minibatches that start from zero; the
gradient's total norm is measured before every update and, with clipping on, cut to
`clip_norm`. `core.training.fit` cannot carry a state across batches, so this loop is its own;
progress still leaves through `on_epoch(epoch, total, loss)` alone.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.cache import CacheStore
from seqcore.core.config import DEFAULT_SEED, knob
from seqcore.core.memory import recurrent_training_mb
from seqcore.core.registry import DISPLAY_NAMES
from seqcore.core.runtime import count_params, device_label
from seqcore.lm import batching, data, metrics
from seqcore.lm.model import CharLM, build_model, detach
from seqcore.lm.sampling import generate
from seqcore.lm.units import UNITS, Vocab, build_vocab

LM_STORE = CacheStore("char_lm", max_entries=8)
SAMPLE_TEMPERATURES = (0.5, 1.0)  # the samples kept after every epoch
UNIT_LABELS = {"char": "음절 (한 글자씩)", "jamo": "자모 (ㅎ·ㅏ·ㄴ 따로)"}
BATCHING_LABELS = {"carried": "이어 읽기 (상태 전달 + detach)", "random": "무작위 (매번 0에서 시작)"}
UNITS_PER_CHAR = {"char": 1.0, "jamo": 2.0}  # measured on NSMC: 2.0 jamo per character
SEC_PER_MAC = 4.5e-11  # CPU seconds per multiply-add, forward + backward, one thread (measured: default run)
EVAL_ROWS, EVAL_WINDOW = 8, 256  # metrics.token_nll's defaults
PYTHON_MB = 20.0  # the texts as Python lists and strings, samples, records
JAMO_VOCAB = 220  # about this many jamo and symbols in 100k characters of NSMC


@dataclass(frozen=True)
class LMConfig:
    cell: str = knob("gru", "셀", options=("rnn", "lstm", "gru"), labels=DISPLAY_NAMES)
    unit: str = knob("char", "한 걸음에 읽는 단위", options=UNITS, labels=UNIT_LABELS)
    batching: str = knob("carried", "미니배치", options=tuple(BATCHING_LABELS), labels=BATCHING_LABELS)
    clip: bool = knob(True, "기울기 클리핑 (노름 1)", widget="toggle")
    epochs: int = 10
    hidden_size: int = 128
    embed_size: int = 48
    batch_size: int = 32  # rows read side by side
    seq_len: int = 48  # steps per window: the backward pass reaches this far back
    lr: float = 0.005
    clip_norm: float = 1.0
    train_chars: int = 80_000  # NSMC: characters of training reviews (file order)
    held_chars: int = 20_000  # NSMC: characters of held-out reviews
    max_vocab: int = 1000  # syllables kept (the rest are UNK); jamo are fewer than this
    sample_chars: int = 120  # characters of each epoch's kept samples
    text: str | None = None  # a learner's own text instead of NSMC
    held_fold: int = data.VALIDATION_FOLD  # NSMC's held-out fold (the teacher's command: TEST_FOLD)
    seconds: float | None = None  # stop once training has taken this long (the teacher's command)
    seed: int = DEFAULT_SEED

    def corpus(self) -> data.Corpus:
        if self.text is not None:
            return data.text_corpus(self.text)
        return data.nsmc_corpus(self.train_chars, self.held_chars, self.held_fold)

    def _tokens(self) -> float:
        chars = len(self.text) if self.text is not None else self.train_chars
        return chars * UNITS_PER_CHAR[self.unit]

    def _macs_per_token(self) -> float:
        blocks = {"rnn": 1, "gru": 3, "lstm": 4}[self.cell]
        H, E = self.hidden_size, self.embed_size
        vocab = self.max_vocab if self.unit == "char" else JAMO_VOCAB
        return blocks * H * (H + E) + H * vocab

    def estimate_s(self) -> float:
        """CPU seconds of the whole run (one thread), evaluations included."""
        if self.seconds is not None:
            return self.seconds * 1.2
        return self.epochs * (self._tokens() * 3 * self._macs_per_token() * SEC_PER_MAC + 0.5)

    def estimate_mb(self) -> float:
        """Peak MB the run adds: the recurrent model's (core.memory), the logits of a training batch
        and of an evaluation window, the ids, and PYTHON_MB. Measured for the default (one thread,
        after warm-up, NSMC loaded): the first run's peak +101 MB, a second one's +14 MB."""
        vocab = self.max_vocab + 1
        params = vocab * self.embed_size + self._macs_per_token() + vocab
        logits = self.batch_size * self.seq_len * vocab * 3  # logits, softmax, their gradient
        evaluation = EVAL_ROWS * EVAL_WINDOW * vocab * 3  # metrics.token_nll's window, no gradient
        values = int(logits + evaluation + 3 * self._tokens())  # and the ids, as int64
        return PYTHON_MB + recurrent_training_mb(
            cell=self.cell,
            batch=self.batch_size,
            seq_len=self.seq_len,
            hidden=self.hidden_size,
            n_params=int(params),
            data_values=values,
        )


@dataclass
class EpochRecord:
    epoch: int  # 0: before training (the weights as drawn)
    train_ppl: float  # on the first held_chars of the training text, state carried
    held_ppl: float  # on the held-out text, state carried
    held_bpc: float  # bits per character on the held-out text (comparable across units)
    seconds: float  # training time so far (wall clock, evaluation excluded)
    cpu_seconds: float  # the process's CPU time so far (evaluation excluded)
    samples: dict[float, str]  # temperature -> text, from the same seed every epoch
    real_rates: dict[float, float | None]  # temperature -> share of the sample's words in training


@dataclass
class LMResult:
    config: LMConfig
    vocab: Vocab
    model: CharLM
    records: list[EpochRecord]  # epoch 0 (untrained), 1, 2, ...
    grad_norms: list[float]  # every update's total norm, before clipping
    steps_per_epoch: int
    unigram_ppl: float  # betting by training frequency alone, on the held-out text
    held_doc_bits: list[float]  # bits of each held-out document at the end (paired comparisons)
    held_docs: list[str]  # the held-out documents
    n_params: int
    device: str = "cpu"
    train_words: frozenset[str] = field(default_factory=frozenset)
    epochs_done: int = 0  # passes over the training text (with a time budget, the last may be cut)

    @property
    def last(self) -> EpochRecord:
        return self.records[-1]

    @property
    def epochs(self) -> int:
        """Epochs kept (all of them, without a time budget)."""
        return len(self.records) - 1


def run_epoch(
    model: CharLM,
    batches: Iterable[batching.Window],
    opt: torch.optim.Optimizer,
    *,
    carried: bool,
    clip_norm: float | None,
    deadline: float | None = None,
    on_step: Callable | None = None,
) -> tuple[float, list[float]]:
    """One pass: returns (mean loss, every update's gradient norm before clipping)."""
    model.train()
    state, losses, norms = None, [], []
    for x, y in batches:  # x, y: (B, T)
        state_in = detach(state) if carried else None  # the truncation: keep the values, cut the graph
        logits, state = model(x, state_in)  # (B, T, V)
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        norm = nn.utils.clip_grad_norm_(model.parameters(), clip_norm or math.inf)  # norm before the cut
        opt.step()
        losses.append(loss.item())
        norms.append(float(norm))
        if on_step is not None:
            on_step(state_in, state)
        if deadline is not None and time.perf_counter() > deadline:
            break
    return sum(losses) / len(losses), norms


def epoch_batches(cfg: LMConfig, ids: torch.Tensor, gen: torch.Generator):
    offset = batching.epoch_offset(cfg.seq_len, gen)
    if cfg.batching == "carried":
        return batching.stream_batches(ids, cfg.batch_size, cfg.seq_len, offset)
    return batching.random_batches(ids, cfg.batch_size, cfg.seq_len, gen, offset)


def keep_samples(model: CharLM, vocab: Vocab, cfg: LMConfig, known) -> tuple[dict, dict]:
    """The epoch's samples: the empty prompt, the run's seed, so only the model differs."""
    samples = {
        t: generate(model, vocab, "", cfg.sample_chars, t, rng.torch_gen(cfg.seed + 1)).continuation
        for t in SAMPLE_TEMPERATURES
    }
    return samples, {t: metrics.real_word_rate(s, known) for t, s in samples.items()}


@dataclass
class _Eval:
    """What every epoch's evaluation reads: the ids, the documents, the words of the training text."""

    train_ids: torch.Tensor  # a slice of the training text, as long as the held-out one
    held_ids: torch.Tensor  # a newline, then the held-out text: every document's units are scored
    docs: list[str]
    newline: int
    known: frozenset[str]

    def held_bits(self, model: CharLM) -> tuple[float, list[float]]:
        """(held-out perplexity, bits of each held-out document)."""
        nll = metrics.token_nll(model, self.held_ids)
        return math.exp(float(nll.mean())), metrics.doc_bits(nll, self.held_ids[1:], self.newline)


def evaluate(model: CharLM, vocab: Vocab, cfg: LMConfig, ev: _Eval, epoch: int, wall: float, cpu: float):
    """The epoch's record, and the bits of each held-out document."""
    samples, rates = keep_samples(model, vocab, cfg, ev.known)
    held_ppl, bits = ev.held_bits(model)
    train_ppl = metrics.stream_perplexity(model, ev.train_ids)
    bpc = metrics.bits_per_char(bits, ev.docs)
    return EpochRecord(epoch, train_ppl, held_ppl, bpc, wall, cpu, samples, rates), bits


def _prepare(cfg: LMConfig) -> tuple[Vocab, torch.Tensor, _Eval]:
    corpus = cfg.corpus()
    vocab = build_vocab(corpus.train, cfg.unit, cfg.max_vocab)
    train_ids = torch.tensor(vocab.encode(corpus.train))
    held_ids = torch.tensor(vocab.encode("\n" + corpus.held))
    docs = corpus.held.split("\n")[:-1]
    ev = _Eval(train_ids[: len(held_ids)], held_ids, docs, vocab.id_of("\n"), corpus.train_words())
    return vocab, train_ids, ev


def train_lm(cfg: LMConfig, on_epoch: Callable[[int, int, float], None] | None = None) -> LMResult:
    """Train the language model of `cfg`; the same config gives the same curves and samples."""
    vocab, train_ids, ev = _prepare(cfg)
    model = build_model(len(vocab), cfg.embed_size, cfg.hidden_size, cfg.cell, cfg.seed)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    steps = batching.n_windows(len(train_ids), cfg.batch_size, cfg.seq_len)
    unigram = metrics.unigram_perplexity(train_ids, ev.held_ids, len(vocab))
    record, bits = evaluate(model, vocab, cfg, ev, 0, 0.0, 0.0)
    result = LMResult(
        cfg,
        vocab,
        model,
        [record],
        [],
        steps,
        unigram,
        bits,
        ev.docs,
        count_params(model),
        device_label(torch.device("cpu")),
        ev.known,
    )
    _epochs(cfg, model, opt, train_ids, ev, result, on_epoch)
    model.eval()
    return result


EVALS_IN_BUDGET = 10  # with a time budget: evaluate about this many times, not after every short epoch


def _epochs(cfg: LMConfig, model, opt, train_ids, ev: _Eval, result: LMResult, on_epoch) -> None:
    """Train epoch after epoch (cfg.epochs, or until cfg.seconds of training), keeping records."""
    gen = rng.torch_gen(cfg.seed)  # each epoch's offset and (random batching) order
    wall = cpu = next_eval = 0.0
    total = cfg.epochs if cfg.seconds is None else 10_000  # with a time budget: until it is spent
    for epoch in range(1, total + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        deadline = None if cfg.seconds is None else t0 + cfg.seconds - wall  # training time only
        clip = cfg.clip_norm if cfg.clip else None
        batches = epoch_batches(cfg, train_ids, gen)
        loss, norms = run_epoch(
            model, batches, opt, carried=cfg.batching == "carried", clip_norm=clip, deadline=deadline
        )
        wall, cpu = wall + time.perf_counter() - t0, cpu + time.process_time() - c0
        result.grad_norms += norms
        result.epochs_done = epoch
        done = cfg.seconds is not None and wall >= cfg.seconds
        if cfg.seconds is None or wall >= next_eval or done:
            record, result.held_doc_bits = evaluate(model, result.vocab, cfg, ev, epoch, wall, cpu)
            result.records.append(record)
            next_eval = wall + (cfg.seconds or 0) / EVALS_IN_BUDGET
        if on_epoch is not None:
            on_epoch(epoch, epoch if cfg.seconds is not None else total, loss)
        if done:
            break


# The page's default, its two comparisons (random minibatches, clipping off): start-up work.
DEFAULT_CONFIG = LMConfig()
DEFAULT_RUNS = tuple((LM_STORE, train_lm, c) for c in (DEFAULT_CONFIG,))
