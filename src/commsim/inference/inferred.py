"""The assumptions the inference infers: the Morris screening's largest influences that the
published evidence can reach (docs/model.md 9.4), each drawn from the prior it declares
with its parameter (``param(prior=...)``, docs/validation.md section 7)."""

from __future__ import annotations

from dataclasses import dataclass

from scipy import stats

from commsim.config.assumption_draws import LOG_UNIFORM_RATIO
from commsim.config.parameters import parameters

# The screening's top assumptions that at least one replicated study responds to.
INFERRED: tuple[str, ...] = (
    "brand.initial_awareness",
    "population.homophily",
    "population.affinity_homophily",
    "behavior.loyalty",
    "behavior.unfollow_steepness",
    "behavior.unfollow_max",
    "behavior.value_attitude_gain",
    "behavior.social_influence",
    "behavior.share_base",
    "behavior.engage_base",
)


@dataclass(frozen=True)
class Assumption:
    """One inferred parameter: its dotted key, plausible range and default."""

    key: str
    low: float
    high: float
    default: float

    @property
    def log_scale(self) -> bool:
        """Drawn log-uniformly, as ``prior`` mode draws it (config/assumption_draws.py)."""
        return self.low > 0 and self.high / self.low >= LOG_UNIFORM_RATIO

    def distribution(self) -> stats.rv_continuous:
        """The prior as a frozen scipy distribution (uniform, or log-uniform when wide)."""
        if self.log_scale:
            return stats.loguniform(self.low, self.high)
        return stats.uniform(self.low, self.high - self.low)


def inferred_assumptions(keys: tuple[str, ...] = INFERRED) -> tuple[Assumption, ...]:
    """Each key's prior and default, read from the parameter itself (one home)."""
    found = []
    for key in keys:
        parameter = parameters()[key]
        prior = parameter.prior
        if prior is None or len(prior) != 2 or not parameter.is_assumption:
            raise ValueError(f"{key}: only an assumption with a (low, high) prior is inferred")
        low, high = (float(value) for value in prior)
        found.append(Assumption(key, low, high, float(parameter.field.default)))
    return tuple(found)
