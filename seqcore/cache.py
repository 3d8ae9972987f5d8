"""A small thread-safe LRU store: the bounded memory behind every cached training run."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


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
            event.wait()
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
