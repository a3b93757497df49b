"""The practitioners' claims F1-F8 (``commsim.claims.claims_catalogue``): what emerges from member
behaviour at default parameters, what carries it, and what reverses it.

Each test runs the claim's own arms (10 paired replicates, 3,000 members of a million-person
market; see ``claim_runs``) and asserts on behaviour (purchases, revenue, reach, retention)
and on money with equal content costs where the claim is about content. A claim that does
not emerge at sourced defaults is asserted as the finding it is (docs/model.md section 9),
so a model change that alters it fails here and the docs must say so.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from commsim.claims.claims_catalogue import Check, claim
from commsim.claims.claims_verdicts import NO_EFFECT, REVERSED, effect, verdict
from tests.model.claim_runs import assert_positive, difference, run_claim

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def f2_runs(replicate_runner):
    return run_claim(claim("F2"), replicate_runner)


def test_f1_a_topic_community_gathers_more_people_and_more_profit(replicate_runner):
    f1 = claim("F1")
    runs = run_claim(f1, replicate_runner)
    assert_positive(difference(runs, "topic", "brand", "community_members"), "members")
    assert_positive(difference(runs, "topic", "brand", "purchases_new"), "new buyers")
    profit = difference(runs, "topic", "brand", "cum_profit")
    assert_positive(profit, "profit")
    # Reversal: where brand affinity is common and topic interest rare, the brand community
    # gathers more people; the topic community's lead in profit no longer clearly shrinks
    # since attitude_decay was re-derived (p = 0.33 at 10 replicates: a finding,
    # docs/model.md 9.1).
    reversed_runs = run_claim(f1, replicate_runner, world=f1.reversal)
    assert_positive(difference(reversed_runs, "brand", "topic", "community_members"), "members")


def test_f2_value_content_leads_sales_push_but_undecided_once_attitudes_fade_as_sourced(f2_runs):
    """A finding (docs/model.md 9.1): with attitude_decay re-derived from Leone 1995 (0.01
    a day, not 0.003), value still leads push on profit and purchases on average (+35k,
    sd 92k; +22k purchases, sd 45k) but neither is significant at 10 replicates (p =
    0.13, 0.08): the claim is undecided, not reversed."""
    for metric in ("cum_profit", "purchases"):
        lead = difference(f2_runs, "value", "push", metric)
        assert lead.mean() > 0, (metric, lead)
        assert stats.ttest_1samp(-lead, 0.0, alternative="greater").pvalue > 0.05, lead


def test_f2_is_carried_by_the_attitude_value_content_builds(f2_runs, replicate_runner):
    """Ablation: switching each named mechanism off in turn. The attitude value content
    builds carries the effect (switching it off takes the most of it: all of it, measured);
    fatigue does not (without it value wins by more: push tires its own buyers less)."""
    f2 = claim("F2")
    effect = difference(f2_runs, "value", "push", "cum_profit")
    lost = {}
    for name, world in f2.mechanisms.items():
        runs = run_claim(f2, replicate_runner, world=world)
        lost[name] = effect - difference(runs, "value", "push", "cum_profit")
    carrier = max(lost, key=lambda name: lost[name].mean())
    assert carrier == "attitude from value content", {k: v.mean() for k, v in lost.items()}
    assert_positive(lost[carrier], carrier)
    assert lost[carrier].mean() > 0.75 * effect.mean()  # it carries most of the effect


def test_f2_reverses_where_content_does_not_change_minds(replicate_runner):
    f2 = claim("F2")
    runs = run_claim(f2, replicate_runner, world=f2.reversal)
    assert_positive(difference(runs, "push", "value", "cum_profit"), "profit")
    assert_positive(difference(runs, "push", "value", "purchases"), "purchases")


def test_f3_on_the_seeds_platform_push_leads_early_value_late_and_a_kill_forgoes_it(
    replicate_runner,
):
    """The seeds' world (Facebook 2012, 16% organic reach, falling 38% a year), where the
    claim was made: push sells more in the first 90 days, value profits more over three
    years, and a review at day 365 that cancels the value programme leaves a smaller
    community."""
    f3 = claim("F3")
    seeds_world = {"platform.preset": "facebook_2012"}
    # The early lead is small against the noise of 90 days of sales (measured at 24
    # replicates: +7.1k, standard deviation 22k, t = 1.6): 60 paired replicates give 80%
    # power to see it at 95% one-sided ((1.645 + 0.84)^2 / 0.32^2 = 60).
    early = run_claim(
        f3, replicate_runner, extra=seeds_world, arms=("value", "push"), steps=90, replicates=60
    )
    assert_positive(difference(early, "push", "value", "cum_revenue"), "early revenue")
    runs = run_claim(f3, replicate_runner, extra=seeds_world)
    assert_positive(difference(runs, "value", "push", "cum_profit"), "late profit")
    # What the kill forgoes is undecided since attitude_decay and the preset's reach decline
    # were re-derived (+14k, sd 62k, p = 0.25): a finding, docs/model.md 9.1, not asserted.
    # A cancelled programme stops hosting its community, which then decays.
    assert_positive(difference(runs, "value", "value_reviewed", "community_members"), "decay")


def test_f3_is_reversed_where_content_does_not_change_minds_and_a_kill_saves_money(
    replicate_runner,
):
    """Where value content does not change minds (as F2), the review at day 365 cancels a
    value programme that loses money, and the kill saves money: by the claim's own rule
    (a kill that saves money reverses it) the verdict is "reversed", whatever the other
    checks say (measured: -122k, docs/model.md 9.1)."""
    f3 = claim("F3")
    runs = run_claim(
        f3, replicate_runner, world=f3.reversal, arms=("value", "value_reviewed"), replicates=5
    )
    saved = difference(runs, "value_reviewed", "value", "cum_profit")
    assert_positive(saved, "the kill saves money")
    kill = effect(-saved, np.random.default_rng(0))
    assert f3.checks[2] == Check("value", "value_reviewed")
    assert verdict([NO_EFFECT, NO_EFFECT, kill], f3.reversing) == REVERSED


@pytest.mark.xfail(
    strict=True,
    reason="finding (0.4.0, docs/model.md 9.1): paid reach still adds community members, but "
    "where every post reaches every follower the lasting gain no longer shrinks below a "
    "quarter: with unfollowing re-derived (a page tires no-one at its usual rate) the "
    "reversal's mechanism, pushes tiring those not in the market, is weak; still so with "
    "attitude_decay re-derived in 0.4.1 (p = 0.077 at 10 replicates)",
)
def test_f4_paid_reach_bootstraps_a_community_unless_every_post_reaches_everyone(
    replicate_runner,
):
    f4 = claim("F4")
    runs = run_claim(f4, replicate_runner)
    gain = difference(runs, "paid", "organic", "community_members")
    assert_positive(gain, "members")
    # Where every post reaches every follower, the lasting gain was ~18x smaller (0.3.1);
    # since 0.4.0, and still with attitude_decay re-derived in 0.4.1, it is no longer
    # clearly below a quarter of the gain (p = 0.077 at 10 replicates): the finding this
    # test's strict expected failure holds (docs/model.md 9.1).
    unlimited = run_claim(f4, replicate_runner, world=f4.reversal)
    gain_unlimited = difference(unlimited, "paid", "organic", "community_members")
    assert_positive(gain / 4 - gain_unlimited, "bootstrap")


def test_f5_giveaway_followers_do_not_pay_unless_the_prize_draws_the_right_audience(
    replicate_runner,
):
    f5 = claim("F5")
    runs = run_claim(f5, replicate_runner)
    assert_positive(difference(runs, "giveaway", "plain", "followers"), "followers")
    assert_positive(difference(runs, "plain", "giveaway", "cum_profit"), "profit")
    cheap_and_targeted = run_claim(f5, replicate_runner, world=f5.reversal)
    assert_positive(difference(cheap_and_targeted, "giveaway", "plain", "cum_profit"), "pays")


def test_f5_with_the_prize_free_giveaway_followers_still_sell_through_the_posts_they_get(
    replicate_runner,
):
    """A finding (docs/model.md 9.1): a follow won with a prize changes nothing by itself
    (test_a_follow_won_with_a_prize_changes_nothing_by_itself), but the posts the feed then
    delivers to the winners inform and persuade some of them, as delivered posts did in
    Mochon et al. 2017. With the prize free the claim does not hold: the giveaway sells
    and earns at least as much, so the claim rests on the prize bill, not on the
    followers' behaviour (at attitude_decay 0.003, 4 replicates: revenue +243k, sd 139k)."""
    free = {"brand.incentive_cost_per_follower": 0.0}
    runs = run_claim(claim("F5"), replicate_runner, extra=free, replicates=5)
    # Since attitude_decay was re-derived: revenue +116k (sd 130k), profit +44k (sd 56k),
    # p = 0.06 and 0.08: the giveaway leads, not significantly; plain never wins.
    for metric in ("cum_revenue", "cum_profit"):
        lead = difference(runs, "giveaway", "plain", metric)
        assert lead.mean() > 0, (metric, lead)
        assert stats.ttest_1samp(-lead, 0.0, alternative="greater").pvalue > 0.05, lead


