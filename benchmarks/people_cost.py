"""People extraction's cost against the parse it starts from, on real articles.

    .venv/bin/python benchmarks/people_cost.py FOLDER [--limit N]

Parses the folder's ``.txt`` articles once with the shipped pipeline (timed), then runs the
people extractor (names, roles, mentions, quotes) on each parse (timed), and prints both
totals and their ratio. Figures are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from tui import nlp
    from tui.extract.people import extract_people
    from tui.ingest.files import read_article

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    paths = sorted(args.folder.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    articles = [read_article(p, p.stem, lambda *_: None) for p in paths]
    pipeline = nlp.load()
    start = time.perf_counter()
    parsed = nlp.parse_articles(articles, pipeline)
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    for one in parsed:
        extract_people(one)
    people_s = time.perf_counter() - start
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words} words")
    print(f"parse {parse_s:.1f} s, people and quotes {people_s:.1f} s")
    print(f"people / parse: {people_s / parse_s:.3f}")


if __name__ == "__main__":
    main()
