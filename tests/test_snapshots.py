"""SVG snapshots of the dashboard (pytest-textual-snapshot); update with --snapshot-update.

Every snapshot uses the hand-built corpus, the fixed "newsdash" theme and no animation, and
waits for the table-filling workers before the screenshot is taken.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tui.app import NewsdashApp

MakeApp = Callable[..., NewsdashApp]
SnapCompare = Callable[..., bool]


async def settled(pilot: Pilot[Any]) -> None:
    """Until the workers are done, those a worker's result starts included (the panes
    under a person's page refill in workers once the page shows its rows)."""
    await pilot.pause()
    for round_ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if round_ and all(worker.is_finished for worker in pilot.app.workers):
            break
    await pilot.wait_for_scheduled_animations()


def keys_then_settle(*keys: str, then: tuple[str, ...] = ()) -> Callable[[Pilot[Any]], Any]:
    """Press ``keys``, wait for the workers, then press ``then`` (keys for a screen that
    fills in a worker: the conflict view's list) and wait again."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        for group in (keys, then):
            if group:
                await pilot.press(*group)
                await settled(pilot)

    return run_before


def test_main_80x24(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle())


def test_main_120x40(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle())


def test_main_200x60_wide_layout(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(), terminal_size=(200, 60), run_before=keys_then_settle("2", "down")
    )


def test_person_selected_filters_timeline_and_figures(
    snap_compare: SnapCompare, make_app: MakeApp
) -> None:
    # Enter opens the person's page; Esc comes back to the dashboard with the person chosen.
    assert snap_compare(
        make_app(), terminal_size=(120, 40), run_before=keys_then_settle("enter", "escape")
    )


def test_figure_comparison(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    # Figures pane, onto the first figure of the "containers stranded" conflict.
    assert snap_compare(
        make_app(),
        terminal_size=(120, 40),
        run_before=keys_then_settle("3", "down", "down"),
    )


def test_help_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(), terminal_size=(100, 40), run_before=keys_then_settle("question_mark")
    )


def test_command_palette(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(100, 30),
        run_before=keys_then_settle("ctrl+p", "c", "o", "n", "t"),
    )


def test_search_results(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(120, 40),
        run_before=keys_then_settle("2", "slash", "m", "a", "y"),
    )


def test_bad_folder_message(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = NewsdashApp(path=tmp_path / "no-such-folder", theme="newsdash")
    # The message names the path; pin it so the snapshot does not depend on tmp_path.
    app.path = Path("articles/no-such-folder")
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_settle())


def test_copy_in_source(snap_compare: SnapCompare) -> None:
    """A reprint shown in Source: "copy of …" in the header, its own dateline in italics;
    the counts in People, Timeline and Figures name independent sources."""
    from copytexts import DAILY, OTHER_STORY, WIRE, article, redated

    from tui.pipeline import build_corpus

    corpus = build_corpus(
        [
            article("wire", WIRE, day=12, source="Newswire"),
            article("herald", redated(WIRE), day=13, source="Coast Herald"),
            article("daily", DAILY, day=14, source="Harbour Daily"),
            article("tram", OTHER_STORY, day=15, source="Marrowby Post"),
        ]
    )
    app = NewsdashApp(corpus, theme="newsdash")
    app.animation_level = "none"
    assert snap_compare(
        app, terminal_size=(140, 40), run_before=keys_then_settle("a", "down", "enter")
    )


def test_person_page_80x24(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    """A person's page on a messy corpus (a long name, a long role, eight outlets, sixteen
    statements): Enter on her in People; the Statements section."""
    from fixtures.person_corpus import messy_corpus

    assert snap_compare(
        make_app(corpus=messy_corpus()),
        terminal_size=(80, 24),
        run_before=keys_then_settle("enter"),
    )


def test_person_page_mentions_160x45(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    """The same page, wide: her mentions as keyword-in-context (number key 2)."""
    from fixtures.person_corpus import messy_corpus

    assert snap_compare(
        make_app(corpus=messy_corpus()),
        terminal_size=(160, 45),
        run_before=keys_then_settle("enter", "2"),
    )


CORRECTIONS = """\
# Written by hand, then by the dashboard's triage keys.
[people]
reject = ["Read More", "Harbourton Port Authority Press Office Weekend Desk"]
split = ["E. Varga"]

[[people.merge]]
names = ["Tomas Brandt", "Tomás Brandt-Oliveira"]
name = "Tomas Brandt"

[comparisons]
dismiss = ["wire:120-131 + translated:88-97", "{dismissed}"]

