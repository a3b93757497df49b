"""The scenario: every model parameter, once, grouped by owner (one pydantic model each).

The tables live in their own modules (``population``, ``platform``, ``brand``, ``behavior``);
this one joins them and checks what spans tables: brand names, and the brands' baseline
shares and audiences against the market.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from commsim.config.behavior import Behavior
from commsim.config.brand import Brand
from commsim.config.fields import Strict, param
from commsim.config.limits import shown
from commsim.config.platform import Platform
from commsim.config.population import Population

MAX_BRAND_NAME = 100  # characters

__all__ = ["Behavior", "Brand", "Platform", "Population", "Scenario", "Strict", "param"]


class Scenario(Strict):
    """One fully specified model configuration."""

    population: Population = Field(default_factory=Population)
    platform: Platform = Field(default_factory=Platform)
    brand: Brand = Field(default_factory=Brand)
    competitors: list[Brand] = Field(default_factory=list)
    behavior: Behavior = Field(default_factory=Behavior)

    @model_validator(mode="after")
    def _brand_names_are_labels(self) -> Scenario:
        # A brand's name labels table rows, charts and files written from the explorer: one
        # line of printable text, short enough for a legend.
        tables = ["brand", *["competitors"] * len(self.competitors)]
        for table, brand in zip(tables, self.brands, strict=True):
            name = brand.name
            if not name.strip() or len(name) > MAX_BRAND_NAME or not name.isprintable():
                raise ValueError(
                    f"{table} must be named with 1 to {MAX_BRAND_NAME} printable characters, "
                    f"no line breaks or control characters (got name = {shown(name)})"
                )
        return self

    @model_validator(mode="after")
    def _unique_brand_names(self) -> Scenario:
        names = [b.name for b in self.brands]
        if len(set(names)) != len(names):
            raise ValueError(f"brand names must be unique (got {names})")
        return self

    @model_validator(mode="after")
    def _shares_leave_room_for_the_rest(self) -> Scenario:
        total = sum(b.market_share for b in self.brands)
        if total >= 1.0:
            raise ValueError(
                f"the brands' market_share values add up to {total:g}; they must add up to "
                "less than 1 (the rest of the category buys other brands)"
            )
        return self

    @model_validator(mode="after")
    def _audiences_within_the_market(self) -> Scenario:
        market = self.population.market_size
        for brand in self.brands:
            if brand.initial_followers > market:
                raise ValueError(
                    f"{brand.name}: initial_followers ({brand.initial_followers}) must not "
                    f"exceed population.market_size ({market})"
                )
        return self

    @property
    def brands(self) -> list[Brand]:
        """The focal brand first, then the competitors."""
        return [self.brand, *self.competitors]

    @property
    def scale(self) -> float:
        """Real people each simulated member stands for."""
        return self.population.scale
