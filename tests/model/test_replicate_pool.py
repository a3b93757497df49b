"""The statistical tests' replicate pool takes this test process's share of the cores, so
pytest-xdist's N test processes on N cores run N pool workers in all, not N x N."""

from __future__ import annotations

import pytest

from tests.model.conftest import pool_size


@pytest.mark.parametrize(
    ("cores", "test_processes", "workers"),
    [(2, None, 2), (2, "2", 1), (16, "4", 4), (2, "8", 1), (1, "1", 1)],
)
def test_pool_size_is_the_cores_over_the_test_processes(
    monkeypatch: pytest.MonkeyPatch, cores: int, test_processes: str | None, workers: int
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    if test_processes is None:
        monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    else:
        monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", test_processes)
    assert pool_size() == workers
