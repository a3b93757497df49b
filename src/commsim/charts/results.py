"""Read a results folder (as ``commsim run`` writes it) into what charts and reports need.

Everything but the time series is optional and read defensively, so charts still work on a
folder from an older or partial run; a missing time series is an error for people.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.analysis.compare import COMPARISON_COLUMNS, compare_arms
from commsim.analysis.display import arm_label, factor_label

REQUIRED_COLUMNS = ("arm", "replicate", "step", "brand")


class ResultsFolderError(ValueError):
    """A results folder that charts cannot use; the message names the folder and the file."""


@dataclass(frozen=True)
class Results:
    """One experiment's results, focused on the focal brand."""

    path: Path
    timeseries: pd.DataFrame  # focal brand only, sorted by arm, replicate, step
    arms: list[str]
    reference: str
    brand: str
    name: str
    description: str
    horizon: int
    checkpoints: list[int]
    replicates: int
    seed: Any
    version: str
    labels: dict[str, str]
    manifest: dict[str, Any] = field(default_factory=dict)
    experiment: dict[str, Any] = field(default_factory=dict)  # the whole experiment.toml
    comparison: pd.DataFrame | None = None
    arm_levels: dict[str, dict[str, Any]] = field(default_factory=dict)  # factorial arms

    @property
    def source_line(self) -> str:
        """Where a chart's numbers come from, printed under every chart."""
        seed = f"seed {self.seed}" if self.seed is not None else "seed not recorded"
        return (
            f"Source: commsim {self.version} simulation, experiment '{self.name}', "
            f"{self.replicates} replicates per arm, {seed}; brand '{self.brand}'"
        )

    @property
    def factors(self) -> list[str]:
        """Factor names of a factorial experiment, in file order (empty otherwise)."""
        names: list[str] = []
        for levels in self.arm_levels.values():
            names.extend(k for k in levels if k not in names)
        return names


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ResultsFolderError(f"{path}: not valid JSON ({error})") from None
    return data if isinstance(data, dict) else {}


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ResultsFolderError(f"{path}: not valid TOML ({error})") from None


