"""The results folder: atomic writes, no silent overwrite, resume only what can be trusted."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commsim import ConfigError
from commsim.experiment import load_experiment, plan_runs
from commsim.experiment.results.atomic import TEMPORARY_SUFFIX
from commsim.experiment.results.store import (
    OWNED,
    ResultsStore,
    ResultsWarning,
    atomic_write,
    write_parquet,
    write_text,
)
from commsim.experiment.toml_text import dumps


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = write_text(tmp_path / "table.csv", "old\n")

    def broken(temporary):
        temporary.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(path, broken)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_a_non_empty_folder_is_refused_without_resume_or_force(tmp_path, write_experiment):
    experiment = load_experiment(write_experiment())
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(ConfigError, match="not empty; resume to continue .*force to replace"):
        ResultsStore(folder).check(experiment)
    with pytest.raises(ConfigError, match="not a commsim results folder"):
        ResultsStore(folder).check(experiment, resume=True)
    with pytest.raises(ConfigError, match=r"no manifest.json\); force replaces only"):
        ResultsStore(folder).check(experiment, force=True)  # the user's folder: untouched
    ResultsStore(tmp_path / "new").check(experiment)  # a new folder is fine


def test_force_replaces_commsim_files_and_keeps_the_users(tmp_path, write_experiment):
    experiment = load_experiment(write_experiment())
    store = ResultsStore(tmp_path / "out")
    store.prepare(experiment)
    store.write_manifest({"name": "earlier"})  # the proof that the folder is commsim's
    (store.path / "summary.csv").write_text("old")
    (store.path / "notes.txt").write_text("mine")
    store.prepare(experiment, force=True)
    assert not (store.path / "summary.csv").exists()
    assert (store.path / "notes.txt").read_text() == "mine"
    assert (store.path / "experiment.toml").read_text() == experiment.source_text()
    resolved = tomllib.loads((store.path / "experiment.resolved.toml").read_text())
    assert resolved["experiment"]["name"] == "tiny"


def test_resume_refuses_a_different_experiment_and_names_the_difference(tmp_path, write_experiment):
    experiment = load_experiment(write_experiment())
    store = ResultsStore(tmp_path / "out")
    store.prepare(experiment)
    store.write_manifest({"config_hash": experiment.config_hash()})
    store.check(experiment, resume=True)
    changed = load_experiment(write_experiment(), ["brand.quality=0.9"])
    with pytest.raises(ConfigError, match=r"differs .*brand.quality: 0.6 in the folder, 0.9 now"):
        store.check(changed, resume=True)


def test_only_intact_runs_of_this_experiment_count_as_finished(tmp_path, write_experiment):
    experiment = load_experiment(write_experiment())
    runs = plan_runs(experiment)
    store = ResultsStore(tmp_path / "out")
    store.prepare(experiment)
    frame = pd.DataFrame({"step": [1, 2], "brand": ["focal", "focal"]})
    store.write_run(runs[0], frame, 1.5, experiment.config_hash())
    store.write_run(runs[1], frame, 1.0, "another experiment")
    store.run_path(runs[2]).write_bytes(b"PAR1 cut short by a kill")
    (store.runs_dir / f".{runs[3].run_id}.parquet.123.commsim-tmp").write_bytes(b"half")
    with pytest.warns(ResultsWarning, match=r"push-r002.parquet: damaged .*running it again"):
        assert store.finished_runs(runs, experiment.config_hash()) == {runs[0].run_id: 1.5}
    pd.testing.assert_frame_equal(store.read_runs(runs[:1]), frame)


def test_toml_writer_round_trips_plain_tables():
    table = {
        "experiment": {"name": "x", "checkpoints": [90, 365], "ratio": 0.1, "on": True},
        "arms": {"a b": {"brand.value_share": 0.9, "competitors": [{"name": "rival"}]}},
        "limits": (0.2, 3.0),
    }
    read = tomllib.loads(dumps(table))
    assert read == {**table, "limits": [0.2, 3.0]}


# A user's files, named as commsim's are (a chart's number, a run's .parquet, a temporary's
# dots), in every place of a results folder that commsim writes.
USER_NAMES = st.from_regex(r"\.?[a-z0-9_]{1,8}(\.[0-9]{1,5})?\.(tmp|png|svg|pdf|parquet|csv|txt)")


@settings(max_examples=40, derandomize=True, deadline=None, database=None)
@given(files=st.lists(st.tuples(st.sampled_from(["", "runs", "charts"]), USER_NAMES), max_size=8))
def test_force_and_resume_remove_only_what_commsim_wrote(tmp_path_factory, files):
    """Whatever the user named their files, clearing (force) and removing temporaries
    (resume) keep every one; commsim's own run files and temporaries go."""
    folder = tmp_path_factory.mktemp("results")
    store = ResultsStore(folder)
    store.runs_dir.mkdir()
    store.write_manifest({"name": "x"})
    frame = pd.DataFrame({"step": [1], "brand": ["focal"]})
    ours = [
        write_parquet(store.runs_dir / "push-r000.parquet", frame, {"run_id": "push-r000"}),
        store.runs_dir / f".push-r001.parquet.42{TEMPORARY_SUFFIX}",
    ]
    ours[1].write_bytes(b"half")
    mine = {}
    for place, name in files:
        path = folder / place / name
        path.parent.mkdir(exist_ok=True)
        if path.name in ("manifest.json", *OWNED) or path in ours:
            continue
        mine[path] = f"the user's {place}/{name}".encode()
        path.write_bytes(mine[path])
    store.remove_temporaries()
    assert not ours[1].exists()
    store.clear()
    assert not ours[0].exists()
    assert {path: path.read_bytes() for path in mine} == mine
