"""Broken results folders and full disks: one clear message each, and nothing lost.

A finished folder of a tiny experiment is copied and damaged one way per test; ``run --resume``,
``charts`` and ``report`` must then say what is wrong (naming the file, and what to do) with
no traceback, and never trust or chart a damaged file. Runs in-process (Typer's runner).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from commsim.cli import app
from commsim.experiment.results.store import ResultsStore

EXPERIMENT = """\
[experiment]
name = "faults"
steps = 30
replicates = 2
seed = 3
checkpoints = [10, 20]
reference = "push"

[base]
population.members = 300

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""
TABLES = ("timeseries.csv", "summary.csv", "comparison.csv", "crossovers.csv")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def invoke(*arguments: object, cwd: Path):
    """``commsim ARGUMENTS`` in this process, from ``cwd``: (exit code, stderr, stdout)."""
    previous, argv = Path.cwd(), sys.argv
    os.chdir(cwd)
    sys.argv = ["commsim", *map(str, arguments)]  # as the manifest records it
    try:
        done = CliRunner().invoke(app, [str(a) for a in arguments])
    finally:
        os.chdir(previous)
        sys.argv = argv
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        raise done.exception
    return done.exit_code, done.stderr, done.stdout


def one_error_line(stderr: str) -> str:
    """The one line of an error message (asserting there is one, and no traceback)."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.lstat().st_mtime_ns for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def finished(tmp_path_factory) -> Path:
    """A finished results folder, never changed: tests damage copies of it."""
    folder = tmp_path_factory.mktemp("finished")
    (folder / "faults.toml").write_text(EXPERIMENT, encoding="utf-8")
    code, stderr, _ = invoke(
        "run", "faults.toml", "--out", "out", "--workers", "1", "--no-charts", cwd=folder
    )
    assert code == 0, stderr
    return folder / "out"


@pytest.fixture
def damaged(finished, tmp_path) -> Path:
    """A copy of the finished folder (in ``tmp_path/out``) to damage; the experiment file
    is next to it."""
    (tmp_path / "faults.toml").write_text(EXPERIMENT, encoding="utf-8")
    shutil.copytree(finished, tmp_path / "out")
    return tmp_path / "out"


def assert_same_tables(folder: Path, other: Path) -> None:
    for name in TABLES:
        assert (folder / name).read_bytes() == (other / name).read_bytes(), name


def resume(folder: Path):
    return invoke(
        "run", "faults.toml", "--out", "out", "--resume", "--workers", "1", "--no-charts",
        cwd=folder.parent,
    )  # fmt: skip


def damage_column(path: Path, column: str) -> None:
    """Overwrite the end of one column's data page; the footer (schema, metadata) stays
    intact, so the file still opens and its metadata still reads."""
    chunks = pq.ParquetFile(path).metadata.row_group(0)
    chunk = next(
        chunks.column(i) for i in range(chunks.num_columns)
        if chunks.column(i).path_in_schema == column
    )  # fmt: skip
    data = bytearray(path.read_bytes())
    end = chunk.data_page_offset + chunk.total_compressed_size
    data[end - 12 : end - 4] = b"\xff" * 8
    path.write_bytes(bytes(data))


def test_a_run_file_damaged_inside_is_run_again_on_resume(damaged, finished):
    damage_column(damaged / "runs" / "value-r001.parquet", "cum_profit")
    code, stderr, stdout = resume(damaged)
    assert code == 0, stderr
    assert "warning: " in stderr and "value-r001.parquet: damaged" in stderr
    assert "running it again" in stderr
    assert "5 reused from an earlier session" in stdout
    assert_same_tables(damaged, finished)


@pytest.mark.parametrize(
    "manifest, said",
    [
        ([], "not a JSON object (got [])"),
        ("{", "not readable JSON"),
        ({"sessions": 5}, "'sessions' should be a list (got 5)"),
        ({"checkpoints": ["ten"]}, "'checkpoints' should be a list of days"),
        ('{"sessions": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested more than 32 levels"),
        (
            {
                "sessions": [
                    {"argv": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
                ]
            },
            "nested more than 32 levels deep, at sessions.0.argv.0.0.0",
        ),
    ],
    ids=[
        "empty list",
        "cut short",
        "sessions a number",
        "checkpoints text",
        "100,000 deep",
        "35 deep",
    ],
)
def test_a_damaged_manifest_is_called_damaged_by_resume_and_charts(damaged, manifest, said):
    path = damaged / "manifest.json"
    if isinstance(manifest, dict):  # the right hash, fields of the wrong type
        manifest = {**json.loads(path.read_text()), **manifest}
    path.write_text(manifest if isinstance(manifest, str) else json.dumps(manifest))
    before = snapshot(damaged)
    code, stderr, _ = resume(damaged)
    assert code == 2
    line = one_error_line(stderr)
    assert "manifest.json: damaged (" in line and said in line and "--force" in line
    assert "another version" not in line
    assert snapshot(damaged) == before
    code, stderr, _ = invoke("charts", "out", cwd=damaged.parent)
    assert code == 2
    assert "manifest.json: damaged" in one_error_line(stderr)


def _cut(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _scramble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3 :] = bytes(len(data) - len(data) // 3)
    path.write_bytes(bytes(data))


def _csv_only_cut(folder: Path) -> None:
    (folder / "timeseries.parquet").unlink()
    _cut(folder / "timeseries.csv")


def _csv_only_cut_at_a_line(folder: Path) -> None:
    (folder / "timeseries.parquet").unlink()
    lines = (folder / "timeseries.csv").read_text().splitlines(keepends=True)
    (folder / "timeseries.csv").write_text("".join(lines[:-7]))


def _comparison_garbage(folder: Path) -> None:
    (folder / "comparison.csv").write_bytes(b'arm,checkpoint\n"push,10\n\xff\xfe\x00')


def _rewrite_timeseries(folder: Path, change) -> None:
    """Rewrite the time series (Parquet, or CSV only when ``change`` says so) changed."""
    frame = pd.read_parquet(folder / "timeseries.parquet")
    frame, csv_only = change(frame)
    if csv_only:
        (folder / "timeseries.parquet").unlink()
        frame.to_csv(folder / "timeseries.csv", index=False)
    else:
        frame.to_parquet(folder / "timeseries.parquet", index=False)


def _edit_csv(path: Path, change) -> None:
    frame = pd.read_csv(path)
    change(frame).to_csv(path, index=False)


def _text_in(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame[column] = frame[column].astype(str)
    frame.loc[frame.index[len(frame) // 2], column] = "twelve"
    return frame


DAMAGE = {
    "timeseries.parquet missing a whole run": (
        lambda f: _rewrite_timeseries(f, lambda t: (t[t["run_id"] != "value-r001"], False)),
        "timeseries.parquet",
    ),
    "timeseries.csv missing a middle day": (
        lambda f: _rewrite_timeseries(
            f, lambda t: (t[~((t["run_id"] == "push-r000") & (t["step"] == 15))], True)
        ),
        "timeseries.csv",
    ),
    "timeseries.parquet without a column": (
        lambda f: _rewrite_timeseries(f, lambda t: (t.drop(columns=["cum_profit"]), False)),
        "timeseries.parquet",
    ),
    "timeseries.csv with text in a number": (
        lambda f: _rewrite_timeseries(f, lambda t: (_text_in(t, "cum_profit"), True)),
        "timeseries.csv",
    ),
    "comparison.csv cut mid-line": (lambda f: _cut(f / "comparison.csv"), "comparison.csv"),
    "comparison.csv header only": (
        lambda f: _edit_csv(f / "comparison.csv", lambda t: t.iloc[:0]),
        "comparison.csv",
    ),
    "comparison.csv without a column": (
        lambda f: _edit_csv(f / "comparison.csv", lambda t: t.drop(columns=["ci_low"])),
        "comparison.csv",
    ),
    "crossovers.csv with text in a number": (
        lambda f: _edit_csv(f / "crossovers.csv", lambda t: _text_in(t, "share_crossed")),
        "crossovers.csv",
    ),
    "timeseries.parquet cut short": (
        lambda f: _cut(f / "timeseries.parquet"),
        "timeseries.parquet",
    ),
    "timeseries.parquet scrambled": (
        lambda f: _scramble(f / "timeseries.parquet"),
        "timeseries.parquet",
    ),
    "timeseries.csv cut mid-line": (_csv_only_cut, "timeseries.csv"),
    "timeseries.csv cut at a line": (_csv_only_cut_at_a_line, "timeseries.csv"),
    "comparison.csv garbage": (_comparison_garbage, "comparison.csv"),
}


@pytest.mark.parametrize("verb", ["charts", "report"])
@pytest.mark.parametrize("case", list(DAMAGE))
def test_charts_and_report_on_a_damaged_table_exit_2_naming_it_and_the_fix(damaged, case, verb):
    damage, name = DAMAGE[case]
    damage(damaged)
    code, stderr, _ = invoke(verb, "out", cwd=damaged.parent)
    assert code == 2, stderr
    line = one_error_line(stderr)
    assert f"{name}: damaged" in line
    assert "--out out --resume" in line and "commsim run faults.toml" in line
    assert not (damaged / "charts").exists() and not (damaged / "report.md").exists()


def test_a_run_file_without_a_checksum_is_run_again_on_resume(damaged, finished):
    path = damaged / "runs" / "push-r001.parquet"
    table = pq.read_table(path)
    meta = json.loads(table.schema.metadata[b"commsim"])
    del meta["sha256"]  # edited by hand: its numbers cannot be trusted
    frame = table.to_pandas()
    frame["cum_profit"] *= 2
    edited = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(edited.replace_schema_metadata({b"commsim": json.dumps(meta).encode()}), path)
    code, stderr, stdout = resume(damaged)
    assert code == 0, stderr
    assert "push-r001.parquet: damaged (its metadata has no checksum)" in stderr
    assert "5 reused from an earlier session" in stdout
    assert_same_tables(damaged, finished)


def test_a_resume_rebuilds_a_damaged_table_from_the_runs(damaged, finished):
    _scramble(damaged / "timeseries.parquet")
    code, stderr, stdout = resume(damaged)
    assert code == 0, stderr
    assert "6 reused from an earlier session" in stdout
    assert_same_tables(damaged, finished)


def test_temporary_files_anywhere_in_the_folder_are_removed_by_a_resume(damaged):
    (damaged / "charts").mkdir()
    leftovers = [
        damaged / ".timeseries.parquet.4242.commsim-tmp",
        damaged / ".manifest.json.17.commsim-tmp",
        damaged / "runs" / ".push-r000.parquet.99.commsim-tmp",
        damaged / "charts" / ".profit.png.5.commsim-tmp",
    ]
    for path in leftovers:
        path.write_bytes(b"half a file")
    (damaged / "notes.tmp").write_text("the user's")
    code, stderr, _ = resume(damaged)
    assert code == 0, stderr
    assert not [path for path in leftovers if path.exists()]
    assert (damaged / "notes.tmp").read_text() == "the user's"


def _under_a_file(tmp: Path) -> str:
    (tmp / "file.txt").write_text("x")
    return "file.txt/out"


def _dangling_link(tmp: Path) -> str:
    (tmp / "link").symlink_to(tmp / "nowhere")
    return "link"


def _dangling_link_above(tmp: Path) -> str:
    (tmp / "link").symlink_to(tmp / "nowhere")
    return "link/out"


UNUSABLE = {
    "under a file": (_under_a_file, "file.txt is a file"),
    "a dangling link": (_dangling_link, "is a symbolic link to"),
    "under a dangling link": (_dangling_link_above, "is a symbolic link to"),
}


@pytest.mark.parametrize("case", list(UNUSABLE))
def test_an_out_that_cannot_be_a_folder_is_refused_before_anything_is_written(tmp_path, case):
    make, said = UNUSABLE[case]
    (tmp_path / "faults.toml").write_text(EXPERIMENT, encoding="utf-8")
    out = make(tmp_path)
    before = snapshot(tmp_path)
    code, stderr, _ = invoke("run", "faults.toml", "--out", out, "--no-charts", cwd=tmp_path)
    assert code == 2
    line = one_error_line(stderr)
    assert said in line and "choose another --out" in line
    assert snapshot(tmp_path) == before


def test_runs_being_a_file_is_refused_by_resume(damaged):
    shutil.rmtree(damaged / "runs")
    (damaged / "runs").write_text("not a folder")
    code, stderr, _ = resume(damaged)
    assert code == 2
    line = one_error_line(stderr)
    assert "runs is a file, where commsim keeps its runs" in line and "--force" in line


def test_a_second_writer_is_refused_by_the_lock(damaged):
    with ResultsStore(damaged).lock(create=False):
        before = snapshot(damaged)
        for options in (["--resume"], ["--force"]):
            code, stderr, _ = invoke(
                "run", "faults.toml", "--out", "out", *options, cwd=damaged.parent
            )
            assert code == 2
            line = one_error_line(stderr)
            assert f"another commsim process (pid {os.getpid()}) is writing" in line
        code, stderr, _ = invoke("charts", "out", cwd=damaged.parent)
        assert code == 2 and "is writing this results folder" in one_error_line(stderr)
    assert snapshot(damaged) == before
    code, stderr, _ = resume(damaged)  # released: the folder is usable again
    assert code == 0, stderr


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m"):
    """A tmpfs of ``size`` mounted on ``folder`` (root only), unmounted afterwards."""
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """A file taking all but ``leave`` bytes of the disk."""
    free = shutil.disk_usage(disk).free
    filler = disk / "filler.bin"
    with filler.open("wb") as file:
        file.truncate(0)
        file.write(bytes(max(0, free - leave)))
    return filler


def space_taken(folder: Path, page: int = 4096) -> int:
    """Bytes the folder's files take on a tmpfs (whole pages)."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(-(-size // page) * page for size in sizes)


