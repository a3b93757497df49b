"""Paid reach priced like the experiments find (issue 22, item 3): a conversion-lift study
run on the model, as Facebook runs them. The exposed are the members an ad reached in the
ad world; their outcomes are compared with the same members in the world without ads (same
seed, same population), at the end of a 60-day campaign.

Bands: within a factor of two of the median lifts of 663 Facebook ad experiments (Gordon,
Moakler and Zettelmeyer 2022: upper funnel 28%, mid 19%, lower 6%) and of the median
revenue per ad dollar Meta advertisers report (2.19-2.24, Varos 2025 via Stackmatix 2026;
attributed, so above what experiments find): docs/model.md section 9.2.
"""

from __future__ import annotations

import numpy as np
import pytest

from commsim.model import CommunityModel
from commsim.model.metrics import FAVOURABLE_ATTITUDE

pytestmark = pytest.mark.slow

WORLD = {"population.members": 3_000}  # a market of a million, the default page
ADS = {"brand.ad_budget_per_day": 500.0}  # 25,000 impressions a day at CPM 20
DAYS, SEEDS = 60, (1, 2, 3)


class LiftStudy(CommunityModel):
    """The model, noting whom the focal brand's ads reached and who bought the brand."""

    def _deliver(self, posts):
        seen = super()._deliver(posts)
        if not hasattr(self, "exposed"):
            self.exposed = np.zeros(self.members.size, dtype=bool)
            self.bought = np.zeros(self.members.size, dtype=bool)
        self.exposed[seen.who[seen.paid[0] > 0]] = True
        return seen

    def _purchase(self):
        purchases = super()._purchase()
        self.bought[purchases.buyers[purchases.brands == 0]] = True
        return purchases


def campaign(scenario: dict, seed: int) -> tuple[LiftStudy, dict[str, np.ndarray]]:
    model = LiftStudy(scenario, seed=seed, steps_hint=DAYS)
    # The market's history (before day 0) went through the same phases: the study counts
    # exposures and purchases of the campaign only.
    model.exposed[:] = False
    model.bought[:] = False
    for _ in range(DAYS):
        model.step()
    m = model.members
    outcomes = {
        "upper": m.aware[:, 0].copy(),  # knows the brand
        "mid": m.aware[:, 0] & (m.attitude[:, 0] >= FAVOURABLE_ATTITUDE),  # considers it
        "lower": model.bought.copy(),  # bought it during the campaign
    }
    return model, outcomes


def revenue_and_cost(model: LiftStudy) -> tuple[float, float]:
    frame = model.metrics.to_frame()
    frame = frame[frame["brand"] == "focal"]
    return float(frame["revenue"].sum()), float(frame["cost_ads"].sum())


@pytest.fixture(scope="module")
def study():
    treated = {k: 0.0 for k in ("upper", "mid", "lower")}
    control = dict(treated)
    gain = spend = 0.0
    for seed in SEEDS:
        with_ads, exposed_outcomes = campaign({**WORLD, **ADS}, seed)
        without, control_outcomes = campaign(WORLD, seed)
        exposed = with_ads.exposed
        for funnel in treated:
            treated[funnel] += exposed_outcomes[funnel][exposed].mean()
            control[funnel] += control_outcomes[funnel][exposed].mean()
        revenue, cost = revenue_and_cost(with_ads)
        gain += revenue - revenue_and_cost(without)[0]
        spend += cost
    lifts = {funnel: treated[funnel] / control[funnel] - 1.0 for funnel in treated}
    return lifts, gain / spend


MID_FUNNEL_MISS = pytest.mark.xfail(
    strict=True,
    reason="finding (0.4.1, docs/model.md 9.2): with attitude_decay re-derived (0.01 a day) the "
    "favourable share among the exposed rises 8.6%, under half the experiments' 19% median "
    "(band 9.5-38%; +11% at 0.4.0, docs/model.md 9.2)",
)


@pytest.mark.parametrize(
    "funnel, median", [("upper", 0.28), pytest.param("mid", 0.19, marks=MID_FUNNEL_MISS)]
)
def test_ad_lifts_in_the_upper_and_mid_funnel_are_those_of_facebooks_experiments(
    study, funnel, median
):
    lifts, _ = study
    assert median / 2 <= lifts[funnel] <= 2 * median, lifts


@pytest.mark.xfail(
    strict=True,
    reason="finding (docs/model.md 9.2, docs/validation.md): the model's purchase lift among "
    "the exposed is ~31%, five times the experiments' 6% median: awareness alone opens the "
    "choice set. Strict: when a change brings it into the band, this test says so.",
)
def test_ads_raise_purchases_among_the_exposed_but_no_more_than_experiments_find(study):
    lifts, _ = study
    assert 0.06 / 2 <= lifts["lower"] <= 2 * 0.06, lifts


def test_ads_at_todays_cpm_return_what_advertisers_report(study):
    _, roas = study
    assert 2.2 / 2 <= roas <= 2 * 2.24, roas
