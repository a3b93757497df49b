"""Each replicate's assumptions: drawn from their priors or a posterior, reproducibly, never
over the user's own settings, and never into an invalid scenario."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from commsim.config import ConfigError, make_scenario
from commsim.config.assumption_draws import (
    LOG_UNIFORM_RATIO,
    PROVENANCE_KEYS,
    draw_world,
    drawable,
    load_posterior,
    replicate_draws,
    usable_draws,
)
from commsim.config.loading import scenario_table
from commsim.config.parameters import parameter_choices, parameter_kind

DRAWABLE = drawable()


def _table(values: dict | None = None) -> dict:
    return scenario_table(make_scenario(values or {}))


def test_fixed_draws_nothing():
    assert replicate_draws("fixed", 7, 3) == [{}, {}, {}]


def test_prior_draws_every_assumption_but_the_sample_size():
    drawn = draw_world("prior", 7, 0)
    assert set(drawn) == {p.key for p in DRAWABLE}
    assert "population.members" not in drawn  # the sample's size is no fact about the world
    assert len(drawn) >= 60


@pytest.mark.parametrize("parameter", DRAWABLE, ids=lambda p: p.key)
def test_prior_draws_lie_in_the_prior(parameter):
    values = [world[parameter.key] for world in replicate_draws("prior", 3, 40)]
    prior = parameter.prior
    if parameter_choices(parameter.key):
        assert set(values) <= set(prior)
    elif isinstance(parameter.field.default, tuple):
        for value in values:
            assert all(lo <= v <= hi for v, (lo, hi) in zip(value, prior, strict=True))
    else:
        assert all(prior[0] <= v <= prior[1] for v in values)
        if parameter_kind(parameter.key) == "integer":
            assert all(isinstance(v, int) for v in values)


def test_a_wide_prior_is_drawn_on_a_log_scale():
    # behavior.prize_seeker_leave: 0.001 to 0.01, a factor of 10. Log-uniform puts half the
    # draws below the geometric mean (0.00316); uniform would put 24% there. 400 draws: the
    # binomial SE of a share of 0.5 is 0.025, so 0.5 +- 0.1 is four SEs.
    key = "behavior.prize_seeker_leave"
    low, high = next(p.prior for p in DRAWABLE if p.key == key)
    assert high / low >= LOG_UNIFORM_RATIO
    values = np.array([world[key] for world in replicate_draws("prior", 1, 400)])
    below = float((values < math.sqrt(low * high)).mean())
    assert abs(below - 0.5) < 0.1


def test_draws_are_reproducible_differ_by_replicate_and_keep_when_replicates_are_added():
    three = replicate_draws("prior", 11, 3)
    assert replicate_draws("prior", 11, 2) == three[:2]
    assert three[0] != three[1] != three[2]
    assert replicate_draws("prior", 12, 1)[0] != three[0]


def test_the_users_settings_and_the_presets_are_not_drawn():
    drawn = draw_world("prior", 5, 0)
    table = _table({"platform.preset": "line_tw_2025"})
    values, refused = usable_draws(drawn, [table], {"behavior.loyalty"})
    assert "behavior.loyalty" not in values
    # LINE's plan has no ranked feed: the preset sets engagement_ranking = 0, a design.
    assert "platform.engagement_ranking" not in values
    assert refused == []
    plain, _ = usable_draws(drawn, [_table()], set())
    assert plain["platform.engagement_ranking"] == drawn["platform.engagement_ranking"]


def test_a_draw_that_would_make_an_arm_invalid_keeps_the_default_in_every_arm():
    # 60,000 starting followers in a market of 50,000 is invalid in the small market's arm.
    drawn = {"brand.initial_followers": 60_000, "behavior.loyalty": 2.0}
    small, large = _table({"population.market_size": 50_000}), _table()
    values, refused = usable_draws(drawn, [large, small], set())
    assert values == {"behavior.loyalty": 2.0}
    assert refused == ["brand.initial_followers"]


def write_posterior(folder: Path, rows: list[str], **provenance) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "samples.csv").write_text(
        "behavior.loyalty,population.homophily,weight\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    info = {key: f"test {key}" for key in PROVENANCE_KEYS}
    (folder / "provenance.json").write_text(json.dumps({**info, **provenance}), encoding="utf-8")
    return folder


def test_posterior_rows_are_drawn_by_weight(tmp_path):
    folder = write_posterior(tmp_path / "p", ["1.0,0.6,0", "2.5,0.9,1"])
    posterior = load_posterior(folder)
    worlds = replicate_draws("posterior", 3, 20, posterior)
    assert worlds == [{"behavior.loyalty": 2.5, "population.homophily": 0.9}] * 20
    assert posterior.provenance["method"] == "test method"


def test_posterior_draws_follow_the_weights(tmp_path):
    # Weights 1:3: the second row in 75% of 400 draws; binomial SE 0.022, so +- 0.09 is 4 SEs.
    posterior = load_posterior(write_posterior(tmp_path / "p", ["1.0,0.6,1", "2.5,0.9,3"]))
    worlds = replicate_draws("posterior", 9, 400, posterior)
    share = np.mean([w["behavior.loyalty"] == 2.5 for w in worlds])
    assert abs(share - 0.75) < 0.09


@pytest.mark.parametrize(
    ("rows", "provenance", "says"),
    [
        (["1.0,0.6,1"], {"method": None}, None),
        (["1.0,0.6,-1"], {}, "weight must be a number >= 0"),
        (["1.0,0.6"], {}, "2 values for 3 columns"),
        (["x,0.6,1"], {}, "column behavior.loyalty"),
        (["1.0,0.6,0"], {}, "add up to 0"),
    ],
)
def test_a_broken_posterior_is_one_message_naming_its_file(tmp_path, rows, provenance, says):
    folder = write_posterior(tmp_path / "p", rows)
    if provenance:
        info = json.loads((folder / "provenance.json").read_text())
        info.pop("method")
        (folder / "provenance.json").write_text(json.dumps(info))
        says = "missing method"
    with pytest.raises(ConfigError, match=says) as raised:
        load_posterior(folder)
    assert str(folder) in str(raised.value)


def test_an_unknown_column_is_refused(tmp_path):
    folder = tmp_path / "p"
    write_posterior(folder, ["1.0,0.6,1"])
    (folder / "samples.csv").write_text("behavior.loyalt,weight\n1.0,1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="behavior.loyalt: each column must be a scenario"):
        load_posterior(folder)


def test_no_posterior_is_a_message_that_offers_the_other_modes(tmp_path):
    with pytest.raises(ConfigError, match="no posterior shipped yet.*'prior' or 'fixed'"):
        load_posterior(tmp_path / "absent")
