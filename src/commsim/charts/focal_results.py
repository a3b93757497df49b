"""An experiment's results as charts and reports need them: the focal brand's time series,
arms in order with readable labels, the reference, checkpoints and the comparison.

The folder is read through :class:`commsim.experiment.results.store.ResultsStore` (its one reader);
everything but the time series is optional, so charts still work on a folder from a partial
run; a missing time series is an error for people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.analysis.compare import COMPARISON_COLUMNS, CROSSOVER_COLUMNS, compare_arms
from commsim.analysis.display import arm_label, factor_label
from commsim.config import Scenario
from commsim.experiment.results.folder_reading import ResultsFolderError
from commsim.experiment.results.store import ResultsStore
from commsim.experiment.spec.arms import arm_labels
from commsim.locale import say

REQUIRED_COLUMNS = ("arm", "replicate", "step", "brand")
# The comparison tables' columns (name -> holds numbers), checked before anything is drawn.
TEXT_COLUMNS = {"arm", "reference", "metric", "leader"}
COMPARISON_TYPES = {name: name not in TEXT_COLUMNS for name in COMPARISON_COLUMNS}
CROSSOVER_TYPES = {name: name not in TEXT_COLUMNS for name in CROSSOVER_COLUMNS}


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
    crossovers: pd.DataFrame | None = None  # crossovers.csv: payback rows, then crossovers
    world_of: dict[str, str] = field(default_factory=dict)  # arm -> its world without programme
    resolved: dict[str, Any] = field(default_factory=dict)  # experiment.resolved.toml

    @property
    def source_line(self) -> str:
        """Where a chart's numbers come from, printed under every chart."""
        seed = say("seed {seed}", seed=self.seed) if self.seed is not None else say("no seed")
        return say(
            "Source: commsim {version} simulation, experiment '{name}', {n} replicates per "
            "arm, {seed}; brand '{brand}'",
            version=self.version,
            name=self.name,
            n=self.replicates,
            seed=seed,
            brand=self.brand,
        )

    @property
    def worlds(self) -> list[str]:
        """The worlds without the programme that were run beside the arms (not arms)."""
        return sorted({w for w in self.world_of.values() if w not in self.arms})

    @property
    def incremental(self) -> bool:
        """Whether the results hold outcomes against the world without the programme."""
        return "incremental_profit" in self.timeseries.columns and bool(self.world_of)

    def scenario(self, arm: str | None = None) -> dict[str, Any]:
        """An arm's complete scenario as recorded (the reference's by default; {} if none)."""
        arms = self.resolved.get("arms", {})
        entry: Any = arms.get(arm or self.reference) or next(iter(arms.values()), {})
        return entry.get("scenario", {}) if isinstance(entry, dict) else {}

    @property
    def currency(self) -> str:
        """The currency of money values (``population.currency``; the model default if the
        folder does not record it)."""
        recorded = self.scenario().get("population", {}).get("currency")
        return str(recorded or Scenario().population.currency)

    @property
    def factors(self) -> list[str]:
        """Factor names of a factorial experiment, in file order (empty otherwise)."""
        names: list[str] = []
        for levels in self.arm_levels.values():
            names.extend(k for k in levels if k not in names)
        return names


def _checked_timeseries(store: ResultsStore) -> pd.DataFrame:
    frame = store.read_timeseries()
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ResultsFolderError(f"{store.path}: the time series lacks {', '.join(missing)}")
    if len(frame) == 0:
        raise ResultsFolderError(f"{store.path}: the time series has no rows")
    if "run_id" not in frame.columns:
        frame["run_id"] = frame["arm"].astype(str) + "/" + frame["replicate"].astype(str)
    return frame


def _arm_names(entries: list[dict[str, Any]], frame: pd.DataFrame) -> list[str]:
    """Arms in the experiment's order (the manifest's), then any others in order of appearance."""
    present = list(dict.fromkeys(frame["arm"].astype(str)))
    ordered = [str(entry["name"]) for entry in entries if str(entry["name"]) in present]
    return ordered + [arm for arm in present if arm not in ordered]


