"""`scripts/serve_class.sh N PORT` from Python: start it, find its app processes, stop it all.

Used by `bench.classroom --arrive-together --processes N` and by the proxy test. The script
runs in its own process group; stopping kills that group (the app processes and nginx).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "serve_class.sh"


class ServeClass:
    def __init__(
        self, processes: int, port: int, extra: list[str] | None = None, cache_dir: Path | None = None
    ):
        if extra:
            raise ValueError("--server-arg is not passed through scripts/serve_class.sh")
        self.processes, self.port = processes, port
        self.run_dir = Path(tempfile.mkdtemp(prefix=f"serve-{port}-"))
        self.env = {**os.environ, "SERVE_RUN_DIR": str(self.run_dir)}
        if cache_dir is not None:
            self.env["SEQCORE_CACHE_DIR"] = str(cache_dir)
        self.proc: subprocess.Popen | None = None

    def app_ports(self) -> list[int]:
        return [self.port + i for i in range(1, self.processes + 1)]

    def app_pids(self) -> list[int]:
        return [int((self.run_dir / f"app-{p}.pid").read_text()) for p in self.app_ports()]

    def start(self, limit_s: float = 240) -> float:
        """Starts the script; returns the seconds until the proxy answers the health check."""
        log = open(self.run_dir / "serve.log", "w")  # noqa: SIM115  (kept open for the child)
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            ["bash", str(SCRIPT), str(self.processes), str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while time.monotonic() - t0 < limit_s:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"serve_class.sh exited: {(self.run_dir / 'serve.log').read_text()[-2000:]}"
                )
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        return time.monotonic() - t0
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("serve_class.sh: the proxy did not answer in time")

    def stop(self, keep_logs: bool = False) -> None:
        """Stops nginx and the app processes; the run folder (logs, nginx.conf) goes too unless kept."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc = None
        if not keep_logs:
            shutil.rmtree(self.run_dir, ignore_errors=True)
