"""Synthetic results folders with known answers, so chart tests do not wait for the model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from commsim.model.catalogue import METRIC_NAMES

STEPS = 730
REPLICATES = 6
SEED = 7


def synthetic_timeseries(
    *,
    crossover_day: float | None = 600.0,
    steps: int = STEPS,
    replicates: int = REPLICATES,
    arms: dict[str, dict[str, str]] | None = None,
    world: bool = False,
) -> pd.DataFrame:
    """Tidy rows for a 'push' reference arm and a 'value' arm (plus a rival brand).

    Push earns 10 a day. Value loses 20 a day at first and gains ``60 / crossover_day`` more
    each day, so its cumulative profit, -20 t + 30 t^2 / crossover_day, meets push's 10 t at
    exactly ``crossover_day`` (replicates scatter it by a few per cent). Without a crossover
    day, value's daily gain is too slow to catch up within the horizon.

    ``world`` adds the world without the programme (``no_programme``), which earns 11 a day
    at no cost, and the incremental outcomes against it: push adds -1 a day (it never pays
    back), value -31 t + 30 t^2 / crossover_day (it pays back on day 31 / 30 x crossover_day).
    Purchases split into repeat, switched and new, and cost into content and community.
    """
    rng = np.random.default_rng(SEED)
    t = np.arange(1, steps + 1, dtype=float)
    slope = 60.0 / crossover_day if crossover_day else 0.01
    growth = {"push": 200.0, "value": 1000.0}
    frames = []
    names = list(arms or {"push": {}, "value": {}}) + (["no_programme"] if world else [])
    for r in range(replicates):
        noise = rng.normal(0.0, 0.03, size=len(names))
        world_profit = 11.0 + 0 * t
        for i, arm in enumerate(names):
            kind = "value" if "value" in arm else "push"
            scale = 1.0 + noise[i]
            profit = 10.0 * scale + 0 * t if kind == "push" else -20.0 + slope * scale * t
            if arm == "no_programme":
                profit = world_profit
            members = growth[kind] * scale / (1 + np.exp(-(t - steps / 3) / 60))
            frame = pd.DataFrame({name: np.zeros(steps) for name in METRIC_NAMES})
            frame["profit"] = profit
            frame["cum_profit"] = np.cumsum(profit)
            frame["cost"] = 30.0
            frame["roi_all_sales"] = frame["cum_profit"] / np.cumsum(frame["cost"])
            frame["community_members"] = np.round(members)
            frame["active_members"] = np.round(members * 0.2)
            frame["followers"] = np.round(members * 1.2)
            frame["awareness"] = 0.1 + (0.3 if kind == "value" else 0.1) * t / steps * scale
            frame["mean_attitude"] = (0.2 if kind == "value" else 0.05) * scale
            frame["favourable_share"] = (0.3 if kind == "value" else 0.1) * scale
            frame["posts"] = (t % 2 == 0).astype(float)
            frame["impressions_organic"] = 40.0 * frame["posts"]
            frame["organic_reach_rate"] = 0.15 * frame["posts"]
            frame["engagements"] = (4.0 if kind == "value" else 1.0) * frame["posts"]
            frame["engagement_rate"] = frame["engagements"] / 40.0
            frame["reached_members"] = np.round(3000 * scale * t / steps)
            frame["engaged_members"] = np.round((600 if kind == "value" else 150) * t / steps)
            frame["aware_members"] = np.round(frame["awareness"] * 10_000)
            frame["buyers"] = np.round((400 if kind == "value" else 300) * scale * t / steps)
            frame["reached_aware"] = np.round(frame["reached_members"] * 0.6)
            frame["reached_buyers"] = np.round(frame["buyers"] * 0.5)
            frame["purchases"] = 1.0
            frame["program_active"] = 1
            if world:
                programme = arm != "no_programme"
                frame["cost_content"] = 20.0 * programme
                frame["cost_community"] = 10.0 * programme
                frame["cost"] = frame["cost_content"] + frame["cost_community"]
                frame["purchases_repeat"] = 6.0 + (1.0 if kind == "value" else 0.3) * programme
                frame["purchases_switched"] = 1.0 + 0.2 * programme
                frame["purchases_new"] = 2.0 + (2.0 if kind == "value" else 0.1) * programme
                frame["purchases"] = frame[
                    ["purchases_repeat", "purchases_switched", "purchases_new"]
                ].sum(axis=1)
                extra = np.cumsum(profit - world_profit)
                frame["incremental_profit"] = extra
                frame["incremental_revenue"] = extra
                spent = np.cumsum(frame["cost"]).replace(0, np.nan)
                frame["incremental_roi"] = (extra / spent).fillna(0.0)
            frame.insert(0, "brand", "focal")
            frame.insert(0, "step", t.astype(int))
            frame.insert(0, "seed", 1000 + r)
            frame.insert(0, "replicate", r)
            frame.insert(0, "arm", arm)
            frame.insert(0, "run_id", f"{arm}-r{r:03d}")
            rival = frame.copy()
            rival["brand"] = "rival"
            rival["cum_profit"] = -rival["cum_profit"]
            frames += [frame, rival]
    return pd.concat(frames, ignore_index=True)


def write_results_folder(
    folder: Path,
    timeseries: pd.DataFrame,
    *,
    reference: str = "push",
    factors: dict[str, list] | None = None,
    arm_levels: dict[str, dict] | None = None,
    labels: dict[str, str] | None = None,
    currency: str | None = None,
) -> Path:
    """A results folder as the runner writes it: time series, manifest, experiment file (with
    the arms' display ``labels``), and with a world without the programme in the time
    series, its payback rows in crossovers.csv; ``currency`` writes a resolved experiment."""
    folder.mkdir(parents=True, exist_ok=True)
    timeseries.to_parquet(folder / "timeseries.parquet")
    arms = [a for a in dict.fromkeys(timeseries["arm"]) if a != "no_programme"]
    steps = int(timeseries["step"].max())
    manifest = {
        "name": "synthetic",
        "description": "Does value content pay off later than sales push?",
        "seed": SEED,
        "replicates": int(timeseries["replicate"].nunique()),
        "steps": steps,
        "arms": [{"name": a, "factors": (arm_levels or {}).get(a, {})} for a in arms],
        "checkpoints": [steps // 4, steps // 2, steps],
        "reference": reference,
        "commsim_version": "0.test",
    }
    if "no_programme" in set(timeseries["arm"]):
        manifest["counterfactuals"] = {
            "arms": ["no_programme"],
            "of": {arm: "no_programme" for arm in [*arms, "no_programme"]},
        }
        payback_table(timeseries, arms).to_csv(folder / "crossovers.csv", index=False)
    if currency:
        scenario = "[arms.{arm}.scenario.population]\nmembers = 3000\nmarket_size = 1000000\n"
        text = "".join(scenario.format(arm=arm) + f'currency = "{currency}"\n\n' for arm in arms)
        (folder / "experiment.resolved.toml").write_text(text, encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    lines = [
        "[experiment]",
        'name = "synthetic"',
        'description = "Does value content pay off later than sales push?"',
        f"steps = {steps}",
        f"seed = {SEED}",
        f'reference = "{reference}"',
    ]
    if factors:
        lines.append("[factors]")
        lines += [f'"{key}" = {json.dumps(values)}' for key, values in factors.items()]
    else:
        for arm in arms:
            lines.append(f"[arms.{arm}]")
            if arm in (labels or {}):
                lines.append(f"label = {json.dumps(labels[arm], ensure_ascii=False)}")
    (folder / "experiment.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def payback_table(timeseries: pd.DataFrame, arms: list[str]) -> pd.DataFrame:
    """crossovers.csv's payback rows: per arm, the first day from which incremental profit
    stays positive, over the focal brand's replicates."""
    focal = timeseries[timeseries["brand"] == "focal"]
    rows = []
    for arm in arms:
        days = []
        runs = focal[focal["arm"] == arm]
        for _, run in runs.groupby("replicate"):
            negative = np.flatnonzero(run["incremental_profit"].to_numpy() <= 0)
            last = run["step"].to_numpy()
            if len(negative) < len(last) and (len(negative) == 0 or negative[-1] < len(last) - 1):
                days.append(float(last[negative[-1] + 1]) if len(negative) else float(last[0]))
        n = runs["replicate"].nunique()
        rows.append(
            {
                "arm": arm,
                "reference": "no_programme",
                "metric": "payback",
                "median_day": float(np.median(days)) if days else np.nan,
                "low_day": float(np.quantile(days, 0.025)) if days else np.nan,
                "high_day": float(np.quantile(days, 0.975)) if days else np.nan,
                "share_crossed": len(days) / n,
                "n": n,
                "leader": arm if days else "no_programme",
            }
        )
    return pd.DataFrame(rows)