def levels_label(levels: dict[str, Any]) -> str:
    """A factorial arm's name in words: ``Topic community, value share 0.9``."""
    parts = []
    for key, level in levels.items():
        name = factor_label(key)
        parts.append(f"{level} {name}" if isinstance(level, str) else f"{name} {level}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def load_results(results_dir: str | Path) -> Results:
    """Read a results folder; raise :class:`ResultsFolderError` when it cannot be charted.

    The manifest says what was run; a folder without one (copied by hand, or from a run that
    never wrote it) falls back on its experiment copy and the time series itself.
    """
    folder = Path(results_dir)
    if not folder.is_dir():
        raise ResultsFolderError(f"results folder {folder} does not exist")
    store = ResultsStore(folder)
    frame = _checked_timeseries(store)
    manifest = store.read_manifest()
    config = store.read_experiment_copy()
    table = config.get("experiment", {}) if isinstance(config.get("experiment"), dict) else {}
    info = {**table, **manifest}  # what the manifest says wins over the experiment copy

    brands = list(dict.fromkeys(frame["brand"].astype(str)))
    brand = str(info.get("brand") or "")
    if brand not in brands:
        brand = "focal" if "focal" in brands else brands[0]
    focal = frame[frame["brand"].astype(str) == brand]
    focal = focal.sort_values(["arm", "replicate", "step"], kind="stable").reset_index(drop=True)

    entries = [e for e in manifest.get("arms", []) if isinstance(e, dict) and e.get("name")]
    counterfactuals = manifest.get("counterfactuals") or {}
    world_of = {str(k): str(v) for k, v in (counterfactuals.get("of") or {}).items()}
    extra = set(counterfactuals.get("arms") or []) - {str(e["name"]) for e in entries}
    arms = [arm for arm in _arm_names(entries, focal) if arm not in extra]
    reference = str(info.get("reference") or arms[0])
    if reference not in arms:
        reference = arms[0]
    horizon = int(focal["step"].max())
    checkpoints = info.get("checkpoints") or []
    checkpoints = sorted({int(c) for c in checkpoints if 0 < int(c) <= horizon} | {horizon})
    factors = info.get("factors") or config.get("factors") or {}
    arm_levels = {
        str(e["name"]): dict(e["factors"]) for e in entries if factors and e.get("factors")
    }
    labels = {arm: levels_label(arm_levels.get(arm, {})) or arm_label(arm) for arm in arms}
    labels.update(arm_labels(config.get("arms") or {}, arms))
    labels.update({world: say("No programme") for world in extra})
    seed = info.get("seed")
    return Results(
        path=folder,
        timeseries=focal,
        arms=arms,
        reference=reference,
        brand=brand,
        name=str(info.get("name") or folder.name),
        description=str(info.get("description") or ""),
        horizon=horizon,
        checkpoints=checkpoints,
        replicates=int(focal.groupby("arm")["replicate"].nunique().max()),
        seed=None if isinstance(seed, float) and math.isnan(seed) else seed,
        version=str(manifest.get("commsim_version") or "(version unknown)"),
        labels=labels,
        manifest=manifest,
        experiment=config,
        comparison=store.read_table("comparison", COMPARISON_TYPES),
        arm_levels=arm_levels,
        crossovers=store.read_table("crossovers", CROSSOVER_TYPES),
        world_of={arm: world for arm, world in world_of.items() if arm in arms},
        resolved=store.read_resolved(),
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
        rows = table[
            table["metric"].isin(metrics)
            & table["checkpoint"].isin(days)
            & table["arm"].isin(results.arms)
        ]
        if len(rows) == len(metrics) * len(days) * len(results.arms):
            return rows[COMPARISON_COLUMNS].reset_index(drop=True)
    seed = results.seed if isinstance(results.seed, int) else 0
    source = results.timeseries if frame is None else frame
    source = source[source["arm"].isin(results.arms)]
    return compare_arms(source, results.reference, days, metrics=metrics, seed=seed)


def differences_of(rows: pd.DataFrame) -> pd.DataFrame:
    """Comparison rows as paired differences (``arm``, ``mean``, ``ci_low``, ``ci_high``)."""
    diffs = rows.dropna(subset=["diff_mean"])[["arm", "diff_mean", "diff_low", "diff_high"]]
    return diffs.rename(columns={"diff_mean": "mean", "diff_low": "ci_low", "diff_high": "ci_high"})
