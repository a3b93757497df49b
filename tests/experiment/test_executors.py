"""Executors: batches that amortise the cost of a task, any Executor plugs in, failures stay
local to their run."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from commsim.experiment.execution.executors import (
    FAULT_ENV,
    RunTask,
    batch_size,
    execute,
    replicate_groups,
    run_tasks,
    workers_worth_starting,
)
from commsim.experiment.spec.run_plan import Run

SMALL = {"population": {"members": 300}}


def tasks(count: int, members: int = 300, steps: int = 20) -> list[RunTask]:
    scenario = {"population": {"members": members}}
    return [RunTask(Run(i, f"a-r{i:03d}", "a", i, 100 + i), scenario, steps) for i in range(count)]


def test_small_runs_share_a_batch_and_long_runs_go_alone():
    assert batch_size(tasks(400, members=300, steps=20), workers=2) > 1
    assert batch_size(tasks(400, members=100_000, steps=1095), workers=2) == 1


def test_every_worker_gets_several_batches_so_they_finish_together():
    many = tasks(40, members=300, steps=20)
    size = batch_size(many, workers=2)
    assert len(many) / size >= 2 * 4


def test_only_workers_that_the_work_pays_for_are_started():
    assert workers_worth_starting(tasks(4, members=300, steps=20), 8) == 1
    assert workers_worth_starting(tasks(100, members=10_000, steps=1095), 8) == 8


def test_a_failing_run_is_recorded_with_its_traceback_and_the_batch_goes_on(monkeypatch):
    monkeypatch.setenv(FAULT_ENV, "a-r001")
    outcomes = run_tasks(tasks(3))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "Traceback" in outcomes[1].error and "RuntimeError" in outcomes[1].error
    assert outcomes[1].timeseries is None
    assert len(outcomes[2].timeseries) == 20


def test_any_concurrent_futures_executor_gives_the_same_runs_as_this_process():
    work = tasks(4)
    here = {o.run.run_id: o.timeseries for o in execute(work)}
    with ThreadPoolExecutor(2) as pool:
        there = {o.run.run_id: o.timeseries for o in execute(work, pool, workers=2)}
    assert here.keys() == there.keys()
    for run_id, frame in here.items():
        pd.testing.assert_frame_equal(frame, there[run_id])


def design(arms: dict[str, dict], replicates: int, steps: int = 20) -> list[RunTask]:
    """Arm by arm, replicate by replicate (as ``plan_runs`` orders them); seed 100 + r."""
    runs = [(arm, r) for arm in arms for r in range(replicates)]
    return [
        RunTask(Run(i, f"{arm}-r{r:03d}", arm, r, 100 + r), arms[arm], steps)
        for i, (arm, r) in enumerate(runs)
    ]


def test_the_arms_of_a_replicate_run_together_and_batches_never_split_them():
    arms = {"push": SMALL, "value": {**SMALL, "brand": {"value_share": 0.9}}}
    groups = replicate_groups(design(arms, replicates=3))
    assert [[t.run.run_id for t in group] for group in groups] == [
        [f"push-r{r:03d}", f"value-r{r:03d}"] for r in range(3)
    ]
    work = design(arms, replicates=5)
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(execute(work, pool, workers=2))
    assert sorted(o.run.run_id for o in outcomes) == sorted(t.run.run_id for t in work)


def test_a_replicate_is_grouped_by_market_so_other_platforms_make_other_batches():
    arms = {
        "push": SMALL,
        "value": {**SMALL, "brand": {"value_share": 0.9}},  # acts from day 0: one history
        "seeds_day": {**SMALL, "platform": {"preset": "facebook_2012"}},  # another market
    }
    groups = replicate_groups(design(arms, replicates=2))
    assert [[t.run.run_id for t in group] for group in groups] == [
        ["push-r000", "value-r000"],
        ["push-r001", "value-r001"],
        ["seeds_day-r000"],
        ["seeds_day-r001"],
    ]


def test_runs_that_share_a_history_are_the_runs_that_live_their_own():
    arms = {"push": SMALL, "value": {**SMALL, "brand": {"value_share": 0.9, "program": False}}}
    work = design(arms, replicates=2, steps=30)
    shared = {o.run.run_id: o.timeseries for o in run_tasks(work)}  # one batch: shared
    for task in work:
        alone = run_tasks([task])[0].timeseries  # a batch of its own lives its history
        pd.testing.assert_frame_equal(shared[task.run.run_id], alone)
