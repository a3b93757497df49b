"""What a scenario setting is called for a client: ``brand.cost_per_reply`` -> ``Cost per
reply to a member``, in the report's language (decks and the claims audit's slides show
names, never dotted keys)."""

from __future__ import annotations

from commsim.locale import tr

# What each setting is called on a slide (translated in the report's language), for the keys
# the assumptions show; other keys are named by their last part in words.
SETTING_NAMES = {
    "brand.price": "Price per purchase",
    "brand.margin": "Gross margin",
    "brand.market_share": "Market share at the start",
    "brand.initial_awareness": "Brand awareness at the start",
    "platform.organic_reach": "Organic reach",
    "platform.cpm": "Cost per 1,000 ad impressions (CPM)",
    "brand.cost_value_post": "Cost of a value post",
    "brand.cost_push_post": "Cost of a promotional post",
    "brand.community_cost_per_day": "Community management cost per day",
    "brand.cost_per_reply": "Cost per reply to a member",
    "brand.community": "Community",
    "brand.value_share": "Share of value content",
    "brand.ad_budget_per_day": "Ad budget per day",
    "brand.posts_per_day": "Posts per day",
    "population.members": "Simulated members",
    # the claims audit's quick sizing and the uncertainties its sweeps share
    "population.market_size": "Market size",
    "population.market_history_days": "Days of market history before the start",
    "brand.initial_followers": "Followers at the start",
    "platform.engagement_ranking": "How much reach follows engagement",
    "behavior.push_fatigue": "Fatigue from promotional posts",
    "behavior.promo_lift": "Purchase lift from a recent promotion",
    "population.topic_interest": "Mean interest in the topic",
    "population.brand_affinity": "Mean affinity for the brand",
    "behavior.purchase_cycle_days": "Days between purchase needs",
}


def setting_name(key: str) -> str:
    """``brand.cost_per_reply`` -> ``Cost per reply to a member``, in the report's language."""
    name = SETTING_NAMES.get(key)
    if name is not None:
        return tr(name)
    words = key.rsplit(".", 1)[-1].replace("_", " ")
    return words[:1].upper() + words[1:]
