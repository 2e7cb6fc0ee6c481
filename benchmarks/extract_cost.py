"""Where a worker's time goes: the parse against each extractor, on real articles.

    .venv/bin/python benchmarks/extract_cost.py FOLDER [--limit N] [--rounds R] [--profile]

Reads the first N ``.txt`` files under FOLDER (sorted, recursively) as the loader does, then
in each round, in this one process and in CPU seconds (``time.process_time``, so other
load on a shared machine counts little): the parse of the texts in batches of
:data:`tui.loader.BATCH` (``nlp.parse_texts``), dating (``extract.pubdate.dated``) and each
part of :func:`~tui.extract.article.extract_article` on its own — time expressions, event
anchors, people and quotes, figures, sentences, the copy fingerprint (as in the product, an
undated article's pattern matches are found while dating it and reused). The model is
loaded and every import made before the clock (the once-per-process cost of the first
two articles with those imports is printed apart). Prints the median of the rounds per stage and the
share of the parse each takes. ``--profile`` then prints a ``cProfile`` of one
:func:`~tui.loader.extract_batch` pass (the functions of the rules with the most own time).
Figures are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from tui.loader import Job

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from tui import nlp
    from tui.ingest.files import read_file
    from tui.loader import BATCH, Job, extract_batch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    paths = sorted(args.folder.rglob("*.txt"))[: args.limit]
    jobs = [Job(p, p.stem, p.read_bytes()) for p in paths]
    pipeline = nlp.load()
    start = time.process_time()
    extract_batch(jobs[:2])  # every lazy import (datasketch, dateparser...) before the clock
    first = time.process_time() - start
    words = sum(len(read_file(j.path, lambda _: None, data=j.data).content.split()) for j in jobs)
    stages: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for name, seconds in one_round(jobs, pipeline).items():
            stages.setdefault(name, []).append(seconds)
    parse_s = statistics.median(stages["parse"])
    print(f"{len(jobs)} articles, {words} words, median of {args.rounds} rounds (CPU s)")
    rules = 0.0
    for name, runs in stages.items():
        median = statistics.median(runs)
        rules += median if name != "parse" else 0.0
        print(f"  {name:32s} {median:7.2f} s  {median / parse_s:6.1%} of the parse")
    print(f"  {'all but the parse':32s} {rules:7.2f} s  {rules / parse_s:6.1%} of the parse")
    print(f"  (once per process: the first 2 articles with the lazy imports {first:.2f} s)")
    if args.profile:
        profile = cProfile.Profile(time.process_time)  # CPU: the machine is shared
        profile.runcall(
            lambda: [extract_batch(jobs[i : i + BATCH]) for i in range(0, len(jobs), BATCH)]
        )
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats("tui", 60)


def one_round(jobs: list[Job], pipeline: Language) -> dict[str, float]:
    """CPU seconds of each stage over every article, once."""
    from tui import nlp
    from tui.extract.figures import extract_figures
    from tui.extract.people import extract_people
    from tui.extract.pubdate import dated
    from tui.extract.timex import event_anchors, extract_timexes
    from tui.ingest.files import finish_article, read_file
    from tui.ingest.fingerprint import fingerprint
    from tui.loader import BATCH
    from tui.nlp import ParsedArticle
    from tui.records.models import Range

    took: dict[str, float] = {}
    clock = time.process_time()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        took[name] = now - clock
        clock = now

    read = [read_file(j.path, lambda _: None, data=j.data) for j in jobs]
    lap("reading (decoding, boilerplate)")
    texts = [r.content for r in read]
    docs = []
    for i in range(0, len(texts), BATCH):
        docs.extend(nlp.parse_texts(texts[i : i + BATCH], pipeline))
    lap("parse")
    done = [
        dated(ParsedArticle.of(finish_article(r, j.article_id), d))
        for r, j, d in zip(read, jobs, docs, strict=True)
    ]
    lap("finishing and dating (pubdate)")
    timexes = [extract_timexes(p) for p in done]
    lap("time expressions")
    for p, t in zip(done, timexes, strict=True):
        event_anchors(p, t)
    lap("event anchors")
    for p in done:
        extract_people(p)
    lap("people and quotes")
    for p, t in zip(done, timexes, strict=True):
        extract_figures(p, t)
    lap("figures")
    for p in done:
        [Range(start=s.start_char, end=s.end_char) for s in p.doc.sents]
    lap("sentences")
    for p in done:
        fingerprint(p.article)
    lap("fingerprint")
    return took


if __name__ == "__main__":
    main()
