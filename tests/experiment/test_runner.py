"""run_experiment: a results folder you can trust, whatever the executor, failures or resumes."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from tiny_experiment import TINY

from commsim import load_experiment, run_experiment
from commsim.experiment import replicate_seeds
from commsim.experiment.execution.executors import FAULT_ENV
from commsim.model.catalogue import INCREMENTAL_METRICS, METRIC_NAMES

TABLES = ("timeseries.csv", "summary.csv", "comparison.csv", "crossovers.csv")


@pytest.fixture(scope="module")
def experiment(tmp_path_factory):
    path = tmp_path_factory.mktemp("spec") / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    return load_experiment(path)


@pytest.fixture(scope="module")
def reference(experiment, tmp_path_factory):
    """The uninterrupted run, in this process."""
    return run_experiment(experiment, out=tmp_path_factory.mktemp("ref") / "out", workers=1)


def assert_same_tables(folder: Path, other: Path) -> None:
    for name in TABLES:
        assert (folder / name).read_bytes() == (other / name).read_bytes(), name
    pd.testing.assert_frame_equal(
        pd.read_parquet(folder / "timeseries.parquet"),
        pd.read_parquet(other / "timeseries.parquet"),
    )


def test_the_folder_holds_the_manifest_copies_runs_and_tables(reference):
    names = {p.name for p in reference.path.iterdir()}
    assert {
        "manifest.json",
        "experiment.toml",
        "experiment.resolved.toml",
        "runs",
        "timeseries.parquet",
        *TABLES,
    } <= names
    # 2 arms and the world without the programme, x 3 replicates
    assert len(list((reference.path / "runs").glob("*.parquet"))) == 9
    assert reference.ok and len(reference.executed) == 9


def test_the_time_series_is_tidy_in_run_order_with_the_seed_on_every_row(reference):
    frame = pd.read_parquet(reference.path / "timeseries.parquet")
    assert list(frame.columns) == [
        "run_id",
        "arm",
        "replicate",
        "seed",
        "step",
        "brand",
        *METRIC_NAMES,
        *INCREMENTAL_METRICS,
    ]
    assert list(dict.fromkeys(frame["run_id"])) == [r.run.run_id for r in reference.runs]
    assert len(frame) == 9 * 40
    seeds = replicate_seeds(11, 3)
    per_run = frame.groupby("run_id", sort=False)[["replicate", "seed"]].first()
    assert [seeds[r] for r in per_run["replicate"]] == per_run["seed"].tolist()


def test_summary_has_final_values_and_key_metrics_at_checkpoints(reference):
    summary = pd.read_csv(reference.path / "summary.csv")
    assert len(summary) == 9
    assert list(summary.columns[:5]) == ["run_id", "arm", "replicate", "seed", "brand"]
    last = reference.timeseries.groupby("run_id", sort=False).tail(1)
    assert summary["cum_profit"].tolist() == pytest.approx(last["cum_profit"].tolist())
    at_20 = reference.timeseries[reference.timeseries["step"] == 20]
    assert summary["cum_profit_d20"].tolist() == pytest.approx(at_20["cum_profit"].tolist())
    assert {"awareness_d10", "followers_d40", "purchases_d20"} <= set(summary.columns)
    assert {"incremental_profit_d20", "incremental_roi", "payback_day"} <= set(summary.columns)


def test_increments_are_paired_with_the_world_without_the_programme(reference):
    """Each arm's incremental profit is its cumulative profit minus that of the world
    without the programme, same replicate and day; that world's own increment is 0."""
    frame = reference.timeseries
    focal = frame[frame["brand"] == "focal"].set_index(["arm", "replicate", "step"])
    value = focal.loc["value"]
    none = focal.loc["no_programme"]
    expected = value["cum_profit"] - none["cum_profit"]
    pd.testing.assert_series_equal(
        value["incremental_profit"], expected, check_names=False, rtol=1e-12
    )
    assert (none["incremental_profit"] == 0).all() and (none["incremental_roi"] == 0).all()
    cost = value.groupby("replicate")["cost"].cumsum()
    roi = value["incremental_profit"] / cost
    pd.testing.assert_series_equal(value["incremental_roi"], roi, check_names=False, rtol=1e-9)


