"""Web pages read with trafilatura and htmldate: the article's lines, its metadata and dates.

The pages in ``tests/fixtures/web/`` were written for these tests (no real outlet): an
article with navigation, teasers, comments, a cookie banner, JSON-LD and meta tags; a body
inside ``<form>``; an undated page; a stray NUL byte; a Chinese page; dates stated only in
the URL (``og:url``, a canonical link) or only in a byline; an AMP page; a live blog with
timed entries. ``truth.json`` marks each page's article body and date.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tui.export import to_json
from tui.ingest.boilerplate import lines_with_offsets
from tui.ingest.files import load_articles, read_article
from tui.ingest.webpage import read_web_page
from tui.pipeline import load_corpus
from tui.records.models import Article, Corpus

WEB = Path(__file__).parent / "fixtures" / "web"
TRUTH = {k: v for k, v in json.loads((WEB / "truth.json").read_text()).items() if k[0] != "_"}


def read(name: str) -> tuple[Article, list[str]]:
    warnings: list[str] = []
    article = read_article(WEB / name, Path(name).stem, warnings.append)
    return article, warnings


def content_lines(article: Article) -> list[str]:
    content = article.content_text()
    return [article.text[s:e] for s, e in lines_with_offsets(article.text) if content[s:e].strip()]


def is_truth(line: str, prefixes: list[str]) -> bool:
    return any(line == p or (len(p) >= 12 and line.startswith(p)) for p in prefixes)


def in_boilerplate(article: Article, start: int, end: int) -> bool:
    return any(r.start < end and start < r.end for r in article.boilerplate)


KNOWN_LOSSES = {
    "liveblog.html": "trafilatura keeps the first entry's heading only, and no entry's time",
}
"""Pages whose article trafilatura cuts short (measured by benchmarks/web_bench.py)."""


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_LOSSES[n], strict=True))
        if n in KNOWN_LOSSES
        else n
        for n in sorted(TRUTH)
    ],
)
def test_the_article_body_is_content_and_nothing_else_but_its_headline(name: str) -> None:
    article, _ = read(name)
    want = TRUTH[name]["main"]
    lines = content_lines(article)
    body = [line for line in lines if is_truth(line, want)]
    assert len(body) == len(want), f"article lines left as boilerplate in {name}"
    extra = [line for line in lines if not is_truth(line, want)]
    assert extra in ([], [article.title]), f"page furniture left as content in {name}"


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_publication_date_and_the_evidence_it_is_stated_in(name: str) -> None:
    article, _ = read(name)
    want = TRUTH[name]
    date = article.published.date.isoformat() if article.published.date else None
    assert (date, article.published.how) == (want["date"], want["how"])
    updated = article.updated.isoformat() if article.updated else None
    assert updated == want["updated"]


def test_full_page_metadata() -> None:
    article, warnings = read("full.html")
    assert warnings == []
    assert article.title == "Harbour workers end strike after pay deal"
    assert article.site_name == article.source == "The Coastal Ledger"
    assert article.author == "Anna Keller"
    assert article.url == "https://www.coastal-ledger.example/business/harbour-workers-end-strike"
    assert article.published.date == dt.date(2023, 3, 14)
    assert article.published.detail == "JSON-LD datePublished"
    assert article.updated == dt.date(2023, 3, 16)
    marked = [article.text[r.start : r.end] for r in article.boilerplate]
    assert marked[0].startswith("We use cookies")
    assert "Port chief Helen Ward to step down in June" in marked  # a teaser inside the story
    assert "Peter Lindqvist" in marked and "Most read" in marked and "About us" in marked


def test_no_records_come_from_boilerplate(tmp_path: Path) -> None:
    """People, figures and dates of the teasers, comments and banners never become records;
    every record's span is the text it quotes, in the article's shipped text."""
    for name in ("full.html", "teasers.html", "results.html", "byline.html"):
        shutil.copy(WEB / name, tmp_path / name)
    corpus = load_corpus(tmp_path, lambda _m: None)
    articles = {a.id: a for a in corpus.articles}
    spans = list(corpus.spans())
    assert spans
    for span in spans:
        article = articles[span.article_id]
        assert article.text[span.start : span.end] == span.text
        assert not in_boilerplate(article, span.start, span.end), span
    for figure in corpus.figures:
        assert not in_boilerplate(articles[figure.article_id], figure.start, figure.end)
    for timex in corpus.timexes:
        assert not in_boilerplate(articles[timex.article_id], timex.start, timex.end)
    names = {p.name for p in corpus.people}
    assert {"Tomas Brandt", "Maria Okafor", "Dagmar Holt", "Grace Wanjiru"} <= names
    furniture = {
        "Helen Ward", "Jonas Pike", "Linda Moreau", "Peter Lindqvist", "Greta Hansen",
        "Karl Weber", "Lena Brooks", "Joel Obi", "Irina Volkova", "Carla Mendes",
    }  # fmt: skip
    assert not names & furniture
    assert not {f.text for f in corpus.figures} & {"300 million", "12%", "40", "25%", "9%"}
    assert "Maria Lopez" in names  # the results table inside the article is content
    # The export carries the new fields and validates (provenance) as a whole.
    exported = json.loads(to_json(corpus))
    Corpus.model_validate(exported)
    full = next(a for a in exported["articles"] if a["id"] == "full")
    assert full["url"].startswith("https://www.coastal-ledger.example/")
    assert (full["updated"], full["author"], full["site_name"]) == (
        "2023-03-16",
        "Anna Keller",
        "The Coastal Ledger",
    )
    assert full["published"]["how"] == "json-ld"


def test_undated_page_stays_undated() -> None:
    """A copyright year (in the footer and in ``itemprop=copyrightYear``) is no date."""
    article, _ = read("undated.html")
    assert article.published.date is None and article.published.how == "none"
    assert article.updated is None


def test_body_inside_a_form_is_kept() -> None:
    article, _ = read("form.html")
    assert "Councillor Ruth Ellison" in article.content_text()
    assert "__VIEWSTATE" not in article.text


def test_a_stray_nul_byte_does_not_make_a_page_binary(tmp_path: Path) -> None:
    assert (WEB / "nul.html").read_bytes().count(0) == 1
    article, warnings = read("nul.html")
    assert warnings == []
    assert "\x00" not in article.text
    assert "The first trains are due" in article.content_text()
    # A file full of NUL bytes is still binary, web page or not.
    (tmp_path / "blob.html").write_bytes(b"<html>" + bytes(range(256)) * 40 + b"</html>")
    (tmp_path / "ok.txt").write_text("The council met.\n")
    warnings = []
    assert [a.id for a in load_articles(tmp_path, warnings.append)] == ["ok"]
    assert len(warnings) == 1 and "binary" in warnings[0]


def test_page_in_another_script_is_kept_with_one_warning() -> None:
    article, warnings = read("chinese.html")
    assert "本市地铁六号线于周六正式开通运营" in article.content_text()
    assert len(warnings) == 1
    assert "chinese.html" in warnings[0] and "English only" in warnings[0]
    assert article.published.date == dt.date(2023, 5, 20)


def test_latin_page_in_another_language_is_warned_about_once(tmp_path: Path) -> None:
    body = "<p>" + "Le conseil municipal a voté le budget lundi soir après un long débat. " * 3
    page = f'<html lang="fr"><head><title>Budget</title></head><body>{body}</p></body></html>'
    (tmp_path / "fr.html").write_text(page)
    warnings: list[str] = []
    [article] = load_articles(tmp_path, warnings.append)
    assert "Le conseil municipal" in article.content_text()
    assert len(warnings) == 1 and "lang=fr" in warnings[0]


def test_page_the_libraries_cannot_read_still_loads(tmp_path: Path) -> None:
    """A fragment lxml rejects: our own rules decide, and the text is kept."""
    (tmp_path / "frag.html").write_text("<p>The board met on Monday and approved the plan.</p>")
    [article] = load_articles(tmp_path, lambda _m: None)
    assert article.content_text() == "The board met on Monday and approved the plan."


def test_text_after_a_stray_closing_body_is_kept(tmp_path: Path) -> None:
    page = "<html><body><p>Lead paragraph.</p></body><p>The article goes on here.</p></html>"
    (tmp_path / "late.html").write_text(page)
    [article] = load_articles(tmp_path, lambda _m: None)
    assert article.text == "Lead paragraph.\n\nThe article goes on here."


def test_url_is_shown_inertly_and_not_taken_from_other_links(tmp_path: Path) -> None:
    page = (
        '<html><head><link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="https://news.example/a\x1b[31m">'
        '<meta property="og:site_name" content="Daily\u202e Example\x9b2J">'
        "</head><body><p>The board met.</p></body></html>"
    )
    (tmp_path / "u.html").write_text(page)
    [article] = load_articles(tmp_path, lambda _m: None)
    assert article.url == "https://news.example/a"
    assert article.site_name == "Daily Example"


PLAIN_RESULTS = """Lopez wins 800m final

