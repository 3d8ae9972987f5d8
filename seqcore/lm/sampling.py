"""Writing with the model: one unit at a time, each fed back in as the next input.

At every step the logits become probabilities softmax(logits / T). A low temperature T sharpens
them towards the most likely unit (T -> 0 is greedy: always the argmax); T = 1 samples the
model's own distribution; a higher T flattens it. Every draw names the run's own
torch.Generator: the same seed gives the same text, whatever other threads draw meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from seqcore.lm.model import CharLM
from seqcore.lm.units import UNK, Vocab, join_units, split_units, starts_char

MIN_TEMPERATURE, MAX_TEMPERATURE = 0.2, 1.5
START = "\n"  # a review starts after a newline: the empty prompt
MAX_PROMPT_CHARS = 100


@dataclass(frozen=True)
class Generation:
    prompt: tuple[str, ...]  # the prompt's units (without the START before it)
    units: tuple[str, ...]  # the units the model wrote

    @property
    def text(self) -> str:
        return join_units([*self.prompt, *self.units])

    @property
    def continuation(self) -> str:
        return join_units(list(self.units))


def probabilities(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """softmax(logits / T) over the last dimension, UNK excluded (it is not a unit one can write)."""
    scaled = logits / temperature
    scaled[..., 0] = float("-inf")  # id 0 is UNK
    return torch.softmax(scaled, dim=-1)


def pick(logits: torch.Tensor, temperature: float, gen: torch.Generator | None) -> int:
    """The next id from one step's logits (V,): argmax at T = 0, else a draw from `gen`."""
    if temperature == 0:
        masked = logits.clone()
        masked[0] = float("-inf")
        return int(masked.argmax())
    if gen is None:
        raise ValueError("sampling at T > 0 needs the run's generator")
    return int(torch.multinomial(probabilities(logits.clone(), temperature), 1, generator=gen))


def prompt_ids(vocab: Vocab, prompt: str) -> list[int]:
    """START, then the prompt's units (a unit the vocabulary lacks reads as UNK)."""
    return [vocab.id_of(START), *vocab.encode(prompt)]


def generate(
    model: CharLM,
    vocab: Vocab,
    prompt: str,
    n_chars: int,
    temperature: float,
    gen: torch.Generator | None = None,
) -> Generation:
    """Continue `prompt` until the model has written `n_chars` characters.

    `temperature` 0 is greedy; otherwise `gen` (the run's own generator) draws every unit.
    """
    ids = prompt_ids(vocab, prompt)
    out: list[str] = []
    written = 0
    model.eval()
    with torch.no_grad():
        logits, state = model(torch.tensor([ids]))
        for _ in range(4 * n_chars + 8):  # a jamo model might write vowels without end
            nxt = pick(logits[0, -1], temperature, gen)
            unit = vocab.itos[nxt]
            if starts_char(unit) and written >= n_chars:  # a jamo vowel or final may still end it
                break
            out.append(unit)
            written += starts_char(unit)
            logits, state = model(torch.tensor([[nxt]]), state)
    return Generation(tuple(split_units(prompt, vocab.unit)), tuple(out))


@dataclass(frozen=True)
class NextChoices:
    """What the model expected after the units up to one step, as the top-k of its distribution."""

    after: str  # the unit just read
    actual: str | None  # the unit that came next in the text (None at the end)
    units: tuple[str, ...]  # the k most likely next units, most likely first
    probs: tuple[float, ...]
    actual_prob: float | None = None  # the probability the model gave `actual`


def top_next(model: CharLM, vocab: Vocab, units: list[str], k: int = 5) -> list[NextChoices]:
    """For every position of START + `units`: the model's top-k next units (temperature 1)."""
    ids = [vocab.id_of(START), *(vocab.id_of(u) for u in units)]
    model.eval()
    with torch.no_grad():
        logits, _ = model(torch.tensor([ids]))  # (1, L, V): every step's distribution at once
    probs = torch.softmax(logits[0], dim=-1)
    best = probs.topk(k, dim=-1)
    shown = [START, *units]
    return [
        NextChoices(
            after=shown[i],
            actual=shown[i + 1] if i + 1 < len(shown) else None,
            units=tuple(vocab.itos[int(j)] for j in best.indices[i]),
            probs=tuple(float(p) for p in best.values[i]),
            actual_prob=float(probs[i, ids[i + 1]]) if i + 1 < len(ids) else None,
        )
        for i in range(len(shown))
    ]


def unknown_prompt_units(vocab: Vocab, prompt: str) -> list[str]:
    """The prompt's units the model never saw in training (they read as UNK)."""
    return [u for u in vocab.unknown_in(prompt) if u != UNK]
