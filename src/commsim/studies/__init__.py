"""Studies: the workflows over many runs, as library calls usable from Python and notebooks.

Each study checks everything first (:class:`commsim.ConfigError`, nothing written), then runs
through one evaluator interface (:mod:`commsim.experiment.execution.evaluators`) and analyses with
the analysis stage; the CLI's verbs call these and only print. A study of a new kind goes here,
next to them; the claims audit, a feature with its own charts and deck, is
:mod:`commsim.claims`.
"""

from commsim.studies.calibration_study import (
    CalibrationStudy,
    CalibrationStudyResult,
    prepare_calibration,
)
from commsim.studies.discovery import Discovery, discover, write_discovery
from commsim.studies.experiment_run import ExperimentResult, run_experiment
from commsim.studies.sensitivity_study import (
    SensitivityStudy,
    prepare_sensitivity,
    run_sensitivity_study,
)
from commsim.studies.sweep_study import SweepResult, SweepStudy, prepare_sweep, run_sweep

__all__ = [
    "CalibrationStudy",
    "CalibrationStudyResult",
    "Discovery",
    "ExperimentResult",
    "SensitivityStudy",
    "SweepResult",
    "SweepStudy",
    "discover",
    "prepare_calibration",
    "prepare_sensitivity",
    "prepare_sweep",
    "run_experiment",
    "run_sensitivity_study",
    "run_sweep",
    "write_discovery",
]
