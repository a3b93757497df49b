"""The Python API and the command line are one library: the same experiment gives the same
results tables whichever way it is run (a check that survives any change to the model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import commsim
from commsim.cli import app
from tests.experiment.tiny_experiment import TINY

TABLES = ("timeseries.csv", "summary.csv", "comparison.csv", "crossovers.csv")


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("api_cli")
    path = folder / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    commsim.run_experiment(path, out=folder / "api", workers=1)
    arguments = ["run", str(path), "--out", str(folder / "cli"), "--workers", "1", "--no-charts"]
    done = CliRunner().invoke(app, arguments)
    assert done.exit_code == 0, done.output
    return folder / "api", folder / "cli"


@pytest.mark.parametrize("table", TABLES)
def test_run_experiment_and_commsim_run_write_identical_tables(both, table):
    api, cli = both
    assert (api / table).read_bytes() == (cli / table).read_bytes()
