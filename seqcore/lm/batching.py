"""Two ways to cut one long stream of ids into minibatches of (batch, seq_len) windows.

- Sequential (`stream_batches`): the stream is cut into `batch` equal rows read side by side, and
  batch k+1 continues exactly where batch k stopped in every row. The hidden state at the end of
  batch k is a fair start for batch k+1, so training carries it over, detached: the forward pass
  remembers beyond one window, the backward pass stops at its edge (truncated BPTT).
- Random (`random_batches`): the same windows in a random order. Neighbouring rows have nothing to
  do with each other, so every batch starts from a zero state.

Both give the same windows in an epoch: the same tokens, the same number of updates.
"""

from __future__ import annotations

from collections.abc import Iterator

import torch

Window = tuple[torch.Tensor, torch.Tensor]  # x (B, T) ids, y (B, T): x shifted by one


def _rows(ids: torch.Tensor, batch: int, seq_len: int, offset: int) -> torch.Tensor:
    """`ids[offset:]` as `batch` rows of equal length, a multiple of seq_len plus the last target."""
    usable = (len(ids) - offset - 1) // (batch * seq_len) * (batch * seq_len)
    if usable == 0:
        raise ValueError(f"text too short for batches of {batch} x {seq_len}: {len(ids)} ids")
    length = usable // batch
    return ids[offset : offset + usable + 1].unfold(0, length + 1, length)  # (B, L + 1)


def n_windows(n_ids: int, batch: int, seq_len: int) -> int:
    """Batches per epoch (either way) for a stream of `n_ids` ids, offset 0."""
    return (n_ids - 1) // (batch * seq_len)


def stream_batches(ids: torch.Tensor, batch: int, seq_len: int, offset: int = 0) -> Iterator[Window]:
    """Consecutive windows: row r of batch k+1 starts where row r of batch k ended."""
    rows = _rows(ids, batch, seq_len, offset)  # (B, L + 1)
    for start in range(0, rows.shape[1] - 1, seq_len):
        yield rows[:, start : start + seq_len], rows[:, start + 1 : start + seq_len + 1]


def random_batches(
    ids: torch.Tensor, batch: int, seq_len: int, gen: torch.Generator, offset: int = 0
) -> Iterator[Window]:
    """The same windows as `stream_batches`, shuffled across rows and batches (gen's draw)."""
    rows = _rows(ids, batch, seq_len, offset)
    x = rows[:, :-1].reshape(-1, seq_len)  # every window, (B * n, T)
    y = rows[:, 1:].reshape(-1, seq_len)
    order = torch.randperm(x.shape[0], generator=gen)
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        yield x[idx], y[idx]


def epoch_offset(seq_len: int, gen: torch.Generator) -> int:
    """Where this epoch's cut starts (0..seq_len-1), so that windows differ from epoch to epoch."""
    return int(torch.randint(0, seq_len, (1,), generator=gen))
