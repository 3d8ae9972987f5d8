"""Looking inside trained sentiment models: padding and packing, and the learned embedding.

Padding: the lesson's SentimentLSTM pads every sentence to 10 ids and reads h_n, the state
after the LAST position, so the forward direction has run through the `<PAD>` steps too, and
the backward direction has started on them. `padding_report` measures by how much, for the
learner's sentence, and what the two fixes change: gathering the forward output at the last
real word, and `pack_padded_sequence` with the lengths (both directions see only real words).

Embeddings: `nn.Embedding` is a trainable table, one row per vocabulary id; `nearest_words`
ranks the rows by cosine similarity to one word's row.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch.nn.utils.rnn import pack_padded_sequence

from seqcore.core.cache import memo
from seqcore.data.text import LESSON_VOCAB, PAD, UNK, text_to_indices
from seqcore.sentiment.models import ANSWERS_STORE, SentimentLSTM


@dataclass
class PaddingReport:
    tokens: list[str]  # what the model sees, position by position
    n_real: int  # positions before the first <PAD>
    n_pad: int
    forward_gap: float  # max |h_n forward - forward output at the last real word|
    backward_gap: float  # max |backward state read with pads - backward state without them|
    prob_padded: float  # the lesson's prediction (h_n after the <PAD> steps)
    prob_gather: float  # forward state taken at the last real word (backward unchanged)
    prob_packed: float  # pack_padded_sequence: no direction sees a <PAD>


def last_real_states(model: SentimentLSTM, ids: torch.Tensor, lengths: torch.Tensor):
    """(padded h_n pair, gathered pair, packed pair): each (forward, backward), (B, H)."""
    embedded = model.embedding(ids)  # (B, T, E)
    out, (h_n, _) = model.lstm(embedded)  # out: (B, T, 2H)
    hidden = model.lstm.hidden_size
    last = (lengths - 1).view(-1, 1, 1).expand(-1, 1, out.shape[2])  # (B, 1, 2H)
    at_last = out.gather(1, last).squeeze(1)  # (B, 2H): the outputs at the last real word
    packed = pack_padded_sequence(embedded, lengths.cpu(), batch_first=True, enforce_sorted=False)
    _, (h_packed, _) = model.lstm(packed)
    padded = (h_n[-2], h_n[-1])
    gathered = (at_last[:, :hidden], h_n[-1])  # the gather fixes the forward direction only
    return padded, gathered, (h_packed[-2], h_packed[-1])


def _probability(model: SentimentLSTM, pair) -> float:
    return float(model.sigmoid(model.fc(torch.cat(pair, dim=1))).item())


@memo(ANSWERS_STORE)
def padding_report(model: SentimentLSTM, text: str, max_len: int = 10) -> PaddingReport | None:
    """The lesson model's final state with and without the <PAD> steps; None for an empty input."""
    indices = text_to_indices(text, LESSON_VOCAB, max_len)
    pad = LESSON_VOCAB[PAD]
    n_real = indices.index(pad) if pad in indices else max_len  # padding only at the end
    if n_real == 0:
        return None
    inv = {i: w for w, i in LESSON_VOCAB.items()}
    model.eval()
    with torch.no_grad():
        padded, gathered, packed = last_real_states(
            model, torch.LongTensor([indices]), torch.tensor([n_real])
        )
        return PaddingReport(
            tokens=[inv[i] for i in indices],
            n_real=n_real,
            n_pad=max_len - n_real,
            forward_gap=float((padded[0] - packed[0]).abs().max()),
            backward_gap=float((padded[1] - packed[1]).abs().max()),
            prob_padded=_probability(model, padded),
            prob_gather=_probability(model, gathered),
            prob_packed=_probability(model, packed),
        )


# ---------------------------------------------------------------- embeddings


@memo(ANSWERS_STORE)
def nearest_words(
    weight: torch.Tensor, itos: list[str], word: str, k: int = 5, skip: tuple[str, ...] = (PAD, UNK)
) -> list[tuple[str, float]]:
    """The k words whose embedding rows are closest to `word`'s by cosine similarity."""
    if word not in itos:
        raise KeyError(word)
    rows = torch.nn.functional.normalize(weight.detach().float(), dim=1)  # (V, E), unit length
    sims = rows @ rows[itos.index(word)]  # (V,)
    order = sims.argsort(descending=True).tolist()
    out = [(itos[i], float(sims[i])) for i in order if itos[i] != word and itos[i] not in skip]
    return out[:k]


@memo(ANSWERS_STORE)
def neighbour_gap(weight: torch.Tensor, n: int = 200, k: int = 5, pairs: int = 2000) -> tuple[float, float]:
    """(mean similarity of the k nearest rows of the n most frequent words, mean similarity of
    random pairs): nearest words are worth reading only when the first is clearly larger."""
    rows = torch.nn.functional.normalize(weight.detach().float()[2:], dim=1)  # no <PAD>, <UNK>
    head = rows[:n]
    sims = head @ rows.T  # (n, V)
    sims[torch.arange(len(head)), torch.arange(len(head))] = -2.0  # not itself
    near = sims.topk(k, dim=1).values.mean().item()
    gen = torch.Generator().manual_seed(0)
    a, b = torch.randint(0, len(rows), (2, pairs), generator=gen)
    rand = (rows[a] * rows[b]).sum(dim=1)[a != b].mean().item()
    return near, rand
