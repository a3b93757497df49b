"""How a parameter is declared: default, meaning, unit, valid range and source in one place.

A field's description carries its meaning; ``unit`` and ``source`` are kept as JSON-schema
extras so docs and error messages can show them. Every default names its source (publisher
and year) or says "assumption" and why the value is reasonable: ``tests/config`` checks it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def param(
    default: Any,
    description: str,
    *,
    unit: str = "",
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
    source: str = "",
    scales: str = "",
    prior: tuple[Any, ...] | None = None,
) -> Any:
    """A model parameter: default, meaning, unit, valid range and source in one place.

    ``scales`` says how the value meets the market scale (docs/model.md section 7.10):
    ``"market"`` for counts and money of the whole market (divided by the scale for the
    simulated sample, or multiplied back in results), empty for rates, shares and
    per-person values, which the sample takes as they are.

    ``prior`` is an assumption's plausible range (DESIGN.md section 6; docs/validation.md):
    ``(low, high)`` for a number, one ``(low, high)`` per element for a pair of numbers, or
    the plausible choices for a named option. Every parameter whose source says
    "assumption" has one, and its default lies inside it (``tests/config``).
    """
    extra: dict[str, Any] = {"unit": unit}
    if source:
        extra["source"] = source
    if scales:
        extra["scales"] = scales
    if prior is not None:
        extra["prior"] = prior
    return Field(
        default,
        description=description,
        ge=ge,
        le=le,
        gt=gt,
        lt=lt,
        json_schema_extra=extra,
    )


class Strict(BaseModel):
    """Base of every config table: unknown keys are errors, assignments are validated."""

    # Infinite and NaN values are no one's real figure, and would only fail far downstream.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)
