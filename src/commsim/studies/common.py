"""What the study commands share: loading with command-line overrides, errors as exit 2,
progress lines, default folders and saving charts."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from commsim.config import ConfigError
from commsim.experiment import Experiment, load_experiment
from commsim.experiment.runner import Progress as RunProgress
from commsim.experiment.runner import RunRecord

EXIT_RUN_FAILED = 1
EXIT_BAD_INPUT = 2  # DESIGN.md section 5: one clear message naming file, key and what is allowed
EXIT_INTERRUPTED = 130

ExperimentFile = Annotated[Path, typer.Argument(help="Experiment file (TOML).", metavar="FILE")]
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help="Override a scenario key of every strategy, or an [experiment] key; repeatable.",
    ),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="Results folder [default: results/NAME/VERB-TIME].")
]
WorkersOption = Annotated[
    int | None, typer.Option(min=1, help="Worker processes [default: CPU count].")
]
ReplicatesOption = Annotated[
    int | None, typer.Option(min=1, help="Replicates per design point (overrides the file).")
]
StepsOption = Annotated[int | None, typer.Option(min=1, help="Days to simulate.")]
SeedOption = Annotated[int | None, typer.Option(min=0, help="Root seed of the experiment.")]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        help="Dask scheduler address (tcp://HOST:PORT) for --executor dask "
        "[default: a local cluster of --workers processes on 127.0.0.1]."
    ),
]


def console() -> Console:
    """Standard output; wide when it is not a terminal, so tables do not wrap in logs."""
    return Console() if sys.stdout.isatty() else Console(width=140)


def bad_input(error: Exception) -> typer.Exit:
    Console(stderr=True, soft_wrap=True).print(
        f"[red]error:[/red] {escape(str(error))}", highlight=False
    )
    return typer.Exit(EXIT_BAD_INPUT)


def load(
    path: Path,
    settings: Iterable[str] | None,
    *,
    replicates: int | None = None,
    steps: int | None = None,
    seed: int | None = None,
) -> Experiment:
    """The experiment with ``--set`` and the ``--replicates/--steps/--seed`` shortcuts."""
    overrides = list(settings or [])
    for key, value in (("replicates", replicates), ("steps", steps), ("seed", seed)):
        if value is not None:
            overrides.append(f"experiment.{key}={value}")
    return load_experiment(path, overrides)


def default_out(experiment: Experiment, verb: str) -> Path:
    """``results/<experiment name>/<verb>-<timestamp>/``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path("results") / experiment.name / f"{verb}-{stamp}"


def progress_printer(out: Console):
    """An ``on_progress`` callback that drives the CLI's progress bar (or plain lines)."""
    from commsim.cli import ProgressReport  # the run command's report, loaded by now

    state: dict[str, Any] = {}

    def on_progress(record: RunRecord, progress: RunProgress) -> None:
        if "report" not in state:
            report = ProgressReport(out, progress.total, progress.reused, sys.stdout.isatty())
            state["report"] = report.__enter__()
        state["report"].update(record, progress)

    def close() -> None:
        if "report" in state:
            state.pop("report").__exit__(None, None, None)

    on_progress.close = close  # type: ignore[attr-defined]
    return on_progress


def report_failures(records: list[RunRecord], folder: Path, command: str) -> None:
    """Name failed runs and how to rerun them; exit 1."""
    failed = [r for r in records if r.status == "failed"]
    if not failed:
        return
    err = Console(stderr=True, soft_wrap=True)
    err.print(
        f"[red]{len(failed)} of {len(records)} runs failed[/red] "
        f"(tracebacks in {folder / 'manifest.json'}); rerun them with: {command} --resume",
        highlight=False,
    )
    raise typer.Exit(EXIT_RUN_FAILED)


def save_charts(charts: list, folder: Path, prefix: str, formats: Iterable[str] = ("png",)):
    """Write charts into ``folder/charts/`` as ``<prefix>_<nn>_<name>.<format>``."""
    from commsim.charts.make import save_chart

    target = folder / "charts"
    target.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for index, chart in enumerate(charts):
        paths += save_chart(chart, target, f"{prefix}_{index + 1:02d}_{chart.name}", formats)
    return paths


def check_folder_free(folder: Path, force: bool) -> None:
    """Refuse a non-empty folder unless ``--force`` (for commands that cannot resume)."""
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}: exists and is not a folder; choose another --out")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ConfigError(
            f"{folder}: results folder is not empty; use --force to write into it, or another --out"
        )