def test_f6_a_creator_programme_sells_and_pays_within_its_budget(
    replicate_runner,
):
    """Behaviour: nano and micro creators paid per sponsored post (within F6's budget:
    tests/model/test_creators.py), whose followers respond as Beichert et al. 2024's do (the
    creators' ties, docs/model.md 7.5), raise purchases (+243k over three years, SE 19k,
    measured) and awareness. Money: revenue +1.21M, profit +330k (SE 39k): the claim holds
    (before the ties calibrated to Beichert: +4k, SE 20k, undecided). Reversal: where
    everyone already knows the brand and followers give sponsored posts no weight, the
    programme sells about what the plain one does (+4k, SE 3k) and loses its fees (-150k)."""
    f6 = claim("F6")
    runs = run_claim(f6, replicate_runner)
    sales = difference(runs, "kol", "plain", "purchases")
    assert_positive(sales, "purchases")
    assert_positive(difference(runs, "kol", "plain", "awareness"), "awareness")
    assert_positive(difference(runs, "kol", "plain", "cum_profit"), "profit")
    weak = run_claim(f6, replicate_runner, world=f6.reversal)
    assert_positive(sales - difference(weak, "kol", "plain", "purchases"), "what carries it")
    assert_positive(difference(weak, "plain", "kol", "cum_profit"), "reversed")


