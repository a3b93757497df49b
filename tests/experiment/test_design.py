"""The design: every arm x replicate once, and replicate r of every arm shares its seed."""

from __future__ import annotations

import numpy as np

from commsim.experiment import load_experiment, plan_runs, replicate_seeds


def test_replicate_seeds_come_from_the_root_seed_and_do_not_depend_on_the_count():
    seeds = replicate_seeds(7, 5)
    assert seeds == replicate_seeds(7, 5)
    assert replicate_seeds(7, 3) == seeds[:3]  # adding replicates keeps the earlier seeds
    assert len(set(seeds)) == 5
    assert replicate_seeds(8, 5) != seeds
    child = np.random.SeedSequence(7).spawn(5)[2]
    assert seeds[2] == int(child.generate_state(1)[0])


def test_every_arm_uses_the_same_seed_for_the_same_replicate(write_experiment):
    experiment = load_experiment(write_experiment())
    runs = plan_runs(experiment)
    assert [r.run_id for r in runs] == [
        "push-r000",
        "push-r001",
        "push-r002",
        "value-r000",
        "value-r001",
        "value-r002",
        "no_programme-r000",  # the world without the programme, once per replicate
        "no_programme-r001",
        "no_programme-r002",
    ]
    assert [r.index for r in runs] == list(range(9))
    by_replicate = {}
    for run in runs:
        by_replicate.setdefault(run.replicate, set()).add(run.seed)
    assert all(len(seeds) == 1 for seeds in by_replicate.values())
    assert [r.seed for r in runs[:3]] == replicate_seeds(11, 3)
