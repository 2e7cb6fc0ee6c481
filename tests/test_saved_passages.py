"""Figures' passage keys saved per article (the store's ``derived`` kind ``passages``):
read back, they give what working them out gives; refused when made from other figures;
a re-open works out only the changed file's and links the same."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_saved_derived import ARTICLES, folder, quiet  # noqa: F401 (the fixture)

from tui import loader
from tui.export import to_json
from tui.link.comparisons import repeats, reuse, saved
from tui.link.comparisons.repeats import passage_key, passage_keys, repeated_sources
from tui.link.sources import Sources
from tui.pipeline import LinkState, load_corpus
from tui.records.models import Article, Figure, Published
from tui.store import Store

SENTENCES = (
    "The port of Marvento handled 4.2 million containers in 2022, the port authority said.",
    "Olive oil exports rose 12 percent to $310 million last year, the minister told reporters.",
    "Fares rose 8 percent.",
    "The company carried 1.1 million passengers in 2022, up from 900,000 a year earlier.",
    "Officials said 40 ships waited outside the harbour of Marvento on Monday morning.",
)
_NUMBER = re.compile(r"\d[\d,.]*")


def _article(n: int, picks: list[int], day: int | None) -> tuple[Article, list[Figure]]:
    text = "Headline\n\n" + " ".join(SENTENCES[i] for i in picks) + "\n"
    date = dt.date(2024, 1, day) if day is not None else None
    article = Article(id=f"a{n}", path=f"a{n}.txt", text=text, published=Published(date=date))
    figures = [
        Figure(id=f"fig-a{n}-{j}", article_id=article.id, start=m.start(), end=m.end(),
               text=m.group())
        for j, m in enumerate(_NUMBER.finditer(text))
    ]  # fmt: skip
    return article, figures


def _old_repeated_sources(
    figures: list[Figure], articles: list[Article], independent: Sources
) -> dict[str, str]:
    """repeated_sources as it was before keys were strings made per article (the plain path:
    one tuple key per figure)."""
    by_id = {a.id: a for a in articles}
    printed: dict[tuple[str, ...], list[Figure]] = {}
    for fig in figures:
        article = by_id.get(fig.article_id)
        if article is None or article.text[fig.start : fig.end] != fig.text:
            continue
        key = passage_key(article.text, fig.start, fig.end)
        if key is not None:
            printed.setdefault(key, []).append(fig)

    def order(fig: Figure) -> tuple[bool, str, str, int]:
        day = by_id[fig.article_id].published.date
        return (day is None, day.isoformat() if day else "", fig.article_id, fig.start)

    out: dict[str, str] = {}
    for figs in printed.values():
        if len({f.article_id for f in figs}) < 2:
            continue
        first = min(figs, key=order)
        for fig in figs:
            out[fig.id] = independent.of(first.article_id, first.start)
    return out


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=4),
            st.none() | st.integers(1, 28),
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_repeated_sources_from_saved_keys_equal_the_plain_path(
    drawn: list[tuple[list[int], int | None]], drop_one: bool
) -> None:
    """Keys made per article, or read back from their saved JSON (some articles' rows
    missing), give the repeats the plain path (a tuple key per figure) gives; two figures'
    string keys are equal exactly when their word tuples are."""
    made = [_article(n, picks, day) for n, (picks, day) in enumerate(drawn)]
    articles = [a for a, _ in made]
    figures = [f for _, figs in made for f in figs]
    if drop_one and figures:
        figures = figures[1:]  # a figure whose article's list is then shorter
    mine: dict[str, list[Figure]] = {}
    for fig in figures:
        mine.setdefault(fig.article_id, []).append(fig)
    by_id = {a.id: a for a in articles}
    rows = {
        aid: saved.encode_passages(passage_keys(by_id[aid], figs), figs)
        for aid, figs in mine.items()
        if int(aid[1:]) % 2 == 0  # the others are not in the store
    }
    kept = saved.SavedPassages(rows)
    expected = _old_repeated_sources(figures, articles, Sources(articles))
    assert repeated_sources(figures, articles, Sources(articles)) == expected
    assert repeated_sources(figures, articles, Sources(articles), kept.keys) == expected
    assert set(kept.made) == set(mine) - set(rows)
    keys = {
        id(f): (k, passage_key(a.text, f.start, f.end))
        for a in articles
        for f, k in zip(mine.get(a.id, []), passage_keys(a, mine.get(a.id, [])), strict=True)
    }
    for one, tuple_one in keys.values():
        assert (one is None) == (tuple_one is None)
        for other, tuple_other in keys.values():
            assert (one == other) == (tuple_one == tuple_other)


def test_saved_passage_keys_read_back_and_refused_for_other_figures(folder: Path) -> None:  # noqa: F811
    loaded = loader.load(folder, quiet)
    found = 0
    for article in loaded.articles:
        figures = loaded.extractions[article.id].figures
        keys = passage_keys(article, figures)
        found += sum(k is not None for k in keys)
        data = saved.encode_passages(keys, figures)
        assert saved.decode_passages(data, figures) == keys
        if figures:
            assert saved.decode_passages(data, figures[:-1]) is None  # another count
            moved = [f.model_copy(update={"end": f.end + 1}) for f in figures]
            assert saved.decode_passages(data, moved) is None  # other offsets
            assert saved.decode_passages(data.replace('"format":1', '"format":2'), figures) is None
    assert found >= 4  # the articles print sentences around their figures
    assert saved.decode_passages("not json", []) is None
    assert saved.decode_passages('{"format":1,"starts":[],"ends":[],"keys":{}}', []) is None
    bad = '{"format":1,"starts":[0],"ends":[1],"keys":[7]}'
    one = loaded.extractions["a"].figures[:1]
    assert saved.decode_passages(bad.replace("[0]", f"[{one[0].start}]"), one) is None


@pytest.mark.parametrize("with_state", [False, True])
def test_a_reopen_makes_passage_keys_only_for_the_changed_article(
    folder: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    with_state: bool,
) -> None:
    made: list[str] = []
    real = repeats.passage_keys

    def counting(article: Article, figures: list[Figure]) -> list[str | None]:
        made.append(article.id)
        return real(article, figures)

    monkeypatch.setattr(saved, "passage_keys", counting)
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, quiet, store=store, state=LinkState() if with_state else None)
        assert sorted(made) == sorted(name[0] for name in ARTICLES)
        with open(folder / "b.txt", "a") as f:
            f.write("Officials said the port of Marvento handled 4.6 million containers in 2022.\n")
        made.clear()
        again = load_corpus(folder, quiet, store=store, state=LinkState() if with_state else None)
        assert made == ["b"]
    assert to_json(again) == to_json(load_corpus(folder, quiet))


def test_an_in_process_relink_works_out_passage_keys_only_for_the_changed_article(
    folder: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The `Linker`'s memo keeps each article's passage keys with its figures: a re-link in
    the same process (the dashboard's, after a file changed) works out only the changed
    article's, and links the same as a load from nothing."""
    made: list[str] = []
    real = repeats.passage_keys

    def counting(article: Article, figures: list[Figure]) -> list[str | None]:
        made.append(article.id)
        return real(article, figures)

    monkeypatch.setattr(saved, "passage_keys", counting)
    monkeypatch.setattr(reuse, "passage_keys", counting)
    state = LinkState()
    for store in (Store(tmp_path / "s.sqlite"), None):
        made.clear()
        state = LinkState()
        load_corpus(folder, quiet, store=store, state=state)
        assert sorted(made) == sorted(name[0] for name in ARTICLES)
        with open(folder / "c.txt", "a") as f:
            f.write("Officials said fares between Pella and Marvento rose 9 percent in May.\n")
        made.clear()
        again = load_corpus(folder, quiet, store=store, state=state)
        assert state.incremental and made == ["c"]
        assert to_json(again) == to_json(load_corpus(folder, quiet))
        if store is not None:
            store.close()
