"""The explorer without a browser: controls, two strategies, experiment files, server checks."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from commsim import CommunityModel, make_scenario
from commsim.experiment import load_experiment, plan_runs
from commsim.ui.controls import (
    CONTROLS,
    STRATEGY,
    Origin,
    default_controls,
    mesa_model_params,
    parse_seed,
    settings_from_controls,
)
from commsim.ui.experiment_file import read_origin, write_experiment
from commsim.ui.explorer import ExplorerModel, arm_scenario
from commsim.ui.figures import sample_network
from commsim.ui.server import ExploreError, bind, require_extra

ROOT = Path(__file__).resolve().parents[2]
SMALL = Origin(base={"population.members": 1_000})


def controls(origin: Origin = SMALL, **changes) -> dict:
    values = default_controls(make_scenario(origin.base), origin)
    values.update(changes)
    return values


def test_controls_start_where_the_scenario_stands():
    scenario = make_scenario({"brand.value_share": 0.8, "brand.community": "brand"})
    values = default_controls(scenario, Origin())
    assert values["value_share"] == 0.8
    assert values["community"] == "brand"
    assert values["b_value_share"] == 0.8  # strategy B starts as a copy of A
    assert values["members"] == scenario.population.members


def test_a_starting_value_outside_a_slider_widens_it():
    scenario = make_scenario({"brand.posts_per_week": 60})
    param = mesa_model_params(scenario, Origin())["posts_per_week"]
    assert param["max"] == 60 and param["value"] == 60


def test_every_strategy_control_names_a_brand_key():
    keys = {control.key for control in STRATEGY}
    assert all(key.startswith("brand.") for key in keys)
    assert len(keys) == len(STRATEGY)
    make_scenario(dict.fromkeys(keys - {"brand.community", "brand.kol_program"}, 0.5))


def test_seed_must_be_a_whole_number():
    assert parse_seed(" 42 ") == 42
    with pytest.raises(ValueError, match="whole number"):
        parse_seed("forty-two")


def test_a_bad_seed_is_reported_on_the_page_not_raised():
    model = ExplorerModel(SMALL, **controls(seed="abc", value_share=0.9))
    assert "whole number" in model.problem
    assert model.settings.seed == SMALL.seed
    assert model.settings.strategies["strategy_a"]["brand.value_share"] == 0.5  # the start


def test_default_page_runs_the_default_scenario():
    model = ExplorerModel(Origin(), **controls(Origin()))
    (scenario,) = [arm.scenario for arm in model.arms.values()]
    assert scenario == make_scenario(None)


def test_a_named_preset_replaces_an_explicit_organic_reach_in_the_base():
    origin = Origin(base={"platform.organic_reach": 0.4, "population.members": 1_000})
    settings = settings_from_controls(controls(origin, platform="facebook_2021"))
    scenario = arm_scenario(origin, settings, "strategy_a")
    assert scenario.platform.preset == "facebook_2021"
    assert (
        scenario.platform.organic_reach
        == make_scenario({"platform.preset": "facebook_2021"}).platform.organic_reach
    )


def test_side_by_side_strategies_share_the_world_and_step_together():
    model = ExplorerModel(SMALL, **controls(side_by_side=True, b_value_share=1.0))
    a, b = model.arms.values()
    assert (a.members.network != b.members.network).nnz == 0
    np.testing.assert_array_equal(a.members.interest, b.members.interest)
    for _ in range(20):
        model.step()
    assert model.steps == a.steps == b.steps == 20
    profit = model.latest("cum_profit")
    assert model.profit_gap() == pytest.approx(profit["strategy_b"] - profit["strategy_a"])
    assert len(model.series("awareness")["strategy_b"]) == 20


def test_one_strategy_has_no_gap():
    model = ExplorerModel(SMALL, **controls())
    model.step()
    assert model.profit_gap() is None


def test_written_experiment_repeats_the_page_as_replicate_zero(tmp_path):
    page = controls(side_by_side=True, community="brand", b_value_share=0.9, seed="7")
    model = ExplorerModel(SMALL, **page)
    for _ in range(30):
        model.step()
    path = write_experiment(tmp_path, SMALL, model.settings)
    experiment = load_experiment(path)
    assert experiment.seed == 7
    assert experiment.arm_names == ["strategy_a", "strategy_b"]
    first = {run.arm: run for run in plan_runs(experiment) if run.replicate == 0}
    for arm in experiment.resolved_arms:
        assert arm.scenario == model.arms[arm.name].scenario
        rerun = CommunityModel(arm.scenario, seed=first[arm.name].seed)
        for _ in range(30):
            rerun.step()
        np.testing.assert_array_equal(
            rerun.metrics.values["cum_profit"][:30, 0], model.series("cum_profit")[arm.name]
        )


def test_written_experiment_never_overwrites(tmp_path):
    settings = settings_from_controls(controls())
    first = write_experiment(tmp_path, SMALL, settings)
    second = write_experiment(tmp_path, SMALL, settings)
    assert first.name == "explored.toml" and second.name == "explored-2.toml"
    assert "commsim run explored-2.toml" in second.read_text()


def test_page_starts_from_an_experiments_base(tmp_path):
    experiment = tmp_path / "small.toml"
    experiment.write_text(
        '[experiment]\nname = "small"\nsteps = 365\nreplicates = 4\nseed = 2024\n'
        "[base]\npopulation.members = 2000\n[arms.a]\nbrand.value_share = 0.9\n"
    )
    origin = read_origin(experiment)
    assert origin.base == {"population": {"members": 2000}}
    assert (origin.steps, origin.replicates, origin.seed) == (365, 4, 2024)
    assert origin.name == "small_explored"
    assert controls(origin)["members"] == 2000


def test_the_shipped_quickstart_opens_in_the_explorer():
    origin = read_origin(ROOT / "experiments" / "quickstart.toml")
    assert controls(origin)["members"] == origin.base["population"]["members"]


def test_network_sample_holds_community_members_and_their_friends():
    model = CommunityModel({"population.members": 2_000}, seed=1)
    m = model.members
    sample = sample_network(m.network, m.member[:, 0], m.leader, np.random.default_rng(0), 300)
    assert sample.members.size == len(set(sample.members)) == 300
    assert m.member[sample.members, 0].sum() >= 300 // 4 or m.member[:, 0].sum() < 75
    assert sample.edges.max() < 300 and sample.positions.shape == (300, 2)


def test_each_day_is_well_under_a_second_at_ten_thousand_members():
    model = ExplorerModel(Origin(), **controls(Origin(), side_by_side=True))
    assert CONTROLS["members"].read(next(iter(model.arms.values())).scenario) == 10_000
    model.step()
    start = time.perf_counter()
    for _ in range(10):
        model.step()
    per_day = (time.perf_counter() - start) / 10
    assert per_day < 0.25, f"{per_day:.3f} s per day for two strategies of 10,000 members"


def test_a_taken_port_is_reported():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ExploreError, match=f"port {port} .* already in use"):
            bind("127.0.0.1", port)


def test_missing_extra_names_the_install_command(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "solara" else real(name)
    )
    with pytest.raises(ExploreError, match=r"pip install 'commsim\[explore\]'"):
        require_extra()


def explore_command(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    code = "from commsim.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, "explore", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_command_exits_2_on_a_taken_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = explore_command("--port", str(port))
    assert result.returncode == 2, result.stderr
    assert "already in use" in result.stderr and "Traceback" not in result.stderr


def test_command_exits_2_on_a_bad_experiment(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[base]\nbrand.value_share = 1.4\n")
    result = explore_command(str(bad))
    assert result.returncode == 2, result.stderr
    assert "brand.value_share" in result.stderr and "Traceback" not in result.stderr
