"""The article and outlet pickers' lists, kept lean (labels and per-article filters made when
asked for), list the same choices with the same labels, folded texts, widths, outlets and
filters as lists made whole from :meth:`CorpusView.grouped_articles` and
:meth:`CorpusView.outlet_filters`."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from tui.app.format import outlet, shorten
from tui.app.pickers import FilterKeys, PickerLists, article_choice
from tui.app.screens.triage import Choices
from tui.app.view import CorpusView
from tui.records.models import Article, Corpus, Published

SOURCES = [None, "Newswire", "Coast  Herald", "  ", "Ærø Tidende", "日報", "newswire"]


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    """Articles of a few outlets (none, blank, non-ASCII, differing only in case) on a few
    dates (some undated), some copies of an earlier article, of a copy, or of an article
    not in the corpus."""
    count = draw(st.integers(min_value=0, max_value=14))
    articles = []
    for i in range(count):
        day = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=4)))
        copy_of = None
        if i and draw(st.booleans()):
            copy_of = draw(st.sampled_from([f"a{j}" for j in range(i)] + ["gone"]))
        articles.append(
            Article(
                id=f"a{i}",
                path=f"dir/a{i}.txt",
                title=draw(st.sampled_from([None, "Strike — day two", "İstanbul talks"])),
                source=draw(st.sampled_from(SOURCES)),
                published=Published(
                    date=None if day is None else dt.date(2024, 3, day), how="header"
                ),
                text="Workers met.",
                copy_of=copy_of,
                copy_share=draw(st.sampled_from([None, 0.5, 0.987])) if copy_of else None,
            )
        )
    return Corpus(articles=articles)


def _cells(text: Text) -> tuple[object, ...]:
    return text.plain, text.style, tuple(text.spans)


def _same(choices: Choices, items: list[tuple[str, Text]]) -> None:
    """``choices`` as :meth:`Choices.of` would hold ``items`` made whole."""
    assert len(choices) == len(items)
    assert list(choices.keys) == [key for key, _ in items]
    assert [_cells(choices.label(i)) for i in range(len(items))] == [_cells(t) for _, t in items]
    assert [_cells(t) for _, t in choices] == [_cells(t) for _, t in items]
    assert choices.folded == [t.plain.casefold() for _, t in items]
    assert list(choices.widths) == [t.cell_len for _, t in items]
    rows = choices.rows()
    assert list(rows.keys) == [key for key, _ in items]
    assert [(k, tuple(map(_cells, cells))) for k, cells in rows] == [
        (k, (_cells(t),)) for k, t in items
    ]


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_the_article_list_is_the_one_made_whole(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    grouped = view.grouped_articles()
    choices = PickerLists(view).articles()
    _same(choices, [(a.id, article_choice(a, original)) for a, original in grouped])
    assert choices.groups == {a.id: outlet(a) for a, _ in grouped}


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_the_outlet_list_is_the_one_made_whole(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    made = view.outlet_filters()
    items = [("all", Text("all articles (no filter)", style="italic"))]
    for i, f in enumerate(made):
        n = len(f.article_ids)
        text = Text(shorten(f.label, 90))
        if not f.label.startswith("article: "):
            text.append(f" · {n:,} article{'s' if n != 1 else ''}", style="dim")
        items.append((str(i), text))
    filters, choices = PickerLists(view).filters()
    assert list(filters) == made
    assert [filters[i] for i in range(-len(made), 0)] == made
    assert list(filters[1:3]) == made[1:3]
    _same(choices, items)
    assert choices.groups == {}
    for at, (key, _) in enumerate(items):
        assert choices.keys.index(key) == at


def test_the_outlet_keys_are_found_without_listing_them() -> None:
    keys = FilterKeys(4)
    assert list(keys) == ["all", "0", "1", "2"]
    assert [keys.index(k) for k in keys] == [0, 1, 2, 3]
    for missing in ("3", "-1", "01", "", "x", 1, None):
        assert missing not in keys
    assert keys.index("2", 1, 4) == 3
