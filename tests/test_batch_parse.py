"""Batch parsing: one parse per article, equal to one-by-one parses; skips stay in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tui import loader, nlp
from tui.records.models import Article

TEXTS = [
    "Finance Minister Olga Berg said on Monday that prices rose 3%.",
    "The mayor, Ines Duarte, opened the bridge in March 2021.",
    "Talks resumed in Nairobi after a week-long pause, officials said.",
]


def signature(doc: Any) -> list[tuple[str, str, int, str]]:
    return [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_a_batch_parse_equals_one_by_one_parses() -> None:
    articles = [Article(id=f"a{i}", path=f"a{i}.txt", text=t) for i, t in enumerate(TEXTS)]
    pipeline = nlp.load()
    batch = nlp.parse_articles(articles, pipeline)
    for article, parsed in zip(articles, batch, strict=True):
        single = nlp.parse_article(article, pipeline)
        assert parsed.article is article and parsed.text == article.content_text()
        assert signature(parsed.doc) == signature(single.doc)
        assert parsed.index.starts == [t.idx for t in parsed.doc]


def test_the_loader_parses_each_article_exactly_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse that dates an article (no dateline: the date is inferred from its own
    evidence) is the one the extractors are handed; nothing parses again behind their
    backs."""
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"n{i}.txt").write_text(text)
    lead = "".join(f"Dockers spoke of shift {i} at the quay.\n" for i in range(14))
    (folder / "undated.txt").write_text(
        lead + "The port reopened on 4 May 2021.\nA second quay will open on 7 May 2021.\n"
    )
    pipeline = nlp.load()
    parsed: list[str] = []
    real_pipe, real_call = type(pipeline).pipe, type(pipeline).__call__

    def pipe(self: Any, texts: Iterable[str], **kwargs: Any) -> Iterator[Any]:
        texts = list(texts)
        parsed.extend(texts)
        return real_pipe(self, texts, **kwargs)

    def call(self: Any, text: str, **kwargs: Any) -> Any:
        parsed.append(text)
        return real_call(self, text, **kwargs)

    monkeypatch.setattr(type(pipeline), "pipe", pipe)
    monkeypatch.setattr(type(pipeline), "__call__", call)
    result = loader.load(folder, lambda m: None)
    assert sorted(parsed) == sorted(a.content_text() for a in result.articles)
    undated = next(a for a in result.articles if a.id == "undated")
    assert undated.published.how == "inferred"
    assert (undated.published.earliest, undated.published.latest) == (
        dt.date(2021, 5, 4),
        dt.date(2021, 5, 7),
    )


def test_a_batch_with_a_bad_file_keeps_order_and_reports_it(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"n{i}.txt").write_text(text)
    (folder / "n1b.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    warnings: list[str] = []
    result = loader.load(folder, warnings.append)
    assert [a.id for a in result.articles] == ["n0", "n1", "n2"]
    assert result.skipped == 1 and any("n1b.txt: skipped" in w for w in warnings)
    assert all(result.extractions[a.id].people is not None for a in result.articles)


def test_release_drops_the_model_and_a_new_one_parses_the_same() -> None:
    before = nlp.load()
    signature_before = signature(before(TEXTS[0]))
    nlp.release()
    after = nlp.load()
    assert after is not before
    assert signature(after(TEXTS[0])) == signature_before


def test_a_long_text_is_parsed_in_pieces_with_offsets_kept() -> None:
    """Above the chunk size a text is parsed piece by piece (memory stays bounded) and the
    pieces joined: the same text, tokens at the same offsets, sentences and entities kept,
    and every record extracted from it still points at its own words."""
    from tui.extract.article import extract_article

    paragraph = (
        "Finance Minister Olga Berg said on Monday, 3 May 2021, that prices rose 3% and "
        "that the central bank would meet again in June. Talks resumed in Nairobi.\n\n"
    )
    text = paragraph * 40
    pipeline = nlp.load()
    cut = nlp.pieces(text, 1_000)
    assert "".join(cut) == text and len(cut) > 5
    assert all(len(p) <= 1_000 and p.endswith("\n") for p in cut[:-1])
    [whole] = nlp.parse_texts([text], pipeline)
    [joined] = nlp.parse_texts([text], pipeline, chunk_chars=1_000)
    assert joined.text == text
    assert [t.idx for t in joined] == [t.idx for t in whole]
    assert [s.start_char for s in joined.sents] == [s.start_char for s in whole.sents]
    assert len(list(joined.ents)) == len(list(whole.ents))
    article = Article(id="long", path="long.txt", text=text)
    extraction = extract_article(nlp.ParsedArticle.of(article, joined))
    spans = [m for p in extraction.people.persons for m in p.mentions]
    spans += [*extraction.timexes, *extraction.figures]
    assert len(extraction.figures) == 40 and len(extraction.timexes) >= 80
    assert all(text[s.start : s.end] == s.text for s in spans)