def test_comparison_has_every_arm_at_every_checkpoint_with_paired_differences(reference):
    comparison = pd.read_csv(reference.path / "comparison.csv")
    assert list(comparison.columns) == [
        "arm",
        "checkpoint",
        "metric",
        "mean",
        "ci_low",
        "ci_high",
        "diff_mean",
        "diff_low",
        "diff_high",
        "n",
    ]
    profit = comparison[comparison["metric"] == "cum_profit"]
    assert sorted(set(profit["checkpoint"])) == [10, 20, 40]
    assert profit[profit["arm"] == "push"]["diff_mean"].isna().all()
    final = reference.timeseries[reference.timeseries["step"] == 40]
    wide = final.pivot(index="replicate", columns="arm", values="cum_profit")
    value = profit[(profit["arm"] == "value") & (profit["checkpoint"] == 40)].iloc[0]
    assert value["diff_mean"] == pytest.approx((wide["value"] - wide["push"]).mean())
    assert {"incremental_profit", "incremental_roi"} <= set(comparison["metric"])
    crossovers = pd.read_csv(reference.path / "crossovers.csv")
    assert crossovers[["arm", "reference", "metric"]].values.tolist() == [
        ["push", "no_programme", "payback"],
        ["value", "no_programme", "payback"],
        ["value", "push", "cum_profit"],
    ]


def test_the_manifest_says_what_ran_with_which_code_where_and_how_it_ended(reference):
    manifest = json.loads((reference.path / "manifest.json").read_text())
    for key in ("commsim_version", "python", "packages", "host", "argv", "started", "finished"):
        assert manifest[key], key
    assert manifest["git"] is None or set(manifest["git"]) == {"commit", "dirty"}
    assert manifest["seed"] == 11 and manifest["reference"] == "push"
    assert manifest["config_hash"] == reference.experiment.config_hash()
    assert manifest["status"] == "finished"
    assert manifest["counts"] == {
        "runs": 9,
        "finished": 9,
        "failed": 0,
        "pending": 0,
        "reused": 0,
    }
    assert [r["status"] for r in manifest["runs"]] == ["finished"] * 9
    assert manifest["counterfactuals"] == {
        "arms": ["no_programme"],
        "of": {"push": "no_programme", "value": "no_programme", "no_programme": "no_programme"},
    }
    assert all(r["wall_seconds"] > 0 for r in manifest["runs"])


def test_any_executor_gives_the_same_tables_in_the_same_order(experiment, reference, tmp_path):
    with ThreadPoolExecutor(3) as pool:  # completion order differs from run order
        result = run_experiment(experiment, out=tmp_path / "out", workers=3, executor=pool)
    assert_same_tables(reference.path, result.path)


def test_failed_runs_are_recorded_the_others_finish_and_a_resume_completes_them(
    experiment, reference, tmp_path, monkeypatch
):
    monkeypatch.setenv(FAULT_ENV, "value-r001")
    failed = run_experiment(experiment, out=tmp_path / "out", workers=1)
    assert [r.run.run_id for r in failed.failed] == ["value-r001"]
    assert "RuntimeError" in failed.failed[0].error
    manifest = json.loads((failed.path / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    entry = next(r for r in manifest["runs"] if r["run_id"] == "value-r001")
    assert entry["status"] == "failed" and "Traceback" in entry["error"]
    assert failed.timeseries["run_id"].nunique() == 8  # the other runs are all there

    monkeypatch.delenv(FAULT_ENV)
    resumed = run_experiment(experiment, out=tmp_path / "out", workers=1, resume=True)
    assert resumed.ok
    assert [r.run.run_id for r in resumed.executed] == ["value-r001"]
    assert_same_tables(reference.path, resumed.path)
    manifest = json.loads((resumed.path / "manifest.json").read_text())
    assert [s["status"] for s in manifest["sessions"]] == ["failed", "finished"]
