"""The model as a field study sees it: who the focal brand's ads reached, who bought the
brand on which day, and when each member joined its audience, from day 0 on.

The records start with the first simulated day: the market's history before it (run while
the model is built) is the same in every world a design compares, and is not observed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np

from commsim.model import CommunityModel
from commsim.model.member_state import NEVER
from commsim.model.model import start_model

FOCAL = 0  # the focal brand's index: the brand every study is about


class ObservedModel(CommunityModel):
    """A :class:`CommunityModel` that keeps a study's member-level records of the focal brand.

    ``intervene`` is called once, just before day 0, with the model: the study's treatment
    assignment (e.g. randomised page likes).
    """

    def __init__(
        self,
        scenario: dict[str, Any],
        *,
        seed: int | np.random.SeedSequence,
        steps_hint: int,
        intervene: Callable[[ObservedModel], None] | None = None,
        **history: Any,  # a forked market history (model.start_model)
    ) -> None:
        super().__init__(scenario, seed=seed, steps_hint=steps_hint, **history)
        n = self.members.size
        self.observing = False
        self.exposed = np.zeros(n, dtype=bool)  # reached by a focal ad since day 0
        self.joined_on = np.full(n, NEVER)  # first day in the focal audience since day 0
        self.purchase_days: list[np.ndarray] = []  # per day: the day of each focal purchase
        self.purchase_buyers: list[np.ndarray] = []  # ... and who made it
        self.treated = self.control = np.empty(0, dtype=np.int64)  # a randomised design's arms
        self._intervene = intervene

    def step(self) -> None:
        if not self.observing:
            if self._intervene is not None:
                self._intervene(self)
            self._was_in = self.members.audience()[:, FOCAL].copy()
            self.observing = True
        super().step()

    def _deliver(self, posts):  # noqa: ANN001, ANN202
        seen = super()._deliver(posts)
        if getattr(self, "observing", False):
            self.exposed[seen.who[seen.paid[FOCAL] > 0]] = True
        return seen

    def _update_communities(self, posts, seen):  # noqa: ANN001, ANN202
        giveaways = super()._update_communities(posts, seen)
        if getattr(self, "observing", False):
            now = self.members.audience()[:, FOCAL]
            new = now & ~self._was_in & (self.joined_on == NEVER)
            self.joined_on[new] = self.world.day
            self._was_in = now.copy()
        return giveaways

    def _purchase(self):  # noqa: ANN202
        purchases = super()._purchase()
        if getattr(self, "observing", False):
            buyers = purchases.buyers[purchases.brands == FOCAL]
            self.purchase_buyers.append(buyers)
            self.purchase_days.append(np.full(buyers.size, self.world.day))
        return purchases

    def purchases_between(self, first_day: int, end_day: int) -> np.ndarray:
        """Per member: focal purchases on days ``first_day`` to ``end_day - 1``."""
        if not self.purchase_buyers:
            return np.zeros(self.members.size)
        days = np.concatenate(self.purchase_days)
        buyers = np.concatenate(self.purchase_buyers)
        inside = (days >= first_day) & (days < end_day)
        return np.bincount(buyers[inside], minlength=self.members.size).astype(float)

    def focal_metrics(self):  # noqa: ANN201
        """The focal brand's daily metrics so far (a DataFrame)."""
        frame = self.metrics.to_frame()
        return frame[frame["brand"] == self.scenario.brand.name]


def run_world(
    scenario: dict[str, Any],
    seed: int | np.random.SeedSequence,
    days: int,
    intervene: Callable[[ObservedModel], None] | None = None,
) -> ObservedModel:
    """Build a world from ``seed`` and observe it for ``days`` days. The worlds a design
    compares share one seed: the market history before day 0 is lived once per process and
    forked for the others (``model.start_model``: the same numbers, in less time)."""
    model = cast(
        ObservedModel,
        start_model(
            scenario, seed=seed, steps_hint=days, model_class=ObservedModel, intervene=intervene
        ),
    )
    for _ in range(days):
        model.step()
    return model
