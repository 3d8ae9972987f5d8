"""Reading a review longer than the model was trained on: every word's evidence, in pieces.

The real-review model trains on sentences of at most `max_len` words. A long review (a 300-word
movie review) cut to its first `max_len` words loses most of its evidence, and a recurrent
layer run over 300 words meets lengths it never trained on. `chunks` splits the text at sentence
ends, packs whole sentences into pieces of at most `max_len` words (a longer sentence is cut),
reads each piece as the model reads a training sentence, and adds up the pieces:

    logit = b + sum over pieces of sum_t s_t e_t  (+ the mean of the pieces' pooled heads)

where e_t is each word's evidence from the WHOLE text's TF-IDF, so with every s_t = 1 the
model is exactly the bag of words on the whole text. `vote` reads the same pieces each as a text
of its own (its own TF-IDF, as a training sentence is read) and averages their logits.
`truncate` keeps the first `max_len` words (the earlier behaviour); `whole` reads the text as
one sequence, however long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import torch

from seqcore.sentiment.rnn import tokenize

MAX_WORDS = 3000  # words read at most from one text (a long review has about 200-1,000)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+|<br\s*/?>")


def sentences(text: str) -> list[str]:
    """`text` cut after each sentence end (nothing dropped: the pieces join back to `text`)."""
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def pieces(text: str, max_len: int, mode: str = "chunks", cut: int | None = None) -> list[tuple[int, int]]:
    """(start, end) word spans of `text`'s pieces, in order, covering tokenize(text)[:MAX_WORDS]:
    whole sentences packed into pieces of at most max_len words, a sentence longer than that a
    piece of its own cut every `cut` words (default max_len). truncate: the first max_len words
    only; whole: one span."""
    cut = cut or max_len
    n = min(len(tokenize(text)), MAX_WORDS)
    if mode == "truncate" or n <= max_len:
        return [(0, max(1, min(n, max_len)))]
    if mode == "whole":
        return [(0, n)]
    spans, start, end = [], 0, 0
    for sentence in sentences(text):
        k = len(tokenize(sentence))
        while k:
            room = max_len - (end - start)
            if room <= 0 or (k > room and end > start):  # a new piece before this sentence
                spans.append((start, end))
                start, room = end, max(max_len, cut)
            take = min(k, room, cut)
            end, k = end + take, k - take
    if end > start:
        spans.append((start, end))
    return [(s, min(e, n)) for s, e in spans if s < n]


Rows = list[tuple[list[int], torch.Tensor]]  # each piece: word ids and their evidence


def _rows(texts, max_len, mode, encode, evidence, cut) -> tuple[Rows, list[int]]:
    """Every piece of `texts` (ids, evidence) and the index of the text it belongs to."""
    words = [tokenize(t)[:MAX_WORDS] for t in texts]
    spans = [pieces(t, max_len, mode, cut) for t in texts]
    flat = [(i, w[s:e]) for i, (w, sp) in enumerate(zip(words, spans)) for s, e in sp]
    if mode == "vote":  # each piece a text of its own
        ev = evidence([" ".join(p) for _, p in flat], max(max_len, cut or 0))
        rows = [(encode(p) or [1], ev[j, : max(len(p), 1)]) for j, (_, p) in enumerate(flat)]
        return rows, [i for i, _ in flat]
    ev = evidence(list(texts), max([e for sp in spans for _, e in sp] + [1]))
    rows = [
        (encode(w[s:e]) or [1], ev[i, s : s + max(e - s, 1)])
        for i, (w, sp) in enumerate(zip(words, spans))
        for s, e in sp
    ]
    return rows, [i for i, _ in flat]


def _sums(rows: Rows, owner: list[int], n: int, parts, batch: int) -> tuple[torch.Tensor, ...]:
    """Per text: the sum of its pieces' evidence parts, of their pooled heads, and the piece count."""
    ev_sum, head_sum, count = torch.zeros(n), torch.zeros(n), torch.zeros(n)
    order = sorted(range(len(rows)), key=lambda r: len(rows[r][0]))  # similar lengths together
    for k in range(0, len(order), batch):
        idx = order[k : k + batch]
        width = max(len(rows[r][0]) for r in idx)
        ids, evid = torch.zeros(len(idx), width, dtype=torch.long), torch.zeros(len(idx), width)
        for j, r in enumerate(idx):
            ids[j, : len(rows[r][0])] = torch.tensor(rows[r][0])
            evid[j, : len(rows[r][1])] = rows[r][1]
        with torch.no_grad():
            e, h = parts(ids, torch.tensor([len(rows[r][0]) for r in idx]), evid)
        who = torch.tensor([owner[r] for r in idx])
        ev_sum.index_add_(0, who, e)
        head_sum.index_add_(0, who, h)
        count.index_add_(0, who, torch.ones(len(idx)))
    return ev_sum, head_sum, count.clamp(min=1)


def read(
    texts: Sequence[str],
    max_len: int,
    mode: str,
    encode: Callable[[list[str]], list[int]],
    evidence: Callable[[list[str], int], torch.Tensor],
    parts: Callable[[torch.Tensor, torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]],
    bias: float,
    batch: int = 256,
    cut: int | None = None,
) -> list[float]:
    """P(positive) of each text, read in pieces (see the module docstring).

    encode: words -> ids; evidence(texts, width) -> (N, width) word evidence of those texts;
    parts(ids, lengths, evidence) -> (evidence sum (B,), pooled head (B,)) of each piece.
    """
    out: list[float] = []
    for k in range(0, len(texts), batch):
        chunk = list(texts[k : k + batch])
        rows, owner = _rows(chunk, max_len, mode, encode, evidence, cut)
        ev_sum, head_sum, count = _sums(rows, owner, len(chunk), parts, batch)
        logits = bias + (ev_sum / count if mode == "vote" else ev_sum) + head_sum / count
        out += torch.sigmoid(logits).tolist()
    return out
