"""Figures' cost against the whole extraction, on real articles (issue 17: ≤ 10%).

    .venv/bin/python benchmarks/figures_cost.py FOLDER [--limit N] [--scale 1000,2000,...]

Parses the folder's ``.txt`` articles once with the shipped pipeline, runs every extractor
on each parse (:func:`extract_article`, as ``newsdash`` does; parse plus extractors is the
extraction time), then times the figures extractor alone on the same parses (with the
article's time expressions, as the product hands them) and the comparison of all figures
(periods attached, grouped, judged), and prints the share of the extraction they take.

``--scale`` then times the comparison alone on corpora of each size, made from the parsed
articles as ``gen_corpus.py --real`` makes its articles (a headline and 4-15 sentences from
two or three of them, seeded), with each sentence's figures and time expressions carried
over: no second parse, so 10,000 articles cost seconds to build. Names, numbers and stories
repeat across such a corpus as in a real one, and more so the larger it is (each source
sentence is reused about 10,000 x 10 / the sentences parsed times): groups grow with the
corpus, which makes the per-article time a pessimistic test of linearity. Per-article
times at each size are printed with the share of the measured extraction time per article.
Figures are recorded in docs/extraction/figures.md.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.records.extraction import ArticleExtraction
    from tui.records.models import Article, Figure, Range, TimeExpr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from tui import nlp
    from tui.extract.article import extract_article
    from tui.extract.figures import extract_figures
    from tui.gcpolicy import gc_paused
    from tui.ingest.files import read_article
    from tui.link.comparisons import attach_periods, compare_figures

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--scale", default="", help="corpus sizes to time the comparison at")
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
    per_article = total / len(articles)
    for n in [int(x) for x in args.scale.split(",") if x]:
        corpus, figs, timexes, sents = recombined(articles, extractions, n)
        start = time.perf_counter()
        with gc_paused():  # as linking runs it (tui.pipeline.link)
            dated = [
                f
                for a in corpus
                for f in attach_periods(a, figs[a.id], timexes[a.id], sentences=sents[a.id])
            ]
            found = compare_figures(dated, corpus)
        took = time.perf_counter() - start
        print(
            f"scale {n}: {len(dated)} figures, {len(found)} comparisons, comparison {took:.2f} s, "
            f"{1000 * took / n:.2f} ms/article ({took / n / per_article:.2%} of extraction "
            f"+ figures {figures_s / len(articles) / per_article:.2%})"
        )


def recombined(
    articles: list[Article], extractions: list[ArticleExtraction], n: int, seed: int = 17
) -> tuple[
    list[Article], dict[str, list[Figure]], dict[str, list[TimeExpr]], dict[str, list[Range]]
]:
    """``n`` articles made of the sentences of ``articles`` (see the module docstring)."""
    from tui.records.models import Range

    rng = random.Random(seed)
    pool = [(a, ex) for a, ex in zip(articles, extractions, strict=True) if len(ex.sentences) > 2]
    out: list[Article] = []
    figs: dict[str, list[Figure]] = {}
    times: dict[str, list[TimeExpr]] = {}
    sents: dict[str, list[Range]] = {}
    for i in range(n):
        picks = rng.sample(pool, min(len(pool), rng.randint(2, 3)))
        aid = f"g{i:05d}"
        head = picks[0][0]
        text = f"{head.title or head.id}\n\n"
        my_figs: list[Figure] = []
        my_times: list[TimeExpr] = []
        my_sents: list[Range] = []
        for article, ex in picks:
            body = ex.sentences[1:]
            count = min(len(body), rng.randint(2, 5))
            chosen = sorted(rng.sample(body, count), key=lambda r: r.start)
            for sent in chosen:
                shift = len(text) - sent.start
                my_sents.append(Range(start=sent.start + shift, end=sent.end + shift))
                for f in ex.figures:
                    if sent.start <= f.start and f.end <= sent.end:
                        my_figs.append(
                            f.model_copy(
                                update={
                                    "id": f"fig-{aid}-{len(my_figs) + 1}",
                                    "article_id": aid,
                                    "start": f.start + shift,
                                    "end": f.end + shift,
                                }
                            )
                        )
                for t in ex.timexes:
                    if sent.start <= t.start and t.end <= sent.end:
                        update = {"article_id": aid, "start": t.start + shift, "end": t.end + shift}
                        my_times.append(t.model_copy(update=update))
                text += article.text[sent.start : sent.end] + " "
        update = {"id": aid, "path": f"{aid}.txt", "text": text, "boilerplate": [], "shared": []}
        out.append(head.model_copy(update=update))
        figs[aid], times[aid], sents[aid] = my_figs, my_times, my_sents
    return out, figs, times, sents


if __name__ == "__main__":
    main()
