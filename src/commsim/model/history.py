"""The market's history before day 0, lived once and forked for every arm of a replicate.

Before day 0 no brand runs a programme (docs/model.md section 3): only the people, the market
and the platform shape the history. Arms that differ only in what a brand does once its
programme starts therefore live the identical history on the same seed, and a model started
from a :class:`History` continues exactly where a model that lived it would
(tests/model/test_history.py holds both). Which settings a history never reads is declared
here, in :data:`SETTINGS_AFTER_DAY_0`; a setting left out only costs sharing, never results.
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from commsim.config import Scenario
from commsim.model.member_state import Members
from commsim.model.phases.shopping import Shoppers

# A brand's settings that act only from day 0: what its programme does (every use in the
# model is behind ``program_active``, ``spending``, ``hosting`` or the brand's own posts, none
# of which exist before day 0) and the money it books. Its name, baseline share, awareness
# and experience shape the market and are not here; nor is any platform, population or
# behaviour setting.
SETTINGS_AFTER_DAY_0 = frozenset(
    {
        "price",
        "margin",
        "program",
        "community",
        "posts_per_week",
        "value_share",
        "quality",
        "brand_mention",
        "initial_followers",
        "ad_budget_per_day",
        "ad_days",
        "ad_targeting",
        "paid_leader_posts_per_week",
        "leader_fee_per_post",
        "nano_creators",
        "micro_creators",
        "macro_creators",
        "creator_posts_per_month",
        "nano_fee_per_post",
        "micro_fee_per_post",
        "macro_fee_per_post",
        "kol_program",
        "kol_per_month",
        "kol_attitude_lift",
        "kol_cost_per_leader_month",
        "responsiveness",
        "incentive_followers_per_week",
        "giveaway_targeting",
        "store_code_share",
        "incentive_cost_per_follower",
        "monthly_budget",
        "cost_value_post",
        "cost_push_post",
        "quality_cost_elasticity",
        "cost_per_reply",
        "community_cost_per_day",
        "review_day",
        "review_kpi",
        "review_min_roi",
    }
)


def history_key(scenario: Scenario) -> str:
    """What the history depends on, as a digest: the scenario without the brands'
    settings that act from day 0. Two scenarios with one key live one history on one seed."""
    return market_key(scenario.model_dump(mode="json"))


def market_key(settings: Mapping[str, Any]) -> str:
    """:func:`history_key` of a settings table (a whole scenario or an arm's overrides,
    nested by section): the same table less the brands' day-0 settings gives the same key.
    On overrides two keys can differ where the histories are the same (a default written
    out or left implicit); that only costs sharing."""
    market = json.loads(json.dumps(settings, default=str))
    brands = [market.get("brand", {}), *market.get("competitors", [])]
    for brand in brands:
        for name in SETTINGS_AFTER_DAY_0:
            if isinstance(brand, dict):
                brand.pop(name, None)
    if market.get("brand") == {}:
        del market["brand"]  # only day-0 settings: the market of a table without them
    text = json.dumps(market, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class History:
    """The world on the evening before day 0: member state, the market's clocks and brand
    constants, and the random stream where the history left it."""

    key: str  # :func:`history_key` of the scenario that lived it
    members: Members
    shoppers: Shoppers
    rng_state: dict[str, Any]
    sharers: np.ndarray  # members whose shares on the history's last day are seen on day 0

    @classmethod
    def capture(
        cls,
        key: str,
        members: Members,
        shoppers: Shoppers,
        rng: np.random.Generator,
        sharers: np.ndarray,
    ) -> History:
        """A snapshot (copies): the model that lived the history goes on changing its own.
        The friendship network, never changed, is shared, and made read-only to stay so."""
        for array in (members.network.data, members.network.indices, members.network.indptr):
            array.setflags(write=False)
        return cls(
            key,
            _copy_members(members),
            copy.deepcopy(shoppers),
            dict(copy.deepcopy(rng.bit_generator.state)),
            sharers.copy(),
        )

    def fork(self, scenario: Scenario, rng: np.random.Generator) -> tuple[Members, Shoppers]:
        """Fresh copies of the state for a model of ``scenario``, and its random stream set
        to where the history left it. Refuses a scenario whose history differs."""
        if history_key(scenario) != self.key:
            raise ValueError(
                "this history was lived by a scenario that differs in more than the "
                "brands' settings that act from day 0 (SETTINGS_AFTER_DAY_0); live its own"
            )
        rng.bit_generator.state = copy.deepcopy(self.rng_state)
        return _copy_members(self.members), copy.deepcopy(self.shoppers)

    @property
    def nbytes(self) -> int:
        """Memory the snapshot holds (the network it shares included)."""
        arrays = [getattr(self.members, f.name) for f in fields(Members) if f.name != "network"]
        network = self.members.network
        arrays += [network.data, network.indices, network.indptr]
        arrays += [v for v in vars(self.shoppers).values() if isinstance(v, np.ndarray)]
        return sum(array.nbytes for array in arrays)


BYTES_PER_MEMBER = 300  # a history's snapshot, per member (measured: 265 with two brands)
HistoryKey = tuple[str, str]  # (the seed, :func:`history_key` of the market)


class HistoryCache:
    """The histories this process lived lately, within a memory budget (least recently
    used out first): the arms of a replicate, and the runs of a study on one seed in one
    market, fork the history once lived instead of living it again. Thread-safe."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._kept: OrderedDict[HistoryKey, History] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: HistoryKey) -> History | None:
        with self._lock:
            history = self._kept.get(key)
            if history is not None:
                self._kept.move_to_end(key)
            return history

    def admits(self, members: int) -> bool:
        """Whether a history of this many members is worth a snapshot: at most half the
        budget (a member with two brands and its network takes ~270 bytes)."""
        return members * BYTES_PER_MEMBER <= self.max_bytes // 2

    def put(self, key: HistoryKey, history: History) -> None:
        size = history.nbytes
        with self._lock:
            if key in self._kept or size > self.max_bytes:
                return
            self._kept[key] = history
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= dropped.nbytes

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._kept)


def _copy_members(members: Members) -> Members:
    """Copies of every array; the friendship network is never changed, so it is shared."""
    arrays = {
        f.name: getattr(members, f.name).copy() for f in fields(Members) if f.name != "network"
    }
    return replace(members, **arrays)
