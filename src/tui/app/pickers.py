"""Pickers: choose an article, an outlet filter, or an article found by its words (ctrl+f).
The article and outlet pickers filter as you type after ``/`` (matches counted per outlet)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rich.text import Text

from tui.app.format import article_label, outlet, shorten
from tui.app.jumps import Jumps
from tui.app.lazy import Lazy
from tui.app.panes.source import SourcePane
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.fulltext import FullTextScreen
from tui.app.screens.triage import Choices, FilterChoiceScreen
from tui.app.view import ArticleFilter, CorpusView, article_filter
from tui.records.models import Article
from tui.search import StoreSearch
from tui.snapshot import text_of


def article_choice(article: Article, original: Article | None) -> Text:
    """An article in the picker; a copy hangs under its original with its shared part."""
    if original is None:
        return Text(shorten(article_label(article), 100))
    text = Text("  └ ", style="dim")
    share = article.copy_share
    text.append(f"copy {round(share * 100)}% " if share is not None else "copy ", style="italic")
    text.append(shorten(article_label(article), 86))
    return text


INLINE_ARTICLES = 2_000
"""Up to this many articles, the article and outlet pickers' lists are made when a picker
opens; beyond, in the picker's thread worker (the picker is up at once and says
``reading…``). Either way they are made once per corpus and kept: at 100,000 articles each
opening took 5–6 s on the event loop."""


@dataclass(eq=False)
class PickerLists:
    """The article and outlet pickers' lists of one corpus, each made once (on the event
    loop or in a picker's worker: :meth:`articles` and :meth:`filters` read only the view).
    What they keep per article is its folded label, its width and its key (and the
    article): a label, a filter per article and their rows are made when asked for."""

    view: CorpusView
    _articles: Choices | None = None
    _filters: tuple[Sequence[ArticleFilter], Choices] | None = None

    def articles(self) -> Choices:
        """Every article by date, each copy under its original, with its outlet."""
        if self._articles is None:
            grouped = self.view.grouped_articles()
            articles = [a for a, _ in grouped]
            originals = {i: o for i, (_, o) in enumerate(grouped) if o is not None}
            outlets: dict[str, str] = {}  # one string per outlet, not one per article
            groups: dict[str, str] = {}
            for article in articles:
                name = outlet(article)
                groups[article.id] = outlets.setdefault(name, name)
            del grouped

            def label(i: int) -> Text:
                return article_choice(articles[i], originals.get(i))

            self._articles = Choices.made([a.id for a in articles], label, groups)
        return self._articles

    def filters(self) -> tuple[Sequence[ArticleFilter], Choices]:
        """The outlet filters (:meth:`CorpusView.outlet_filters`, each article's made when
        asked for) and their choices: "all", then each filter by its index."""
        if self._filters is None:
            filters = OutletFilters(self.view.group_filters(), self.view.articles_by_date())

            def label(i: int) -> Text:
                if i == 0:
                    return Text("all articles (no filter)", style="italic")
                f = filters[i - 1]
                text = Text(shorten(f.label, 90))
                if not f.label.startswith("article: "):
                    n = len(f.article_ids)
                    text.append(f" · {n:,} article{'s' if n != 1 else ''}", style="dim")
                return text

            self._filters = filters, Choices.made(FilterKeys(len(filters) + 1), label)
        return self._filters

    def filter_choices(self) -> Choices:
        return self.filters()[1]

    @property
    def big(self) -> bool:
        """Is making a list worth a worker?"""
        return len(self.view.corpus.articles) > INLINE_ARTICLES

    @property
    def articles_made(self) -> bool:
        return self._articles is not None

    @property
    def filters_made(self) -> bool:
        return self._filters is not None


class OutletFilters(Lazy[ArticleFilter]):
    """:meth:`CorpusView.outlet_filters` with each article's filter made when asked for: a
    filter and its one-id set kept per article were 43 MB at 100,000 articles."""

    def __init__(self, groups: list[ArticleFilter], articles: list[Article]) -> None:
        self.groups = groups
        self.articles = articles

    def __len__(self) -> int:
        return len(self.groups) + len(self.articles)

    def _item(self, index: int) -> ArticleFilter:
        if index < len(self.groups):
            return self.groups[index]
        return article_filter(self.articles[index - len(self.groups)])


class FilterKeys(Lazy[str]):
    """The outlet picker's keys, without a list of them: ``all``, then each filter's index."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size

    def _item(self, index: int) -> str:
        return "all" if index == 0 else str(index - 1)

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        """Where ``value`` is, found without going over the keys."""
        at = 0 if value == "all" else _filter_at(value)
        end = len(self) if stop is None else stop
        if at is None or not start <= at < end or at >= len(self):
            raise ValueError(value)
        return at


def _filter_at(key: object) -> int | None:
    """The place of a filter's key (its index as written), or None."""
    if not isinstance(key, str) or not key.isdigit() or key != str(int(key)):
        return None
    return int(key) + 1


class Pickers(Jumps):
    """Opens a chooser over the panes; what is picked is jumped to (or filters the panes)."""

    _picker_lists: PickerLists | None = None

    def picker_lists(self, view: CorpusView) -> PickerLists:
        """The pickers' lists of ``view`` (made when first asked for, then kept)."""
        if self._picker_lists is None or self._picker_lists.view is not view:
            self._picker_lists = PickerLists(view)
        return self._picker_lists

    def action_articles(self) -> None:
        view = self.view
        if view is None:
            return
        lists = self.picker_lists(view)
        choices = lists.articles if lists.big and not lists.articles_made else lists.articles()

        def picked(article_id: str | None) -> None:
            if article_id is not None:
                self.jump_to_article(RecordKey(RecordKind.ARTICLE, article_id))

        screen = FilterChoiceScreen("Show article", choices, type_first=False)
        self.push_screen(screen, picked)

    def action_fulltext(self) -> None:
        """Search every article's text (FTS5 in the store); Enter opens the article in
        Source with the words highlighted."""
        view = self.view
        if view is None:
            return
        if self.article_search is None or self.article_search[0] is not view:
            root = self.path if self.path is not None else Path.cwd()
            store = self.store_path if self.path is not None else None
            labels = {a.id: article_label(a) for a in view.corpus.articles}
            corpus = view.corpus
            search = StoreSearch(store, root, corpus.articles, partial(text_of, corpus))
            self.article_search = (view, search, labels)

        def picked(result: tuple[str, str] | None) -> None:
            if result is None or self.view is None or result[0] not in self.view.articles:
                return
            article_id, query = result
            self.last_fulltext = query
            self.jump_to_article(RecordKey(RecordKind.ARTICLE, article_id))
            text = self.view.text(article_id).casefold()
            words = sorted(query.split(), key=len, reverse=True)
            needle = query.strip() if query.strip().casefold() in text else ""
            needle = needle or next((w for w in words if w.casefold() in text), "")
            source = self.query_one(SourcePane)
            source.search = needle
            self.refresh_chips()

        _, backend, labels = self.article_search
        self.push_screen(FullTextScreen(backend, labels, self.last_fulltext), picked)

    def action_filter(self) -> None:
        view = self.view
        if view is None:
            return
        lists = self.picker_lists(view)
        make = lists.filter_choices
        choices = make if lists.big and not lists.filters_made else make()

        def picked(key: str | None) -> None:
            if key is None:
                return
            self.article_filter = None if key == "all" else lists.filters()[0][int(key)]

        title = "Filter: hide copies, or one outlet or article" if view.copies_of else None
        title = title or "Filter by outlet or article"
        self.push_screen(FilterChoiceScreen(title, choices, type_first=False), picked)
