"""Every assumption carries its plausible range (its prior) with the parameter, and the
default lies inside it (DESIGN.md section 6; docs/validation.md)."""

from __future__ import annotations

import typing

import pytest

from commsim.config.parameters import Parameter, parameter_choices, parameters

ASSUMPTIONS = [p for p in parameters().values() if p.is_assumption]


def _bounds(parameter: Parameter) -> tuple[float | None, float | None]:
    low = high = None
    for rule in parameter.field.metadata:
        low = getattr(rule, "ge", getattr(rule, "gt", low))
        high = getattr(rule, "le", getattr(rule, "lt", high))
    return low, high


def _inside(value: float, low: float, high: float) -> bool:
    return low <= value <= high


def test_the_assumptions_are_found():
    # 67 at the time of issue 24 (docs/model.md 9.4): a walker that finds none tests nothing.
    assert len(ASSUMPTIONS) >= 60


@pytest.mark.parametrize("parameter", ASSUMPTIONS, ids=lambda p: p.key)
def test_every_assumption_has_a_prior_holding_its_default(parameter):
    prior, default = parameter.prior, parameter.field.default
    assert prior is not None, f"{parameter.key}: an assumption without a plausible range"
    choices = parameter_choices(parameter.key)
    if choices:  # a named option: the plausible choices
        assert default in prior and set(prior) <= set(choices)
    elif isinstance(default, tuple):  # a pair of numbers: a range per element
        assert len(prior) == len(default)
        assert all(_inside(v, lo, hi) for v, (lo, hi) in zip(default, prior, strict=True))
    else:
        low, high = prior
        assert low < high and _inside(default, low, high), (parameter.key, prior, default)
        valid_low, valid_high = _bounds(parameter)
        assert valid_low is None or low >= valid_low
        assert valid_high is None or high <= valid_high


def test_a_prior_is_a_range_not_a_number():
    numeric = [p for p in ASSUMPTIONS if not parameter_choices(p.key)]
    for parameter in numeric:
        assert isinstance(parameter.prior, tuple) and len(parameter.prior) == 2, parameter.key
        assert typing.get_origin(parameter.field.annotation) is not typing.Literal
