"""A small thread-safe LRU store: the bounded memory behind every cached training run.

Bounded twice: by entries and by bytes (`approx_bytes`: tensors, arrays and modules counted by
their buffers, containers and dataclasses walked), so a store of heavy stock results cannot
grow past its share of the server's 2.0 GB however many entries it is allowed.

A store is named once, with its size, as a `CacheStore` beside the computation it caches
(`LESSON_STORE = CacheStore("sentiment_lesson", 4)`); call sites pass that object, and
`bounded(store)` gives the one process-wide `BoundedCache` behind it.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

DEFAULT_MAX_MB = 48.0  # per store; 13 stores at most ~620 MB, inside the 2.0 GB budget


def approx_bytes(obj: Any, _seen: set | None = None, _depth: int = 0) -> int:
    """The memory an object holds, roughly: buffers of tensors/arrays, walked containers."""
    seen = _seen if _seen is not None else set()
    if id(obj) in seen or _depth > 8:
        return 0
    seen.add(id(obj))
    nbytes = getattr(obj, "nbytes", None)  # numpy arrays, torch tensors
    if isinstance(nbytes, int):
        return nbytes + 100
    size = sys.getsizeof(obj, 64)
    if isinstance(obj, type):  # a class (ui.source(SentimentLSTM)): its code, not a model's weights
        return size
    if hasattr(obj, "parameters") and hasattr(obj, "buffers"):  # nn.Module
        tensors = [*obj.parameters(), *obj.buffers()]
        return size + sum(t.numel() * t.element_size() for t in tensors)
    if isinstance(obj, dict):
        items = [*obj.keys(), *obj.values()]
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = list(obj)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        items = [getattr(obj, f.name, None) for f in dataclasses.fields(obj)]
    elif hasattr(obj, "memory_usage") and hasattr(obj, "columns"):  # pandas DataFrame
        return int(obj.memory_usage(deep=False).sum())
    elif hasattr(obj, "__dict__") and not isinstance(obj, type):
        items = list(vars(obj).values())
    else:
        return size
    return size + sum(approx_bytes(x, seen, _depth + 1) for x in items)


@dataclass(frozen=True)
class CacheStore:
    """The name and bound of one process-wide result store."""

    name: str  # unique across the app
    max_entries: int  # results kept; the least recently used goes first
    max_mb: float = DEFAULT_MAX_MB  # and at most this many MB of them (approx_bytes); 0: entries only


class BoundedCache:
    """Keeps at most `max_entries` results and `max_bytes` of them; least recently used go first.

    The newest result is always kept, even alone over `max_bytes` (a page must show what it
    just trained); the memory budget (core/memory.py) refuses runs too big for the server.
    """

    def __init__(self, max_entries: int, max_bytes: int | None = None):
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._sizes: dict[Hashable, int] = {}
        self._lock = threading.Lock()
        # Keys being computed right now: a second caller waits instead of computing again.
        self._inflight: dict[Hashable, threading.Event] = {}
        self._waiting: dict[Hashable, int] = {}  # callers blocked on an in-flight key

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def get(self, key: Hashable, default: Any = None) -> Any:
        with self._lock:
            if key not in self._items:
                return default
            self._items.move_to_end(key)
            return self._items[key]

    @property
    def nbytes(self) -> int:
        with self._lock:
            return sum(self._sizes.values())

    def put(self, key: Hashable, value: Any) -> None:
        size = approx_bytes(value) if self.max_bytes is not None else 0
        with self._lock:
            self._items[key] = value
            self._sizes[key] = size
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries or (
                len(self._items) > 1
                and self.max_bytes is not None
                and sum(self._sizes.values()) > self.max_bytes
            ):
                old, _ = self._items.popitem(last=False)
                del self._sizes[old]

    def in_flight(self, key: Hashable) -> bool:
        """Whether another caller is computing `key` right now."""
        with self._lock:
            return key in self._inflight

    def waiting(self, key: Hashable) -> int:
        """How many callers are waiting for the in-flight computation of `key`."""
        with self._lock:
            return self._waiting.get(key, 0)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> tuple[Any, bool]:
        """Returns (value, hit). Computes outside the lock, so other keys stay served.

        While one caller computes a key, other callers of the same key wait for its result
        (a hit for them); if that computation fails, the next caller computes it itself.
        """
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key], True
                event = self._inflight.get(key)
                if event is None:
                    self._inflight[key] = event = threading.Event()
                    break
                self._waiting[key] = self._waiting.get(key, 0) + 1
            event.wait()
            with self._lock:
                self._waiting[key] -= 1
                if not self._waiting[key]:
                    del self._waiting[key]
        try:
            value = compute()
            self.put(key, value)
            return value, False
        finally:
            with self._lock:
                del self._inflight[key]
            event.set()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._sizes.clear()


_stores: dict[CacheStore, BoundedCache] = {}
_stores_lock = threading.Lock()


def bounded(store: CacheStore) -> BoundedCache:
    """The process-wide cache behind `store` (shared by every session, like st.cache_resource)."""
    with _stores_lock:
        names = {s.name: s for s in _stores}
        if store.name in names and names[store.name] != store:
            raise ValueError(f"cache store {store.name!r} declared twice with different sizes")
        if store not in _stores:
            # max_mb=0: bounded by entries only (a value too large to walk, read once: a corpus file)
            max_bytes = int(store.max_mb * 1024 * 1024) if store.max_mb else None
            _stores[store] = BoundedCache(store.max_entries, max_bytes)
        return _stores[store]


class Unkeyable(TypeError):
    """A value `content_key` cannot fingerprint."""


_PLAIN = (type(None), bool, int, float, complex, str, bytes)


def content_key(obj: Any, pins: list | None = None) -> Hashable:
    """A hashable fingerprint of `obj` by content: the same inputs give the same key.

    Arrays and tensors count by dtype, shape and a hash of their bytes; lists, tuples, dicts and
    dataclasses by their parts; dates by their ISO text. Anything else (a trained model, a result
    object, or an object whose class sets `KEY_BY_IDENTITY = True`: a loaded model bundle whose
    parts are large) counts by identity, and is appended to `pins`: the caller keeps it alive as long as
    the key, so that its id cannot be reused. Without `pins`, such a value raises `Unkeyable`.
    """
    import datetime
    import hashlib

    if isinstance(obj, _PLAIN):
        return obj
    if isinstance(obj, (datetime.date, datetime.time)):
        return (type(obj).__name__, obj.isoformat())
    if isinstance(obj, PurePath):  # a file by its name, as a string would be
        return ("path", str(obj))
    if hasattr(obj, "detach") and hasattr(obj, "numpy"):  # a torch tensor
        obj = obj.detach().cpu().numpy()
    if type(obj).__module__ == "numpy":
        import numpy as np

        if isinstance(obj, np.generic):
            return obj.item()
        if isinstance(obj, np.ndarray) and obj.dtype != object:
            digest = hashlib.blake2b(np.ascontiguousarray(obj).tobytes(), digest_size=16).digest()
            return ("ndarray", obj.dtype.str, obj.shape, digest)
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, *(content_key(x, pins) for x in obj))
    if isinstance(obj, dict):  # in insertion order: a chart's legend follows it
        return ("dict", *((content_key(k, pins), content_key(v, pins)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", frozenset(content_key(x, pins) for x in obj))
    if (
        dataclasses.is_dataclass(obj)
        and not isinstance(obj, type)
        and not getattr(obj, "KEY_BY_IDENTITY", False)
    ):
        parts = (content_key(getattr(obj, f.name), pins) for f in dataclasses.fields(obj))
        return (type(obj).__qualname__, *parts)
    if pins is None:
        raise Unkeyable(f"cannot fingerprint a {type(obj).__name__}")
    pins.append(obj)
    return ("id", id(obj))


def memoized(
    cache: BoundedCache, name: str, fn: Callable, args: tuple, kwargs: dict, owner: Any = None
) -> Any:
    """`fn(*args, **kwargs)`, computed once per distinct input in `cache` (content_key).

    Values that are neither content nor plain (a trained model, a cached result) count by
    identity and are kept alive with the entry; so does `owner` (the object whose method this
    is, when given). The result is shared: never modify it.
    """
    pins: list = [] if owner is None else [owner]
    key = (name, id(owner), content_key(args, pins), content_key(kwargs, pins))
    value, _ = cache.get_or_compute(key, lambda: (fn(*args, **kwargs), pins))
    return value[0]


def memo(store: CacheStore) -> Callable[[Callable], Callable]:
    """Decorates a pure function: computed once per distinct input, kept in `store`.

    For the work a page rerun would otherwise repeat with unchanged inputs (a forecast from a
    cached result, a summary of a cached run). The result is shared: never modify it.
    """

    def decorate(fn: Callable) -> Callable:
        import functools

        name = f"{fn.__module__}.{fn.__qualname__}"

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return memoized(bounded(store), name, fn, args, kwargs)

        return wrapper

    return decorate


def memo_method(store: CacheStore) -> Callable[[Callable], Callable]:
    """`memo` for a method of a result object: the object counts by identity (kept alive with
    the entry), the other arguments by content. For questions a page asks a trained run again
    on every rerun (this sentence's probability, its word weights)."""

    def decorate(fn: Callable) -> Callable:
        import functools

        name = f"{fn.__module__}.{fn.__qualname__}"

        @functools.wraps(fn)
        def wrapper(self, *args, **kwargs):
            return memoized(bounded(store), name, functools.partial(fn, self), args, kwargs, owner=self)

        return wrapper

    return decorate
