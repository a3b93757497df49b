"""The one error of bad input, and the nearest valid name to offer with it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ConfigError(ValueError):
    """Invalid scenario or experiment input; the message is meant for people.

    ``parameter`` names the argument of a library call at fault (``workers``, ``design``,
    ``overrides``), when the fault is in an argument rather than in a file; every line of the
    message then starts with ``"<parameter>: "``, so a front end (the CLI) can name its own
    option instead (``--workers``) without parsing anything else.
    """

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        if parameter is not None:
            head = f"{parameter}: "
            message = "\n".join(
                line if line.startswith(head) else head + line for line in message.splitlines()
            )
        super().__init__(message)
        self.parameter = parameter


def nearest_key(key: str, candidates: Iterable[str]) -> str | None:
    """The valid key closest to a misspelt one, if any is close."""
    match = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.5)
    return match[0] if match else None
