"""The worker processes of builds and catalogues: one pool factory, the same limits for every entry point.

Workers start from a forkserver (they inherit neither the build lock's file nor the progress bar's
thread) that has preloaded the renderers and fonts (:mod:`brochure.build.warm`), so they start warm. The
forkserver starts when a pool is made (:func:`start_forkserver`), before the caller reads the sheets
of its first task, or earlier where the caller has more to do first (the catalogue). Each
runs under an address-space limit (a runaway render fails, the machine survives); every task is
scheduled with a time limit by its caller.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
from multiprocessing import forkserver

DEFAULT_TIMEOUT_S = 300  # one sheet, or one catalogue part
DEFAULT_MEMORY_MB = 3072  # one worker's address space
PRELOAD = ["brochure.build.warm"]  # imported once by the forkserver, before it forks any worker


def count(jobs: int | None) -> int:
    """The worker processes asked for: ``jobs`` (1 or more), or one per core when left out (``None``)."""
    return jobs or os.cpu_count() or 1


def lost(exc: BaseException, memory_mb: int) -> str | None:
    """Why the pool gave no result for a task, in plain words, when the pool lost its worker (a worker
    that died, or one that could not be started); None when the task itself failed."""
    from concurrent.futures.process import BrokenProcessPool

    from pebble import ProcessExpired  # pebble: loaded when there is work, not by a no-op build

    if isinstance(exc, ProcessExpired):
        return f"render process died ({exc}); memory limit {memory_mb} MB?"
    if isinstance(exc, BrokenProcessPool):
        cause = exc.__cause__ or exc.__context__
        why = f"{type(cause).__name__}: {cause}" if cause else (str(exc) or "the pool gave no reason")
        return (
            f"a worker process could not be started or was lost ({why}); the machine may be short of memory "
            "or processes: close other programs, or build with --jobs 1"
        )
    return None


def init_worker(memory_mb: int, verbose: bool) -> None:
    """Worker start-up: the address-space limit and the logs."""
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", force=True)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def start_forkserver() -> None:
    """Start the forkserver now, if it is not running: it imports :data:`PRELOAD` in its own process
    while this one goes on (reading sheets, drawing charts), so the first workers do not wait for it."""

    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()


def pool(workers: int, memory_mb: int = DEFAULT_MEMORY_MB, verbose: bool = False, max_tasks: int = 0):
    """A pebble process pool of ``workers`` processes (each replaced after ``max_tasks`` tasks, if set)."""
    from pebble import ProcessPool  # pebble: loaded when there is work, not by a no-op build

    start_forkserver()  # now, not at the first task: it loads while the caller prepares that task
    context = multiprocessing.get_context("forkserver")
    return ProcessPool(
        workers, max_tasks=max_tasks, initializer=init_worker, initargs=(memory_mb, verbose), context=context
    )
