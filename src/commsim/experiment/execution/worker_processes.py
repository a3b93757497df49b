"""Worker processes that never outlive the process that started them.

A worker of a process pool (or of a Dask LocalCluster) waits on a pipe that it holds open
itself, so it would live on after ``kill -9`` of its parent, holding the terminal's output and
the pool's resource tracker. On Linux the kernel sends it SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``); elsewhere a watchdog thread notices the new parent and exits.
And workers start with SIGINT blocked: Ctrl-C at a terminal goes to the whole process group,
but only the parent should act on it (stop the workers, save the manifest, say how to resume);
while it saves the manifest, a second Ctrl-C waits (:func:`sigint_deferred`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 1.0  # how often the watchdog looks for a new parent where prctl is missing


def start_worker(parent: int | None = None) -> None:
    """Set up a worker process: it dies with its parent and leaves Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def die_with_parent(parent: int | None = None) -> None:
    """Make this process die when its parent does (``parent``: the pid it must still have,
    in case the parent died before this ran)."""
    parent = parent or os.getppid()
    if not _parent_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died while this process started
        os._exit(1)


def _parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


@contextlib.contextmanager
def sigint_blocked() -> Iterator[None]:
    """Block SIGINT in this thread while the block runs (processes started in it inherit the
    blocked signal); a Ctrl-C meanwhile is delivered when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold back Ctrl-C while the block runs (a manifest write, stopping workers) and deliver
    it afterwards; only the main thread can, elsewhere the block just runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)
