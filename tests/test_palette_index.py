"""The command palette's index (one UTF-8 string of bytes) offers the same candidates, in the
same order, as a scan over every entry's lower-cased text, whatever the entries' characters:
non-ASCII, characters whose lower case is longer (``İ``), 4-byte ones, lone surrogates."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.app.palette import LIMIT, PaletteIndex, Section, dated_texts, palette_sections
from tui.app.records import RecordKey, RecordKind
from tui.app.view import CorpusView
from tui.records.models import Article, Corpus, Event, Range, TimeExpr

LETTERS = "aAbBiI İıẞßΣσςЖж—é\u0301😀\udc80\n-."
"""Characters whose case, width or encoding can trip an index of bytes: ``İ`` lowers to
two characters, ``ẞ`` to one of another width, ``—`` and ``Ж`` take 2–3 bytes, ``😀`` 4, a
lone surrogate (a file's undecodable byte) 3, ``\\n`` is the index's separator."""


def _index(texts: list[str]) -> PaletteIndex:
    section = Section(
        texts, str, lambda t: "", lambda t: RecordKey(RecordKind.ARTICLE, t), lambda t: None
    )
    return PaletteIndex([section])


def _in_order(letters: str, text: str) -> bool:
    rest = iter(text)
    return all(letter in rest for letter in letters)


def _scanned(texts: list[str], query: str) -> list[str]:
    """The candidates as a scan over each entry finds them: the entries containing the
    lower-cased query, then those containing its letters in order, each in entry order."""
    needle = query.lower()
    if not needle:
        return []
    lowered = [t.lower().replace("\n", " ") for t in texts]
    found = [i for i, t in enumerate(lowered) if needle in t][:LIMIT]
    taken = set(found)
    found += [i for i, t in enumerate(lowered) if i not in taken and _in_order(needle, t)]
    return [texts[i] for i in found[:LIMIT]]


texts = st.lists(st.text(alphabet=st.sampled_from(LETTERS), max_size=12), max_size=30)
queries = st.text(alphabet=st.sampled_from(LETTERS.replace("\n", "")), max_size=4)


@settings(max_examples=400, deadline=None)
@given(texts, queries)
@example(["İstanbul", "istanbul"], "i̇s")
@example(["x İ y", "ii"], "i")
@example(["ẞ", "ß", "SS"], "ß")
@example(["Σας", "σας"], "σας")
@example(["a — b", "a b"], "a b")
@example(["😀a", "a😀"], "😀a")
@example(["line\nbreak", "line break"], "e b")
@example(["bad \udc80 byte"], "\udc80 b")
def test_candidates_are_a_scan_over_every_entry(texts: list[str], query: str) -> None:
    assert [e.text for e in _index(texts).candidates(query)] == _scanned(texts, query)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=3 * LIMIT), queries)
def test_candidates_stop_at_the_limit_in_entry_order(count: int, query: str) -> None:
    texts = [f"{i} İb—Σ 😀 a\u0301ß" if i % 3 else f"{i} ab" for i in range(count)]
    assert [e.text for e in _index(texts).candidates(query)] == _scanned(texts, query)


def test_the_index_holds_ascii_at_one_byte_a_character() -> None:
    """A ``str`` with one ``—`` is held at 2 bytes a character, one with an emoji at 4: the
    index's bytes hold every ASCII character at one byte, whatever the other entries hold."""
    texts = ["x" * 1000 + " — 😀"] + ["plain ascii entry"] * 1000
    index = _index(texts)
    assert isinstance(index.haystack, bytes)
    expected = sum(len(t.lower().encode()) + 1 for t in texts) - 1
    assert len(index.haystack) == expected
    assert index.starts.itemsize == 4
    assert [e.text for e in index.candidates("😀")] == [texts[0]]


WORDS = [
    "Talks",
    "—",
    "İstanbul",
    "ẞ",
    "Σας",
    "😀",
    "\udc80",
    "resumed\n",
    "",
    "on",
    "Monday",
    "×3",
    "≠",
]


@st.composite
def dated_corpora(draw: st.DrawFn) -> Corpus:
    """A few articles of non-ASCII words, runs of spaces and line breaks, each with events
    whose sentences are any of its spans (short, long, empty), on a few dates."""
    articles, events = [], []
    for a in range(draw(st.integers(min_value=1, max_value=5))):
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40)))
        aid = f"a{a}"
        articles.append(Article(id=aid, path=f"{aid}.txt", source=f"Outlet {a}", text=text))
        for e in range(draw(st.integers(min_value=0, max_value=6))):
            start = draw(st.integers(min_value=0, max_value=len(text)))
            end = draw(st.integers(min_value=start, max_value=len(text)))
            value = draw(st.sampled_from(["2024-03-01", "2024-03", "2023", None]))
            events.append(
                Event(
                    id=f"e{a}-{e}",
                    article_id=aid,
                    when=TimeExpr(
                        article_id=aid,
                        start=0,
                        end=0,
                        text="",
                        value=value,
                        mod=draw(st.sampled_from([None, "APPROX"])) if value else None,
                    ),
                    sentence=Range(start=start, end=end),
                )
            )
    return Corpus(articles=articles, events=events)


@settings(max_examples=60, deadline=None)
@given(dated_corpora())
def test_event_entries_made_at_once_are_those_made_one_at_a_time(corpus: Corpus) -> None:
    """The events' entries made for the index (sentences shortened in the articles' order
    into one buffer) are each event's entry made on its own, in order."""
    view = CorpusView.build(corpus)
    (events,) = [s for s in palette_sections(view) if s.items is view.sorted_events]
    assert list(events.all_texts()) == [events.text(e) for e in events.items]
    assert list(dated_texts(view, [])) == []
