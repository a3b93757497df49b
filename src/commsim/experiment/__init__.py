"""Experiments: files, run plans (arms x replicates), designs over the uncertainties,
executors, evaluators and the results store."""

from commsim.experiment.arms import Arm
from commsim.experiment.evaluators import Evaluation, Evaluator, SearchEvaluator, StoredEvaluator
from commsim.experiment.outcomes import Outcome
from commsim.experiment.run_plan import Run, plan_runs, replicate_seeds
from commsim.experiment.runner import Execution
from commsim.experiment.simulate import RunResult, simulate
from commsim.experiment.spec import Experiment, ExperimentInfo, load_experiment

__all__ = [
    "Arm",
    "Evaluation",
    "Evaluator",
    "Execution",
    "Experiment",
    "ExperimentInfo",
    "Outcome",
    "Run",
    "RunResult",
    "SearchEvaluator",
    "StoredEvaluator",
    "load_experiment",
    "plan_runs",
    "replicate_seeds",
    "simulate",
]
