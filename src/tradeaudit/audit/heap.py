"""Giving memory back to the system, so that a big audit's resident memory follows what it
holds.

Left alone, a million-figure audit holds about a gigabyte it no longer uses: Arrow's default
pool (mimalloc) keeps what it frees; glibc raises its mmap threshold each time a big array is
freed, so later big arrays come from a heap that never shrinks; and a heap whose top is in
use cannot shrink at all, however much below it is free. `release_freed_memory` (the command
line and the benchmark call it first) puts Arrow on the system allocator and fixes glibc's
threshold (1 MiB: arrays above it are mapped on their own and unmapped when freed); `trim`
(called after the phases that free most) hands the free pages inside glibc's heaps back.
Where there is no glibc, neither does anything.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

_glibc = None


def release_freed_memory() -> None:
    """Arrow on the system allocator, glibc's mmap threshold fixed at 1 MiB."""
    global _glibc
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD (malloc.h); fixed, so not raised
            _glibc = libc if hasattr(libc, "malloc_trim") else None
        except (OSError, AttributeError):  # not glibc (musl has no mallopt)
            pass


def trim() -> None:
    """Hand the free pages of glibc's heaps back (once release_freed_memory has run)."""
    if _glibc is not None:
        _glibc.malloc_trim(0)
