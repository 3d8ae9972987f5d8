"""What the real-review model trains on: the real sentences, the generated ones, their weights,
their word evidence and the validation part that stops training early.

Real sentences weigh 1 in the loss, generated ones `corpus_weight`. The word evidence of a real
training sentence comes from a regression that did not see it (out of fold); generated
sentences take the evidence of the regression fitted on the real ones (they never train it:
their few words would cost the regression points on real text).
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.sentiment.evidence import out_of_fold_evidence, token_evidence


def real_subset(config, texts: Sequence[str], labels: Sequence[int]) -> tuple[list, list]:
    """The real sentences, or a seeded share of them when train_fraction < 1 (data hunger)."""
    texts, labels = list(texts), list(labels)
    if config.train_fraction >= 1:
        return texts, labels
    order = torch.randperm(len(texts), generator=rng.torch_gen(config.seed)).tolist()
    keep = order[: max(10, round(len(texts) * config.train_fraction))]
    return [texts[i] for i in keep], [labels[i] for i in keep]


def generated_part(config) -> tuple[list[str], list[int]]:
    """The app's corpus (with_corpus: its first corpus_size sentences) and `templates` sentences
    from the negation template generator (en_templates, training part, seeded by config.seed)."""
    x: list[str] = []
    y: list[int] = []
    if config.with_corpus:
        from seqcore.sentiment.corpus import Corpus, generate

        cx, cy = Corpus.xy(generate().train)
        x, y = x + cx[: config.corpus_size], y + cy[: config.corpus_size]
    if config.templates:
        from seqcore.sentiment import en_templates

        tx, ty = en_templates.generate(
            config.templates, seed=config.seed, idioms=config.idioms, wide=config.wide_words
        )
        x, y = x + tx, y + ty
    return x, y


def split_val(config, texts: list[str], labels: list[int]):
    """(training part, validation part) for early stopping: a seeded val_fraction of the rows."""
    order = torch.randperm(len(texts), generator=rng.torch_gen(config.seed + 1)).tolist()
    n_val = max(1, int(len(texts) * config.val_fraction)) if texts else 0
    pick = lambda idx: ([texts[i] for i in idx], [labels[i] for i in idx])  # noqa: E731
    return pick(order[n_val:]), pick(order[:n_val])


def weighted_bce(logit: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """BCE with logits; target (B, 2) holds the label and the sentence's weight."""
    return nn.functional.binary_cross_entropy_with_logits(logit, target[:, :1], weight=target[:, 1:])


def pad_to(t: torch.Tensor, width: int) -> torch.Tensor:
    return torch.nn.functional.pad(t, (0, width - t.shape[1]))[:, :width]


def targets(labels: list[int], n_real: int, corpus_weight: float) -> torch.Tensor:
    """(N, 2): label and weight (1 for the first n_real rows, corpus_weight for the rest)."""
    weight = [1.0] * n_real + [corpus_weight] * (len(labels) - n_real)
    return torch.tensor([labels, weight], dtype=torch.float32).T


def lexicon_part(config, prep) -> tuple[list[str], list[int], list[float]] | None:
    """Plain template clauses (no negation, no contrast) for the evidence regression: they give
    the words real reviews lack a side (`lexicon` of them, weight `lexicon_weight`)."""
    if not config.lexicon:
        return None
    from seqcore.sentiment import en_templates

    x, y = en_templates.generate(config.lexicon, seed=config.seed, plain=True, wide=config.wide_words)
    return [prep(t) for t in x], y, [config.lexicon_weight] * len(x)


def train_evidence(config, bow, real_x, real_y, gen_x, width: int, lexicon=None) -> torch.Tensor:
    """(N, width) word evidence of the training rows: real ones out of fold, generated ones from `bow`."""
    ev = torch.cat(
        [
            out_of_fold_evidence(config, real_x, real_y, extra=lexicon),
            pad_to(token_evidence(bow, gen_x, config.max_len), config.max_len),
        ]
    )
    return pad_to(ev, width)