# Shares of the space a finished folder takes that are left free: the disk fills up while the
# lock and manifest, the copies, the run files, the time series or the last tables are written.
FREE_SHARES = [0.0, 0.04, 0.3, 0.6, 0.85]


@pytest.mark.skipif(not IS_ROOT, reason="mounting a small tmpfs needs root")
@pytest.mark.parametrize("share", FREE_SHARES)
def test_a_full_disk_fails_with_one_line_and_resumes_once_space_is_back(tmp_path, finished, share):
    (tmp_path / "faults.toml").write_text(EXPERIMENT, encoding="utf-8")
    with small_disk(tmp_path / "disk") as disk:
        filler = fill(disk, int(share * space_taken(finished)))
        code, stderr, _ = invoke(
            "run", "faults.toml", "--out", "disk/out", "--workers", "1", "--no-charts",
            cwd=tmp_path,
        )  # fmt: skip
        assert code == 1, stderr
        line = one_error_line(stderr)
        assert "no space left on the device for disk/out/" in line
        assert "then continue with: commsim run faults.toml" in line
        assert "--out disk/out --resume" in line
        manifest = disk / "out" / "manifest.json"
        if manifest.exists():
            assert json.loads(manifest.read_text())["status"] == "failed"
            assert "the experiment needs about" in line and "B free)" in line
        assert not list((disk / "out").rglob(".*.commsim-tmp"))
        filler.unlink()
        code, stderr, _ = invoke(
            "run", "faults.toml", "--out", "disk/out", "--resume", "--workers", "1",
            "--no-charts", cwd=tmp_path,
        )  # fmt: skip
        assert code == 0, stderr
        assert_same_tables(disk / "out", finished)
        assert json.loads(manifest.read_text())["status"] == "finished"


