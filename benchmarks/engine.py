"""Measurements of one engine run: speed, stages of a day, memory, and the mat-vec unit.

``measure_engine`` runs in a fresh process per size (``measure_in_subprocess``), so the
peak resident memory it reports (``ru_maxrss``) belongs to that size alone.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

import commsim.model.member_state as member_state
from commsim import CommunityModel
from commsim.model.timing import STAGES

MATVEC_SAMPLES = 3  # mat-vec timings taken at each sampling; the median of all is the unit
MATVEC_EVERY_DAYS = 20
REPO_ROOT = Path(__file__).resolve().parents[1]
PHASE_DAYS = 100  # days averaged for the young-world and mature-world costs


def matvec_seconds(network, samples: int = MATVEC_SAMPLES) -> list[float]:
    """Wall times of ``network @ x`` for a float32 vector: the floor of any word of mouth."""
    x = np.ones(network.shape[0], dtype=np.float32)
    network @ x  # warm the caches
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        network @ x
        times.append(time.perf_counter() - start)
    return times


def measure_engine(
    members: int, days: int, seed: int = 0, scenario: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One run of ``days`` days of the default scenario (with ``scenario``'s changes), with
    mat-vecs timed between days."""
    network_seconds = []
    build_network = member_state.build_network

    def timed_build(*args: Any) -> Any:
        start = time.perf_counter()
        network = build_network(*args)
        network_seconds.append(time.perf_counter() - start)
        return network

    member_state.build_network = timed_build
    start = time.perf_counter()
    try:
        data = {**(scenario or {}), "population.members": members}
        model = CommunityModel(data, seed=seed, steps_hint=days)
    finally:
        member_state.build_network = build_network
    setup = time.perf_counter() - start
    network = model.members.network
    model.stage_seconds = {}
    reached = _count_reached(model)
    matvecs: list[float] = []
    per_day = np.zeros(days)
    window = min(PHASE_DAYS, days)
    before_last_days: dict[str, float] = {}
    for day in range(days):
        if day == days - window:  # the stages of the mature world: the last days alone
            before_last_days = dict(model.stage_seconds)
        if day % MATVEC_EVERY_DAYS == 0:  # interleaved: the unit sees the load the days see
            matvecs += matvec_seconds(network)
        start = time.perf_counter()
        model.step()
        per_day[day] = time.perf_counter() - start
    matvecs += matvec_seconds(network)
    final = model.metrics.to_frame().iloc[-1]
    matvec = float(np.median(matvecs))
    day_seconds = float(per_day.sum())
    return {
        "members": members,
        "days": days,
        "ties": int(network.nnz),
        "setup_seconds": setup,
        "network_seconds": network_seconds[0],
        "run_seconds": day_seconds,
        "seconds_per_day": day_seconds / days,
        "member_steps_per_second": members * days / day_seconds,
        "matvec_seconds": matvec,
        "day_in_matvecs": day_seconds / days / matvec,
        # A young world (few in the community) and a mature one (many) cost differently.
        "first_days_seconds_per_day": float(per_day[:window].mean()),
        "last_days_seconds_per_day": float(per_day[-window:].mean()),
        "last_days_in_matvecs": float(per_day[-window:].mean()) / matvec,
        # Work done: members shown anything each day; the mature world reaches far more.
        "first_days_reached_per_day": float(np.mean(reached[:window])),
        "last_days_reached_per_day": float(np.mean(reached[-window:])),
        "last_days_microseconds_per_reached": float(
            per_day[-window:].sum() / max(sum(reached[-window:]), 1) * 1e6
        ),
        "stage_seconds_per_day": {s: model.stage_seconds.get(s, 0.0) / days for s in STAGES},
        "last_days_stage_seconds_per_day": {
            s: (model.stage_seconds.get(s, 0.0) - before_last_days.get(s, 0.0)) / window
            for s in STAGES
        },
        "peak_memory_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "final_community_members": int(final["community_members"]),
        "final_active_members": int(final["active_members"]),
    }


def _count_reached(model: CommunityModel) -> list[int]:
    """Record, day by day, how many members the engine's delivery showed anything."""
    reached: list[int] = []
    deliver = model._deliver

    def counting(posts: Any) -> Any:
        exposure = deliver(posts)
        reached.append(int(exposure.who.size))
        return exposure

    model._deliver = counting  # type: ignore[method-assign]
    return reached


def measure_reference(
    members: int, days: int, seed: int = 0, scenario: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The per-agent Mesa reference on the same scenario (stepping time only)."""
    from benchmarks.reference import ReferenceModel

    start = time.perf_counter()
    data = {**(scenario or {}), "population.members": members}
    model = ReferenceModel(data, seed=seed, steps_hint=days)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(days):
        model.step()
    run = time.perf_counter() - start
    return {
        "members": members,
        "days": days,
        "setup_seconds": setup,
        "run_seconds": run,
        "member_steps_per_second": members * days / run,
    }


def measure_in_subprocess(kind: str, members: int, days: int, seed: int = 0) -> dict[str, Any]:
    """Run ``measure_engine`` or ``measure_reference`` in a fresh interpreter."""
    code = (
        "import json, sys; from benchmarks.engine import measure_engine, measure_reference; "
        f"print(json.dumps(measure_{kind}({members}, {days}, {seed})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=REPO_ROOT
    )
    if done.returncode:
        raise RuntimeError(f"{kind} at {members} members failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
