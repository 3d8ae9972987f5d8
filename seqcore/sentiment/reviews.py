"""The order-aware model for real reviews: a BiGRU that weighs each word's evidence, read in pieces.

Small real data (about 2,000 sentences) punishes a plain recurrent classifier: it memorises
the few words it has seen and meets `<UNK>` for the first time at test time. The recipe here:

- contractions are spelled out before anything reads the text ("didn't" -> "did not",
  `en_words.normalize`), so one negation is not five rare words;
- the vocabulary keeps words seen at least `min_freq` times; while training, `word_dropout`
  turns a share of the known words into `<UNK>`, so the model learns what "unknown" means;
- the recurrent path reads packed sequences (no `<PAD>` in any state);
- a bag-of-words path (each word's share of a TF-IDF logistic regression's logit) sits beside
  it, so that order is learned on top of word evidence rather than instead of it; optionally a
  pooled head (max and mean over every real position's output) is added to the logit;
- embedding dropout, weight decay and early stopping on a validation part of the training data;
- batches of sentences of similar length, each cut to its longest sentence (about 2.5x less CPU);
- generated sentences are added to the training data: real reviews hold too few negations
  for a model to learn "not good" from them (`en_templates`: many negators, words, double
  negation, contrast; or the app's small corpus of section 2);
- a text longer than `max_len` words is read in sentence-sized pieces whose evidence adds up
  (`long_read`), so a 300-word review is read whole, in lengths the model trained on.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from seqcore.core import rng
from seqcore.core.cache import memo_method
from seqcore.core.training import EpochCallback, History, fit
from seqcore.sentiment import long_read
from seqcore.sentiment import review_data as rd
from seqcore.sentiment.baselines import BaselineConfig, BaselineRun, train_baseline
from seqcore.sentiment.batching import length_batches
from seqcore.sentiment.en_words import normalize
from seqcore.sentiment.evidence import token_evidence
from seqcore.sentiment.models import ANSWERS_STORE
from seqcore.sentiment.rnn import Vocab, encode_batch, tokenize


@dataclass(frozen=True)
class ReviewConfig:
    """The real-review recipe (hashable: a cache key). Defaults chosen on validation parts only
    (`python -m bench.sentiment --english`: the study in bench/results.json, sentiment.en.study.*)."""

    embed_dim: int = 64
    hidden_size: int = 36
    bow: bool = True  # a bag-of-words path (TF-IDF + logistic regression) beside the recurrent one
    bow_C: float = 10.0  # the bag-of-words path's inverse regularisation (the baseline's value)
    pool_head: bool = False  # with bow: also Linear([max, mean] of the outputs) in the logit
    scope_context: bool = False  # s_t read from the words around t only (not from word t itself)
    scope_max: float = 1.5  # s_t in (-scope_max, scope_max)
    embed_dropout: float = 0.3  # dropout on the word vectors
    head_dropout: float = 0.5  # dropout on the pooled features
    word_dropout: float = 0.1  # share of known words turned into <UNK> while training
    weight_decay: float = 1e-4
    min_freq: int = 2  # words seen fewer times in training become <UNK>
    max_len: int = 100  # words of a training sentence kept; above the longest UCI sentence
    long_read: str = "vote"  # longer texts: "vote", "chunks", "truncate" or "whole" (see long_read)
    piece_len: int = 25  # words per piece (whole sentences) when a longer text is read in pieces
    spell_out: bool = True  # contractions written out before reading ("didn't" -> "did not")
    epochs: int = 12
    patience: int = 3  # early stopping on the validation loss
    val_fraction: float = 0.1  # the part of the training data held back for early stopping
    lr: float = 0.005
    batch_size: int = 64
    bucket_by_length: bool = True  # batches of similar length (about 2.5x faster; see length_batches)
    with_corpus: bool = False  # also train on the app's generated corpus (section 2's sentences)
    corpus_size: int = 1600  # sentences of it added
    templates: int = 4500  # sentences from the negation templates (en_templates) added
    idioms: float = 0.3  # share of the templates' clauses that are set phrases (en_idioms)
    wide_words: float = 0.0  # share of the templates' words drawn from the wide sided list (en_lexicon.WIDE)
    evidence_input: bool = False  # with bow: the BiGRU also reads each word's evidence e_t
    corpus_weight: float = 0.3  # each generated sentence's weight in the loss (real ones: 1)
    lexicon: int = 2000  # plain template clauses added to the evidence regression (review_data.lexicon_part)
    lexicon_weight: float = 0.3  # each one's weight in the regression (real sentences: 1)
    train_fraction: float = 1.0  # < 1: a seeded subset of the real training sentences
    seed: int = 42

    @property
    def generated(self) -> bool:
        return (self.with_corpus and self.corpus_size > 0) or self.templates > 0


class ReviewNet(nn.Module):
    """Embedding -> packed BiGRU, read two ways.

    With `bow` (the page's model): each word brings its evidence e_t, its share of a TF-IDF
    logistic regression's logit, and the BiGRU decides from the context how it counts,
    s_t in (-1.5, 1.5): logit = sum_t s_t * e_t + b. "not good" learns s_good < 0. Words the
    regression never saw bring no evidence, so one unknown word cannot flip a clear sentence.
    With `pool_head` too, + Linear([max, mean] over the real positions), which starts at 0.

    Without `bow`: [max, mean] over the real positions -> Dropout -> Linear (a plain recurrent
    classifier, for the data-hunger comparison).
    """

    def __init__(self, vocab_size: int, cfg: ReviewConfig):
        super().__init__()
        self.cfg = cfg
        self.embedding = nn.Embedding(vocab_size, cfg.embed_dim, padding_idx=0)
        self.drop = rng.Dropout(cfg.embed_dropout)
        reads = cfg.embed_dim + int(cfg.bow and cfg.evidence_input)
        self.rnn = nn.GRU(reads, cfg.hidden_size, batch_first=True, bidirectional=True)
        self.head_drop = rng.Dropout(cfg.head_dropout)
        self.head = nn.Linear(4 * cfg.hidden_size, 1)  # (max, mean) x 2 directions
        self.scope = nn.Linear(2 * cfg.hidden_size, 1)  # per word: how its evidence counts
        self.bias = nn.Parameter(torch.zeros(1))
        self.generator: torch.Generator | None = None  # word dropout's draws (rng.attach sets it)
        self.start_as_bag_of_words()

    def reset_parameters(self, generator: torch.Generator | None = None) -> None:
        """The model's own bias (rng.seeded calls it): 0; train_reviews sets the regression's."""
        self.bias.data.zero_()

    def start_as_bag_of_words(self) -> ReviewNet:
        """s_t = scope_max tanh(atanh(1 / scope_max)) = 1 for every word, and a pooled head that adds 0: called after
        rng.seeded redraws the parameters."""
        with torch.no_grad():
            nn.init.zeros_(self.scope.weight)
            nn.init.constant_(self.scope.bias, math.atanh(min(0.999, 1 / self.cfg.scope_max)))
            if self.cfg.bow:
                nn.init.zeros_(self.head.weight)
                nn.init.zeros_(self.head.bias)
        return self

    def unk_dropout(self, x: torch.Tensor) -> torch.Tensor:
        return rng.unk_dropout(self, x, self.cfg.word_dropout)  # 1 is <UNK>

    def outputs(
        self, x: torch.Tensor, lengths: torch.Tensor, evidence: torch.Tensor | None = None
    ) -> torch.Tensor:
        """The BiGRU's output at every position; zeros at <PAD> (packing never reads them).
        With evidence_input, each word's evidence is read beside its vector: the context then
        knows a word's side even where the word itself is rare (`not irritated`)."""
        embedded = self.drop(self.embedding(self.unk_dropout(x)))  # (B, T, E)
        if self.cfg.bow and self.cfg.evidence_input:
            embedded = torch.cat([embedded, evidence[:, : x.shape[1], None]], dim=2)
        packed = pack_padded_sequence(embedded, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
        return out  # (B, T, 2H)

    def weights(self, out: torch.Tensor) -> torch.Tensor:
        """s_t (B, T) from the outputs at t, or (scope_context) from the forward state before t
        and the backward state after t: what surrounds a word, whatever the word is."""
        if self.cfg.scope_context:
            h = self.cfg.hidden_size
            before = nn.functional.pad(out[:, :-1, :h], (0, 0, 1, 0))  # forward, up to t - 1
            after = nn.functional.pad(out[:, 1:, h:], (0, 0, 0, 1))  # backward, from t + 1 (0 at <PAD>)
            out = torch.cat([before, after], dim=2)
        return self.cfg.scope_max * torch.tanh(self.scope(self.head_drop(out))).squeeze(2)  # (B, T)

    def pooled(self, out: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """[max, mean] of the outputs over each row's real positions (B, 4H)."""
        real = torch.arange(out.shape[1])[None, :] < lengths[:, None]  # (B, T)
        biggest = out.masked_fill(~real.unsqueeze(2), float("-inf")).max(dim=1).values  # (B, 2H)
        mean = out.sum(dim=1) / lengths[:, None].float()  # padded outputs are zeros
        return torch.cat([biggest, mean], dim=1)

    def parts(self, x: torch.Tensor, lengths: torch.Tensor, evidence: torch.Tensor):
        """(sum_t s_t e_t, pooled head), each (B,): the logit without the bias is their sum."""
        width = int(lengths.max())  # the batch's longest sentence: no work on columns of <PAD> only
        x, evidence = x[:, :width], evidence[:, :width]
        out = self.outputs(x, lengths, evidence)
        zero = torch.zeros(x.shape[0])
        if not self.cfg.bow:
            return zero, self.head(self.head_drop(self.pooled(out, lengths))).squeeze(1)
        real = torch.arange(width)[None, :] < lengths[:, None]
        ev = (self.weights(out) * evidence * real).sum(dim=1)
        head = self.head(self.head_drop(self.pooled(out, lengths))).squeeze(1) if self.cfg.pool_head else zero
        return ev, head

    def forward(self, x: torch.Tensor, lengths: torch.Tensor, evidence: torch.Tensor) -> torch.Tensor:
        ev, head = self.parts(x, lengths, evidence)
        return (ev + head).unsqueeze(1) + (self.bias if self.cfg.bow else 0.0)  # (B, 1)


@dataclass
class ReviewRun:
    model: ReviewNet
    vocab: Vocab
    bow: BaselineRun | None  # the word evidence, fitted on the real training sentences
    history: History
    config: ReviewConfig
    seconds: float
    n_train: int  # sentences trained on (real + generated)

    def prepare(self, texts: Sequence[str]) -> list[str]:
        """The texts as the model reads them (contractions spelled out with spell_out)."""
        return [normalize(t) for t in texts] if self.config.spell_out else list(texts)

    @property
    def read_limit(self) -> int:
        """Words of one text the model reads at most."""
        return self.config.piece_len if self.config.long_read == "truncate" else long_read.MAX_WORDS

    def probabilities(self, texts: Sequence[str], batch: int = 256) -> list[float]:
        """P(positive) for each text (a long one read in pieces: long_read)."""
        self.model.eval()
        cfg = self.config
        return long_read.read(
            self.prepare(texts),
            cfg.piece_len,
            cfg.long_read,
            self.vocab.encode,
            lambda t, width: rd.pad_to(token_evidence(self.bow, t, width), width),
            self.model.parts,
            float(self.model.bias.detach()) if cfg.bow else 0.0,
            batch,
            cut=cfg.max_len if cfg.long_read == "vote" else None,
        )

    @memo_method(ANSWERS_STORE)
    def probability(self, text: str) -> float:
        """P(positive) for one text (the page asks again on every rerun: kept)."""
        return self.probabilities([text])[0]

    @memo_method(ANSWERS_STORE)
    def word_weights(self, text: str) -> tuple[list[str], list[float], list[float]]:
        """(tokens, evidence e_t, context weight s_t) for one text, piece by piece: what the page draws."""
        self.model.eval()
        cfg = self.config
        (prepared,) = self.prepare([text])
        words = tokenize(prepared)
        vote = cfg.long_read == "vote"
        spans = long_read.pieces(prepared, cfg.piece_len, cfg.long_read, cfg.max_len if vote else None)
        width = max(e for _, e in spans)
        whole = rd.pad_to(token_evidence(self.bow, [prepared], width), width)[0]
        tokens, ev, s = [], [], []
        for start, end in spans:
            piece = words[start:end]
            ids, lengths = encode_batch([" ".join(piece)], self.vocab, max(end - start, 1))
            own = token_evidence(self.bow, [" ".join(piece)], len(piece))[0] if vote else whole[start:end]
            with torch.no_grad():
                weight = self.model.weights(self.model.outputs(ids, lengths, own[None, :]))[0]
            tokens += piece
            ev += own[: len(piece)].tolist()
            s += weight[: len(piece)].tolist()
        return tokens, ev, s


def _bow(config: ReviewConfig, texts: list[str], labels: list[int], lexicon) -> BaselineRun | None:
    if not config.bow or len(set(labels)) < 2:
        return None
    lx, ly, lw = lexicon or ([], [], [])
    return train_baseline(BaselineConfig(C=config.bow_C), texts + lx, labels + ly, [1.0] * len(texts) + lw)


def train_reviews(
    config: ReviewConfig,
    texts: Sequence[str],
    labels: Sequence[int],
    on_epoch: EpochCallback | None = None,
) -> ReviewRun:
    """Train ReviewNet on `texts` (+ generated sentences); a validation part stops it early."""
    t0 = time.perf_counter()
    prep = normalize if config.spell_out else (lambda t: t)
    real = rd.real_subset(config, [prep(t) for t in texts], labels)
    (real_x, real_y), (real_vx, real_vy) = rd.split_val(config, *real)
    gen = rd.generated_part(config)
    (gen_x, gen_y), (gen_vx, gen_vy) = rd.split_val(config, [prep(t) for t in gen[0]], gen[1])
    tr_x, tr_y, va_x, va_y = real_x + gen_x, real_y + gen_y, real_vx + gen_vx, real_vy + gen_vy
    vocab = Vocab.build(tr_x, config.min_freq)
    lexicon = rd.lexicon_part(config, prep)
    bow = _bow(config, real_x, real_y, lexicon)  # real reviews (+ the lexicon's plain clauses)
    ids, lengths = encode_batch(tr_x, vocab, config.max_len)
    v_ids, v_len = encode_batch(va_x, vocab, config.max_len)
    if bow is not None:
        tr_ev = rd.train_evidence(config, bow, real_x, real_y, gen_x, ids.shape[1], lexicon)
        va_ev = token_evidence(bow, va_x, config.max_len)
    else:
        tr_ev, va_ev = torch.zeros(ids.shape), torch.zeros(v_ids.shape)
    model = rng.seeded(ReviewNet(len(vocab), config), config.seed).start_as_bag_of_words()
    if bow is not None:
        model.bias.data.fill_(float(bow.pipeline.named_steps["lr"].intercept_[0]))
    history = fit(
        model,
        (ids, lengths, tr_ev, rd.targets(tr_y, len(real_x), config.corpus_weight)),
        rd.weighted_bce,
        epochs=config.epochs,
        lr=config.lr,
        batch_size=config.batch_size,
        weight_decay=config.weight_decay,
        clip_grad_norm=5.0,
        val_data=(v_ids, v_len, va_ev, rd.targets(va_y, len(real_vx), config.corpus_weight)),
        patience=config.patience,
        seed=config.seed,
        device=torch.device("cpu"),
        on_epoch=on_epoch,
        sampler=length_batches(lengths, config.batch_size) if config.bucket_by_length else None,
    )
    return ReviewRun(model, vocab, bow, history, config, time.perf_counter() - t0, len(tr_x))
