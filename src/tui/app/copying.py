"""Copy: the selection (or the search match shown in Source) as a citation, sent to the
terminal's clipboard (OSC 52)."""

from __future__ import annotations

from tui.app.dashboard import Dashboard
from tui.app.format import article_label, clean, outlet, published_label, sentence_around
from tui.app.panes.source import SourcePane
from tui.app.records import RecordKey, RecordKind
from tui.app.view import Selection


class Copying(Dashboard):
    """Quotes the selected span with its outlet, date, file, offsets and sentence."""

    def citation(self, selection: Selection) -> str:
        view = self.view
        assert view is not None
        article = view.articles[selection.article_id]
        where = f"{outlet(article)}, {published_label(article)}, {article.path}"
        if selection.kind is RecordKind.ARTICLE:
            return f"{article_label(article)}\n— {article.path}"
        text = view.text(article.id)
        quoted = clean(text[selection.start : selection.end])
        start, end = selection.context or sentence_around(text, selection.start, selection.end)
        sentence = clean(text[start:end])
        return (
            f"“{quoted}”\n— {where}, chars {selection.start}–{selection.end}\n"
            f"Sentence: “{sentence}”"
        )

    def action_copy(self) -> None:
        selection = self.selection
        source = self.query_one(SourcePane)
        if source.search and source.highlighted is not None:
            # A search match shown in Source is what the user is looking at: copy it.
            article_id, start, end = source.highlighted
            selection = Selection(RecordKey(RecordKind.MATCH, article_id), article_id, start, end)
        if selection is None or self.view is None:
            self.notify("nothing selected to copy", severity="warning")
            return
        self.copy_to_clipboard(self.citation(selection))
        self.notify("citation sent to terminal clipboard (OSC 52)")