Maria Lopez of Spain won the women's 800 metres final on Sunday in a championship record.

Results
1. Maria Lopez (Spain) 2:01.44
2. Grace Wanjiru (Kenya) 2:01.74
3. Ellie Shaw (Britain) 2:02.10
"""


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_plain_text_tables_and_name_lists_are_content(tmp_path: Path, suffix: str) -> None:
    """The positional furniture rules are for web pages: in a text file, a results list
    after the last paragraph and short lines at the top are the article."""
    (tmp_path / f"results{suffix}").write_text(PLAIN_RESULTS)
    table = "| Place | Athlete | Time |\n|---|---|---|\n| 1 | Maria Lopez | 2:01.44 |\n"
    (tmp_path / f"table{suffix}").write_text("Short title\nBy a reporter\nIn Lisbon\n\n" + table)
    articles = {a.id: a for a in load_articles(tmp_path, lambda _m: None)}
    assert articles["results"].boilerplate == []
    table_article = articles["table"]
    marked = [table_article.text[r.start : r.end] for r in table_article.boilerplate]
    assert marked == ["|---|---|---|"]  # only the rule row, which has no words
    # The same list as a web page's tail is still furniture when trafilatura finds none.
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in PLAIN_RESULTS.split("\n"))
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "results.html").write_text(page + "</body></html>")
    [html] = load_articles(tmp_path / "web", lambda _m: None)
    assert "Maria Lopez of Spain won" in html.content_text()


def test_menu_line_in_plain_text_is_still_boilerplate(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Home | World | Sport\n\nThe council met on Monday.\n")
    [article] = load_articles(tmp_path, lambda _m: None)
    assert [article.text[r.start : r.end] for r in article.boilerplate] == ["Home | World | Sport"]


def test_article_in_another_script_inside_a_big_english_menu_is_kept(tmp_path: Path) -> None:
    """The article's own script decides what is foreign, not the page's: 400 English menu
    links around a Chinese article once made the article 'another script'."""
    menu = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(400))
    page = (WEB / "chinese.html").read_text().replace("<body>", f"<body><ul>{menu}</ul>", 1)
    (tmp_path / "zh.html").write_text(page)
    [article] = load_articles(tmp_path, lambda _m: None)
    content = article.content_text()
    assert "本市地铁六号线于周六正式开通运营" in content and "Section 12" not in content


def test_a_date_no_markup_states_is_not_the_page_date(tmp_path: Path) -> None:
    """htmldate's fast mode falls back to any date in the page's text; a date in a body
    sentence is not the page's date. The text's own rules (issue 16) decide after, and say
    so in ``how``."""
    sentence = (
        "The plan replaces the one adopted on 2019-03-04 by the previous council, "
        "which critics said had ignored rural bus routes entirely."
    )
    page = (
        "<html><head><title>Plan approved</title></head><body><div class='c'>"
        "<p>The regional council approved the new transport plan after a long debate that "
        "went on until late in the evening, members said afterwards in a statement.</p>"
        f"<p>{sentence}</p>"
        "</div></body></html>"
    )
    assert read_web_page(page, sentence).published is None
    (tmp_path / "plan.html").write_text(page)
    [article] = load_articles(tmp_path, lambda _m: None)
    assert article.published.date is None and article.published.how == "none"


def test_csv_export_has_the_added_article_columns_last(tmp_path: Path) -> None:
    from tui.export import csv_files

    shutil.copy(WEB / "updated.html", tmp_path / "updated.html")
    corpus = load_corpus(tmp_path, lambda _m: None)
    header, row = csv_files(corpus)["articles.csv"].splitlines()[:2]
    assert header.endswith(
        ",boilerplate,url,updated,author,site_name,published_earliest,published_latest"
    )
    assert row.endswith(
        ",https://financewire.example/markets/bank-raises-rate,2023-05-05,Omar Haddad,"
        "Finance Wire,,"
    )


def test_a_web_page_pasted_into_a_text_file_keeps_its_menu_dimmed(tmp_path: Path) -> None:
    """A leading run of short lines holding interface strings is a pasted page's furniture;
    the same short lines without them are the article's."""
    story = "The council approved the new budget on Monday after a debate of four hours.\n"
    (tmp_path / "pasted.txt").write_text(
        "Skip to main content\nAdvertisement\nMain slide\nSelect important\n\n" + story
    )
    (tmp_path / "plain.txt").write_text("Budget passes\nCity desk\nMain slide\n\n" + story)
    articles = {a.id: a for a in load_articles(tmp_path, lambda _m: None)}
    pasted = articles["pasted"]
    assert [pasted.text[r.start : r.end] for r in pasted.boilerplate] == [
        "Skip to main content",
        "Advertisement",
        "Main slide",
        "Select important",
    ]
    assert articles["plain"].boilerplate == []


