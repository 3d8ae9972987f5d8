"""pytest set-up shared by every test: one torch thread (the browser test's server shares the machine)."""

import apphelp  # noqa: F401  (patches AppTest's pages mode before any test builds one)
import torch

torch.set_num_threads(1)
