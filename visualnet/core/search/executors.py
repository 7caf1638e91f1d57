"""Where trials run: a pool of local processes, or a Dask cluster. Both are a
``concurrent.futures`` executor, so the search runs them the same way.

The local pool starts its workers with "spawn": each is a fresh interpreter that imports only
the core, never the app's Qt (forking a process that has Qt threads running is unsafe).
Dask is optional: ``pip install -e ".[cluster]"``.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from visualnet.core.search.trial import pool_worker

MAX_WORKERS = 256
CONNECT_TIMEOUT = 10
"""Seconds to wait for a Dask scheduler to answer."""

DASK_MISSING = (
    "running on a Dask cluster needs Dask: install the cluster extra with "
    "pip install -e \".[cluster]\" (or pip install \"dask[distributed]\")")


@dataclass(frozen=True)
class Executing:
    """An open executor, how many trials to keep in flight (None: no limit), and where it runs."""

    executor: cf.Executor
    slots: int | None
    where: str
    workers: tuple[int, ...] = ()
    """Process ids of the local workers (none on a cluster)."""

    def interrupt(self) -> None:
        """Stop the trials the local workers are training now, as Ctrl-C does: they end as
        "stopped" and run again on resume. (A cluster drops them when their futures are
        cancelled.)"""
        for pid in self.workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGINT)


def default_workers() -> int:
    """One worker per core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


@contextmanager
def open_executor(workers: int | None = None, scheduler: str | None = None) -> Iterator[Executing]:
    """A local process pool of ``workers`` (default: one per core), or the Dask cluster whose
    scheduler is at ``scheduler``; shut down on leaving. ValueError says what went wrong."""
    if scheduler:
        with _dask(scheduler) as executing:
            yield executing
        return
    count = default_workers() if workers is None else workers
    if not 1 <= count <= MAX_WORKERS:
        raise ValueError(f"workers must be in [1, {MAX_WORKERS}], got {count}")
    pool = cf.ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"),
                                  initializer=pool_worker)
    try:
        workers = _start(pool, count)
        yield Executing(pool, count, f"{count} local worker{'s' if count > 1 else ''}", workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start(pool: cf.ProcessPoolExecutor, count: int) -> tuple[int, ...]:
    """Start the workers with Ctrl-C held back (a worker still importing when Ctrl-C comes
    would die with a traceback; the mask is inherited, then ``pool_worker`` ignores Ctrl-C);
    their process ids."""
    before = {p.pid for p in multiprocessing.active_children()}
    held = hasattr(signal, "pthread_sigmask")
    if held:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        cf.wait([pool.submit(int) for _ in range(count)])
    finally:
        if held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    return tuple(p.pid for p in multiprocessing.active_children() if p.pid not in before)


@contextmanager
def _dask(address: str) -> Iterator[Executing]:
    try:
        from distributed import Client
    except ImportError:
        raise ValueError(DASK_MISSING) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except Exception as error:  # OSError, TimeoutError, a bad address…
        raise ValueError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    executor = client.get_executor(pure=False)
    try:
        workers = len(client.nthreads())
        yield Executing(executor, None, f"Dask cluster at {address} ({workers} workers)")
    finally:
        executor.shutdown(wait=False)
        client.close()
