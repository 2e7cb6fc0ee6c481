"""End to end: figures and comparisons through the pipeline's linking step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui import nlp
from tui.extract.article import extract_article
from tui.nlp import parse_article
from tui.pipeline import link
from tui.records.models import Article, Published

ROOT = Path(__file__).resolve().parents[1]


def _article(article_id: str, text: str) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        text=text,
        published=Published(date=dt.date(2024, 6, 5), how="header"),
    )


def test_link_fills_figures_and_comparisons_with_valid_spans() -> None:
    wire = _article(
        "wire",
        "LISBON (Wire) - Exports to Angola jumped 23% and Angola has signed more than 60 "
        "cooperation agreements, officials in Luanda said.",
    )
    blog = _article(
        "blog",
        "Angola watchers note exports to Angola rose 25%, and Angola has signed over 60 "
        "cooperation accords so far.",
    )
    articles = [wire, blog]
    corpus = link(articles, {a.id: extract_article(parse_article(a, nlp.load())) for a in articles})
    assert [f.id for f in corpus.figures] == [
        "fig-wire-1",
        "fig-wire-2",
        "fig-blog-1",
        "fig-blog-2",
    ]
    statuses = sorted((c.status, tuple(c.figures)) for c in corpus.comparisons)
    assert statuses == [
        ("agree", ("fig-wire-2", "fig-blog-2")),
        ("conflict", ("fig-wire-1", "fig-blog-1")),
    ]


def test_seed_articles_sanity() -> None:
    """The sample folder yields figures whose spans are exact and whose ids are unique."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert seeds
    articles = [_article(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in seeds]
    corpus = link(articles, {a.id: extract_article(parse_article(a, nlp.load())) for a in articles})
    assert corpus.figures
    assert len({f.id for f in corpus.figures}) == len(corpus.figures)
    kinds = {f.kind for f in corpus.figures}
    assert {"count", "percent", "money"} <= kinds
    by_id = {f.id: f for f in corpus.figures}
    for cmp in corpus.comparisons:
        assert len(cmp.figures) >= 2 and cmp.detail and "\n" not in cmp.detail
        periods = [by_id[i].period for i in cmp.figures]
        if cmp.status == "conflict" and len({p for p in periods if p}) < 2 and None in periods:
            assert not cmp.certain and "could be an evolution" in cmp.detail


def test_added_fields_reach_the_json_and_csv_export() -> None:
    """Issue 17: `direction` and the kind `age` are in the export; durations the timeline
    holds are not figures."""
    import json

    from tui.export import csv_files, to_json

    text = (
        "ORVIK (Wire) - Mara Velt, 47, said exports from Orvik fell 6% last year after she "
        "had run the port for 12 years."
    )
    articles = [_article("wire", text)]
    corpus = link(articles, {a.id: extract_article(parse_article(a, nlp.load())) for a in articles})
    exported = json.loads(to_json(corpus))["figures"]
    assert [(f["text"], f["kind"], f["direction"]) for f in exported] == [
        ("47", "age", None),
        ("6%", "percent", "down"),
    ]
    header, *rows = csv_files(corpus)["figures.csv"].splitlines()
    assert header.split(",")[-1] == "direction"
    assert rows[1].endswith(",down")
