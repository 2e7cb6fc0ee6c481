"""SVG snapshots of every dashboard screen at 80×24 and 160×45 on the messy corpus
(``tests/fixtures/messy_corpus.py``: long, hyphenated and accented names, long roles, nine
outlets, undated articles, a repost, conflicting and agreeing figures), where the layout
bugs of real news show: clipping, spilling into the next column, wrapping mid-token.

Update with ``--snapshot-update`` and look at every SVG that changed (see
docs/CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.messy_corpus import messy_corpus
from test_snapshots import keys_then_settle

from tui import userstate
from tui.app import NewsdashApp
from tui.corrections import comparison_key

MakeApp = Callable[..., NewsdashApp]
SnapCompare = Callable[..., bool]

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.mark.parametrize("size", SIZES)
def test_main(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    """The four panes, the first comparison highlighted in Figures."""
    app = make_app(corpus=messy_corpus())
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("3", "j", "1"))


@pytest.mark.parametrize("size", SIZES)
def test_person_page(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    """Enter on the person with the longest name (the most mentioned): her statements."""
    app = make_app(corpus=messy_corpus())
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_conflict_view(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    """Enter on the four-source conflict in Figures; the cursor in its figures."""
    app = make_app(corpus=messy_corpus())
    keys = keys_then_settle("3", "enter", then=("tab", "j"))
    assert snap_compare(app, terminal_size=size, run_before=keys)


@pytest.mark.parametrize("size", SIZES)
def test_date_page(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    """Enter on 26 Feb 2024 in Timeline: three outlets' sentences, one of them a repost."""
    app = make_app(corpus=messy_corpus())
    keys = keys_then_settle("2", "j", "j", "enter")
    assert snap_compare(app, terminal_size=size, run_before=keys)


@pytest.mark.parametrize("size", SIZES)
def test_frequency_table(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    """Figures counted by outlet: nine outlets, some with long names."""
    app = make_app(corpus=messy_corpus())
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("3", "F"))


CORRECTIONS = """\
[people]
reject = ["Baltic Shipping Intelligence Weekend Desk and Overnight Newsroom"]
split = ["N'Diaye-Łukasiewicz"]

[[people.merge]]
names = ["Oluwaseun Adebayo-Whitmore", "Seun Adebayo-Whitmore"]
name = "Oluwaseun Adebayo-Whitmore"

[comparisons]
dismiss = ["{dismissed}"]

[articles]
"a04" = "2024-02-29"
"""


@pytest.mark.parametrize("size", SIZES)
def test_corrections_screen(
    snap_compare: SnapCompare, make_app: MakeApp, tmp_path: Path, size: tuple[int, int]
) -> None:
    corpus = messy_corpus()
    figures = {f.id: f for f in corpus.figures}
    key = comparison_key(figures[f] for f in corpus.comparisons[0].figures)
    (tmp_path / "newsdash.toml").write_text(
        CORRECTIONS.replace("{dismissed}", key), encoding="utf-8"
    )
    app = make_app(corpus=corpus, path=tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("C", "j"))


@pytest.mark.parametrize("size", SIZES)
def test_bookmarks_screen(
    snap_compare: SnapCompare, make_app: MakeApp, tmp_path: Path, size: tuple[int, int]
) -> None:
    """A person, a figure with a long note, a statement and a date."""
    corpus = messy_corpus()
    folder = tmp_path / "baltic-ports-strike-2024"
    folder.mkdir()
    texts = {a.id: a.text for a in corpus.articles}
    people = {p.id: p for p in corpus.people}
    figures = {f.id: f for f in corpus.figures}
    marks = [
        ("person", people["per-ceo"].mentions[0], people["per-ceo"].name, "call her office"),
        (
            "figure",
            figures["f02"],
            "14,000 containers",
            "the harbour master's count is 13% above the authority's: ask both before the piece",
        ),
        ("quote", corpus.quotes[0], f"statement by {people['per-ceo'].name}", ""),
        ("event", corpus.events[1].when, "26 Feb 2024", "start of the strike"),
    ]
    for kind, span, label, note in marks:
        userstate.add_bookmark(
            folder,
            userstate.Bookmark(
                kind=kind,
                article_id=span.article_id,
                start=span.start,
                end=span.end,
                text=texts[span.article_id][span.start : span.end],
                note=note,
                label=label,
            ),
        )
    app = make_app(corpus=corpus, path=folder)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("B", "j"))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    """e on Figures: the format and the file asked for (a folder that does not exist, so
    the suggested name is the same on every machine)."""
    app = make_app(corpus=messy_corpus())
    app.export_folder = Path("/nonexistent/newsdash-exports")
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("3", "e"))
