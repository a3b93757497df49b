"""Validation: the engine's kernels reproduce known results (fast versions of every check)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from commsim.config.presets import PRESET_NAMES
from commsim.validation import (
    CheckSizes,
    bass_adoption,
    bass_closed_form,
    bass_peak_time,
    bass_two_node_lower_bound,
    format_markdown,
    format_table,
    independent_cascade,
)
from commsim.validation.checks import CHECKS, CheckResult
from commsim.validation.docking import load_reference
from commsim.validation.peers import ndlib_available

QUICK = CheckSizes.quick()


# The checks' quick versions are runs of many replicates (statistical): whole suite only.
STATISTICAL = pytest.mark.slow


@pytest.fixture(scope="module")
def quick_rows() -> dict[str, list[CheckResult]]:
    """Each check's quick version, run once for the module."""
    return {name: check(QUICK, 0) for name, check in CHECKS.items()}


def assert_all_pass(rows: list[CheckResult]) -> None:
    failed = [row for row in rows if row.passed is False]
    assert rows and not failed, "\n" + format_table(failed)


def test_bass_closed_form_peaks_at_ln_q_over_p_over_p_plus_q():
    p, q = 0.03, 0.38
    t = np.linspace(0.0, 30.0, 30_001)
    curve = bass_closed_form(p, q, t)
    assert curve[0] == 0.0 and curve[-1] > 0.999
    rate = np.gradient(curve, t)
    assert t[np.argmax(rate)] == pytest.approx(bass_peak_time(p, q), abs=1e-3)


def test_two_node_bound_lies_below_bass_and_reduces_to_ads_alone_without_word_of_mouth():
    t = np.arange(0, 31)
    lower = bass_two_node_lower_bound(0.03, 0.38, t)
    assert np.all(lower <= bass_closed_form(0.03, 0.38, t) + 1e-12)
    assert bass_two_node_lower_bound(0.05, 0.0, t) == pytest.approx(1 - np.exp(-0.05 * t))
    assert bass_two_node_lower_bound(0.1, 0.1, t) == pytest.approx(
        bass_two_node_lower_bound(0.1, 0.1 + 1e-9, t), abs=1e-6
    )


def test_bass_adoption_returns_one_value_per_period_and_repeats_with_its_seed():
    run = dict(members=500, periods=8, steps_per_period=5, replicates=2, seed=3)
    curve = bass_adoption(0.03, 0.38, **run)
    assert curve.shape == (9,) and curve[0] == 0.0
    assert np.all(np.diff(curve) >= 0)
    assert np.array_equal(curve, bass_adoption(0.03, 0.38, **run))


@STATISTICAL
def test_bass_adoption_matches_the_closed_form_on_the_complete_network(quick_rows):
    assert_all_pass(quick_rows["bass_complete"])


@STATISTICAL
def test_sparse_networks_adopt_slower_within_fibich_levin_bounds(quick_rows):
    rows = quick_rows["bass_sparse"]
    assert any("slower than complete" in row.check for row in rows)
    assert_all_pass(rows)


def test_cascade_stops_at_the_seeds_without_spreading_and_fills_the_component_when_certain():
    graph = nx.disjoint_union(nx.path_graph(10), nx.cycle_graph(7))
    adjacency = nx.to_scipy_sparse_array(graph, format="csr")
    assert np.all(independent_cascade(adjacency, 0.0, [0, 3], runs=5, seed=1) == 2)
    assert np.all(independent_cascade(adjacency, 1.0, [12], runs=5, seed=1) == 7)


def test_cascade_probability_is_per_edge_not_per_member():
    # A star's hub activates each of its k leaves independently: mean final size 1 + k p.
    k, p = 50, 0.3
    star = sp.csr_matrix(nx.to_scipy_sparse_array(nx.star_graph(k)))
    sizes = independent_cascade(star, p, [0], runs=4_000, seed=2)
    se = np.sqrt(k * p * (1 - p) / sizes.size)
    assert abs(sizes.mean() - (1 + k * p)) < 4 * se


@STATISTICAL
def test_cascade_agrees_with_the_peer_library(quick_rows):
    rows = quick_rows["independent_cascade"]
    assert_all_pass(rows)
    if ndlib_available():  # the dev extra installs NDlib; without it the peer is networkx
        assert all("NDlib" in row.expected for row in rows)


@STATISTICAL
def test_organic_reach_equals_the_configured_reach_for_every_preset(quick_rows):
    rows = quick_rows["organic_reach"]
    assert {"facebook_2012", "facebook_2014", "facebook_2021", "instagram_2019"} <= {
        row.check.split()[2] for row in rows
    }
    assert_all_pass(rows)


@STATISTICAL
def test_docking_with_the_per_agent_reference(quick_rows):
    run_reference, why = load_reference()
    if run_reference is None:
        pytest.skip(f"docking skipped: {why}")
    assert_all_pass(quick_rows["docking"])


def test_table_shows_every_column_and_the_verdict():
    rows = [
        CheckResult("a check", "1.0", "1.01", "+/- 0.1", True),
        CheckResult("another", "2", "3", "+/- 0.5", False),
        CheckResult("docking", "x", "skipped: no reference", "", None),
    ]
    lines = format_table(rows).splitlines()
    assert lines[0].split() == ["check", "expected", "measured", "tolerance", "result"]
    assert [line.split()[-1] for line in lines[2:]] == ["pass", "FAIL", "skip"]


def test_markdown_table_escapes_pipes_inside_cells():
    table = format_markdown([CheckResult("c", "e", "m", "|z| <= 3", True)])
    assert table.splitlines()[-1] == "| c | e | m | \\|z\\| <= 3 | pass |"


def test_docs_describe_every_check_and_preset():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "validation.md").read_text("utf-8")
    for name in (*PRESET_NAMES, "Bass", "Fibich", "NDlib", "Docking"):
        assert name in doc, f"docs/validation.md does not mention {name}"


@pytest.mark.slow  # end to end: the whole validate-model command
def test_validate_model_quick_command_passes():
    command = [shutil.which("commsim") or sys.executable, "validate-model", "--quick"]
    if not shutil.which("commsim"):
        command = [sys.executable, "-m", "commsim.cli", "validate-model", "--quick"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Bass complete" in done.stdout and "FAIL" not in done.stdout
