"""``commsim infer`` end to end on a tiny bank: the posterior (samples.csv with weights and
provenance.json), its tables, inference.md and the chart; a rerun into the same folder runs
no simulation again; another inference's folder is refused with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from commsim.inference import INFERRED

pytestmark = pytest.mark.slow

TINY = ["--members", "300", "--population", "3", "--generations", "2", "--max-simulations", "9"]


def _infer(out: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "commsim", "infer", *TINY, "--checks", "1"]
    command += ["--workers", "1", "--out", str(out)]
    command += ["--set", "population.market_history_days=30", *extra]  # a short history: fast
    return subprocess.run(command, capture_output=True, text=True, env=os.environ, timeout=600)


@pytest.fixture(scope="module")
def inferred(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("infer") / "out"
    return out, _infer(out)


def test_infer_writes_the_posterior_with_its_provenance(inferred):
    out, done = inferred
    assert done.returncode == 0, done.stderr
    assert "Warning: an effective sample" in done.stdout  # 3 particles: noise, said so
    samples = pd.read_csv(out / "posterior" / "samples.csv")
    assert list(samples.columns) == [*INFERRED, "weight"]
    assert len(samples) == 3 and samples["weight"].sum() == pytest.approx(1.0, abs=1e-4)
    provenance = json.loads((out / "posterior" / "provenance.json").read_text())
    assert provenance["members"] == 300 and provenance["population"] == 3
    assert provenance["seed"] == 0 and provenance["command"].startswith("commsim infer")
    assert 3 <= provenance["simulations"] <= 9
    assert {t["key"] for t in provenance["evidence"]} >= {"lower_funnel_lift", "sales_lift"}
    for name in ("assumptions.csv", "predictive.csv", "simulations.csv", "inference.md"):
        assert (out / name).stat().st_size > 100, name
    assert list((out / "charts").glob("posterior_*.png"))
    predictive = pd.read_csv(out / "predictive.csv")
    assert {"joiners_revenue_share", "reply_purchase_lift"} <= set(predictive["measure"])
    assert predictive.loc[predictive["measure"] == "sales_lift", "fitted"].item()


def test_a_rerun_into_the_same_folder_runs_nothing_again(inferred):
    out, _ = inferred
    bank = sorted(p.name for p in (out / "bank").glob("sim-*.json"))
    before = (out / "posterior" / "samples.csv").read_text()
    again = _infer(out)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (out / "bank").glob("sim-*.json")) == bank
    assert (out / "posterior" / "samples.csv").read_text() == before


def test_another_inference_in_the_same_folder_is_refused(inferred):
    out, _ = inferred
    refused = _infer(out, "--seed", "4")
    assert refused.returncode == 2
    assert "another inference" in refused.stderr and "Traceback" not in refused.stderr
