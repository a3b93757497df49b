"""Experiments: files, designs (arms x replicates), executors and the results store."""

from commsim.experiment.run_plan import Run, plan_runs, replicate_seeds
from commsim.experiment.spec import Arm, Experiment, ExperimentInfo, load_experiment

__all__ = [
    "Arm",
    "Experiment",
    "ExperimentInfo",
    "Run",
    "load_experiment",
    "plan_runs",
    "replicate_seeds",
]
