"""scripts/serve_class.sh: two app processes behind nginx, one port; a session stays on its process.

A learner's first request gets the cookie `seqlab_backend` (the process nginx chose, in turn);
every later request, the websocket included, goes to that process. Checked with the app's own
GET /_app/session/<id>, which answers 200 only on the process that holds the session: through
every rerun, and after the websocket reconnects (the browser asks for its old session back).
"""

import asyncio
import json
import os
import shutil
import urllib.error
import urllib.request

import pytest

from bench.server import shots
from bench.serving import ServeClass
from bench.stclient import AFFINITY_COOKIE, Learner

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"),
        reason="nginx is not installed (bash .ci/run installs it)",
    ),
]


def _get(port: int, path: str, backend: str) -> tuple[int, bytes]:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Cookie": f"{AFFINITY_COOKIE}={backend}"}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


async def _class(port: int) -> list[tuple[str, str, list[str]]]:
    """Four learners: (backend, session id, the session ids seen after each rerun and the reconnect)."""
    out = []
    for i in range(4):
        lr = Learner(port, f"learner-{i}")
        backend = await lr.load_page()
        await lr.open()
        seen = []
        for path in ("", "rnn", "lstm", ""):
            res = await lr.goto(path, timeout=120)
            assert not res.exceptions, res.exceptions
            status, _ = await asyncio.to_thread(_get, port, f"/_app/session/{lr.session_id}", backend)
            seen.append((lr.session_id, status))
        first = lr.session_id
        await lr.close()
        await lr.open(resume=True)  # as the browser reconnects after a network blip
        res = await lr.goto("rnn", timeout=120)
        status, _ = await asyncio.to_thread(_get, port, f"/_app/session/{lr.session_id}", backend)
        seen.append((lr.session_id, status))
        await lr.close()
        out.append((backend, first, seen))
    return out


def test_two_processes_behind_nginx_keep_each_session_on_its_own_process(tmp_path):
    port = shots.free_port()
    served = ServeClass(2, port, cache_dir=tmp_path / "models")
    served.start()
    try:
        learners = asyncio.run(_class(port))
        backends = {b for b, _, _ in learners}
        assert backends == {f"127.0.0.1:{p}" for p in served.app_ports()}  # new learners take turns
        pids = {b: json.loads(_get(port, "/_app/startup", b)[1])["pid"] for b in backends}
        assert sorted(pids.values()) == sorted(served.app_pids())  # two processes, one per cookie
        for backend, sid, seen in learners:
            assert seen == [(sid, 200)] * 5, f"{backend}: the session moved or was lost"
            other = next(b for b in backends if b != backend)
            assert _get(port, f"/_app/session/{sid}", other)[0] == 404  # the other process has it not
        # Streamlit's own JS comes from nginx, from disk.
        index = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
        asset = index.split('src="./', 1)[1].split('"', 1)[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{asset}", timeout=30) as r:
            assert r.headers["Server"].startswith("nginx") and "immutable" in r.headers["Cache-Control"]
    finally:
        served.stop()
