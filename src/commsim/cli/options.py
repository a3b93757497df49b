"""The options verbs share, defined once, and what they mean for loading an experiment."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from commsim.cli.console import bad_input
from commsim.config import ConfigError
from commsim.config.assumption_draws import MODES, check_mode
from commsim.experiment import Execution, Experiment, load_experiment
from commsim.experiment.execution.runner import EXECUTORS
from commsim.locale import LANGUAGES, check_language

ExperimentFile = Annotated[Path, typer.Argument(help="Experiment file (TOML).", metavar="FILE")]
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help="Override a scenario key in every arm (e.g. population.members=2000), an "
        "\\[experiment] key (experiment.checkpoints=[90,365]) or a \\[brand_profile] figure "
        "(brand_profile.followers=20000); repeatable.",
    ),
]
RunOut = Annotated[
    Path | None, typer.Option("--out", help="Results folder \\[default: results/NAME/TIMESTAMP].")
]
StudyOut = Annotated[
    Path | None, typer.Option("--out", help="Results folder \\[default: results/NAME/VERB-TIME].")
]
WorkersOption = Annotated[
    int | None, typer.Option(min=1, help="Worker processes \\[default: CPU count].")
]
ReplicatesOption = Annotated[
    int | None, typer.Option(min=1, help="Replicates per design point (overrides the file).")
]
StepsOption = Annotated[int | None, typer.Option(min=1, help="Days to simulate.")]
SeedOption = Annotated[int | None, typer.Option(min=0, help="Root seed of the experiment.")]
AssumptionsOption = Annotated[
    str | None,
    typer.Option(
        "--assumptions",
        help=f"Where the assumptions' values come from, per replicate: {', '.join(MODES)} "
        "(their defaults; drawn from their plausible ranges; drawn from the posterior "
        "inferred from field evidence) \\[default: the file's experiment.assumptions, or fixed].",
    ),
]
ExecutorOption = Annotated[str, typer.Option(help=f"Where runs execute: {', '.join(EXECUTORS)}.")]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        help="Dask scheduler address (tcp://HOST:PORT) for --executor dask "
        "\\[default: a local cluster of --workers processes on 127.0.0.1]."
    ),
]
ResumeOption = Annotated[
    bool, typer.Option("--resume", help="Continue the runs in --out, skipping finished ones.")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the results in --out.")]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Validate and print the design; run nothing.")
]
NoChartsOption = Annotated[bool, typer.Option("--no-charts", help="Do not draw charts.")]
NoReportOption = Annotated[
    bool,
    typer.Option("--no-report", help="Draw the charts but write no report.md/html or deck.pptx."),
]


def _language(code: str) -> str:
    """``--lang`` in any case (``zh-tw``), as the language's own code (``zh-TW``)."""
    try:
        return check_language(code)
    except ConfigError as error:
        raise bad_input(error) from None


def _language_list() -> str:
    """``en, ja (万/億), zh-TW (萬/億)``: every language, with the units it groups by."""
    return ", ".join(
        code + (f" ({'/'.join(s for s, _ in reversed(lang.myriads))})" if lang.myriads else "")
        for code, lang in LANGUAGES.items()
    )


LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        callback=_language,
        help=f"Language of chart titles, axes, report and deck: {_language_list()}.",
    ),
]


def load(
    path: Path,
    settings: Iterable[str] | None,
    *,
    replicates: int | None = None,
    steps: int | None = None,
    seed: int | None = None,
    assumptions: str | None = None,
) -> Experiment:
    """The experiment with ``--set`` and the ``--replicates/--steps/--seed/--assumptions``
    shortcuts."""
    overrides = list(settings or [])
    if assumptions is not None:
        overrides.append(f"experiment.assumptions={check_mode(assumptions)}")
    for key, value in (("replicates", replicates), ("steps", steps), ("seed", seed)):
        if value is not None:
            overrides.append(f"experiment.{key}={value}")
    return load_experiment(path, overrides)


def default_out(experiment: Experiment, verb: str | None = None) -> Path:
    """``results/<experiment name>/<timestamp>/``, or ``.../<verb>-<timestamp>/``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path("results") / experiment.name / (f"{verb}-{stamp}" if verb else stamp)


def execution(
    workers: int | None, executor: str, scheduler: str | None, resume: bool, force: bool
) -> Execution:
    """The execution options as typed, with the command line recorded in the manifest."""
    return Execution(
        workers=workers,
        executor=executor,
        scheduler=scheduler,
        resume=resume,
        force=force,
        argv=sys.argv,
    )
