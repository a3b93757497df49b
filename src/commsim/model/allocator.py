"""Keep freed memory in the process, so that a day's temporary arrays do not page-fault.

A day allocates dozens of short-lived arrays the size of the members reached (8 MB each at
10^6 members). glibc's malloc serves such blocks with fresh ``mmap`` pages and hands them
back to the system when freed, so every new array faults its pages in again: about 1 µs per
4 KiB page on a virtual machine, an eighth of a mature day at 10^6 members
(docs/performance.md). Raising glibc's mmap and trim thresholds makes malloc reuse the freed
blocks instead. The memory kept is what the day needed anyway (the peak does not change).

Process-wide and glibc-only (elsewhere it does nothing); ``COMMSIM_KEEP_FREED_MEMORY=0``
turns it off.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

# mallopt parameters (malloc.h) and the values set.
M_TRIM_THRESHOLD = -1
M_TOP_PAD = -2
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 2**20  # glibc's ceiling: blocks up to 32 MiB come from the heap
TRIM_THRESHOLD = 2**30  # give memory back only when 1 GiB lies free at the heap's top
TOP_PAD = 64 * 2**20  # grow the heap in 64 MiB steps

_done: bool | None = None


def keep_freed_memory() -> bool:
    """Tune glibc's malloc once per process; returns whether it is tuned."""
    global _done
    if _done is None:
        _done = os.environ.get("COMMSIM_KEEP_FREED_MEMORY", "1") != "0" and _tune_glibc()
    return _done


def _tune_glibc() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    settings = (
        (M_MMAP_THRESHOLD, MMAP_THRESHOLD),
        (M_TRIM_THRESHOLD, TRIM_THRESHOLD),
        (M_TOP_PAD, TOP_PAD),
    )
    return all(mallopt(parameter, value) == 1 for parameter, value in settings)
