"""Runs on a Dask cluster: an existing one (a scheduler address) or a local one we start.

Dask's ``client.get_executor()`` speaks the ``concurrent.futures`` protocol that the local
process pool already uses, so batches, ordering, seeds and resume are unchanged. Results
travel back to the client, which writes every run file itself: workers need no shared
filesystem, and the results folder has one writer, so ``--resume`` sees exactly what the
local executor would have written.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Executor, Future
from typing import Any

from commsim.config import ConfigError
from commsim.experiment.execution.worker_processes import sigint_blocked, start_worker

INSTALL_HINT = 'pip install -e ".[dask]"  (or: pip install "dask[distributed]")'
# Dask re-runs a task whose worker died (up to distributed.scheduler.allowed-failures times);
# ``retries`` also re-runs a batch whose function raised outside the per-run guard.
TASK_RETRIES = 2


def require_dask() -> None:
    """Fail early, with how to install it, when Dask distributed is missing."""
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise ConfigError(
            f"dask: Dask distributed is not installed; install it with {INSTALL_HINT}",
            parameter="executor",
        ) from None


class DaskExecutor(Executor):
    """Dask's executor that also closes its client (and the local cluster it started)."""

    def __init__(self, client: Any, cluster: Any = None) -> None:
        self.client = client
        self.cluster = cluster
        self._inner = client.get_executor(pure=False, retries=TASK_RETRIES)

    @property
    def workers(self) -> int:
        """Workers connected to the scheduler now (at least 1)."""
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, fn, /, *args, **kwargs) -> Future:  # noqa: ANN001
        return self._inner.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        # Dask cancels outstanding futures when not waiting: a Ctrl-C leaves no work behind.
        self._inner.shutdown(wait=wait and not cancel_futures)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def dask_executor(workers: int, scheduler: str | None = None) -> DaskExecutor:
    """Connect to ``scheduler`` (``tcp://HOST:PORT``), or start a loopback LocalCluster."""
    require_dask()
    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            return DaskExecutor(Client(scheduler, timeout="10s"))
        except OSError as error:
            raise ConfigError(
                f"cannot reach a Dask scheduler at {scheduler} ({error})", parameter="scheduler"
            ) from None
    with sigint_blocked():  # workers (and the loop thread that starts them) leave Ctrl-C to us
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # one run per process: the engine is single-threaded numpy
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    client.run(start_worker, os.getpid())  # the workers are children of this process
    return DaskExecutor(client, cluster)