def test_f7_one_good_post_beats_many_poor_ones_at_an_equal_budget_and_when_posts_are_free(
    replicate_runner,
):
    f7 = claim("F7")
    runs = run_claim(f7, replicate_runner)
    effect = difference(runs, "few_good", "many_poor", "cum_profit")
    assert_positive(effect, "profit")  # 5 posts at quality 0.9 cost what 15 at 0.3 cost
    assert_positive(difference(runs, "few_good", "many_poor", "purchases"), "purchases")
    free = {"brand.cost_value_post": 0.0, "brand.cost_push_post": 0.0}
    free_runs = run_claim(f7, replicate_runner, extra=free)
    assert_positive(difference(free_runs, "few_good", "many_poor", "cum_profit"), "free posts")
    # Where posts never tire and the feed ignores engagement, more posts are only more
    # exposures: the advantage vanishes.
    tireless = run_claim(f7, replicate_runner, world=f7.reversal)
    assert_positive(effect - difference(tireless, "few_good", "many_poor", "cum_profit"), "gap")


def test_f8_slow_replies_lose_purchases_unless_members_do_not_care(
    replicate_runner,
):
    f8 = claim("F8")
    # Replies reach only members who comment on the brand's posts: a modest effect against
    # the noise of three years of sales, hence 20 paired replicates.
    runs = run_claim(f8, replicate_runner, replicates=20)
    assert_positive(difference(runs, "fast", "slow", "cum_purchases"), "purchases")
    # Most of what slow replies cost goes to the rest of the category, not to the rival:
    # the rival's gain (+4.9k, t = 0.8 at 20 replicates) is a finding, not asserted
    # (docs/model.md 9.1).


def test_f8_reverses_where_members_have_no_alternative(replicate_runner):
    """Where the brand holds 90% of the category and no rival answers, members still warm
    to replies and cool at silence, but have almost nowhere else to buy: the reply bill
    outweighs what fast replies sell, so slow replies earn more. The difference in profit
    is not the reply bill alone (behaviour, not arithmetic). Measured at 6 replicates
    after attitude_decay was re-derived: profit minus the bill is -40k (sd 32k): fast
    replies there even sell less, a finding (docs/model.md 9.1); at attitude_decay 0.003
    it was +69k."""
    f8 = claim("F8")
    runs = run_claim(f8, replicate_runner, world=f8.reversal, replicates=6)
    profit = difference(runs, "slow", "fast", "cum_profit")
    assert_positive(profit, "slow replies earn more")
    bill = difference(runs, "fast", "slow", "cost_replies")
    assert_positive(bill, "fast replies cost more")
    # Profit difference + reply bill = the margin on what fast replies sold, less what else
    # they cost: behaviour, so it differs from 0 beyond its noise (two-sided, 95%).
    behaviour = bill - profit
    assert stats.ttest_1samp(behaviour, 0.0).pvalue < 0.05, behaviour
