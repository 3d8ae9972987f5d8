"""Batches of sentences of similar length: a `fit` sampler for packed recurrent layers."""

from __future__ import annotations

from collections.abc import Callable

import torch


def length_batches(lengths: torch.Tensor, batch_size: int) -> Callable[[torch.Generator], list[torch.Tensor]]:
    """A `fit` sampler: each epoch, batches of sentences of similar length, in a random order.

    A packed recurrent layer takes as many steps as the longest sentence of its batch. Random
    batches of short reviews mixed with long ones run about 50 steps each; sorted by length
    (ties broken at random, so the batches change every epoch) most batches run fewer than 15.
    """
    lengths = lengths.float()

    def sampler(gen: torch.Generator) -> list[torch.Tensor]:
        jitter = torch.rand(len(lengths), generator=gen) * 0.5  # < 1: shuffles equal lengths only
        order = torch.argsort(lengths + jitter)
        chunks = list(torch.split(order, batch_size))
        return [chunks[i] for i in torch.randperm(len(chunks), generator=gen).tolist()]

    return sampler