def _read_timeseries(folder: Path) -> pd.DataFrame:
    parquet, csv = folder / "timeseries.parquet", folder / "timeseries.csv"
    if parquet.is_file():
        frame = pd.read_parquet(parquet)
        source = parquet
    elif csv.is_file():
        frame = pd.read_csv(csv)
        source = csv
    else:
        raise ResultsFolderError(
            f"results folder {folder} has no timeseries.parquet (nor timeseries.csv); "
            "run `commsim run EXPERIMENT.toml --out DIR` first"
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ResultsFolderError(f"{source} lacks the column(s) {', '.join(missing)}")
    if len(frame) == 0:
        raise ResultsFolderError(f"{source} has no rows")
    if "run_id" not in frame.columns:
        frame["run_id"] = frame["arm"].astype(str) + "/" + frame["replicate"].astype(str)
    return frame


def _arm_names(manifest_arms: Any, frame: pd.DataFrame) -> list[str]:
    """Arms in the experiment's order (the manifest's), falling back to order of appearance."""
    present = list(dict.fromkeys(frame["arm"].astype(str)))
    listed: list[str] = []
    if isinstance(manifest_arms, dict):
        listed = [str(k) for k in manifest_arms]
    elif isinstance(manifest_arms, list):
        for entry in manifest_arms:
            listed.append(str(entry.get("name")) if isinstance(entry, dict) else str(entry))
    ordered = [arm for arm in listed if arm in present]
    return ordered + [arm for arm in present if arm not in ordered]


def _arm_entries(manifest_arms: Any) -> dict[str, dict[str, Any]]:
    if isinstance(manifest_arms, dict):
        return {str(k): v for k, v in manifest_arms.items() if isinstance(v, dict)}
    if isinstance(manifest_arms, list):
        return {str(e["name"]): e for e in manifest_arms if isinstance(e, dict) and e.get("name")}
    return {}


def _factor_levels(entries: dict[str, dict[str, Any]], factors: dict[str, Any]) -> dict:
    """Each arm's level of each factor, when the experiment is factorial."""
    if not factors:
        return {}
    levels: dict[str, dict[str, Any]] = {}
    for arm, entry in entries.items():
        found = entry.get("factors") or entry.get("levels")
        if not isinstance(found, dict):
            overrides = entry.get("overrides") or entry.get("set") or {}
            found = {k: v for k, v in overrides.items() if k in factors}
        if found:
            levels[arm] = dict(found)
    return levels


def levels_label(levels: dict[str, Any]) -> str:
    """A factorial arm's name in words: ``Topic community, value share 0.9``."""
    parts = []
    for key, level in levels.items():
        name = factor_label(key)
        parts.append(f"{level} {name}" if isinstance(level, str) else f"{name} {level}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _first(*values: Any, default: Any = None) -> Any:
    for value in values:
        if value is not None:
            return value
    return default


def load_results(results_dir: str | Path) -> Results:
    """Read a results folder; raise :class:`ResultsFolderError` when it cannot be charted."""
    folder = Path(results_dir)
    if not folder.is_dir():
        raise ResultsFolderError(f"results folder {folder} does not exist")
    frame = _read_timeseries(folder)
    manifest = _read_json(folder / "manifest.json")
    config = _read_toml(folder / "experiment.toml")
    table = config.get("experiment", {}) if isinstance(config.get("experiment"), dict) else {}
    experiment_info = manifest.get("experiment")
    info = experiment_info if isinstance(experiment_info, dict) else {}

    brands = list(dict.fromkeys(frame["brand"].astype(str)))
    brand = str(_first(manifest.get("brand"), info.get("brand"), default=""))
    if brand not in brands:
        brand = "focal" if "focal" in brands else brands[0]
    focal = frame[frame["brand"].astype(str) == brand]
    focal = focal.sort_values(["arm", "replicate", "step"], kind="stable").reset_index(drop=True)

    manifest_arms = _first(manifest.get("arms"), info.get("arms"))
    arms = _arm_names(manifest_arms, focal)
    entries = _arm_entries(manifest_arms)
    reference = str(
        _first(
            manifest.get("reference"),
            info.get("reference"),
            table.get("reference"),
            default=arms[0],
        )
    )
    if reference not in arms:
        reference = arms[0]
    horizon = int(focal["step"].max())
    checkpoints = _first(
        manifest.get("checkpoints"), info.get("checkpoints"), table.get("checkpoints"), default=[]
    )
    checkpoints = sorted({int(c) for c in checkpoints if 0 < int(c) <= horizon} | {horizon})
    replicates = int(focal.groupby("arm")["replicate"].nunique().max())
    factors = _first(
        manifest.get("factors"), info.get("factors"), config.get("factors"), default={}
    )
    arm_levels = _factor_levels(entries, factors if isinstance(factors, dict) else {})
    labels = {
        arm: str(
            entries.get(arm, {}).get("label")
            or levels_label(arm_levels.get(arm, {}))
            or arm_label(arm)
        )
        for arm in arms
    }
    comparison = None
    if (folder / "comparison.csv").is_file():
        comparison = pd.read_csv(folder / "comparison.csv")
    version = _first(
        manifest.get("commsim_version"),
        manifest.get("version"),
        manifest.get("package_version"),
        default="(version unknown)",
    )
    seed = _first(
        manifest.get("seed"), manifest.get("root_seed"), info.get("seed"), table.get("seed")
    )
    return Results(
        path=folder,
        timeseries=focal,
        arms=arms,
        reference=reference,
        brand=brand,
        name=str(
            _first(manifest.get("name"), info.get("name"), table.get("name"), default=folder.name)
        ),
        description=str(
            _first(
                manifest.get("description"),
                info.get("description"),
                table.get("description"),
                default="",
            )
        ),
        horizon=horizon,
        checkpoints=checkpoints,
        replicates=replicates,
        seed=None if isinstance(seed, float) and math.isnan(seed) else seed,
        version=str(version),
        labels=labels,
        manifest=manifest,
        experiment=config,
        comparison=comparison,
        arm_levels=arm_levels,
    )


def comparison_at(
    results: Results,
    days: list[int],
    metrics: list[str] | tuple[str, ...],
    frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Means, intervals and paired differences (columns of comparison.csv) for ``metrics`` on
    ``days``: read from comparison.csv where it holds them all, so charts and tables quote the
    same numbers, else computed the same way (:func:`commsim.analysis.compare.compare_arms`).

    ``frame`` replaces the focal time series (e.g. with a metric over a trailing window).
    """
    metrics = [m for m in metrics if m in results.timeseries.columns]
    table = results.comparison
    if frame is None and table is not None and set(COMPARISON_COLUMNS) <= set(table.columns):
        rows = table[table["metric"].isin(metrics) & table["checkpoint"].isin(days)]
        if len(rows) == len(metrics) * len(days) * len(results.arms):
            return rows[COMPARISON_COLUMNS].reset_index(drop=True)
    seed = results.seed if isinstance(results.seed, int) else 0
    source = results.timeseries if frame is None else frame
    return compare_arms(source, results.reference, days, metrics=metrics, seed=seed)


def differences_of(rows: pd.DataFrame) -> pd.DataFrame:
    """Comparison rows as paired differences (``arm``, ``mean``, ``ci_low``, ``ci_high``)."""
    diffs = rows.dropna(subset=["diff_mean"])[["arm", "diff_mean", "diff_low", "diff_high"]]
    return diffs.rename(columns={"diff_mean": "mean", "diff_low": "ci_low", "diff_high": "ci_high"})
