"""Re-link benchmark: a full re-link against the incremental one, side by side, in one run.

    PYTHONPATH=src python benchmarks/relink_bench.py CORPUS --store STORE [--share 0.01]

CORPUS is a folder (``benchmarks/gen_corpus.py CORPUS 10000``); STORE a store that has it
indexed (``newsdash index CORPUS --store STORE``; indexed here when it is not). Two levels:

- **linking alone** (``tui.pipeline.link`` against ``tui.link.incremental.Linker``): after a
  change to ``--share`` of the files (a sentence appended, spread over the folder; their
  extraction is done first and not timed), and after one correction (a person rejected);
- **the load** ``newsdash`` runs (``load_corpus``: files checked, cached extractions read,
  linked) without and with the ``LinkState`` the previous load of this process kept — the
  dashboard's re-link after a correction and its re-open after a change. Both are given the
  corrections explicitly, so neither reads or writes the saved corpus (the same cost for
  both: docs/performance.md).

Every incremental result is checked against the full one (the JSON exports compared). The
changed files are restored at the end.
"""

from __future__ import annotations

import argparse
import copy
import resource
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tui.corrections import Corrections
from tui.export import to_json
from tui.link.incremental import Linker
from tui.loader import load
from tui.pipeline import LinkState, link, load_corpus
from tui.records.models import Corpus
from tui.store import Store

T = TypeVar("T")
SENTENCE = "\nOfficials said talks would continue.\n"


class Took(float):
    """Seconds of wall-clock time, with the CPU seconds of this process beside them (on a
    shared machine the CPU seconds move less)."""

    cpu: float = 0.0


def timed(fn: Callable[[], T]) -> tuple[T, Took]:
    started, cpu = time.perf_counter(), time.process_time()
    out = fn()
    took = Took(time.perf_counter() - started)
    took.cpu = time.process_time() - cpu
    return out, took


def quiet(_message: str) -> None:
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--share", type=float, default=0.01)
    args = ap.parse_args()
    # stopped with kill (a long run at 10,000 articles), the changed files are still restored
    signal.signal(signal.SIGTERM, lambda _sig, _frame: sys.exit(1))
    rows = Rows()

    with Store(args.store) as store:
        loaded, read_s = timed(lambda: load(args.corpus, quiet, store=store))
        n = len(loaded.articles)
        print(f"{n} articles; cached extractions read in {read_s:.1f} s", file=sys.stderr)
        linker = Linker()
        base, first_s = timed(lambda: linker.link(loaded.articles, loaded.extractions))
        _, full_s = timed(lambda: link(loaded.articles, loaded.extractions))
        rows.append(("first link (nothing kept yet)", full_s, first_s, "-"))
        stats = f"first: {linker.stats}"

        files = sorted(p for p in args.corpus.rglob("*.txt"))
        step = max(1, round(1 / args.share))
        changed_files = files[::step]
        originals = {p: p.read_text(encoding="utf-8") for p in changed_files}
        try:
            for p, text in originals.items():
                p.write_text(text + SENTENCE, encoding="utf-8")
            # extraction of the changed files: the same for both, not timed
            after = load(args.corpus, quiet, store=store, jobs=2)
            before = {i: x.fingerprint for i, x in loaded.extractions.items()}
            ids = {i for i, x in after.extractions.items() if before.get(i) != x.fingerprint}
            full, full_s = timed(lambda: link(after.articles, after.extractions))
            inc, inc_s = timed(lambda: linker.link(after.articles, after.extractions, changed=ids))
            same = to_json(full) == to_json(inc)
            rows.append(
                (f"link after {len(changed_files)} files changed", full_s, inc_s, same_s(same))
            )
            stats += f"\nchange: {linker.stats}"

            name = person_to_reject(base)
            fix = Corrections(reject=(name,))
            mine = copy.deepcopy(after.extractions)  # a full link drops rejected names from them
            full, full_s = timed(lambda: link(after.articles, mine, corrections=fix))
            inc, inc_s = timed(
                lambda: linker.link(after.articles, after.extractions, fix, changed=())
            )
            same = to_json(full) == to_json(inc)
            rows.append((f"link after one correction (reject {name})", full_s, inc_s, same_s(same)))
            stats += f"\ncorrection: {linker.stats}"

            # the load newsdash runs: the previous load kept a LinkState, or not
            for p, text in originals.items():
                p.write_text(text, encoding="utf-8")
            load(args.corpus, quiet, store=store)  # back to the indexed folder
            none = Corrections()
            state = LinkState()
            load_corpus(args.corpus, quiet, store=store, corrections=none, state=state)
            for p, text in originals.items():
                p.write_text(text + SENTENCE, encoding="utf-8")
            load(args.corpus, quiet, store=store)  # extraction of the changed files, untimed
            full, full_s = timed(
                lambda: load_corpus(args.corpus, quiet, store=store, corrections=none)
            )
            inc, inc_s = timed(
                lambda: load_corpus(args.corpus, quiet, store=store, corrections=none, state=state)
            )
            same = to_json(full) == to_json(inc) and state.incremental
            rows.append(
                (f"load after {len(changed_files)} files changed", full_s, inc_s, same_s(same))
            )
            full, full_s = timed(
                lambda: load_corpus(args.corpus, quiet, store=store, corrections=fix)
            )
            inc, inc_s = timed(
                lambda: load_corpus(args.corpus, quiet, store=store, corrections=fix, state=state)
            )
            same = to_json(full) == to_json(inc) and state.incremental
            rows.append(("load after one correction", full_s, inc_s, same_s(same)))
        finally:
            for p, text in originals.items():
                p.write_text(text, encoding="utf-8")

    print(f"| {n:,} articles | full | incremental | speed-up | CPU: full | incremental | output |")
    print("|---|---|---|---|---|---|---|")
    for label, full_s, inc_s, verdict in rows:
        print(
            f"| {label} | {full_s:.2f} s | {inc_s:.2f} s | {full_s / inc_s:.1f}× "
            f"| {full_s.cpu:.2f} s | {inc_s.cpu:.2f} s | {verdict} |"
        )
    print(f"\nre-examined, and seconds per stage:\n{stats}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")


class Rows(list[tuple[str, Took, Took, str]]):
    """The table's rows; each is also written to standard error when it is measured (a run
    at 10,000 articles takes long, and may be stopped)."""

    def append(self, row: tuple[str, Took, Took, str]) -> None:
        super().append(row)
        label, full_s, inc_s, verdict = row
        print(
            f"{label}: full {full_s:.2f} s ({full_s.cpu:.2f} CPU), incremental {inc_s:.2f} s"
            f" ({inc_s.cpu:.2f} CPU), {verdict}",
            file=sys.stderr,
        )


def same_s(same: bool) -> str:
    return "identical" if same else "DIFFERENT"


def person_to_reject(corpus: Corpus) -> str:
    """A person named in a few articles, from the middle of the list (a typical triage)."""
    named = [p for p in corpus.people if len({m.article_id for m in p.mentions}) >= 2]
    return named[len(named) // 2].name if named else corpus.people[0].name


if __name__ == "__main__":
    main()