@pytest.mark.skipif(not IS_ROOT, reason="a read-only mount needs root (see the chmod case)")
def test_a_read_only_folder_is_refused_before_anything_runs_as_root(tmp_path, finished):
    (tmp_path / "faults.toml").write_text(EXPERIMENT, encoding="utf-8")
    with small_disk(tmp_path / "disk") as disk:
        shutil.copytree(finished, disk / "out")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        code, stderr, _ = invoke(
            "run", "faults.toml", "--out", "disk/out", "--resume", cwd=tmp_path
        )
        assert code == 2
        line = one_error_line(stderr)
        assert "disk/out is read-only" in line and "choose another --out" in line
        code, stderr, _ = invoke("run", "faults.toml", "--out", "disk/new", cwd=tmp_path)
        assert code == 2 and "disk is read-only" in one_error_line(stderr)
        code, stderr, _ = invoke("charts", "disk/out", cwd=tmp_path)
        assert code == 1 and "Read-only file system" in one_error_line(stderr)


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only folders (see the mount case)")
def test_a_read_only_folder_is_refused_before_anything_runs(tmp_path, finished):
    (tmp_path / "faults.toml").write_text(EXPERIMENT, encoding="utf-8")
    shutil.copytree(finished, tmp_path / "out")
    (tmp_path / "out").chmod(0o555)
    try:
        code, stderr, _ = resume(tmp_path / "out")
        assert code == 2
        assert "out is read-only" in one_error_line(stderr)
    finally:
        (tmp_path / "out").chmod(0o755)


