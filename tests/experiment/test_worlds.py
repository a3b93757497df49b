"""Each replicate's world: ``fixed`` is the behaviour before issue 24 exactly; drawn worlds are
one per replicate, the same in every arm, whatever the workers, and kept on --resume."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from tiny_experiment import TINY

from commsim import ConfigError, load_experiment, run_experiment, simulate, simulate_arms
from commsim.config import assumption_draws as draws
from commsim.config import flatten, make_scenario
from commsim.experiment.execution.worlds import replicate_worlds
from commsim.model.history import history_key

PRIOR = TINY.replace('reference = "push"', 'reference = "push"\nassumptions = "prior"')


def experiment_file(tmp_path, text, name="tiny.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_experiment(path)


@pytest.fixture(scope="module")
def prior_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prior")
    experiment = experiment_file(folder, PRIOR)
    return run_experiment(experiment, out=folder / "out", workers=1)


def test_fixed_reproduces_the_runs_of_a_file_without_the_key(tmp_path):
    plain = experiment_file(tmp_path, TINY.replace("replicates = 3", "replicates = 2"))
    fixed_text = PRIOR.replace('"prior"', '"fixed"').replace("replicates = 3", "replicates = 2")
    fixed = experiment_file(tmp_path, fixed_text, "fixed.toml")
    assert fixed.config_hash() == plain.config_hash()  # folders from before still resume
    before = run_experiment(plain, out=tmp_path / "plain", workers=1)
    after = run_experiment(fixed, out=tmp_path / "fixed", workers=1)
    pd.testing.assert_frame_equal(before.timeseries, after.timeseries)
    assert not (after.path / "assumptions.csv").exists()
    manifest = json.loads((after.path / "manifest.json").read_text())
    assert manifest["assumptions"]["mode"] == "fixed"
    assert manifest["assumptions"]["drawn"] == []


def test_a_replicates_world_is_the_same_in_every_arm_and_differs_between_replicates(tmp_path):
    experiment = experiment_file(tmp_path, PRIOR)
    worlds = replicate_worlds(experiment)
    drawn_keys = set(worlds.values[0])
    # The file's own settings are never drawn.
    assert not drawn_keys & {"brand.value_share", "population.members", "population.market_size"}
    assert {"behavior.loyalty", "population.homophily"} <= drawn_keys
    histories = []
    for replicate in range(experiment.replicates):
        tables = [worlds.scenario(arm.table(), replicate) for arm in experiment.run_arms]
        flat = [flatten(table) for table in tables]
        for key, value in worlds.values[replicate].items():
            expected = list(value) if isinstance(value, tuple) else value
            assert all(arm[key] == expected for arm in flat), key
        # Arms that differ only in what the programme does live one history per replicate.
        keys = {history_key(make_scenario(table)) for table in tables}
        assert len(keys) == 1
        histories.append(keys.pop())
    assert len(set(histories)) == experiment.replicates
    assert worlds.values[0]["behavior.loyalty"] != worlds.values[1]["behavior.loyalty"]


def test_a_draw_too_large_for_the_market_keeps_its_default(tmp_path):
    # The tiny market has 30,000 people: drawn starting followers above that keep 20,000.
    experiment = experiment_file(tmp_path, PRIOR.replace("replicates = 3", "replicates = 30"))
    worlds = replicate_worlds(experiment)
    for values, kept in zip(worlds.values, worlds.kept_defaults, strict=True):
        followers = values.get("brand.initial_followers")
        assert (followers is None) == ("brand.initial_followers" in kept)
        assert followers is None or followers <= 30_000
    assert any(kept for kept in worlds.kept_defaults)


def test_drawn_worlds_are_recorded_and_identical_with_two_workers(prior_run, tmp_path):
    table = pd.read_csv(prior_run.path / "assumptions.csv")
    assert list(table["replicate"]) == [0, 1, 2]
    assert table["behavior.loyalty"].nunique() == 3
    manifest = json.loads((prior_run.path / "manifest.json").read_text())
    assert manifest["assumptions"]["mode"] == "prior"
    assert "behavior.loyalty" in manifest["assumptions"]["drawn"]
    two = run_experiment(prior_run.experiment, out=tmp_path / "two", workers=2)
    pd.testing.assert_frame_equal(prior_run.timeseries, two.timeseries)
    assert (two.path / "assumptions.csv").read_bytes() == (
        prior_run.path / "assumptions.csv"
    ).read_bytes()


def test_drawn_worlds_change_the_answer(prior_run, tmp_path):
    fixed = experiment_file(tmp_path, TINY)
    plain = run_experiment(fixed, out=tmp_path / "fixed", workers=1)
    last = prior_run.timeseries["step"].max()
    drawn = prior_run.timeseries[prior_run.timeseries["step"] == last]["cum_purchases"]
    same = plain.timeseries[plain.timeseries["step"] == last]["cum_purchases"]
    assert not drawn.reset_index(drop=True).equals(same.reset_index(drop=True))


def test_resume_draws_the_same_worlds_and_refuses_another_mode(prior_run, tmp_path):
    folder = tmp_path / "resumed"
    run_experiment(prior_run.experiment, out=folder, workers=1)
    for path in sorted((folder / "runs").glob("*-r001.parquet")):
        path.unlink()
    resumed = run_experiment(prior_run.experiment, out=folder, workers=1, resume=True)
    assert sum(1 for r in resumed.runs if not r.reused) == len(prior_run.experiment.run_arms)
    pd.testing.assert_frame_equal(prior_run.timeseries, resumed.timeseries)
    fixed = experiment_file(tmp_path, TINY)
    with pytest.raises(ConfigError, match="assumptions"):
        run_experiment(fixed, out=folder, workers=1, resume=True)


def test_posterior_worlds_come_from_its_rows_and_record_its_provenance(tmp_path, monkeypatch):
    folder = tmp_path / "posterior"
    folder.mkdir()
    (folder / "samples.csv").write_text(
        "behavior.loyalty,population.homophily,weight\n0.7,0.6,1\n2.8,0.9,1\n", encoding="utf-8"
    )
    provenance = {key: f"test {key}" for key in draws.PROVENANCE_KEYS}
    provenance["evidence"] = ["Manchanda et al. 2015", "Mochon et al. 2017"]
    (folder / "provenance.json").write_text(json.dumps(provenance), encoding="utf-8")
    monkeypatch.setattr(draws, "posterior_folder", lambda: folder)
    text = PRIOR.replace('"prior"', '"posterior"')
    result = run_experiment(experiment_file(tmp_path, text), out=tmp_path / "out", workers=1)
    table = pd.read_csv(result.path / "assumptions.csv")
    assert set(table.columns) == {"replicate", "seed", "behavior.loyalty", "population.homophily"}
    assert set(table["behavior.loyalty"]) <= {0.7, 2.8}
    manifest = json.loads((result.path / "manifest.json").read_text())
    assert manifest["assumptions"]["posterior"]["evidence"] == provenance["evidence"]


def test_simulate_draws_one_world_for_every_arm_and_leaves_the_callers_keys():
    base = {"population.members": 300, "population.market_history_days": 20}
    arms = {
        "push": {**base, "brand.value_share": 0.1},
        "value": {**base, "brand.value_share": 0.9},
    }
    results = simulate_arms(arms, steps=5, seed=3, assumptions="prior")
    push, value = results["push"], results["value"]
    assert push.assumptions == value.assumptions
    assert "behavior.loyalty" in push.assumptions
    assert not {"brand.value_share", "population.members"} & set(push.assumptions)
    assert push.scenario.behavior.loyalty == push.assumptions["behavior.loyalty"]
    assert simulate(arms["push"], steps=5, seed=3, assumptions="prior").assumptions == (
        push.assumptions
    )
    fixed = simulate(arms["push"], steps=5, seed=3)
    assert fixed.assumptions == {}
    assert fixed.scenario.behavior.loyalty == make_scenario({}).behavior.loyalty
