"""The lesson's StockPredictor with the cell as a choice, behind optional input noise.

Every random draw is the run's own (seqcore.core.rng): `build_model` draws the weights from the
config's seed, and the noise and the between-layer dropout draw from the generator that
`training.fit` attaches (`rng.attach`), never from torch's global generator, which other
learners' threads reseed and draw from.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from seqcore.core import rng
from seqcore.core.registry import recurrent_layer
from seqcore.stock.config import StockConfig


class StockPredictor(nn.Module):
    """The lesson's model (2.2, LSTM 시계열 예측 모델) with the cell type as a choice: fc(last output)."""

    def __init__(self, input_size=1, hidden_size=50, num_layers=2, dropout=0.2, cell="lstm"):
        super().__init__()
        self.lstm = recurrent_layer(cell)(
            input_size=input_size,
            hidden_size=hidden_size,
            num_layers=num_layers,
            batch_first=True,
            dropout=dropout if num_layers > 1 else 0.0,  # torch warns on dropout with one layer
        )
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x):
        # x: (batch, seq_len, input_size)
        lstm_out, _ = self.lstm(x)  # (B, T, H)
        return self.fc(lstm_out[:, -1, :])  # (B, 1)


class GaussianNoise(nn.Module):
    """Adds N(0, std²) to its input while training, nothing in eval: a cheap regulariser.
    The noise is drawn from `generator` (set by `rng.attach`, as `training.fit` does)."""

    def __init__(self, std: float):
        super().__init__()
        self.std = std
        self.generator: torch.Generator | None = None

    def forward(self, x):
        if not self.training or self.std <= 0:
            return x
        if self.generator is None:
            raise RuntimeError(
                "input noise while training needs the run's generator: call rng.attach(model, gen)"
            )
        noise = torch.randn(x.shape, generator=self.generator, dtype=x.dtype).to(x.device)
        return x + noise * self.std


def build_model(cfg: StockConfig) -> nn.Module:
    """StockPredictor on `step_values` features per step, behind optional input noise, its
    weights drawn with torch's default init from `cfg.seed` (rng.seeded).

    A return model starts with a zero output layer: before training it predicts a return of 0,
    which is exactly "tomorrow = today" (persistence), and training has to earn every move away."""
    core = StockPredictor(cfg.step_values, cfg.hidden_size, cfg.num_layers, cfg.dropout, cfg.cell)
    rng.seeded(core, cfg.seed)
    if cfg.target == "return":
        nn.init.zeros_(core.fc.weight)
        nn.init.zeros_(core.fc.bias)
    return nn.Sequential(GaussianNoise(cfg.input_noise), core) if cfg.input_noise > 0 else core
