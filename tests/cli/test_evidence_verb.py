"""``commsim evidence`` end to end on a tiny sample: every study is listed, with a verdict
(within, outside, undecided) or as not expressible, in evidence.csv, evidence.md and the
chart; a rerun into the same folder reads the finished runs back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from commsim.evidence import load_studies

pytestmark = pytest.mark.slow

VERDICTS = {"within", "outside", "undecided", "not expressible"}


def _evidence(out: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "commsim", "evidence", "--quick", "--members", "300"]
    command += ["--replicates", "2", "--workers", "1", "--out", str(out)]
    command += ["--set", "population.market_history_days=30", *extra]  # a short history: fast
    return subprocess.run(command, capture_output=True, text=True, env=os.environ, timeout=600)


def test_evidence_lists_every_study_with_a_verdict(tmp_path: Path):
    out = tmp_path / "evidence"
    done = _evidence(out)
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out / "evidence.csv")
    studies = load_studies()
    assert set(table["study"]) == {study.id for study in studies}
    assert set(table["verdict"]) <= VERDICTS
    blocked = {study.id for study in studies if not study.expressible}
    listed = set(table.loc[table["verdict"] == "not expressible", "study"])
    assert listed == blocked and blocked  # listed with the reason, not dropped
    assert table.loc[table["verdict"] == "not expressible", "note"].str.len().min() > 20
    report = (out / "evidence.md").read_text(encoding="utf-8")
    assert all(study.citation in report for study in studies)
    assert list((out / "charts").glob("evidence_*.png"))

    again = _evidence(out)  # the same sizes and seed: the finished runs are read back
    assert again.returncode == 0, again.stderr
    assert "1/" not in again.stderr
    assert pd.read_csv(out / "evidence.csv").equals(table)


def test_an_unknown_setting_is_refused_before_anything_is_written(tmp_path: Path):
    out = tmp_path / "evidence"
    done = _evidence(out, "--set", "brand.valu_share=0.5")
    assert done.returncode == 2
    assert "brand.valu_share" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_an_out_that_is_a_file_is_refused(tmp_path: Path):
    target = tmp_path / "taken"
    target.write_text("not a folder", encoding="utf-8")
    done = _evidence(target)
    assert done.returncode == 2
    assert "--out" in done.stderr and "Traceback" not in done.stderr


def test_studies_runs_only_the_studies_named(tmp_path: Path):
    out = tmp_path / "evidence"
    done = _evidence(out, "--studies", "influencer_tiers")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out / "evidence.csv")
    assert set(table["study"]) == {"influencer_tiers"}
    assert table["model_value"].notna().all()


def test_an_unknown_study_is_refused_before_anything_is_written(tmp_path: Path):
    out = tmp_path / "evidence"
    done = _evidence(out, "--studies", "influencer_tier")
    assert done.returncode == 2
    assert "--studies" in done.stderr and "influencer_tiers" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
