"""The UI protocol without a running app: record keys and the detail line's renderers."""

from __future__ import annotations

from tui.app.detail import HINT, RENDERERS, describe
from tui.app.format import quoted
from tui.app.person_rows import statements
from tui.app.records import RecordKey, RecordKind, key_index
from tui.app.view import CorpusView, Selection
from tui.records.models import Corpus


def test_every_kind_has_a_detail_renderer() -> None:
    assert set(RENDERERS) == set(RecordKind)


def test_key_index_tells_a_figure_from_its_repeat_under_another_comparison() -> None:
    keys = [
        RecordKey(RecordKind.COMPARISON, "cmp-1"),
        RecordKey(RecordKind.FIGURE, "fig-a"),
        RecordKey(RecordKind.COMPARISON, "cmp-2"),
        RecordKey(RecordKind.FIGURE, "fig-a", under="cmp-2"),
    ]
    assert key_index(keys, RecordKey(RecordKind.FIGURE, "fig-a")) == 1
    assert key_index(keys, RecordKey(RecordKind.FIGURE, "fig-a", "cmp-2")) == 3
    assert key_index(keys, RecordKey(RecordKind.FIGURE, "cmp-1")) is None
    assert key_index(keys, RecordKey(RecordKind.EVENT, "fig-a")) is None
    assert key_index(keys, None) is None


def test_ids_with_separators_are_just_ids() -> None:
    key = RecordKey(RecordKind.FIGURE, "fig-a@b:c-1", under="cmp-2")
    assert key_index([key], RecordKey(RecordKind.FIGURE, "fig-a@b:c-1", "cmp-2")) == 0
    assert key.record_id == "fig-a@b:c-1"


def test_detail_line_per_kind(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    assert describe(view, None).plain == HINT
    assert describe(None, Selection.article("wire")).plain == HINT

    varga = view.people["per-varga"]
    first = view.person_mentions(varga.id)[0]
    person = Selection(RecordKey(RecordKind.PERSON, varga.id), first.article_id, 0, 0)
    line = describe(view, person).plain
    assert line.startswith("Elena Varga") and "merged by surname" in line
    mention = Selection(RecordKey(RecordKind.MENTION, varga.id), first.article_id, 0, 0, 1)
    assert f"mention 2/{len(varga.mentions)} (n/p)" in describe(view, mention).plain

    comparison = view.comparisons["cmp-stranded"]
    figure = view.figures[comparison.figures[0]]
    selected = Selection(RecordKey(RecordKind.FIGURE, figure.id), figure.article_id, 0, 0)
    assert "CONFLICT" in describe(view, selected).plain
    selected = Selection(RecordKey(RecordKind.COMPARISON, comparison.id), figure.article_id, 0, 0)
    assert " vs " in describe(view, selected).plain

    event = corpus.events[0]
    selected = Selection(RecordKey(RecordKind.EVENT, event.id), event.article_id, 0, 0)
    assert f"“{event.when.text}”" in describe(view, selected).plain

    article = view.articles["wire"]
    assert describe(view, Selection.article("wire")).plain.endswith(f" — {article.path}")
    match = Selection(RecordKey(RecordKind.MATCH, "wire"), "wire", 3, 9)
    assert describe(view, match).plain == describe(view, Selection.article("wire")).plain


def test_a_record_the_view_does_not_have_is_described_by_its_article(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    article = describe(view, Selection.article("wire")).plain
    for kind in (RecordKind.PERSON, RecordKind.EVENT, RecordKind.FIGURE, RecordKind.COMPARISON):
        gone = Selection(RecordKey(kind, "no-such-record"), "wire", 0, 4)
        assert describe(view, gone).plain == article


def test_quotation_marks_follow_one_rule_on_the_detail_line_and_the_page(
    corpus: Corpus,
) -> None:
    view = CorpusView.build(corpus)
    quote = view.quote("q-varga-1")
    assert quote is not None and quote.text.startswith('"')  # it carries its own marks
    selected = Selection(RecordKey(RecordKind.QUOTE, quote.id), quote.article_id, 0, 0)
    line = describe(view, selected).plain
    assert line.endswith(f" — {quote.text}")  # not marked again: “"…"”
    row = next(r for r in statements(view, "per-varga") if r.target.record_id == quote.id)
    assert row.full.endswith(f": {quote.text}")
    for kind, words, shown in (
        ("direct", "We will", "“We will”"),
        ("direct", "«Nous»", "«Nous»"),
        ("direct", "‘Yes’", "‘Yes’"),
        ("mixed", "a “deal”", "“a “deal””"),
        ("indirect", "that it would", "that it would"),
        ("direct", "", "“”"),
    ):
        assert quoted(words, kind) == shown, (kind, words)
