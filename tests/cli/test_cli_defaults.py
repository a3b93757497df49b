"""The command's defaults are the library's: each verb takes its default from the constant the
library's own signature uses, so the two cannot drift apart (issue 28, "CLI defaults")."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from typer.models import ParameterInfo

from commsim import run_experiment
from commsim.charts import make_charts
from commsim.charts.reports.report import write_report
from commsim.charts.style import DEFAULT_VARIANT
from commsim.claims.claims_plan import QUICK, Sizing
from commsim.cli import (
    charts_and_report,
    claims,
    evidence,
    explore,
    infer,
    run,
    sensitivity,
    sweep,
    validate_model,
)
from commsim.evidence.replicate import EvidenceSizes
from commsim.experiment.execution.runner import DEFAULT_EXECUTOR
from commsim.experiment.spec.sampling import SweepSettings
from commsim.locale import DEFAULT_LANGUAGE
from commsim.studies import prepare_sensitivity
from commsim.studies.sensitivity_study import DEFAULT_BASE_SIZE, DEFAULT_METHOD
from commsim.ui.server import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SAVE_DIR, serve
from commsim.validation.checks import DEFAULT_SEED, run_checks


def default(function: Callable[..., Any], name: str) -> Any:
    """The default of ``function``'s parameter ``name`` (a typer.Option(default) unwrapped)."""
    value = inspect.signature(function).parameters[name].default
    return value.default if isinstance(value, ParameterInfo) else value


def option_help(function: Callable[..., Any], name: str) -> str:
    """The help text of the typer option behind ``function``'s parameter ``name``."""
    annotation = inspect.signature(function, eval_str=True).parameters[name].annotation
    return next(m.help for m in annotation.__metadata__ if isinstance(m, ParameterInfo))


# (verb, its parameter, the library function whose default it must be, that parameter)
SAME_DEFAULTS = [
    (run.run, "executor", run_experiment, "executor"),
    (sweep.sweep, "executor", run_experiment, "executor"),
    (sensitivity.sensitivity, "executor", run_experiment, "executor"),
    (claims.claims, "executor", run_experiment, "executor"),
    (infer.infer, "executor", run_experiment, "executor"),
    (run.run, "lang", make_charts, "lang"),
    (charts_and_report.charts, "lang", make_charts, "lang"),
    (charts_and_report.report, "lang", write_report, "lang"),
    (charts_and_report.charts, "style", make_charts, "style"),
    (sensitivity.sensitivity, "method", prepare_sensitivity, "method"),
    (sensitivity.sensitivity, "points", prepare_sensitivity, "base_size"),
    (explore.explore, "host", serve, "host"),
    (explore.explore, "port", serve, "port"),
    (explore.explore, "save_dir", serve, "save_dir"),
    (validate_model.validate_model, "seed", run_checks, "seed"),
]


@pytest.mark.parametrize(
    ("verb", "name", "library", "parameter"),
    SAME_DEFAULTS,
    ids=[f"{v.__name__}-{n}" for v, n, _, _ in SAME_DEFAULTS],
)
def test_a_verb_default_is_the_library_default(
    verb: Callable[..., Any], name: str, library: Callable[..., Any], parameter: str
) -> None:
    assert default(verb, name) == default(library, parameter)


def test_the_defaults_are_the_library_constants_themselves() -> None:
    """The same objects, not equal copies: a verb imports the one definition."""
    assert default(run.run, "executor") is DEFAULT_EXECUTOR
    assert default(charts_and_report.report, "lang") is DEFAULT_LANGUAGE
    assert default(charts_and_report.charts, "style") is DEFAULT_VARIANT
    assert default(sensitivity.sensitivity, "method") is DEFAULT_METHOD
    assert default(sensitivity.sensitivity, "points") is DEFAULT_BASE_SIZE
    assert default(explore.explore, "save_dir") is DEFAULT_SAVE_DIR
    assert (default(explore.explore, "host"), default(explore.explore, "port")) == (
        DEFAULT_HOST,
        DEFAULT_PORT,
    )
    assert default(validate_model.validate_model, "seed") is DEFAULT_SEED


def test_defaults_in_help_texts_are_the_library_sizes() -> None:
    """Defaults that live in a file or a sizing are named in the help from where they live."""
    replicates = option_help(claims.claims, "replicates")
    assert f"{Sizing().replicates}; {QUICK.replicates} with --quick" in replicates
    points = option_help(claims.claims, "sweep_points")
    assert f"{Sizing().sweep_points}; {QUICK.sweep_points} with --quick" in points
    quick = option_help(evidence.evidence, "quick")
    full, small = EvidenceSizes(), EvidenceSizes.quick()
    assert f"{small.members:,} members and {small.replicates} replicates" in quick
    assert f"{full.members:,} and {full.replicates}" in quick
    settings = SweepSettings()
    assert f"or {settings.design}]" in option_help(sweep.sweep, "design")
    assert f"or {settings.points}]" in option_help(sweep.sweep, "points")
    assert f"or {settings.outcome}]" in option_help(sweep.sweep, "outcome")


def test_a_drifted_default_is_seen() -> None:
    """Guards the tests above: a verb whose default differs from the library's fails them."""

    def drifted(executor: str = "dask") -> None: ...

    assert default(drifted, "executor") != default(run_experiment, "executor")