def _updated_page(modified: str | None) -> str:
    """A dated article page, with JSON-LD ``dateModified`` when ``modified``."""
    ld = {"@type": "NewsArticle", "datePublished": "2022-04-01"}
    if modified:
        ld["dateModified"] = modified
    body = " ".join(["The ferry line reopened on Friday after repairs to the pier."] * 6)
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"<body><article><h1>Ferry line reopens</h1><p>{body}</p></article></body></html>"
    )


def test_the_update_date_asks_htmldate_only_when_it_has_a_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import htmldate
    import trafilatura.metadata  # its own call for the publication date keeps the real one

    assert getattr(trafilatura.metadata, "find_date") is htmldate.find_date  # noqa: B009
    real = htmldate.find_date
    asked: list[object] = []

    def counting(*args: Any, **kwargs: Any) -> str | None:
        asked.append(args[0])
        found: str | None = real(*args, **kwargs)
        return found

    monkeypatch.setattr(htmldate, "find_date", counting)
    # No modification date, or one: the answer is the page's own, htmldate is not asked.
    assert read_web_page(_updated_page(None), "").updated is None
    assert read_web_page(_updated_page("2022-04-03"), "").updated == dt.date(2022, 4, 3)
    assert asked == []
    # Two (JSON-LD and a visible "Updated" line): htmldate's latest date of the markup
    # decides which is the update, not simply the later one.
    page = _updated_page("2022-04-03")
    web = read_web_page(page, "Ferry line reopens\n\nUpdated April 5, 2022")
    assert len(asked) == 1
    assert real(page, extensive_search=False, original_date=False) == "2022-04-03"
    assert web.updated == dt.date(2022, 4, 3)
    assert web.published is not None and web.published.date == dt.date(2022, 4, 1)