[articles]
"blog" = "2021-06-13"
"""


def _corrections_app(make_app: MakeApp, tmp_path: Path) -> NewsdashApp:
    """A folder's corrections over the hand-built corpus: one dismissal names spans that are
    not in it (listed by its key), one a comparison of the corpus (listed by its figures)."""
    from fixtures.dashboard_corpus import build_corpus

    from tui.corrections import comparison_key

    corpus = build_corpus()
    figures = {f.id: f for f in corpus.figures}
    key = comparison_key(figures[f] for f in corpus.comparisons[1].figures)
    text = CORRECTIONS.replace("{dismissed}", key)
    (tmp_path / "newsdash.toml").write_text(text, encoding="utf-8")
    return make_app(path=tmp_path)


def test_corrections_screen_80x24(
    snap_compare: SnapCompare, make_app: MakeApp, tmp_path: Path
) -> None:
    app = _corrections_app(make_app, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_settle("C"))


def test_corrections_screen_160x45(
    snap_compare: SnapCompare, make_app: MakeApp, tmp_path: Path
) -> None:
    app = _corrections_app(make_app, tmp_path)
    assert snap_compare(app, terminal_size=(160, 45), run_before=keys_then_settle("C", "j"))


def test_frequency_table_80x24(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("2", "F"))


def test_frequency_table_160x45(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(), terminal_size=(160, 45), run_before=keys_then_settle("3", "F", "right")
    )


def test_conflict_view_80x24(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    """Enter on the first comparison in Figures: the comparisons, the evidence, the
    figures side by side; outlets with long names, and an uncertain comparison listed."""
    from fixtures.dashboard_corpus import build_corpus

    from tui.records.models import Comparison

    corpus = build_corpus()
    long_names = {
        "wire": "Newswire International Maritime and Trade Service",
        "translated": "Gazeta Portu i Żeglugi Śródlądowej (wydanie wieczorne)",
    }
    for article in corpus.articles:
        article.source = long_names.get(article.id, article.source)
    corpus.comparisons.append(
        Comparison(
            id="cmp-unsure",
            measure="containers counted by the union",
            figures=["fig-t1", "fig-b1"],
            status="conflict",
            certain=False,
        )
    )
    assert snap_compare(
        make_app(corpus=corpus), terminal_size=(80, 24), run_before=keys_then_settle("3", "enter")
    )


def test_conflict_view_160x45(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    """The same, wide, with the cursor in the figures (tab, j)."""
    assert snap_compare(
        make_app(),
        terminal_size=(160, 45),
        run_before=keys_then_settle("3", "enter", then=("tab", "j")),
    )


def test_date_page_80x24(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    """Enter on May 2021 (the fourth event) in Timeline: its sentences by outlet."""
    assert snap_compare(
        make_app(), terminal_size=(80, 24), run_before=keys_then_settle("2", "j", "j", "j", "enter")
    )


def test_date_page_160x45(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(160, 45),
        run_before=keys_then_settle("2", "j", "j", "j", "enter"),
    )


def _bookmarks_app(make_app: MakeApp, tmp_path: Path) -> NewsdashApp:
    """Bookmarks of the hand-built corpus's folder: a person, a figure with a long note, a
    statement, a date, and one whose article is no longer in the folder."""
    from fixtures.dashboard_corpus import build_corpus

    from tui import userstate

    corpus = build_corpus()
    folder = tmp_path / "harbour-desk"
    folder.mkdir()
    texts = {a.id: a.text for a in corpus.articles}
    people = {p.id: p for p in corpus.people}
    figures = {f.id: f for f in corpus.figures}
    quote = corpus.quotes[0]
    event = corpus.events[1].when
    spans = [
        ("person", people["per-varga"].mentions[0], "Elena Varga", "call her office"),
        (
            "figure",
            figures["fig-w1"],
            "more than 1,200 containers",
            "the translation says 1,500: which is right? ask both desks before Friday's piece",
        ),
        ("quote", quote, "statement by Elena Varga", ""),
        ("event", event, "May 2021", "start of the strike?"),
    ]
    for kind, span, label, note in spans:
        start, end = span.start, span.end
        mark = userstate.Bookmark(
            kind=kind,
            article_id=span.article_id,
            start=start,
            end=end,
            text=texts[span.article_id][start:end],
            note=note,
            label=label,
        )
        userstate.add_bookmark(folder, mark)
    gone = userstate.Bookmark(
        kind="figure", article_id="old-draft", start=0, end=4, text="12 %", note="removed"
    )
    userstate.add_bookmark(folder, gone)
    return make_app(path=folder)


def test_bookmarks_screen_80x24(
    snap_compare: SnapCompare, make_app: MakeApp, tmp_path: Path
) -> None:
    app = _bookmarks_app(make_app, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_settle("B"))


def test_bookmarks_screen_160x45(
    snap_compare: SnapCompare, make_app: MakeApp, tmp_path: Path
) -> None:
    app = _bookmarks_app(make_app, tmp_path)
    assert snap_compare(app, terminal_size=(160, 45), run_before=keys_then_settle("B", "j"))
