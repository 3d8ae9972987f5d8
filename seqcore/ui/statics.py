"""Streamlit's own JS, CSS and fonts, answered from memory before any other server code runs.

A browser opening the app for the first time fetches about 105 of these files (4.1 MB). Through
Streamlit's static route each costs the server's one Python core about 2 ms (its middleware
stack, a file read on a worker thread): 0.2 CPU-s per new browser, ten times the session's own
first script run, and a class of 30 arriving together queued behind it. This ASGI middleware
answers them itself, from bytes read once per process (gzip-compressed once, for browsers that
accept it), with the headers Streamlit gives them (hashed names: cached for a year).

Only the files that exist under Streamlit's `static/static/` folder are served (looked up by
exact name in a set made at start-up); any other request goes on to Streamlit unchanged.
Behind nginx (scripts/serve_class.sh) nginx serves these from disk and they never get here.
"""

from __future__ import annotations

import gzip
import mimetypes
import os
from pathlib import Path

CACHE_CONTROL = b"public, immutable, max-age=31536000"  # as Streamlit's own, for hashed assets


def _asset_dir() -> Path:
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static" / "static"


def _prefix() -> str:
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/static/" if base else "/static/"


class StaticFromMemory:
    """ASGI middleware: GET/HEAD of a Streamlit asset from memory, anything else passed on."""

    def __init__(self, app, root: Path | None = None):
        self.app = app
        self.root = root or _asset_dir()
        self.names = {
            os.path.relpath(os.path.join(d, f), self.root).replace(os.sep, "/")
            for d, _, files in os.walk(self.root)
            for f in files
        }
        self.prefix: str | None = None  # read from Streamlit's config on the first request
        self._files: dict[str, tuple[bytes, bytes | None, bytes]] = {}  # name -> (raw, gzip, type)

    def _entry(self, name: str) -> tuple[bytes, bytes | None, bytes]:
        entry = self._files.get(name)
        if entry is None:
            raw = (self.root / name).read_bytes()
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            packed = None
            if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
                small = gzip.compress(raw, compresslevel=6, mtime=0)
                packed = small if len(small) < len(raw) else None
            charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("javascript") else ""
            entry = self._files[name] = (raw, packed, (kind + charset).encode())
        return entry

    async def __call__(self, scope, receive, send) -> None:
        if self.prefix is None and scope["type"] == "http":
            self.prefix = _prefix()
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not path.startswith(self.prefix)
        ):
            await self.app(scope, receive, send)
            return
        name = path[len(self.prefix) :]
        if name not in self.names:
            await self.app(scope, receive, send)
            return
        raw, packed, kind = self._entry(name)
        accepts = b"gzip" in dict(scope.get("headers", ())).get(b"accept-encoding", b"")
        body = packed if packed is not None and accepts else raw
        headers = [
            (b"content-type", kind),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", CACHE_CONTROL),
        ]
        if packed is not None:
            headers.append((b"vary", b"Accept-Encoding"))
            if body is packed:
                headers.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body if scope["method"] == "GET" else b""})