# -- files commsim did not write are never deleted, truncated or overwritten (issue 29) --


def test_force_refuses_a_folder_that_is_not_a_commsim_results_folder(tmp_path):
    (tmp_path / "faults.toml").write_text(EXPERIMENT, encoding="utf-8")
    mine = tmp_path / "out"
    for name in ("runs/my_thesis.txt", "charts/fig1.png", "report.md", "summary.csv"):
        (mine / name).parent.mkdir(parents=True, exist_ok=True)
        (mine / name).write_text("the user's")
    before = snapshot(mine)
    code, stderr, _ = invoke("run", "faults.toml", "--out", "out", "--force", cwd=tmp_path)
    assert code == 2
    line = one_error_line(stderr)
    assert "out: not a commsim results folder (no manifest.json)" in line
    assert "another --out" in line
    assert snapshot(mine) == before
    assert (mine / "report.md").read_text() == "the user's"


def test_force_and_charts_remove_only_files_commsim_wrote(damaged):
    users = {
        damaged / "runs" / "my_thesis.txt": b"the user's",
        damaged / "runs" / "extra.parquet": b"PAR1 the user's own table",
        damaged / "charts" / "fig1.png": b"the user's figure",
        damaged / "charts" / "01_draft.png": b"named like a chart, drawn by the user",
        damaged / "notes.md": b"the user's",
    }
    for path, data in users.items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    code, stderr, _ = invoke("charts", "out", "--format", "png", cwd=damaged.parent)
    assert code == 0, stderr
    drawn = sorted(p.name for p in (damaged / "charts").glob("[0-9][0-9]_*.png"))
    assert len(drawn) > 2
    code, stderr, _ = invoke(
        "run", "faults.toml", "--out", "out", "--force", "--workers", "1", "--no-charts",
        cwd=damaged.parent,
    )  # fmt: skip
    assert code == 0, stderr
    assert {path: path.read_bytes() for path in users} == users
    assert sorted(p.name for p in (damaged / "charts").iterdir()) == ["01_draft.png", "fig1.png"]


