"""Synthetic results folders with known answers, so chart tests do not wait for the model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from commsim.model.metrics import METRIC_NAMES

STEPS = 730
REPLICATES = 6
SEED = 7


def synthetic_timeseries(
    *,
    crossover_day: float | None = 600.0,
    steps: int = STEPS,
    replicates: int = REPLICATES,
    arms: dict[str, dict[str, str]] | None = None,
) -> pd.DataFrame:
    """Tidy rows for a 'push' reference arm and a 'value' arm (plus a rival brand).

    Push earns 10 a day. Value loses 20 a day at first and gains ``60 / crossover_day`` more
    each day, so its cumulative profit, -20 t + 30 t^2 / crossover_day, meets push's 10 t at
    exactly ``crossover_day`` (replicates scatter it by a few per cent). Without a crossover
    day, value's daily gain is too slow to catch up within the horizon.
    """
    rng = np.random.default_rng(SEED)
    t = np.arange(1, steps + 1, dtype=float)
    slope = 60.0 / crossover_day if crossover_day else 0.01
    growth = {"push": 200.0, "value": 1000.0}
    frames = []
    names = list(arms or {"push": {}, "value": {}})
    for r in range(replicates):
        noise = rng.normal(0.0, 0.03, size=len(names))
        for i, arm in enumerate(names):
            kind = "value" if "value" in arm else "push"
            scale = 1.0 + noise[i]
            profit = 10.0 * scale + 0 * t if kind == "push" else -20.0 + slope * scale * t
            members = growth[kind] * scale / (1 + np.exp(-(t - steps / 3) / 60))
            frame = pd.DataFrame({name: np.zeros(steps) for name in METRIC_NAMES})
            frame["profit"] = profit
            frame["cum_profit"] = np.cumsum(profit)
            frame["cost"] = 30.0
            frame["roi"] = frame["cum_profit"] / np.cumsum(frame["cost"])
            frame["community_members"] = np.round(members)
            frame["active_members"] = np.round(members * 0.2)
            frame["followers"] = np.round(members * 1.2)
            frame["awareness"] = 0.1 + (0.3 if kind == "value" else 0.1) * t / steps * scale
            frame["mean_attitude"] = (0.2 if kind == "value" else 0.05) * scale
            frame["posts"] = (t % 2 == 0).astype(float)
            frame["impressions_organic"] = 40.0 * frame["posts"]
            frame["organic_reach_rate"] = 0.15 * frame["posts"]
            frame["engagements"] = (4.0 if kind == "value" else 1.0) * frame["posts"]
            frame["engagement_rate"] = frame["engagements"] / 40.0
            frame["reached_members"] = np.round(3000 * scale * t / steps)
            frame["engaged_members"] = np.round((600 if kind == "value" else 150) * t / steps)
            frame["aware_members"] = np.round(frame["awareness"] * 10_000)
            frame["buyers"] = np.round((400 if kind == "value" else 300) * scale * t / steps)
            frame["purchases"] = 1.0
            frame["program_active"] = 1
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
) -> Path:
    """A results folder as the runner writes it: time series, manifest, experiment file."""
    folder.mkdir(parents=True, exist_ok=True)
    timeseries.to_parquet(folder / "timeseries.parquet")
    arms = list(dict.fromkeys(timeseries["arm"]))
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
        lines += [f"[arms.{arm}]" for arm in arms]
    (folder / "experiment.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
