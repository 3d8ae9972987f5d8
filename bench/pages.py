"""Page render times with AppTest: `python -m bench.pages [--quick]`.

Each page is measured in a fresh Python process that has already imported torch and
Streamlit, as a server would have by the time a learner opens a page (a quick run uses
one process for all pages, in catalog order, so later pages find shared modules imported):

1. the entry point runs once (the home page; it also starts the start-up work: the optimizer
   warm-up and every page's default, seqcore/ui/startup.py), which we let finish, as it would on
   a server that has been up for a while (a smoke run, `wait_startup=False`, does not wait),
2. `first_render_s`: switch to the page and run it with its defaults (cold caches),
3. `rerender_s`: the same inputs again (median of three reruns).

The home page's first render is the entry point's first run itself (with warm-up running
beside it). A separate fresh process times `import torch` and the first `torch.optim.Adam`
step, the cost that the entry point's warm-up thread hides.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = "home.py"

TORCH_CHILD = r"""
import json, time
t0 = time.perf_counter()
import torch
t1 = time.perf_counter()
p = torch.nn.Parameter(torch.zeros(1))
opt = torch.optim.Adam([p], lr=1e-3)
p.grad = torch.zeros(1)
opt.step()
t2 = time.perf_counter()
q = torch.nn.Parameter(torch.zeros(1))
opt = torch.optim.Adam([q], lr=1e-3)
q.grad = torch.zeros(1)
opt.step()
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "first_adam_s": t2 - t1, "second_adam_s": t3 - t2}))
"""


def page_paths() -> list[str]:
    """The home page and every page file that exists now (catalog order)."""
    sys.path.insert(0, str(ROOT))
    from seqcore.ui.catalog import PAGES

    return [HOME] + [p.path for p in PAGES]


def page_name(path: str) -> str:
    return Path(path).stem


def _measure_in_process(
    paths: list[str], reruns: int = 3, timeout: float = 180, wait_startup: bool = True
) -> dict:
    """Runs inside the child process: each page's first render and its reruns, in order.

    The home page's first render is the entry point's first run; the other pages switch to
    after it (and after the optimizer warm-up and the prewarmed page defaults have finished).
    """
    import torch  # noqa: F401  (the process has torch before the app starts)
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from seqcore.core import runtime
    from seqcore.ui import startup

    # As on the real server (and in tests/conftest.py): every run starts at the entry point.
    # AppTest resets PagesManager.uses_pages_directory before each run, and with pages/ beside
    # streamlit_app.py a rerun would otherwise execute the page file alone first.
    init = PagesManager.__init__

    def v2_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = v2_init

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=timeout)
    t0 = time.perf_counter()
    at.run()
    home_s = time.perf_counter() - t0
    home_exc = bool(at.exception)
    if runtime._warm_thread is not None and wait_startup:
        runtime._warm_thread.join()
    # The entry point also prewarms page defaults that need training (seqcore.ui.prewarm,
    # e.g. the 감성 분석 page's lesson model): on a server that has been up for a few
    # seconds they are ready, so let them finish too. prewarm_s records how long that took.
    t1 = time.perf_counter()
    if wait_startup:
        startup.start().join()  # the thread the entry point started (start() is once per process)
    prewarm_s = time.perf_counter() - t1
    out = {}
    for path in paths:
        if path == HOME:
            first, first_exc = home_s, home_exc  # always the first path (page_paths)
        else:
            at.switch_page(path)
            t0 = time.perf_counter()
            at.run()
            first, first_exc = time.perf_counter() - t0, bool(at.exception)
        times = []
        for _ in range(reruns):
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
        out[page_name(path)] = {
            "first_render_s": round(first, 3),
            "rerender_s": round(statistics.median(times), 3),
            "exception": first_exc or bool(at.exception),
            # seconds the start-up prewarm still needed after the home page had rendered
            "prewarm_wait_s": round(prewarm_s, 3),
        }
    return out


def _child_json(args: list[str], timeout: float = 400) -> dict:
    out = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"child {args} failed (rc {out.returncode}): {out.stderr[-2000:]}")
    return json.loads(lines[-1])


def measure_torch() -> dict[str, float]:
    res = _child_json(["-c", TORCH_CHILD])
    return {f"torch.{k}": round(v, 3) for k, v in res.items()}


def measure(
    quick: bool = False,
    log=print,
    pages: list[str] | None = None,
    wait_startup: bool = True,
    torch_child: bool = True,
) -> dict:
    """`pages.<name>.first_render_s` / `.rerender_s` for home and every built page (or `pages`,
    paths like "pages/rnn.py"), and the `torch.*` first-use costs unless `torch_child` is False."""
    results: dict = {}
    if torch_child:
        results.update(measure_torch())
        log(
            f"  torch: import {results['torch.import_s']:.2f} s, first Adam {results['torch.first_adam_s']:.2f} s"
        )
    paths = pages or page_paths()
    if quick:  # one process for every page, in catalog order (shared imports and caches)
        batches = [paths]
        results["pages.mode"] = "one process for all pages"
    else:  # a fresh process per page: each page's first render is its very first
        batches = [[p] for p in paths]
        results["pages.mode"] = "a fresh process per page"
    flags = ["--in-process"] + ([] if wait_startup else ["--no-wait"])
    for batch in batches:
        res = _child_json(["-m", "bench.pages", *flags, *batch], timeout=300 + 120 * len(batch))
        for name, values in res.items():
            for k, v in values.items():
                results[f"pages.{name}.{k}"] = v
            flag = "  EXCEPTION" if values["exception"] else ""
            log(f"  {name}: first {values['first_render_s']:.2f} s, rerun {values['rerender_s']:.2f} s{flag}")
    return results


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--in-process":
        import torch

        torch.set_num_threads(1)
        wait = sys.argv[2] != "--no-wait"
        print(json.dumps(_measure_in_process(sys.argv[2 + (not wait) :], wait_startup=wait)))
        return
    print(json.dumps(measure(quick="--quick" in sys.argv), indent=1))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
