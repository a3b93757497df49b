"""Experiment files in and out: start the page from one, write what was found by hand as one.

The file written has ``[experiment]`` (name, steps, replicates, seed), ``[base]`` (the world:
the starting experiment's base, then platform and population from the controls) and one
``[arms.*]`` table per strategy on the page, all as dotted keys, so ``commsim run`` repeats
the run on the page as replicate 0 and adds the others.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from commsim.config import flatten
from commsim.config.presets import reach_left_to_preset
from commsim.experiment import load_experiment

# The experiment stage's TOML value writer; the page adds dotted keys on top of it.
from commsim.experiment.toml_text import toml_key_part, toml_value
from commsim.ui.controls import Origin, PageChoices


def read_origin(path: Path) -> Origin:
    """Start from an experiment file: its ``[base]`` scenario and its run settings.

    The whole file is validated (a bad one stops ``commsim explore`` with one message);
    its arms are left out, since the page's controls are the strategies.
    """
    experiment = load_experiment(path)
    info = experiment.info
    return Origin(
        base=experiment.base,
        name=f"{info.name}_explored",
        steps=info.steps,
        replicates=info.replicates,
        seed=info.seed,
        checkpoints=tuple(info.checkpoints),
        source=str(path),
    )


def toml_key(key: str) -> str:
    """A dotted key, each part bare where TOML allows it and quoted otherwise."""
    return ".".join(toml_key_part(part) for part in key.split("."))


def base_keys(origin: Origin, settings: PageChoices) -> dict[str, Any]:
    """The shared world: the origin's base with the page's platform and population on top."""
    base = reach_left_to_preset(flatten(origin.base), settings.world["platform.preset"])
    base.update(settings.world)
    return base


def experiment_text(
    origin: Origin, settings: PageChoices, *, file_name: str = "", written: datetime | None = None
) -> str:
    """The experiment file for the strategies on the page."""
    written = written or datetime.now()
    source = f" from {origin.source}" if origin.source else ""
    lines = [
        f"# Written by `commsim explore`{source} on {written:%Y-%m-%d %H:%M}.",
        f"# Run it with: commsim run {file_name or origin.name + '.toml'}",
        "# Replicate 0 repeats the run watched on the page; the others add new seeds.",
        "",
        "[experiment]",
        f"name = {toml_value(origin.name)}",
        f"steps = {origin.steps}",
        f"replicates = {origin.replicates}",
        f"seed = {settings.seed}",
    ]
    if origin.checkpoints:
        lines.append(f"checkpoints = {toml_value(list(origin.checkpoints))}")
    lines += ["", "[base]"]
    lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in base_keys(origin, settings).items()]
    for arm, strategy in settings.strategies.items():
        lines += ["", f"[arms.{arm}]"]
        lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in strategy.items()]
    return "\n".join(lines) + "\n"


def free_path(folder: Path, name: str) -> Path:
    """``folder/name.toml``, or ``name-2.toml`` and so on: never overwrite a file."""
    path = folder / f"{name}.toml"
    number = 2
    while path.exists():
        path = folder / f"{name}-{number}.toml"
        number += 1
    return path


def write_experiment(folder: Path, origin: Origin, settings: PageChoices) -> Path:
    """Write the experiment file into ``folder`` under a fresh name; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = free_path(folder, origin.name)
    path.write_text(experiment_text(origin, settings, file_name=path.name), encoding="utf-8")
    return path
