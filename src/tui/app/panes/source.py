"""Source: the article text with the selected span highlighted and scrolled into view.

The text lives in a read-only ``TextArea``; highlighting is done in its ``get_line`` hook,
so changing the selection restyles only the visible lines instead of rebuilding the text.
Article text is untrusted: it is shown as plain text (control characters replaced by
spaces, offsets kept) and never parsed as markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Size
from textual.widget import Widget
from textual.widgets import Static, TextArea

from tui.app.format import (
    article_label,
    break_long_lines,
    clean,
    displayable,
    outlet,
    published_label,
    shorten,
)
from tui.app.messages import RecordSelected
from tui.app.panes.base import Pane
from tui.app.records import RecordKind
from tui.app.view import CorpusView, Selection
from tui.records.models import Article, Range

SELECTED = Style(bold=True, reverse=True)
CONTEXT = Style(bold=True)
OTHER_SPAN = Style(underline=True)
BOILERPLATE = Style(dim=True)
DIFFERS = Style(italic=True)
"""In a copy: what its original does not print."""


def differing(article: Article, text: str) -> list[tuple[int, int]]:
    """The passages of a copy (whose text is ``text``) that its original does not print
    (runs holding a word)."""
    if article.copy_of is None:
        return []
    out = []
    at = 0
    for passage in [*article.shared, None]:
        end = passage.start if passage is not None else len(text)
        if any(c.isalnum() for c in text[at:end]):
            out.append((at, end))
        if passage is not None:
            at = max(at, passage.end)
    return out


def copy_note(view: CorpusView, article: Article) -> str:
    """ "copy of Newswire · 12 Jun 2021 (94% shared)" for a copy; for an article that
    reprints passages of others, how many and of whom; else ""."""
    original = view.articles.get(article.copy_of or "")
    if original is not None:
        share = round((article.copy_share or 0) * 100)
        return f"copy of {_short_label(original)} ({share}% shared)"
    sources = list(dict.fromkeys(p.source for p in article.shared if p.source in view.articles))
    if not sources:
        return ""
    count = sum(1 for p in article.shared if p.source in view.articles)
    more = f" and {len(sources) - 1} more" if len(sources) > 1 else ""
    passages = f"{count} passage{'s' if count > 1 else ''}"
    return f"reprints {passages} of {_short_label(view.articles[sources[0]])}{more}"


def _short_label(article: Article) -> str:
    """``outlet · date`` (the id when there is no outlet)."""
    name = outlet(article) if article.source else article.id
    return f"{shorten(name, 30)} · {published_label(article)}"


class SourceView(TextArea):
    """Read-only article text whose ``get_line`` styles spans by character offsets."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False, id="source.down"),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False, id="source.up"),
        Binding("space,pagedown", "scroll_page(1)", "Page down", show=False, id="source.pgdn"),
        # u (less's "up"): b stars the span or sentence in view, as it stars a row elsewhere.
        Binding("u,pageup", "scroll_page(-1)", "Page up", show=False, id="source.pgup"),
        Binding("g,home", "scroll_edge(0)", "Top of the article", show=False, id="source.top"),
        Binding("G,end", "scroll_edge(1)", "End of the article", show=False, id="source.bottom"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_cursor=False,
            id=id,
            classes=classes,
        )
        self._line_starts: list[int] = [0]
        self._span_base: list[tuple[int, int, Style]] = []
        self._line_styles: dict[int, list[tuple[int, int, Style]]] = {}
        self._focus_span: tuple[int, int] | None = None
        self._context_span: tuple[int, int] | None = None

    def show_article(
        self,
        article: Article,
        text: str,
        spans: list[tuple[int, int]],
        boilerplate: Sequence[Range] = (),
    ) -> None:
        """Show ``article``, whose text is ``text``, its records' ``spans`` underlined and
        its ``boilerplate`` dimmed."""
        shown = break_long_lines(displayable(text))
        self.load_text(shown)
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", shown))]
        self._span_base = [(r.start, r.end, BOILERPLATE) for r in boilerplate]
        self._span_base += [(s, e, OTHER_SPAN) for s, e in spans]
        self._span_base += [(s, e, DIFFERS) for s, e in differing(article, text)]
        self._focus_span = None
        self._context_span = None
        self._index_styles()

    def _refresh_size(self) -> None:
        """A new article changes the virtual height: update it and the scrollbar without a
        screen-wide layout pass (one costs more than the rest of a key press), unless a
        scrollbar appears or goes."""
        if not self.soft_wrap:
            super()._refresh_size()
            return
        size = Size(0, self.wrapped_document.height)
        if size == self.virtual_size:
            return
        shown = (self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        self.set_reactive(Widget.virtual_size, size)
        self._refresh_scrollbars()
        if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != shown:
            self.refresh(layout=True)
            return
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = size.height
        self.refresh()

    def set_focus_span(self, span: tuple[int, int] | None, context: tuple[int, int] | None) -> None:
        self._focus_span = span
        self._context_span = context
        self._index_styles()
        self.notify_style_update()
        self.refresh()
        if span is not None:
            self.call_after_refresh(self.scroll_to_offset, span[0], span[1])

    @property
    def focus_span(self) -> tuple[int, int] | None:
        return self._focus_span

    def _index_styles(self) -> None:
        styles = list(self._span_base)
        if self._context_span is not None:
            styles.append((*self._context_span, CONTEXT))
        if self._focus_span is not None:
            styles.append((*self._focus_span, SELECTED))
        by_line: dict[int, list[tuple[int, int, Style]]] = {}
        for start, end, style in styles:
            if end <= start:
                continue
            first = self.line_of(start)
            last = self.line_of(max(start, end - 1))
            for line in range(first, last + 1):
                by_line.setdefault(line, []).append((start, end, style))
        self._line_styles = by_line

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._line_starts, offset) - 1)

    def line_start(self, line: int) -> int:
        """Offset in the article of the first character of document line ``line``."""
        return self._line_starts[line]

    def location_of(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self._line_starts[line]

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        spans = self._line_styles.get(line_index)
        if not spans or line_index >= len(self._line_starts):
            return line
        base = self._line_starts[line_index]
        length = len(line.plain)
        for start, end, style in spans:
            s = max(0, start - base)
            e = min(length, end - base)
            if e > s:
                line.stylize(style, s, e)
        return line

    def top_offset(self) -> int:
        """The article offset of the first character at the top of the view."""
        try:
            line, column = self.wrapped_document.offset_to_location(Offset(0, round(self.scroll_y)))
        except ValueError:  # no text
            return 0
        if not 0 <= line < len(self._line_starts):
            return 0
        return self._line_starts[line] + column

    def in_view(self, start: int, end: int) -> bool:
        """Whether any line of the span ``[start, end)`` is on screen."""
        top = self.wrapped_document.location_to_offset(self.location_of(start)).y
        bottom = self.wrapped_document.location_to_offset(self.location_of(max(start, end - 1))).y
        first = round(self.scroll_y)
        return bottom >= first and top < first + self.scrollable_content_region.height

    def scroll_to_offset(self, start: int, end: int) -> None:
        """Scroll so the span's first line sits a third of the way down the view."""
        top = self.wrapped_document.location_to_offset(self.location_of(start)).y
        bottom = self.wrapped_document.location_to_offset(self.location_of(end)).y
        height = self.scrollable_content_region.height
        target = top if bottom - top + 1 >= height else max(0, top - height // 3)
        self.scroll_to(y=target, animate=False)

    def action_scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + pages * step, animate=False)

    def action_scroll_edge(self, end: int) -> None:
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False)


