"""Optional timing of the stages of a day, for the benchmarks; free when switched off."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

Method = TypeVar("Method", bound=Callable[..., Any])

# The stages of a day, in order, as CommunityModel names them.
STAGES = (
    "posting",
    "delivery",
    "response",
    "community",
    "leaders",
    "purchase",
    "accounts",
    "metrics",
    "decay",
)


def stage(name: str) -> Callable[[Method], Method]:
    """Add the method's wall time to ``self.stage_seconds[name]`` when that is a dict.

    Off (``stage_seconds is None``, the default) it costs one attribute test per call.
    """

    def decorate(method: Method) -> Method:
        @functools.wraps(method)
        def timed(self, *args: Any) -> Any:
            seconds = self.stage_seconds
            if seconds is None:
                return method(self, *args)
            start = time.perf_counter()
            try:
                return method(self, *args)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start

        return timed  # type: ignore[return-value]  # wraps keeps the method's signature

    return decorate
