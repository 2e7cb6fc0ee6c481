"""Worker processes: Ctrl-C twice stops at once, and no worker outlives a killed parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.loader import POOL_MIN_FILES_PER_JOB

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")

STORY = "Harbour news\n\nPort workers in town {i} said on Monday the cranes stopped.\n"


def group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(entry.name))
    return members


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_indexing(tmp_path: Path) -> subprocess.Popen[bytes]:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(POOL_MIN_FILES_PER_JOB * 2 + 8):
        (folder / f"s{i:03d}.txt").write_text(STORY.format(i=i) * 40)
    command = [sys.executable, "-m", "tui", "index", str(folder), "--jobs", "2"]
    proc = subprocess.Popen(
        [*command, "--store", str(tmp_path / "s.sqlite")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell job has
        # Ctrl-C as a terminal's foreground job has it, whatever this run inherited: a test
        # run started in the background of a non-interactive shell ignores SIGINT, and the
        # child would inherit that and never see the Ctrl-C it is sent.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 120
    while len(group_members(proc.pid)) < 4:  # newsdash, resource tracker, two workers
        assert proc.poll() is None and time.monotonic() < deadline, "workers never started"
        time.sleep(0.2)
    return proc


def wait_until_gone(pgid: int, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.2)
    return group_members(pgid)


def test_ctrl_c_twice_stops_everything_at_once(tmp_path: Path) -> None:
    proc = start_indexing(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends the whole job
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        assert proc.wait(timeout=20) == 130
    finally:
        proc.kill()
    assert proc.stderr is not None and "Traceback" not in proc.stderr.read().decode()
    assert wait_until_gone(proc.pid, 10) == []


def test_workers_do_not_outlive_a_killed_parent(tmp_path: Path) -> None:
    proc = start_indexing(tmp_path)
    proc.kill()  # SIGKILL: no handler runs in the parent
    proc.wait()
    left = wait_until_gone(proc.pid, 15)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


def _worker_state() -> tuple[int, bool]:
    import gc

    from tui import nlp

    return gc.get_freeze_count(), nlp.load.cache_info().currsize == 1


def test_a_worker_starts_with_its_model_loaded_and_frozen() -> None:
    """The pool's workers load the model as they start and move it, with their imports, out
    of the collector's way (gcpolicy.freeze_worker); the collector itself stays on."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from tui.loader import _worker_start

    with ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    ) as pool:
        frozen, loaded = pool.submit(_worker_state).result(timeout=120)
        enabled = pool.submit(gc.isenabled).result(timeout=30)
    assert loaded and enabled
    assert frozen > 50_000  # the model's objects (~90,000), not only the imports (~36,000)
