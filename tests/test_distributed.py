"""Extraction on a Dask cluster (``newsdash index --dask``): the same records as a local run,
a lost worker loses no article, an interruption leaves a consistent store, and every
problem is one line. One LocalCluster of two single-process workers serves the module."""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import loader
from tui.cli import run
from tui.ingest.files import list_files
from tui.loader import Done, Job, extract_batch

pytest.importorskip("distributed")

from distributed import LocalCluster

from tui.distributed import DaskRunner

STORIES = [
    (
        "Tram line opens in {town}\n\n"
        "{town}, 3 March 2025 - The new tram line carried 4,200 passengers on its first day, "
        'the transport office said. "We expected half that," said Mayor Ilse Brandt.\n'
        "The line cost €38 million, about 12% more than planned in 2022.\n"
    ),
    (
        "Bakery strike ends\n\n"
        "Workers at {town}'s largest bakery returned on Tuesday after a nine-day strike. "
        "Union leader Tomas Reyes said wages would rise by 6% from June 2025.\n"
        '"It was worth it," Reyes told reporters.\n'
    ),
    (
        "River levels fall\n\n"
        "{town} - The river fell to 3.1 metres on 14 April 2025, down from a peak of 5.4 "
        "metres, according to hydrologist Mei Tanaka. Some 300 homes were evacuated last "
        "week.\n"
    ),
]
TOWNS = ["Lindau", "Mosberg", "Tarvin", "Oldwick"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    for i, town in enumerate(TOWNS):
        for j, story in enumerate(STORIES):
            (root / f"{i}{j}.txt").write_text(story.format(town=town))
    return root


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NEWSDASH_DASK", raising=False)


def jobs_of(folder: Path) -> list[Job]:
    return [Job(path, aid, path.read_bytes()) for path, aid in list_files(folder, print)]


def test_index_on_the_cluster_exports_what_a_local_run_does(
    cluster: LocalCluster,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(loader, "BATCH", 2)  # several batches, finishing in any order
    monkeypatch.setenv("NEWSDASH_DASK", cluster.scheduler_address)
    store = tmp_path / "s.sqlite"
    assert run(["index", str(folder), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert "12 articles loaded, 0 skipped" in err
    assert "on 2 Dask worker threads" in err
    monkeypatch.delenv("NEWSDASH_DASK")
    remote, local = tmp_path / "remote.json", tmp_path / "local.json"
    assert run(["export", str(folder), "--store", str(store), "-o", str(remote)]) == 0
    assert run(["export", str(folder), "--no-store", "--jobs", "1", "-o", str(local)]) == 0
    assert remote.read_bytes() == local.read_bytes()
    assert json.loads(local.read_text())["people"]  # the comparison is of something


def test_interrupted_run_leaves_every_finished_file_stored(
    cluster: LocalCluster, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import Store

    monkeypatch.setattr(loader, "BATCH", 2)
    store = Store(tmp_path / "s.sqlite")
    seen: list[str] = []

    def progress(done: int, total: int, name: str) -> None:
        if not name:
            return  # extraction starting: no file handed on yet
        seen.append(name)
        if len(seen) == 4:
            raise KeyboardInterrupt  # Ctrl-C while the fourth file is being handed on

    with DaskRunner(cluster.scheduler_address) as runner, pytest.raises(KeyboardInterrupt):
        loader.load(folder, print, progress, store=store, runner=runner)
    # Every file handed on before the interruption is stored whole; the rest is extracted
    # again, and nothing of the interrupted run stays queued on the cluster.
    again = loader.load(folder, print, store=store)
    assert (again.reused, again.extracted) == (3, 9)
    scheduler = cluster.scheduler
    assert scheduler is not None
    deadline = time.monotonic() + 20
    while any(str(k).startswith("newsdash-") for k in scheduler.tasks):
        assert time.monotonic() < deadline, "tasks of the interrupted run are still queued"
        time.sleep(0.1)
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_unreachable_scheduler_is_one_line(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("tui.distributed.CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    assert run(["index", str(folder), "--no-store", "--dask", address]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsdash: error: {address}: cannot reach the Dask scheduler within 1 s")
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("address", ["scheduler", "tcp://scheduler", "http://scheduler:8786"])
def test_malformed_address_is_one_line(
    address: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["index", str(folder), "--no-store", "--dask", address]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsdash: error: {address}: not a Dask scheduler address (")
    assert err.endswith("e.g. tcp://host:8786\n") and err.count("\n") == 1


def test_scheduler_without_workers_is_one_line(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("tui.distributed.CONNECT_TIMEOUT", 1.0)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:  # type: ignore[no-untyped-call]
        address = empty.scheduler_address
        assert run(["index", str(folder), "--no-store", "--dask", address]) == 1
    assert (
        capsys.readouterr().err == f"newsdash: error: {address}: the Dask scheduler has no worker\n"
    )


def test_without_the_extra_dask_is_one_line_naming_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delitem(sys.modules, "tui.distributed")
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    monkeypatch.setenv("NEWSDASH_DASK", "tcp://127.0.0.1:8786")
    assert run(["index", str(folder), "--no-store"]) == 1
    err = capsys.readouterr().err
    assert err == "newsdash: error: --dask needs the 'dask' extra: pip install 'newsdash[dask]'\n"


def test_a_worker_killed_mid_run_loses_no_article(cluster: LocalCluster, folder: Path) -> None:
    batches = [[job] for job in jobs_of(folder)]
    expected = [extract_batch(batch) for batch in batches]
    got: dict[int, list[Done]] = {}
    with DaskRunner(cluster.scheduler_address) as runner:
        pids: dict[str, int] = runner.client.run(os.getpid)
        for index, outcome in runner.run(batches):
            if not got:  # the first result is back: kill a worker that has work queued
                queued = runner.client.processing()  # type: ignore[no-untyped-call]
                victim = max(pids, key=lambda worker: len(queued.get(worker, ())))
                assert queued[victim], "no batch left in flight to lose"
                os.kill(pids[victim], signal.SIGKILL)
            assert index not in got
            got[index] = outcome
        assert pids[victim] not in runner.client.run(os.getpid).values()  # a new process
    assert sorted(got) == list(range(len(batches)))
    assert [got[i] for i in range(len(batches))] == expected
