"""Whether a file of a results folder can be trusted: a run file read back whole against the
checksum stored in it, a time series with every day of every run, a table not cut short.

A run file whose footer is intact still opens, and its schema and metadata still read, while
its pages may be garbage; so a run counts as finished only when all of its rows read back and
match the SHA-256 of the rows written.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from commsim.experiment.results.atomic import META_KEY


def frame_digest(frame: pd.DataFrame) -> str:
    """SHA-256 of a table's values, stored with a run file and checked when it is read back."""
    values = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    columns = "\0".join(map(str, frame.columns)).encode("utf-8")
    return hashlib.sha256(columns + values.tobytes()).hexdigest()


def run_file_problem(
    path: Path, run_id: str, config_hash: str
) -> tuple[str | None, dict[str, Any]]:
    """Why a stored run file cannot be trusted (``None``: it can; ``""``: it belongs to
    another experiment, which is no damage), and its metadata."""
    try:
        table = pq.read_table(path)
        meta = json.loads((table.schema.metadata or {})[META_KEY])
        frame = table.replace_schema_metadata(None).to_pandas()
    except KeyError:
        return "damaged (no commsim metadata)", {}
    except (OSError, ValueError, pa.ArrowException):
        return "damaged (it does not read back as a whole Parquet file)", {}
    if not isinstance(meta, dict) or meta.get("run_id") != run_id:
        return "damaged (its metadata names another run)", {}
    if meta.get("config_hash") != config_hash:
        return "", meta
    if "sha256" not in meta:  # edited by hand, or not written whole by commsim
        return "damaged (its metadata has no checksum)", meta
    if len(frame) != meta.get("rows") or frame_digest(frame) != meta["sha256"]:
        return "damaged (its rows do not match the checksum stored when it was written)", meta
    return None, meta


# How each kind of file commsim writes says so inside itself (charts: matplotlib's metadata,
# commsim.charts.files; run files: commsim's key in the Parquet schema).
_SIGNATURES = {
    ".png": b"Software\x00commsim",
    ".svg": b"<dc:title>commsim</dc:title>",
    ".pdf": b"/Creator (commsim)",
}
SIGNATURE_BYTES = 1_000_000  # a chart's metadata is in its first (PNG, SVG) or last bytes


def written_by_commsim(path: Path) -> bool:
    """Whether the file's own metadata says commsim wrote it (a run file, a chart): only
    such files, and those a manifest names, are ever deleted by commsim."""
    try:
        if path.is_symlink() or not path.is_file():
            return False
        if path.suffix == ".parquet":
            return META_KEY in (pq.read_schema(path).metadata or {})
        signature = _SIGNATURES.get(path.suffix)
        if signature is None:
            return False
        with path.open("rb") as file:
            head = file.read(SIGNATURE_BYTES)
            file.seek(max(0, path.stat().st_size - SIGNATURE_BYTES))
            tail = file.read(SIGNATURE_BYTES)
        return signature in head or signature in tail
    except (OSError, ValueError, pa.ArrowException):
        return False


def ends_with_newline(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            file.seek(0, os.SEEK_END)
            if file.tell() == 0:
                return False
            file.seek(-1, os.SEEK_END)
            return file.read(1) == b"\n"
    except OSError:
        return False


def incomplete_runs(frame: pd.DataFrame) -> str | None:
    """A run cut short: fewer days than the others, or a day without every brand."""
    if not {"run_id", "step", "brand"} <= set(frame.columns) or len(frame) == 0:
        return None  # the caller names missing columns and empty tables
    if frame["step"].isna().any():
        return "rows without a day"
    runs = frame.groupby("run_id", sort=False).agg(
        rows=("step", "size"),
        days=("step", "nunique"),
        brands=("brand", "nunique"),
        last=("step", "max"),
    )
    short = runs[
        (runs["rows"] != runs["days"] * runs["brands"]) | (runs["last"] < runs["last"].max())
    ]
    if len(short):
        run = short.iloc[-1]
        return f"run {short.index[-1]} ends at day {run['last']} with {run['rows']} rows"
    return None
