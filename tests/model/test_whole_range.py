"""Every documented value runs: scenarios drawn from the whole documented range of every
parameter (``parameter_space``, at the brief sizes) run two weeks without an exception, and
in bounded time (the work of a day is bounded by what members can see, never by the size of
a parameter).

The crashes this test's strategy once found are kept below as regression tests: each ran
forever before ``model/kernels/feeds.py`` capped every geometric gap of ``bernoulli_successes`` at
the number of trials (a gap of 2**63-1 overflowed the cumulative sum).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from commsim import simulate
from tests.model.parameter_space import scenarios

DAYS = 14
EXAMPLES = 50
# A brief run of at most 300 members takes well under a second of CPU; ten is a hang (or
# work that grows with a parameter's size). CPU time, not wall time: a loaded machine (other
# tests, other processes) must not look like a hang.
SECONDS = 10
REPRODUCER_SECONDS = 5  # the regressions below take under a second


class TookTooLong(Exception):
    """A run went past :data:`SECONDS`."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TookTooLong` in the block after ``seconds`` of this process's CPU time
    (SIGPROF: Unix, main thread)."""
    if not hasattr(signal, "SIGPROF") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def run_briefly(scenario: dict[str, Any], seed: int, seconds: float = SECONDS) -> None:
    with time_limit(seconds):
        simulate(scenario, steps=DAYS, seed=seed)


@pytest.mark.slow  # whole scenarios drawn from the full parameter space (27 CPU-s)
@settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same scenarios every time: a failure here is the model's, not luck
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # a hang would make shrinking take minutes
    suppress_health_check=list(HealthCheck),
)
@given(scenario=scenarios(brief=True), seed=st.integers(0, 2**32 - 1))
def test_any_valid_scenario_runs_two_weeks_without_an_exception(scenario, seed):
    run_briefly(scenario, seed)


# Valid scenarios that hung the model (found by this test's strategy), kept as regressions.
# Sizes are the smallest that showed the fault.
ONCE_HUNG = [
    pytest.param(
        {"population": {"members": 3000}, "platform": {"share_visibility": 1e-300}},
        0,
        id="share_visibility 1e-300",
    ),
    pytest.param(
        {"population": {"members": 1000}, "behavior": {"invite_rate": 1e-176}},
        4,
        id="invite_rate 1e-176 (invites through message_friends)",
    ),
]


@pytest.mark.parametrize("scenario, seed", ONCE_HUNG)
def test_a_tiny_chance_of_sharing_or_inviting_ends_quickly(scenario, seed):
    run_briefly(scenario, seed, REPRODUCER_SECONDS)
