"""Inputs that used to make extraction quadratic, doubled, with the ratio per doubling.

Usage:  python benchmarks/pathological_bench.py [--sizes N N N ...] [--only KIND]

Each kind builds one article around a pathological line and doubles its length: a sentence
listing hundreds of dates (the event anchors rescanned it per date), a run of thousands of
quotation marks (spaCy's tokenizer stripped them one by one; an e-mail pattern tried every
start), and a comma-separated list of thousands of names, with distinct and with shared
surnames (a list membership test per candidate, a scan of the text per name, every pair of
names compared). It prints the seconds to parse and to extract each size, and the ratio of
the total to the size before: linear code gives ~2x per doubling (the target is at most
2.3x). Nothing is asserted (machines are shared and noisy): the figures go to
docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable

from tui import nlp
from tui.extract.article import extract_article
from tui.records.models import Article, Published

SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "to", "vin", "dar", "el", "no"]
GIVEN = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo"]


def dates(n: int) -> str:
    return "Meetings were held on " + ", ".join(f"{d % 28 + 1} March 2021" for d in range(n))


def quotes(n: int) -> str:
    return "He said " + '"' * n + " and left"


def _syl(i: int, *steps: int) -> str:
    return "".join(SYLLABLES[(i // s) % 10] for s in steps)


def names(n: int) -> str:
    people = (f"{GIVEN[i % 8]} {_syl(i, 1, 10, 100, 1000).capitalize()}ova" for i in range(n))
    return "Present were " + ", ".join(people)


def shared_surnames(n: int) -> str:
    people = (
        f"{_syl(i, 1, 10, 100).capitalize()} {_syl(i, 1000, 3).capitalize()}ova" for i in range(n)
    )
    return "Present were " + ", ".join(people)


KINDS: dict[str, tuple[Callable[[int], str], list[int]]] = {
    "dates": (dates, [250, 500, 1000, 2000]),
    "quotes": (quotes, [4000, 8000, 16000, 32000]),
    "names": (names, [1000, 2000, 4000, 8000]),
    "shared-surnames": (shared_surnames, [1000, 2000, 4000]),
}


def run(kind: str, sizes: list[int]) -> None:
    make = KINDS[kind][0]
    pipeline = nlp.load()
    before = None
    for n in sizes:
        text = f"Report\n\n{make(n)}.\n"
        published = Published(date=dt.date(2021, 5, 1), how="header")
        article = Article(id="x", path="x.txt", text=text, published=published)
        started = time.perf_counter()
        [doc] = nlp.parse_texts([text], pipeline)
        parsed = time.perf_counter()
        extract_article(nlp.ParsedArticle.of(article, doc))
        done = time.perf_counter()
        total = done - started
        ratio = f"{total / before:.2f}x" if before else "-"
        print(
            f"{kind:<16} {n:>6} {len(text):>8} chars  parse {parsed - started:6.2f} s  "
            f"extract {done - parsed:6.2f} s  per doubling {ratio}",
            flush=True,
        )
        before = total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*")
    parser.add_argument("--only", choices=sorted(KINDS))
    args = parser.parse_args()
    for kind in [args.only] if args.only else KINDS:
        run(kind, args.sizes or KINDS[kind][1])


if __name__ == "__main__":
    main()
