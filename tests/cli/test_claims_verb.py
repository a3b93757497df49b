"""``commsim claims`` end to end: a quick audit of one claim on one platform in a tiny market
(300 members, 120 days), its files, a bad option, and a kill followed by a resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from commsim.claims.claims_tables import CLAIM_COLUMNS as CLAIM_COLUMNS_BEFORE
from commsim.claims.claims_verdicts import VERDICTS
from commsim.config.assumption_draws import draw_world, load_posterior
from commsim.experiment.execution.executors import FAULT_ENV

AUDIT_FILE = """\
# One brand in one small market: the scenario under audit.
[experiment]
name = "claims_tiny"
seed = 3

[base]
population.members = 300
population.market_size = 3000
population.market_history_days = 30
brand.initial_followers = 300
"""
TINY = ("--quick", "--claims", "F2", "--platforms", "facebook_2025", "--steps", "120")
CLAIM_COLUMNS = {"claim", "platform", "verdict", "effect", "ci_low", "ci_high", "outcome", "n"}
TABLES = ("claims.csv", "checks.csv", "mechanisms.csv")


def commsim(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    return subprocess.run(
        [sys.executable, "-m", "commsim", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("claims")
    (folder / "brand.toml").write_text(AUDIT_FILE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def audit(workdir) -> tuple[subprocess.CompletedProcess, Path]:
    """The uninterrupted quick audit, with its report."""
    done = commsim("claims", "brand.toml", *TINY, "--workers", "1", "--out", "clean", cwd=workdir)
    assert done.returncode == 0, done.stdout + done.stderr
    return done, workdir / "clean"


def test_the_quick_audit_writes_its_tables_report_and_deck(audit):
    done, folder = audit
    claims = pd.read_csv(folder / "claims.csv")
    assert CLAIM_COLUMNS | {"mechanisms", "region", "reversal_effect"} <= set(claims.columns)
    assert list(claims["claim"]) == ["F2"] and list(claims["platform"]) == ["facebook_2025"]
    assert claims["verdict"].iloc[0] in VERDICTS
    assert claims["outcome"].iloc[0] == "cum_profit_d120" and claims["n"].iloc[0] == 2
    # F2 buys nothing: its arms' sales gap, from the runs, is held against published bands
    money = pd.read_csv(folder / "comparisons" / "outcomes.csv").query(
        "world == 'main' and metric == 'cum_revenue' and day == 120 and brand == @claims.brand[0]"
    )
    revenue = money.pivot_table(index="replicate", columns="arm", values="value").mean()
    assert claims["sales_gap"].iloc[0] == pytest.approx(revenue["value"] / revenue["push"] - 1)
    assert pd.isna(claims["cost_return"].iloc[0])
    assert claims["plausibility"].iloc[0] in ("within", "outside")
    mechanisms = pd.read_csv(folder / "mechanisms.csv")
    assert list(mechanisms["mechanism"]) == [
        "fatigue",
        "engagement ranking",
        "shares",
        "attitude from value content",
    ]
    checks = pd.read_csv(folder / "checks.csv")
    assert set(checks["world"]) == {
        "main",
        "reversal",
        "off-fatigue",
        "off-engagement_ranking",
        "off-shares",
        "off-attitude_from_value_content",
    }
    markdown = (folder / "claims.md").read_text(encoding="utf-8")
    assert "## Verdicts" in markdown and "## F2: Value content beats sales push" in markdown
    assert "![" in markdown and "charts/claims_01_F2_effect.png" in markdown
    page = (folder / "claims.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 2
    assert (folder / "claims.pptx").stat().st_size > 20_000
    assert "Verdicts at 95%" in done.stdout and "Value content beats sales push" in done.stdout


def test_the_runs_are_paired_groups_of_one_results_folder(audit):
    _, folder = audit
    runs = sorted(p.name for p in (folder / "comparisons" / "runs").glob("*.parquet"))
    assert "F2.facebook_2025.main.value-r000.parquet" in runs
    assert "F2.facebook_2025.off-shares.push-r001.parquet" in runs
    assert len(runs) == 2 * 6 * 2  # arms x worlds x replicates
    assert len(pd.read_csv(folder / "sweeps" / "F2.facebook_2025" / "runs.csv")) == 6 * 2


def test_commsim_report_rewrites_an_audits_report(audit):
    _, folder = audit
    (folder / "claims.md").unlink()
    done = commsim("report", folder.name, cwd=folder.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "claims.md" in done.stdout and (folder / "claims.md").is_file()


def test_a_bad_platform_exits_2_with_one_line_and_writes_nothing(workdir):
    done = commsim("claims", "--platforms", "facebook_2025,myspace", "--out", "bad", cwd=workdir)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: --platforms: unknown platform preset 'myspace'; use names from custom, "
        "facebook_2012, facebook_2014, facebook_2021, facebook_2025, instagram_2019, "
        "instagram_2025, line_tw_2025, line_jp_2025, threads_2025"
    ]
    assert not (workdir / "bad").exists()


@pytest.mark.slow  # end to end: an audit killed, then resumed
def test_a_killed_audit_resumes_to_the_same_claims(workdir, audit):
    out = workdir / "killed"
    arguments = ["claims", "brand.toml", *TINY, "--workers", "1", "--out", "killed"]
    process = subprocess.Popen(
        [sys.executable, "-m", "commsim", *arguments, "--no-charts"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so the kill reaches it all
    )
    runs = out / "comparisons" / "runs"
    deadline = time.monotonic() + 120
    while len(list(runs.glob("*.parquet"))) < 3:
        assert process.poll() is None, "the audit finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "claims.csv").exists()

    done = commsim(*arguments, "--resume", "--no-charts", cwd=workdir)
    assert done.returncode == 0, done.stderr
    for name in TABLES:
        assert (out / name).read_bytes() == (audit[1] / name).read_bytes(), name


@pytest.fixture(scope="module")
def drawn_audit(workdir) -> tuple[subprocess.CompletedProcess, Path]:
    """The quick audit with the assumptions drawn from the shipped posterior."""
    arguments = ("claims", "brand.toml", *TINY, "--workers", "1", "--no-charts")
    done = commsim(*arguments, "--assumptions", "posterior", "--out", "post", cwd=workdir)
    assert done.returncode == 0, done.stdout + done.stderr
    return done, workdir / "post"


@pytest.mark.slow  # a second whole audit, drawn from the posterior
def test_a_posterior_audit_records_its_worlds_and_says_how_many_hold(drawn_audit):
    done, folder = drawn_audit
    claims = pd.read_csv(folder / "claims.csv")
    row = claims.iloc[0]
    assert list(claims.columns[4:8]) == ["assumptions", "worlds", "worlds_holding", "holds_share"]
    assert (row["assumptions"], row["worlds"]) == ("posterior", 2)
    assert row["holds_share"] == row["worlds_holding"] / 2
    posterior = load_posterior()
    worlds = pd.read_csv(folder / "comparisons" / "assumptions.csv")
    assert list(worlds["replicate"]) == [0, 1]
    for replicate in (0, 1):  # the audit's seed (the file's, 3) decides each world
        drawn = draw_world("posterior", 3, replicate, posterior)
        for key, value in drawn.items():
            assert worlds.loc[replicate, key] == pytest.approx(value), key
    manifest = json.loads((folder / "comparisons" / "manifest.json").read_text())
    assert manifest["assumptions"]["mode"] == "posterior"
    assert json.loads((folder / "audit.json").read_text())["assumptions"]["mode"] == "posterior"
    assert "holds in" in done.stdout and f"{row['worlds_holding']} of 2" in done.stdout


@pytest.mark.slow  # needs the drawn audit
def test_resuming_an_audit_with_other_assumptions_exits_2_and_changes_nothing(workdir, drawn_audit):
    _, folder = drawn_audit
    before = (folder / "claims.csv").read_bytes()
    arguments = ("claims", "brand.toml", *TINY, "--workers", "1", "--no-charts", "--resume")
    done = commsim(*arguments, "--out", "post", cwd=workdir)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "made with --assumptions posterior" in lines[0], lines
    assert "not fixed" in lines[0] and "--force" in lines[0] and "Traceback" not in done.stderr
    assert (folder / "claims.csv").read_bytes() == before


@pytest.mark.slow  # a second quick audit, end to end
def test_fixed_assumptions_reproduce_the_audit_byte_for_byte(workdir, audit):
    arguments = ("claims", "brand.toml", *TINY, "--workers", "1", "--no-charts")
    done = commsim(*arguments, "--assumptions", "fixed", "--out", "fixed", cwd=workdir)
    assert done.returncode == 0, done.stderr
    for name in TABLES:
        assert (workdir / "fixed" / name).read_bytes() == (audit[1] / name).read_bytes(), name
    claims = pd.read_csv(workdir / "fixed" / "claims.csv")
    assert list(claims.columns) == CLAIM_COLUMNS_BEFORE  # no new column when nothing is drawn
