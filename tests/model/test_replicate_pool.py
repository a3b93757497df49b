"""The statistical tests' replicate pool takes twice this test process's share of the cores,
so pytest-xdist's N test processes on N cores run at most 2N pool workers in all, not N x N,
and a test left alone in the suite's tail has every core."""

from __future__ import annotations

import pytest

from tests.model.conftest import pool_size


@pytest.mark.parametrize(
    ("cores", "test_processes", "workers"),
    [(2, None, 2), (2, "2", 2), (16, "4", 8), (16, "16", 2), (2, "8", 1), (1, "1", 1)],
)
def test_pool_size_is_twice_the_share_of_the_cores_at_most_all_of_them(
    monkeypatch: pytest.MonkeyPatch, cores: int, test_processes: str | None, workers: int
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    if test_processes is None:
        monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    else:
        monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", test_processes)
    assert pool_size() == workers
