"""The manifest: what was run, with which code, where, when, and how each run ended.

It answers a reviewer's "can I trust and repeat this?": package and Python versions, the git
commit (and whether the tree had uncommitted changes), the host, the command line, the root
seed and the hash of the resolved experiment, then per-run status, wall time and traceback.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from commsim.config.limits import shown
from commsim.experiment.spec.experiment_spec import Experiment

KEY_PACKAGES = ("commsim", "mesa", "numpy", "scipy", "pandas", "pyarrow", "pydantic")


def now() -> str:
    """The current time, ISO 8601 in UTC."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _git(folder: Path, *args: str) -> str | None:
    """``git ARGS`` in ``folder``, taking no lock of the checkout (``git status`` would
    otherwise refresh the index under ``.git/index.lock``, and a user's own commit at that
    moment would fail)."""
    try:
        done = subprocess.run(
            ["git", "--no-optional-locks", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


@cache
def git_state() -> dict[str, Any] | None:
    """Commit and dirty flag of the source tree commsim runs from, when it is a git checkout."""
    source = Path(__file__).resolve().parent
    commit = _git(source, "rev-parse", "HEAD")
    if commit is None:
        return None
    changes = _git(source, "status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(changes)}


def environment() -> dict[str, Any]:
    """Code and machine the results come from."""
    return {
        "commsim_version": package_version("commsim") or "0+unknown",
        "git": git_state(),
        "python": platform.python_version(),
        "packages": {name: package_version(name) for name in KEY_PACKAGES},
        "host": {
            "name": platform.node(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
    }


def describe_experiment(experiment: Experiment) -> dict[str, Any]:
    """The experiment as charts and reports read it from the manifest."""
    info = experiment.info
    return {
        "name": info.name,
        "description": info.description,
        "experiment_file": experiment.where or None,
        "seed": info.seed,
        "root_seed": info.seed,
        "steps": info.steps,
        "replicates": info.replicates,
        "checkpoints": experiment.checkpoints,
        "reference": experiment.reference,
        "brand": experiment.brand,
        "factors": experiment.factor_levels,
        "settings": {key: value for key, value in experiment.settings},
        "arms": [
            {"name": arm.name, "factors": arm.levels, "overrides": arm.overrides}
            for arm in experiment.resolved_arms
        ],
        "counterfactuals": {
            "arms": [arm.name for arm in experiment.counterfactual_arms],
            "of": experiment.counterfactual_of,
        },
        "config_hash": experiment.config_hash(),
    }


def new_manifest(
    experiment: Experiment, *, argv: list[str] | None, executor: str, workers: int
) -> dict[str, Any]:
    """The manifest of a session that is about to run (status ``running``)."""
    return {
        **environment(),
        **describe_experiment(experiment),
        "argv": list(sys.argv if argv is None else argv),
        "executor": executor,
        "workers": workers,
        "status": "running",
        "started": now(),
        "finished": None,
        "wall_seconds": None,
        "sessions": [],
        "counts": {},
        "runs": [],
    }


# Manifest fields that commsim reads back, and the JSON types they must have.
MANIFEST_FIELDS: dict[str, tuple[type, ...]] = {
    "config_hash": (str,),
    "status": (str,),
    "name": (str,),
    "commsim_version": (str,),
    "sessions": (list,),
    "runs": (list,),
    "arms": (list,),
    "checkpoints": (list,),
    "factors": (dict,),
    "settings": (dict,),
    "counts": (dict,),
    "sweep": (dict,),
    "seed": (int,),
    "steps": (int,),
    "replicates": (int,),
    "reference": (str,),
    "brand": (str,),
}
_TYPE_WORDS = {str: "text", list: "a list", dict: "an object", int: "a whole number"}


def manifest_problem(data: Any) -> str | None:
    """What is wrong with a manifest's structure (``None`` when nothing is)."""
    if not isinstance(data, dict):
        return f"not a JSON object (got {shown(data)})"
    for key, kinds in MANIFEST_FIELDS.items():
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, kinds) or isinstance(value, bool):
            return f"'{key}' should be {_TYPE_WORDS[kinds[0]]} (got {shown(value)})"
    for key in ("sessions", "runs", "arms"):
        if not all(isinstance(entry, dict) for entry in data.get(key) or []):
            return f"'{key}' should be a list of objects"
    checkpoints = data.get("checkpoints") or []
    if not all(isinstance(day, int) and not isinstance(day, bool) for day in checkpoints):
        return f"'checkpoints' should be a list of days (got {shown(checkpoints)})"
    return None
