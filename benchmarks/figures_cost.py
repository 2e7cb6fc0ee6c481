"""Figures' cost against the whole extraction, on real articles (issue 17: ≤ 10%).

    .venv/bin/python benchmarks/figures_cost.py FOLDER [--limit N]

Parses the folder's ``.txt`` articles once with the shipped pipeline, runs every extractor
on each parse (:func:`extract_article`, as ``newsdash`` does; parse plus extractors is the
extraction time), then times the figures extractor alone on the same parses (with the
article's time expressions, as the product hands them) and the comparison of all figures
(periods attached, grouped, judged), and prints the share of the extraction they take.
Figures are recorded in docs/extraction/figures.md.
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
    from tui.extract.article import extract_article
    from tui.extract.figures import extract_figures
    from tui.ingest.files import read_article
    from tui.link.comparisons import attach_periods, compare_figures

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
    extractions = [extract_article(one) for one in parsed]
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    for one, ex in zip(parsed, extractions, strict=True):
        extract_figures(one, ex.timexes)
    figures_s = time.perf_counter() - start
    start = time.perf_counter()
    figures = [
        f
        for article, ex in zip(articles, extractions, strict=True)
        for f in attach_periods(article, ex.figures, ex.timexes, sentences=ex.sentences)
    ]
    comparisons = compare_figures(figures, articles)
    compare_s = time.perf_counter() - start
    total = parse_s + extract_s
    print(f"{len(articles)} articles, {len(figures)} figures, {len(comparisons)} comparisons")
    print(f"parse {parse_s:.1f} s, extractors {extract_s:.1f} s (extraction {total:.1f} s)")
    print(f"figures {figures_s:.2f} s, comparison {compare_s:.2f} s")
    print(f"(figures + comparison) / extraction: {(figures_s + compare_s) / total:.3f}")


if __name__ == "__main__":
    main()
