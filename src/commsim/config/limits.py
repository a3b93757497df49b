"""How big and how deep input may be, and how a value is shown in a message.

Experiment files and ``--set`` values come from people (and from scripts that go wrong): a
file of a million nested arrays, a 5,000-digit number or a name with a newline must end in one
message naming the file and the key, never in a traceback deep inside a parser.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from commsim.config.errors import ConfigError

# An experiment file of a thousand arms is ~100 kB; a megabyte is a mistake (or an attack).
MAX_FILE_BYTES = 1_000_000
# Tables and arrays inside one another. The deepest real key, a competitor's parameter in an
# arm (arms.NAME.competitors[0].market_share) inside a sweep's table, is 6 levels deep.
MAX_DEPTH = 16
# A ``--set KEY=VALUE``: a list of checkpoints is the longest value anyone types.
MAX_OVERRIDE_CHARS = 10_000
# Python refuses to read integers longer than this (int-string conversion limit); no
# parameter takes one anywhere near it.
MAX_DIGITS = 4300
SHOWN_CHARS = 60  # a value quoted in a message is cut to this length


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\n``), so a message stays on one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """A value as a message quotes it: its repr, cut to ``limit`` characters."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's int-string limit
        return "a number of more than 4300 digits"
    if len(text) <= limit:
        return text
    return f"{text[: limit - 3]}... ({len(text):,} characters)"


def shown_key(key: str, limit: int = 80) -> str:
    """A (dotted) key as a message names it: control characters escaped, cut to ``limit``."""
    key = printable(key)
    return key if len(key) <= limit else f"{key[: limit - 3]}... ({len(key):,} characters)"


def depth_problem(value: Any, limit: int = MAX_DEPTH) -> tuple[str, int] | None:
    """The key path and depth of the first place nested deeper than ``limit``, if any.

    A dotted key (``"a.b.c" = 1``) counts a level per part, as it is read as nested tables.
    Iterative, so a structure deeper than Python's recursion limit is measured too.
    """
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if depth > limit:
            return path, depth
        items: Iterable[tuple[Any, Any]]
        if isinstance(node, dict):
            items = node.items()
        elif isinstance(node, list | tuple):
            items = ((str(i), v) for i, v in enumerate(node))
        else:
            continue
        for key, child in items:
            parts = str(key).count(".")
            where = f"{path}.{key}" if path else str(key)
            if isinstance(child, dict | list | tuple):
                stack.append((child, where, depth + 1 + parts))
            elif depth + parts > limit:
                return where, depth + parts
    return None


def check_depth(value: Any, where: str = "", prefix: str = "") -> None:
    """Raise :class:`ConfigError` when tables and arrays nest deeper than :data:`MAX_DEPTH`."""
    found = depth_problem(value)
    if found is None:
        return
    path, _ = found
    key = ".".join(p for p in (prefix, path) if p) or "value"
    head = f"{where}: " if where else ""
    raise ConfigError(
        f"{head}{shown_key(key)}: tables and arrays nest more than {MAX_DEPTH} levels deep; "
        "scenario keys are at most a few levels deep (e.g. arms.NAME.brand.value_share)"
    )


def read_toml(text: str, where: str) -> dict[str, Any]:
    """Parse TOML text, within the limits of size and depth; one :class:`ConfigError` if not."""
    if len(text) > MAX_FILE_BYTES:
        raise ConfigError(
            f"{where}: too large for an experiment file (more than {MAX_FILE_BYTES:,} "
            "characters); list levels in [factors] instead of writing every arm"
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(
            f"{where}: arrays or inline tables nest too deeply (at most {MAX_DEPTH} levels)"
        ) from None
    except ValueError:  # Python's int-string limit
        raise ConfigError(
            f"{where}: a number has more than {MAX_DIGITS} digits; no parameter takes "
            "a number that large"
        ) from None
    check_depth(data, where)
    return data


def read_override_value(key: str, raw: str) -> Any:
    """The value of ``--set KEY=VALUE`` read as TOML (numbers, booleans, lists), or the text
    itself when it is not TOML (``brand.community=topic``)."""
    name = f"override '{shown_key(key)}'"
    if len(raw) > MAX_OVERRIDE_CHARS:
        raise ConfigError(
            f"{name}: the value is {len(raw):,} characters long (at most {MAX_OVERRIDE_CHARS:,})"
        )
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw
    except RecursionError:
        raise ConfigError(f"{name}: the value nests too deeply") from None
    except ValueError:  # Python's int-string limit
        digits = sum(c.isdigit() for c in raw)
        raise ConfigError(
            f"{name}: the number has {digits:,} digits; no parameter takes a number that large"
        ) from None
    check_depth(value, prefix=f"override '{shown_key(key)}'")
    return value


def read_toml_file(path: Path) -> tuple[str, dict[str, Any]]:
    """The text of a TOML file and its tables; one :class:`ConfigError` for any problem."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a TOML file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ConfigError(
            f"{path}: too large for an experiment file (more than {MAX_FILE_BYTES:,} bytes); "
            "list levels in [factors] instead of writing every arm"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: not a text file in UTF-8 (byte {error.start} is not UTF-8); save it as UTF-8"
        ) from None
    return text, read_toml(text, str(path))