def test_a_byline_date_carries_its_place_in_the_text() -> None:
    article, _ = read("byline.html")
    p = article.published
    assert (p.how, p.date) == ("byline", dt.date(2022, 2, 2))
    assert p.start is not None and p.end is not None
    assert article.text[p.start : p.end] == p.text == "2 February 2022"
    line_start = article.text.rfind("\n", 0, p.start) + 1
    assert article.text[line_start : p.end] == "Published 2 February 2022"
    # Evidence in the markup has no place in the text.
    full, _ = read("full.html")
    assert full.published.how == "json-ld" and full.published.start is None


def test_the_byline_span_is_the_publication_line_not_the_update(tmp_path: Path) -> None:
    """A ``<time>`` element reading "2 hours ago" names the date but not in words; the
    visible line stating the date in full gives the span, a publication line before an
    "Updated" line stating the same date."""
    body = " ".join(["Crews restored power to the valley towns late on Sunday evening."] * 6)
    page = (
        "<html><head><title>Power restored</title></head><body><article>"
        "<h1>Power restored in the valley</h1>"
        "<p>Updated 7 March 2021</p><p>By Ola Berg, 7 March 2021</p>"
        '<p><time datetime="2021-03-07T09:00">2 hours ago</time></p>'
        f"<p>{body}</p></article></body></html>"
    )
    (tmp_path / "power.html").write_text(page)
    [article] = load_articles(tmp_path, lambda _m: None)
    p = article.published
    assert (p.how, p.date) == ("byline", dt.date(2021, 3, 7))
    assert p.start is not None and p.end is not None
    assert article.text[p.start : p.end] == p.text == "7 March 2021"
    assert article.text[: p.start].endswith("By Ola Berg, ")
    # The export carries it in the fields it always had.
    corpus = load_corpus(tmp_path, lambda _m: None)
    exported = json.loads(to_json(corpus))["articles"][0]["published"]
    assert (exported["start"], exported["end"], exported["text"]) == (p.start, p.end, p.text)


def test_a_modified_time_is_not_the_publication_date_json_ld_states() -> None:
    """htmldate returns a modified-time meta tag as the original date when the page has no
    published meta tag; JSON-LD's datePublished is the publication date, the other the
    update."""
    markup = (
        '<!doctype html><html lang="en"><head><title>Port strike ends</title>'
        '<script type="application/ld+json">{"@context":"https://schema.org",'
        '"@type":"NewsArticle","headline":"Port strike ends",'
        '"datePublished":"2021-03-01T08:00:00Z"}</script>'
        '<meta property="article:modified_time" content="2021-03-05T10:00:00Z">'
        "</head><body><article><h1>Port strike ends</h1>"
        "<p>Dock workers in the northern port returned to work on Monday after the union "
        "accepted a pay offer the harbour authority had first made two weeks earlier.</p>"
        "<p>The strike had stranded more than 1,200 containers, the chamber of commerce "
        "said, and cost shippers an estimated 3.5 million euros.</p>"
        "</article></body></html>"
    )
    page_info = read_web_page(markup, "")
    assert page_info.published is not None
    assert (page_info.published.date, page_info.published.how) == (
        dt.date(2021, 3, 1),
        "json-ld",
    )
    assert page_info.updated == dt.date(2021, 3, 5)
