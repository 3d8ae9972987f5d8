"""A small thread-safe LRU store: the bounded memory behind every cached training run.

A store is named once, with its size, as a `CacheStore` beside the computation it caches
(`LESSON_STORE = CacheStore("sentiment_lesson", 4)`); call sites pass that object, and
`bounded(store)` gives the one process-wide `BoundedCache` behind it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CacheStore:
    """The name and bound of one process-wide result store."""

    name: str  # unique across the app
    max_entries: int  # results kept; the least recently used goes first


class BoundedCache:
    """Keeps at most `max_entries` results; the least recently used one goes first."""

    def __init__(self, max_entries: int):
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
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

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

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


_stores: dict[CacheStore, BoundedCache] = {}
_stores_lock = threading.Lock()


def bounded(store: CacheStore) -> BoundedCache:
    """The process-wide cache behind `store` (shared by every session, like st.cache_resource)."""
    with _stores_lock:
        names = {s.name: s for s in _stores}
        if store.name in names and names[store.name] != store:
            raise ValueError(f"cache store {store.name!r} declared twice with different sizes")
        if store not in _stores:
            _stores[store] = BoundedCache(store.max_entries)
        return _stores[store]