class SourcePane(Pane):
    PANE_TITLE = "Source"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "step_article(1)", "Next article", id="source.next"),
        Binding(
            "left_square_bracket",
            "step_article(-1)",
            "Previous article",
            show=False,
            id="source.prev",
        ),
        # vim's ; and , (repeat a find forward, backward): n and p step through mentions.
        Binding("semicolon", "step_match(1)", "Next match", show=False, id="source.next_match"),
        Binding("comma", "step_match(-1)", "Prev match", show=False, id="source.prev_match"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_id: str | None = None
        self.found: list[tuple[int, int]] = []
        """Where the search is found in the shown article, in reading order."""
        self.match_index = 0
        self._header_view: CorpusView | None = None
        """The view the header's count was drawn from."""

    def compose(self) -> ComposeResult:
        yield Static("", id="source-header", markup=False)
        yield SourceView(id="source-text", classes="records")

    def watch_view(self) -> None:
        view = self.view
        if view is None or not view.corpus.articles:
            return
        if self.selection is None:
            self._show(view.corpus.articles[0].id)
        else:
            self._apply(self.selection)

    def watch_selection(self, selection: Selection | None) -> None:
        if selection is not None and self.view is not None:
            self._apply(selection)

    def _apply(self, selection: Selection) -> None:
        self._show(selection.article_id)
        source = self.query_one(SourceView)
        if selection.kind is RecordKind.ARTICLE:
            source.set_focus_span(None, None)
            source.scroll_to(y=0, animate=False)
        else:
            source.set_focus_span((selection.start, selection.end), selection.context)

    def _show(self, article_id: str) -> None:
        view = self.view
        if view is None or article_id not in view.articles:
            return
        if article_id == self.article_id:
            if self._header_view is not view:  # the whole corpus replaced its preview
                self._draw_header(view, view.articles[article_id])
            return
        self.article_id = article_id
        article = view.articles[article_id]
        spans = view.spans_of(article_id)
        self.query_one(SourceView).show_article(
            article, view.text(article_id), spans, view.boilerplate(article_id)
        )
        self._draw_header(view, article)
        if self.search:
            self._find(self.search)

    def _draw_header(self, view: CorpusView, article: Article) -> None:
        """The article's place in the view shown (n/total), its copy note, label and URL."""
        self._header_view = view
        article_id = article.id
        header = Text(no_wrap=True, overflow="ellipsis")
        position = view.article_position[article_id]
        header.append(f"{position + 1}/{len(view.corpus.articles)} ", style="bold")
        note = copy_note(view, article)
        if note:  # before the title, which the header may cut
            header.append(note, style="italic")
            header.append(" · ")
        header.append(article_label(article))
        if article.url:
            # A web page's own address (untrusted like its text: one clean line, no markup).
            header.append(f" · {clean(article.url)}", style="dim")
        # A fixed one-line header: no screen-wide layout per article shown.
        self.query_one("#source-header", Static).update(header, layout=False)

    def watch_search(self, query: str) -> None:
        """Incremental search in the shown article: highlight the first match."""
        view = self.view
        source = self.query_one(SourceView)
        if view is None or self.article_id is None:
            return
        if not query:
            self.found = []
            self.border_subtitle = ""
            if self.selection is not None and self.selection.article_id == self.article_id:
                self._apply(self.selection)
            else:
                source.set_focus_span(None, None)
            return
        self._find(query)

    def _find(self, query: str) -> None:
        """Every match of ``query`` in the shown article (case-insensitive, offsets of the
        article's own text); the first is highlighted."""
        view = self.view
        if view is None or self.article_id is None:
            return
        text = view.text(self.article_id)
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        self.found = [(m.start(), m.end()) for m in pattern.finditer(text)]
        self.match_index = 0
        self._show_match()

    def _show_match(self) -> None:
        """The current match highlighted, and ``3/17`` (or ``no match``) under the pane."""
        if not self.found:
            self.border_subtitle = "no match"
            return
        self.border_subtitle = f"{self.match_index + 1}/{len(self.found)}"
        self.query_one(SourceView).set_focus_span(self.found[self.match_index], None)

    def step_match(self, step: int) -> bool:
        """The next (``step`` 1) or previous (-1) match, wrapping; False with no search."""
        if not self.search or not self.found:
            return False
        self.match_index = (self.match_index + step) % len(self.found)
        self._show_match()
        return True

    def action_step_match(self, step: int) -> None:
        if not self.step_match(step):
            self.app.bell()
            self.notify("no match to step through: / searches the article", markup=False)

    @property
    def highlighted(self) -> tuple[str, int, int] | None:
        """(article id, start, end) of the span shown as selected, if any."""
        span = self.query_one(SourceView).focus_span
        if span is None or self.article_id is None:
            return None
        return (self.article_id, span[0], span[1])

    def action_step_article(self, step: int) -> None:
        view = self.view
        if view is None or not view.corpus.articles:
            return
        articles = view.corpus.articles
        current = view.article_position.get(self.article_id or "", 0)
        target = articles[(current + step) % len(articles)].id
        self.post_message(RecordSelected(Selection.article(target)))
