"""Experiments: files, run plans (arms x replicates), designs over the uncertainties,
executors, evaluators and the results store."""

from commsim.experiment.execution.evaluators import (
    Evaluation,
    Evaluator,
    SearchEvaluator,
    StoredEvaluator,
)
from commsim.experiment.execution.runner import Execution
from commsim.experiment.execution.simulate import RunResult, simulate
from commsim.experiment.spec.arms import Arm
from commsim.experiment.spec.experiment_spec import Experiment, ExperimentInfo, load_experiment
from commsim.experiment.spec.outcomes import Outcome
from commsim.experiment.spec.run_plan import Run, plan_runs, replicate_seeds

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
