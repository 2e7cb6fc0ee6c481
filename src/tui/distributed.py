"""Extraction on a Dask cluster: ``newsdash index PATH --dask tcp://scheduler:8786``.

This process does what it does for a local run — lists and reads the files, hashes them,
reuses what the store knows — and sends only the new files' bytes, a batch of
:data:`tui.loader.BATCH` per task, to the cluster's workers. A worker needs the package
installed, nothing else (no shared folder): :class:`ModelOnWorker` loads the spaCy model once
when the worker starts (or restarts) and notes the worker's extraction version, and each task
runs :func:`tui.loader.extract_batch`, the function a local worker process runs, so the
records are the same. Results stream back as they finish and this process alone writes the
store, one short transaction per file, as a local run does: an interrupted run leaves every
finished file stored and nothing half-written.

A task whose worker dies is run again by the scheduler on another worker; a batch that still
fails (the scheduler gives up after ``distributed.scheduler.allowed-failures`` deaths) is
submitted again from here up to :data:`RESUBMITS` times before its files are reported as
skipped. Every other failure is one line (:class:`~tui.errors.InputError`). Needs the
``dask`` extra (``pip install 'newsdash[dask]'``). Docs: ``docs/distributed.md``.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Generator
from types import TracebackType
from typing import Any

from distributed import Client, KilledWorker, WorkerPlugin, as_completed, get_worker
from distributed.comm.addressing import parse_address, parse_host_port
from distributed.comm.registry import get_backend
from distributed.security import Security
from distributed.worker import Worker

from tui import nlp, tiers
from tui.errors import InputError
from tui.loader import Done, Job, extract_batch
from tui.safetext import visible

ENV = "NEWSDASH_DASK"
"""The environment variable naming the scheduler when ``--dask`` is not given."""

CONNECT_TIMEOUT = 10.0
"""Seconds to reach the scheduler, and then to wait for its first worker."""

PLUGIN = "newsdash-model"

RESUBMITS = 2
"""Times a batch the scheduler gave up on (its workers kept dying) is submitted again."""

IN_FLIGHT_PER_THREAD = 4
"""Batches submitted ahead per worker thread: enough that no worker waits for the next one,
few enough that the scheduler does not hold the whole folder's bytes."""


class ModelOnWorker(WorkerPlugin):
    """On each worker, as it starts: the spaCy model loaded once (the process's pipeline,
    :func:`tui.nlp.load`, which every task then uses) and the extraction version noted."""

    def __init__(self) -> None:
        self.version = ""

    def setup(self, worker: Worker) -> None:
        nlp.load()
        self.version = tiers.extraction_version()


class WorkerMismatch(RuntimeError):
    """A worker runs another newsdash (its records would differ from a local run's)."""


def extract_on_worker(jobs: list[Job], version: str) -> list[Done]:
    """One batch, on a worker whose extraction code is the client's (``version``)."""
    plugin = get_worker().plugins.get(PLUGIN)
    found = getattr(plugin, "version", None)
    if found != version:
        raise WorkerMismatch(f"extraction version {found or 'unknown'}, this one {version}")
    return extract_batch(jobs)


def _one_line(exc: BaseException) -> str:
    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _check_address(address: str) -> None:
    """Refuse, in one line, an address no client could connect to — before a
    :class:`~distributed.Client` is made: one that fails on it reports again, with a
    traceback, when it is collected."""
    shown = visible(address)
    try:
        scheme, location = parse_address(address)
        get_backend(scheme)
        if scheme in {"tcp", "tls", "ws", "wss"}:
            parse_host_port(location)
    except ValueError as exc:
        raise InputError(
            f"{shown}: not a Dask scheduler address ({visible(_one_line(exc))}); "
            "e.g. tcp://host:8786"
        ) from exc
    if scheme in {"tls", "wss"} and Security().get_connection_args("client")["ssl_context"] is None:
        raise InputError(
            f"{shown}: {scheme}:// needs TLS settings in the Dask configuration "
            "(distributed.comm.tls)"
        )


class DaskRunner:
    """A connection to a Dask scheduler that extracts batches on its workers
    (a :class:`tui.loader.Runner`). Use as a context manager; connecting raises
    :class:`~tui.errors.InputError` when the scheduler cannot be reached in ``timeout``
    seconds (default :data:`CONNECT_TIMEOUT`) or has no worker."""

    def __init__(self, address: str, *, timeout: float | None = None) -> None:
        if timeout is None:
            timeout = CONNECT_TIMEOUT
        self.address = address
        shown = visible(address)
        _check_address(address)
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise InputError(
                f"{shown}: cannot reach the Dask scheduler within {timeout:g} s ({_one_line(exc)})"
            ) from exc
        try:
            self.client.wait_for_workers(1, timeout=timeout)
            self.client.register_plugin(ModelOnWorker(), name=PLUGIN)
        except TimeoutError as exc:
            self.close()
            raise InputError(f"{shown}: the Dask scheduler has no worker") from exc
        except Exception as exc:
            self.close()
            raise InputError(
                f"{shown}: the Dask workers could not load newsdash's model "
                f"({visible(_one_line(exc))}); install newsdash on every worker"
            ) from exc
        self.version = tiers.extraction_version()

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def threads(self) -> int:
        """Worker threads the cluster has now (at least 1)."""
        counts: dict[str, int] = self.client.nthreads()
        return max(1, sum(counts.values()))

    def run(self, batches: list[list[Job]]) -> Generator[tuple[int, list[Done]]]:
        """Each batch's index and result as it finishes; at most
        :data:`IN_FLIGHT_PER_THREAD` batches per worker thread in flight."""
        run_id = uuid.uuid4().hex[:12]
        waiting = list(range(len(batches)))[::-1]
        tries = [0] * len(batches)
        index_of: dict[str, int] = {}
        live: set[Any] = set()

        def submit(index: int) -> Any:
            tries[index] += 1
            future = self.client.submit(
                extract_on_worker, batches[index], self.version,
                key=f"newsdash-{run_id}-{index}-{tries[index]}", pure=False,
            )  # fmt: skip
            index_of[str(future.key)] = index
            live.add(future)
            return future

        ahead = IN_FLIGHT_PER_THREAD * self.threads()
        first = [submit(waiting.pop()) for _ in range(min(ahead, len(waiting)))]
        finished = as_completed(first, loop=self.client.loop)  # not the process's default client
        try:
            for future in finished:
                live.discard(future)
                index = index_of.pop(str(future.key))
                outcome = self._outcome(future, len(batches[index]), tries[index])
                if outcome is None:  # resubmitted
                    finished.add(submit(index))
                    continue
                if waiting:
                    finished.add(submit(waiting.pop()))
                yield index, outcome
        finally:  # interrupted, failed or done: nothing of this run stays queued
            if live:
                self.client.cancel(list(live))

    def _outcome(self, future: Any, size: int, tries: int) -> list[Done] | None:
        """The batch's result; None when it was lost and may be submitted again."""
        try:
            done: list[Done] = future.result()
        except KilledWorker:
            if tries <= RESUBMITS:
                return None
            lost = f"the Dask workers extracting it died {tries} times"
            return [Done(None, None, [], lost) for _ in range(size)]
        except WorkerMismatch as exc:
            raise InputError(
                f"{visible(self.address)}: a Dask worker runs another newsdash "
                f"({exc}); install this version on every worker"
            ) from exc
        except (Exception, asyncio.CancelledError) as exc:
            raise InputError(
                f"{visible(self.address)}: the Dask cluster failed to extract a batch "
                f"({visible(_one_line(exc))})"
            ) from exc
        return done
