"""How articlelint spreads work over processes: how many, started how, in chunks of what
size, and the garbage-collector setting for runs that make many short-lived objects.

Shared by the runner (checking files) and ``--add-suppressions`` (planning the comments);
imports nothing of articlelint, and nothing heavy (:mod:`multiprocessing` is imported by
whoever starts a pool, only then).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator

__all__ = [
    "GC_THRESHOLDS",
    "PARALLEL_MIN_FILES",
    "chunk_size",
    "fewer_collections",
    "job_count",
    "start_method",
]

#: Fewer files than this to check are checked in this process: a pool costs more than it saves.
PARALLEL_MIN_FILES = 64

#: Garbage-collector thresholds while checking (see :func:`fewer_collections`).
GC_THRESHOLDS = (50_000, 20, 100)


def job_count(jobs: int | None) -> int:
    """The processes to use: ``jobs`` as configured, else one per core this process may use."""
    if jobs is not None:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def start_method() -> str:
    """``fork`` (cheap: the rules are already imported) when this process has a single
    thread on Linux, else ``spawn`` (forking a process with threads is unsafe)."""
    import sys
    import threading

    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def chunk_size(items: int, jobs: int) -> int:
    """Items per task: about eight tasks per process, each of 4 to 64 items."""
    return max(4, min(64, items // (jobs * 8) or 1))


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the cyclic garbage collector's thresholds for the duration, then restore them.

    Checking a file makes tens of thousands of short-lived containers (the YAML tree, its
    positions) and no reference cycles. With CPython's default thresholds a document's
    objects reach the oldest generation while the file is being checked, and then full
    collections walk everything the process holds, over and over: about a fifth of a
    serial run over 3,000 large records (37 full collections; none with these thresholds,
    the same speed as no collector at all). Memory is still freed as soon as it is unused:
    reference counting does that, the collector only finds cycles. Like mypy's
    ``gc.set_threshold`` in its main, but scoped to the call."""
    before = gc.get_threshold()
    raised = tuple(max(old, new) for old, new in zip(before, GC_THRESHOLDS, strict=True))
    gc.set_threshold(*raised)
    try:
        yield
    finally:
        if gc.get_threshold() == raised:  # unless someone changed them meanwhile
            gc.set_threshold(*before)
