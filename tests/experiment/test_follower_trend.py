"""A profile's follower trend (``followers_90_days_ago``, issue 22 item 1): the status quo
changes its followers over its first 90 days as the page did over its last 90, through the
model's own join_base or dormant_leave (docs/model.md 7.11); an impossible trend is refused.

The profile is a Taipei tea shop on today's Instagram: 18,000 followers of a 150,000-person
market, 1.8% per follower per post, four posts a week, NT$650 orders.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import commsim
from commsim.cli import app
from commsim.config import ConfigError
from commsim.experiment import Experiment
from commsim.experiment.profile.brand_profile import derive
from commsim.experiment.profile.follower_trend import TREND_FLOOR, TREND_SEEDS, search

TEA = {
    "name": "tea",
    "market_size": 150_000,
    "currency": "TWD",
    "usd_rate": 32,
    "platform": "instagram_2025",
    "followers": 18_000,
    "engagement_rate": 0.018,
    "posts_per_week": 4,
    "price": 650,
    "margin": 0.55,
    "market_share": 0.02,
}


def _table(**trend) -> dict:
    return {
        "experiment": {"name": "tea", "steps": 30, "replicates": 1},
        "brand_profile": {**TEA, **trend},
        "arms": {"status_quo": {}},
    }


@pytest.mark.parametrize(
    ("trend", "says"),
    [
        ({"followers_90_days_ago": -5}, "brand_profile.followers_90_days_ago: must be a whole"),
        ({"followers_90_days_ago": 200_000}, "followers_90_days_ago (200,000) cannot exceed"),
        ({"followers_90_days_ago": 100, "followers": 0}, "a trend needs today's followers"),
    ],
)
def test_an_impossible_trend_is_one_message_naming_the_key(trend, says):
    with pytest.raises(ConfigError) as error:
        Experiment.from_table(_table(**trend))
    assert says in str(error.value)
    assert "\n" not in str(error.value)


def test_an_impossible_trend_exits_2_naming_the_file(tmp_path):
    path = tmp_path / "tea.toml"
    path.write_text(
        '[experiment]\nname = "tea"\nsteps = 30\nreplicates = 1\n\n[brand_profile]\n'
        'market_size = 150_000\nplatform = "instagram_2025"\nfollowers = 18_000\n'
        "followers_90_days_ago = 160_000\n\n[arms.status_quo]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and "followers_90_days_ago" in result.output
    assert "Traceback" not in result.output


def test_a_base_that_sets_the_laws_itself_runs_no_trend_pilot():
    profile = {**TEA, "followers_90_days_ago": 17_000}
    del profile["engagement_rate"]  # no engagement pilot either: this derivation is instant
    derived = {d.key for d in derive(profile, {"behavior.join_base": 0.05}, "")}
    assert not derived & {"behavior.join_base", "behavior.dormant_leave"}


def test_the_search_closes_in_on_a_bent_monotone_change():
    calls = []

    def change(x: float) -> float:  # saturating, like joins per meeting near 1
        calls.append(x)
        return -0.03 + 0.08 * (1 - (1 - x) ** 3)

    value, got, tried = search(change, 0.03, 1.0, change(0.03), target=0.028)
    assert abs(got - 0.028) <= max(0.1 * 0.028, TREND_FLOOR)
    assert got == pytest.approx(change(value))
    assert len(tried) <= 8


def test_a_trend_beyond_the_top_stays_at_the_top():
    value, got, tried = search(lambda x: -0.03 + 0.07 * x, 0.03, 1.0, -0.0279, target=0.078)
    assert (value, len(tried)) == (1.0, 2)
    assert got == pytest.approx(0.04)


def test_profile_import_writes_the_trend_under_the_profile_s_key(tmp_path):
    out = tmp_path / "brand.toml"
    export = "tests/experiment/data/instagram_content_export.csv"
    args = ["--followers", "18000", "--followers-90-days-ago", "17500", "--market-size", "150000"]
    result = CliRunner().invoke(app, ["profile", "import", export, *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "followers_90_days_ago = 17500" in out.read_text(encoding="utf-8")


# The end-to-end check: the status quo of the profile as derived, on seeds other than the
# pilot's, in a sample of 12,500 members (the pilot's: ~1,500 simulated followers; at 3,000
# members the page has 360 and a 90-day change of 5% is ~18 followers, +-25% of noise a
# seed). A decline is the draws' noise (+-0.6 points a seed): four seeds. A growth is share
# cascades' (+-2.5 points a seed at +5%): twelve, so the mean is within +-0.7 points.
MEMBERS = 12_500
DECLINE_SEEDS, GROWTH_SEEDS = tuple(range(11, 15)), tuple(range(11, 23))
assert not set(GROWTH_SEEDS) & set(TREND_SEEDS)


def status_quo_change(profile: dict, seeds: tuple[int, ...]) -> tuple[float, dict]:
    """Relative follower change of the status quo over its first 90 days, seeds pooled, and
    why the profile set each trend parameter it set."""
    derived = derive(profile, {}, "")
    why = {
        d.key: d.why for d in derived if d.key in ("behavior.join_base", "behavior.dormant_leave")
    }
    scenario = {d.key: d.value for d in derived}
    scenario |= {"population.members": MEMBERS, "brand.community": "none"}
    start = end = 0.0
    for seed in seeds:
        frame = commsim.simulate(scenario, steps=90, seed=seed).timeseries
        followers = frame[frame["brand"] == "tea"]["followers"].to_numpy()
        start, end = start + followers[0], end + followers[-1]
    return (end - start) / start, why


MEDIAN_GROWTH_MISS = pytest.mark.xfail(
    strict=True,
    reason="finding (docs/model.md 7.11): a page growing at the published median (Fanpage "
    "Karma 2013: +0.64% a week, 16,600 to 18,000 in 90 days, +7.8%) is out of the status "
    "quo's reach: discovery through shares alone gives +4.9% (twelve seeds) at join_base's "
    "top (1, every meeting of a perfect fit follows), -2.8% at its sourced 0.03",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("before", "seeds"),
    [
        (19_000, DECLINE_SEEDS),  # a page losing 5.6% in 90 days (more silent followers leave)
        pytest.param(16_600, GROWTH_SEEDS, marks=MEDIAN_GROWTH_MISS),  # the median page
    ],
)
def test_the_status_quo_follows_the_page_s_trend(before, seeds):
    target = (TEA["followers"] - before) / TEA["followers"]
    got, why = status_quo_change({**TEA, "followers_90_days_ago": before}, seeds)
    # +-20% of the change (issue 22); the pilot's own noise on a decline is ~8% of it.
    assert got == pytest.approx(target, rel=0.2), (got, target)
    # A decline is more silent followers leaving, a growth more discovery, and the trend
    # reached is not said to be short of it.
    assert list(why) == [
        "behavior.dormant_leave" if before > TEA["followers"] else "behavior.join_base"
    ]
    assert "SHORT" not in next(iter(why.values()))
