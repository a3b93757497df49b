"""The posterior the package ships (data/posterior/) is what ``commsim infer`` builds from
the evidence the package ships: its provenance names the command, the spec and the published
intervals it was fitted to, and a change to any of them means rebuilding it
(docs/validation.md section 8)."""

import json
from dataclasses import asdict
from importlib import resources

import pandas as pd
import pytest

from commsim.inference import INFERRED, InferenceSpec, inferred_assumptions

pytest.importorskip("pyabc")
from commsim.inference.fit import targets_for  # noqa: E402 (needs pyabc)

FOLDER = resources.files("commsim").joinpath("data/posterior")
SPEC_OPTIONS = ("--quick", "--members", "--population", "--generations", "--max-simulations")


@pytest.fixture(scope="module")
def provenance() -> dict:
    return json.loads(FOLDER.joinpath("provenance.json").read_text("utf-8"))


def test_the_samples_are_weighted_draws_inside_the_priors():
    samples = pd.read_csv(FOLDER.joinpath("samples.csv"))
    assert list(samples.columns) == [*INFERRED, "weight"]
    assert (samples["weight"] > 0).all() and samples["weight"].sum() == pytest.approx(1, 1e-4)
    for assumption in inferred_assumptions():
        values = samples[assumption.key]
        assert values.between(assumption.low, assumption.high).all(), assumption.key


def test_the_provenance_is_the_default_inference(provenance):
    spec = InferenceSpec()
    assert provenance["assumptions"] == list(spec.keys)
    assert provenance["designs"] == list(spec.designs)
    assert (provenance["members"], provenance["population"]) == (spec.members, spec.population)
    assert provenance["seed"] == spec.seed
    assert provenance["generations"] <= spec.generations
    assert provenance["simulations"] <= spec.max_simulations + spec.population
    command = provenance["command"].split()
    assert command[:2] == ["commsim", "infer"]
    assert not set(command) & {*SPEC_OPTIONS, "--seed", "--set"}, "not the default spec"


def test_the_posterior_was_fitted_to_the_evidence_shipped_today(provenance):
    # An edit to data/field_evidence.toml's intervals fails here: rebuild the posterior.
    expected = [asdict(target) for target in targets_for(InferenceSpec().designs)]
    assert provenance["evidence"] == json.loads(json.dumps(expected))
