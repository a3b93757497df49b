"""The Japanese worked example: a Tokyo skincare brand on LINE and Instagram, two arms of one
experiment in JPY, runs through the CLI in Japanese and writes its deck."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from commsim import load_experiment

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "experiments" / "tokyo_cosmetics.toml"


def test_the_tokyo_example_loads_with_one_arm_per_platform():
    experiment = load_experiment(EXAMPLE)
    platforms = {arm.name: arm.scenario.platform for arm in experiment.resolved_arms}
    line, feed = platforms["line_friends"], platforms["instagram_feed"]
    assert (line.kind, feed.kind) == ("messaging", "feed")
    assert line.preset == "line_jp_2025" and feed.preset == "instagram_2025"
    # The profile turns the plan's dollar prices back into the plan's yen.
    assert line.message_price == pytest.approx(3.0)
    assert line.message_plan_fee == pytest.approx(15_000)
    assert experiment.resolved_arms[0].scenario.population.currency == "JPY"


@pytest.mark.slow
def test_a_tiny_run_in_japanese_writes_the_deck(tmp_path):
    out = tmp_path / "tokyo"
    done = subprocess.run(
        [sys.executable, "-m", "commsim", "run", str(EXAMPLE), "--lang", "ja", "--out", str(out)]
        + ["--replicates", "1", "--steps", "30", "--workers", "1"]
        + ["--set", "population.members=600", "--set", "population.market_history_days=30"],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (out / "deck.pptx").stat().st_size > 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "エグゼクティブサマリー" in report and "メッセージの開封" in report
