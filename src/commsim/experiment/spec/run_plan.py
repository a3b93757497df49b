"""The run plan: arms x replicates -> runs, each with its id and seed (common random numbers)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from commsim.experiment.spec.experiment_spec import Experiment


@dataclass(frozen=True)
class Run:
    """One model run of the design; ``index`` is its place in every output table."""

    index: int
    run_id: str
    arm: str
    replicate: int
    seed: int


def run_id(arm: str, replicate: int) -> str:
    """``topic_value-r003``: readable, sortable within an arm, safe as a file name."""
    return f"{arm}-r{replicate:03d}"


def replicate_seeds(root_seed: int, replicates: int) -> list[int]:
    """One seed per replicate, spawned from the experiment's seed.

    Replicate r of every arm gets seed r (common random numbers), so arm differences are
    paired. Spawned children do not depend on how many are spawned, so adding replicates
    keeps the seeds of the existing ones.
    """
    children = np.random.SeedSequence(root_seed).spawn(replicates)
    return [int(child.generate_state(1)[0]) for child in children]


def plan_runs(experiment: Experiment) -> list[Run]:
    """Every run of the experiment, arm by arm, replicate by replicate; the worlds without
    the programme last, on the same seeds."""
    seeds = replicate_seeds(experiment.seed, experiment.replicates)
    runs: list[Run] = []
    for arm in (arm.name for arm in experiment.run_arms):
        for replicate, seed in enumerate(seeds):
            runs.append(Run(len(runs), run_id(arm, replicate), arm, replicate, seed))
    return runs
