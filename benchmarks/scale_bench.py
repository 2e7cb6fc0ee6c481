"""Scale benchmark: ingest, re-open and re-index times, memory and store size at N articles.

    python benchmarks/scale_bench.py [--sizes 100,1000,10000] [--jobs N]
    python benchmarks/scale_bench.py --real FOLDER --cold-only [--sizes 1000,5000]

For each N it writes a synthetic corpus (gen_corpus.py) and runs each measurement in a fresh
process (so peak RSS is that step's own): cold ingest with 1 job and with all cores, warm
re-open with nothing changed, re-index after changing 1% of the files, and a bare spaCy
tokenizer pass over the same text (the floor extraction is compared with).

``--real FOLDER`` makes the corpus of sentences sampled from FOLDER's real articles
(``gen_corpus.generate_real``; read at run time, nothing kept). ``--cold-only`` measures only
what bounds a cold index: the bare spaCy pipeline (``tui.nlp.load()``, ``nlp.pipe`` in
batches of 16 over ``--jobs`` processes, the model loaded before timing) against ``newsdash``'s
cold ingest with ``--jobs`` processes (import, model load, extraction, linking and store
writes all timed), in alternating order, with words/s of each, their ratio and peak RSS, then
the CPU seconds of each (the process and its workers; the pipeline's model load excluded as
from its time) and their ratio, which other work on a shared machine moves far less.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()  # "launch" for the paint step: before anything of newsdash loads

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and of its waited-for children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def child(step: str, corpus: str, store: str, jobs: int) -> None:
    """One measurement, run in its own process; prints a JSON line."""
    out: dict[str, float | int | str] = {"step": step}
    if step in ("paint", "paint-listed"):
        import asyncio

        out.update(asyncio.run(paint(Path(corpus), Path(store), first_look=step == "paint")))
    elif step == "pipeline":
        from tui import nlp

        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus).rglob("*.txt"))]
        model = nlp.load()
        started, cpu_started = time.perf_counter(), cpu_seconds()
        out["tokens"] = sum(len(doc) for doc in model.pipe(texts, batch_size=16, n_process=jobs))
    elif step == "floor":
        import spacy

        tokenizer = spacy.blank("en").tokenizer
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus).rglob("*.txt"))]
        started, cpu_started = time.perf_counter(), cpu_seconds()
        out["words"] = sum(len(tokenizer(text)) for text in texts)
    else:
        started, cpu_started = time.perf_counter(), cpu_seconds()
        from tui.pipeline import load_corpus
        from tui.store import Store

        with Store(Path(store)) as st:
            corpus_obj = load_corpus(Path(corpus), lambda m: None, store=st, jobs=jobs)
        out["articles"] = len(corpus_obj.articles)
        out["records"] = len(corpus_obj.people) + len(corpus_obj.events) + len(corpus_obj.figures)
    if step not in ("paint", "paint-listed"):
        out["seconds"] = time.perf_counter() - started
        reap = time.perf_counter() + 10
        while multiprocessing.active_children() and time.perf_counter() < reap:
            time.sleep(0.05)  # waited-for workers only count in RUSAGE_CHILDREN
        out["cpu_seconds"] = cpu_seconds() - cpu_started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out["peak_rss_mb"] = max(own, kids) / 1024
    print(json.dumps(out))


async def paint(corpus: Path, store_path: Path, *, first_look: bool = True) -> dict[str, float]:
    """Launch the dashboard on a warm store as ``newsdash PATH`` does; time the first frame
    with records in every list pane, then the frame with every record. ``first_look``
    false (step ``paint-listed``): as before the saved head was read first — the folder
    listed and checked, then the head (``load_corpus`` alone)."""
    from textual.css.query import NoMatches
    from textual.screen import Screen

    from tui import cli
    from tui.app import NewsdashApp
    from tui.app.panes.figures import FiguresPane
    from tui.app.panes.people import PeoplePane
    from tui.app.panes.timeline import TimelinePane

    argv = ["open", str(corpus), "--store", str(store_path), "--read-only", "--jobs", "1"]
    loader = cli._dashboard_loader(cli._parser().parse_args(argv))  # what `newsdash` runs
    if not first_look:
        from tui.pipeline import load_corpus
        from tui.store import Store

        def loader(path, warn, progress, preview):  # type: ignore[no-untyped-def]
            with Store(store_path, read_only=True) as st:
                return load_corpus(path, warn, progress, store=st, preview=preview)

    app = NewsdashApp(path=corpus, theme="newsdash", loader=loader, load_user_keymap=False)
    out: dict[str, float] = {}

    def shown() -> bool:
        try:
            people = app.query_one(PeoplePane).visible_people()
        except NoMatches:  # the dashboard is not composed yet
            return False
        return bool(
            people
            and app.query_one(TimelinePane).row_keys()
            and app.query_one(FiguresPane).row_keys()
        )

    # The frame itself: the end of the screen's first refresh (what is written to the
    # terminal) with records in every pane. The loop below sees it later, when the event
    # loop is next idle (the load worker shares the interpreter meanwhile).
    refresh = Screen._compositor_refresh

    def refreshed(screen: Screen[object]) -> None:
        refresh(screen)
        if "first_frame_s" not in out and screen is app.screen and shown():
            out["first_frame_s"] = time.perf_counter() - STARTED

    Screen._compositor_refresh = refreshed  # type: ignore[method-assign]
    async with app.run_test(size=(160, 48)) as pilot:
        while True:
            await pilot.pause()
            if shown() and "first_paint_s" not in out:
                out["first_paint_s"] = time.perf_counter() - STARTED
                out["first_paint_articles"] = len(app.view.corpus.articles) if app.view else 0
            if app.view is not None and not app.previewing and not app.status_text:
                await app.workers.wait_for_complete()
                await pilot.pause()
                out["all_records_s"] = time.perf_counter() - STARTED
                out["articles"] = len(app.view.corpus.articles)
                return out


def run_step(step: str, corpus: Path, store: Path, jobs: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", step, str(corpus), str(store), str(jobs)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"step {step} on {corpus} failed:\n{result.stderr[-3000:]}")
    data: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def bench(n: int, jobs: int, workdir: Path) -> dict[str, float]:
    from gen_corpus import generate

    corpus = workdir / f"corpus{n}"
    paths = generate(corpus, n)
    row: dict[str, float] = {"n": n}
    floor = run_step("floor", corpus, workdir / "unused.sqlite", 1)
    row["words"] = floor["words"]
    row["floor_s"] = floor["seconds"]
    for label, j in (("cold_1job", 1), (f"cold_{jobs}jobs", jobs)):
        store = workdir / f"{label}-{n}.sqlite"
        data = run_step("load", corpus, store, j)
        row[f"{label}_s"] = data["seconds"]
        row[f"{label}_rss_mb"] = data["peak_rss_mb"]
        row[f"{label}_articles_per_s"] = n / data["seconds"]
    store = workdir / f"cold_{jobs}jobs-{n}.sqlite"
    warm = run_step("load", corpus, store, jobs)
    row["warm_s"] = warm["seconds"]
    row["warm_rss_mb"] = warm["peak_rss_mb"]
    shown = run_step("paint", corpus, store, jobs)
    row["first_paint_s"] = shown["first_paint_s"]
    row["all_records_s"] = shown["all_records_s"]
    row["paint_rss_mb"] = shown["peak_rss_mb"]
    for path in paths[: max(1, n // 100)]:
        path.write_text(path.read_text() + "\nOfficials said talks would continue.\n")
    changed = run_step("load", corpus, store, jobs)
    row["reindex_1pct_s"] = changed["seconds"]
    row["store_mb"] = store.stat().st_size / 1e6
    row["ratio_to_floor_1job"] = row["cold_1job_s"] / max(row["floor_s"], 1e-9)
    return row


def cold_only(n: int, jobs: int, workdir: Path, real: Path) -> None:
    """The bare pipeline against a cold index, same corpus and processes, alternating."""
    from gen_corpus import generate_real

    corpus = workdir / f"real{n}"
    paths = generate_real(real, corpus, n)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    times: dict[str, list[float]] = {"pipeline": [], "cold": []}
    cpu: dict[str, list[float]] = {"pipeline": [], "cold": []}
    rss: dict[str, float] = {"pipeline": 0.0, "cold": 0.0}
    for r, order in enumerate((("pipeline", "cold"), ("cold", "pipeline"))):
        for step in order:
            store = workdir / f"cold{n}-{r}.sqlite"
            data = run_step("pipeline" if step == "pipeline" else "load", corpus, store, jobs)
            times[step].append(data["seconds"])
            cpu[step].append(data["cpu_seconds"])
            rss[step] = max(rss[step], data["peak_rss_mb"])
    best = {step: min(values) for step, values in times.items()}
    print(
        f"N={n:>6} real-sentence articles, {words} words, {jobs} processes: "
        f"bare pipeline {best['pipeline']:.1f} s ({words / best['pipeline']:,.0f} words/s, "
        f"peak {rss['pipeline']:.0f} MB), cold index {best['cold']:.1f} s "
        f"({words / best['cold']:,.0f} words/s, {n / best['cold']:.1f} articles/s, "
        f"peak {rss['cold']:.0f} MB); cold / pipeline throughput "
        f"{best['pipeline'] / best['cold']:.3f} (best of 2 each; all runs "
        f"{', '.join(f'{k} ' + ' '.join(f'{v:.1f}' for v in vs) for k, vs in times.items())})",
        flush=True,
    )
    least = {step: min(values) for step, values in cpu.items()}
    print(
        f"  CPU seconds (all processes, what the load of other work moves least): bare "
        f"pipeline {least['pipeline']:.1f} s, cold index {least['cold']:.1f} s; cold / "
        f"pipeline by CPU {least['pipeline'] / least['cold']:.3f} (least of 2 each; all runs "
        f"{', '.join(f'{k} ' + ' '.join(f'{v:.1f}' for v in vs) for k, vs in cpu.items())})",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--real", type=Path, default=None, help="real articles to sample")
    parser.add_argument("--cold-only", action="store_true", help="pipeline against cold index")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="newsdash-bench-") as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            if args.cold_only:
                if args.real is None:
                    parser.error("--cold-only needs --real FOLDER")
                cold_only(n, args.jobs, Path(tmp), args.real)
                continue
            row = bench(n, args.jobs, Path(tmp))
            rss = max(row["cold_1job_rss_mb"], row[f"cold_{args.jobs}jobs_rss_mb"])
            print(
                f"N={n:>6}  words={row['words']:.0f}  floor(tokenizer)={row['floor_s']:.1f}s  "
                f"cold 1 job={row['cold_1job_s']:.1f}s ({row['cold_1job_articles_per_s']:.1f}/s, "
                f"{row['ratio_to_floor_1job']:.1f}x floor)  "
                f"cold {args.jobs} jobs={row[f'cold_{args.jobs}jobs_s']:.1f}s "
                f"({row[f'cold_{args.jobs}jobs_articles_per_s']:.1f}/s)  "
                f"warm re-open={row['warm_s']:.2f}s  "
                f"dashboard first paint={row['first_paint_s']:.2f}s "
                f"all records={row['all_records_s']:.2f}s ({row['paint_rss_mb']:.0f}MB)  "
                f"re-index 1%={row['reindex_1pct_s']:.2f}s  "
                f"peak RSS={rss:.0f}MB  "
                f"store={row['store_mb']:.1f}MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