def test_a_resume_keeps_temporary_looking_files_of_the_user(damaged):
    mine = [damaged / ".my_notes.2024.tmp", damaged / "runs" / ".draft.parquet.7.tmp"]
    for path in mine:
        path.write_text("the user's")
    code, stderr, _ = resume(damaged)
    assert code == 0, stderr
    assert all(path.read_text() == "the user's" for path in mine)


@pytest.mark.parametrize("name", [".commsim.lock", "manifest.json"])
def test_a_link_in_the_folder_is_never_written_through(damaged, tmp_path, name):
    outside = tmp_path / "precious.txt"
    outside.write_text("the user's, outside --out")
    link = damaged / name
    if name == "manifest.json":
        outside.write_text(link.read_text())
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    kept = outside.read_bytes()
    for arguments in (["--resume"], ["--force"]):
        code, stderr, _ = invoke(
            "run", "faults.toml", "--out", "out", *arguments, "--no-charts", cwd=damaged.parent
        )
        assert code == 2, stderr
        line = one_error_line(stderr)
        assert f"{name} is a symbolic link" in line and "remove it" in line
    if name == ".commsim.lock":
        code, stderr, _ = invoke("charts", "out", cwd=damaged.parent)
        assert code == 2 and "is a symbolic link" in one_error_line(stderr)
    assert outside.read_bytes() == kept


def test_provenance_reads_git_without_taking_the_index_lock(tmp_path):
    from commsim.experiment.results.manifest import _git

    def git(*arguments: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *arguments], check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "a.txt").write_text("a")
    git("add", "a.txt")
    git("-c", "user.name=u", "-c", "user.email=u@x", "commit", "-qm", "a")
    os.utime(tmp_path / "a.txt", ns=(10**18, 10**18))  # a stale index: git status refreshes it
    index = tmp_path / ".git" / "index"
    before = index.stat()
    assert _git(tmp_path, "status", "--porcelain", "--untracked-files=no") == ""
    after = index.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@pytest.mark.skipif(not IS_ROOT, reason="mounting a small tmpfs needs root")
def test_a_full_disk_while_drawing_exits_1_naming_the_file(tmp_path, finished):
    (tmp_path / "faults.toml").write_text(EXPERIMENT, encoding="utf-8")
    with small_disk(tmp_path / "disk", "4m") as disk:
        shutil.copytree(finished, disk / "out")
        fill(disk, 40_000)
        for arguments in (
            ["charts", "disk/out"],
            ["report", "disk/out"],
            ["run", "faults.toml", "--out", "disk/out", "--resume", "--workers", "1"],
        ):
            code, stderr, _ = invoke(*arguments, cwd=tmp_path)
            assert code == 1, (arguments, stderr)
            line = one_error_line(stderr)
            assert "no space left on the device for disk/out/" in line, line
            assert not list((disk / "out").rglob(".*.commsim-tmp"))
