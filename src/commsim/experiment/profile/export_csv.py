"""Reading the CSV files that platforms export (page insights, LINE statistics) as people
download them: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"),
or Shift_JIS (Japanese Windows), and counts written with thousands separators; and checking
the ``[brand_profile]`` table an importer makes of them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from commsim.config import ConfigError
from commsim.config.loading import describe_validation_error
from commsim.experiment.profile.brand_profile import PROFILE, BrandProfile


def read_rows(path: Path, hint: str) -> tuple[list[dict[str, str]], Sequence[str]]:
    """The file's rows (keyed by its stripped column names) and its columns; ``hint`` says
    what the file should have been, for the message when it is not text."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror or error})") from None
    encodings = ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "cp932")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ConfigError(f"{path}: not a text file; expected {hint}") from None
    lines = text.splitlines()
    if lines and lines[0].strip().lower().startswith("sep="):
        lines = lines[1:]  # Excel's separator hint
    reader = csv.DictReader(lines)
    columns = [c.strip() for c in (reader.fieldnames or [])]
    reader.fieldnames = columns
    return list(reader), columns


def count(text: str, path: Path, line: int, column: str) -> float | None:
    """A count as exported (``1,234``); None where the cell is empty or ``-`` (LINE writes
    no figure for a day its statistics were not ready)."""
    text = text.strip()
    if not text or text == "-":
        return None
    where = f"{path}: line {line}, column '{column}'"
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise ConfigError(f"{where}: {text!r} is not a number") from None
    if value < 0 or value != value:
        raise ConfigError(f"{where}: {text!r} is not a count")
    return value


def checked_profile(table: dict[str, Any], source: str) -> dict[str, Any]:
    """An imported ``[brand_profile]`` table, validated by the profile's own model: a
    ConfigError naming the export for an impossible combination."""
    try:
        BrandProfile.model_validate(table)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, BrandProfile, source, PROFILE)) from None
    return table
