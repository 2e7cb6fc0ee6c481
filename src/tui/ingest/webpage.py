"""What a web page says about its article, read by the field's libraries.

- **trafilatura** decides the article's main text (which of the page's paragraphs are the
  article, not navigation, teasers, comments or banners) and reads the title, site name,
  author and URL;
- **htmldate** finds the publication date (the original one, not the last update) and the
  update date.

Ours: the evidence a date is stated in (:func:`_evidence`), so ``how`` can say *which*
markup stated it (JSON-LD, a meta tag, the URL, a visible byline) and a date that no markup
or byline states — a copyright year, a guess — is never used. Both libraries run offline on
the markup given; nothing is fetched. Their failures on a page mean "no help from the
libraries" (the caller falls back to our own rules), never a failed file.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from tui.ingest.dates import YEAR, find_full_dates, parse_date_string
from tui.ingest.decode import clean_text

# The libraries log their parse troubles; with no handler Python would print them to
# standard error (over the dashboard). They are still seen when a caller configures logging.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

EvidenceHow = Literal["json-ld", "meta", "url", "byline"]
"""Where a page states a date, strongest first (the ``how`` of a page's date)."""

_HOW_ORDER: tuple[EvidenceHow, ...] = ("json-ld", "meta", "url", "byline")

_PUBLISHED_KEYS = frozenset((
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "datecreated", "pubdate", "publishdate", "publish-date", "publish_date",
    "published_date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "citation_publication_date", "citation_date", "article.published",
    "originalpublicationdate", "release_date", "uploaddate",
))  # fmt: skip
_MODIFIED_KEYS = frozenset((
    "article:modified_time", "og:updated_time", "datemodified", "modified", "last-modified",
    "lastmod", "dc.date.modified", "dcterms.modified", "article.updated",
))  # fmt: skip
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/_-]([01]?\d)[/_-]([0-3]?\d)(?:[/_.-]|$)")
_BYLINE_WORDS = 15
"""A visible date counts as a byline only on a short line (a date in a body sentence is an
event, not the page's date)."""


@dataclass(frozen=True)
class Evidence:
    date: dt.date
    how: EvidenceHow
    modified: bool
    detail: str
    start: int | None = None
    """Where a visible date line states the date in the page's shipped text (with ``end``)."""
    end: int | None = None


@dataclass(frozen=True)
class PageDate:
    date: dt.date
    how: EvidenceHow
    detail: str
    start: int | None = None
    """With ``how: byline``: where the shipped text states the date, when a visible line
    states it in full (``text[start:end]`` is the date as the page writes it)."""
    end: int | None = None


@dataclass(frozen=True)
class WebPage:
    """What the libraries found on one page (every field may be missing)."""

    main_text: str | None = None
    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    url: str | None = None
    published: PageDate | None = None
    updated: dt.date | None = None
    language: str | None = None
    parsed: bool = False
    """False when the libraries could not read the page at all."""


def _text(value: Any) -> str | None:
    """One clean line of the page's own words (untrusted: no control or bidi characters)."""
    if not isinstance(value, str):
        return None
    value = " ".join(clean_text(value).split())
    return value or None


def _walk_json(node: Any) -> Iterator[tuple[str, Any]]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                yield str(key), value
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _json_ld(tree: Any) -> Iterator[Evidence]:
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for key, value in _walk_json(data):
            low = key.lower()
            if low not in ("datepublished", "datecreated", "datemodified", "uploaddate"):
                continue
            date = parse_date_string(value) if isinstance(value, str) else None
            if date is not None:
                yield Evidence(date, "json-ld", low == "datemodified", f"JSON-LD {key}")


def _meta(tree: Any) -> Iterator[Evidence]:
    for meta in tree.iterfind(".//meta"):
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                break
        value = meta.get("content") or meta.get("datetime") or ""
        modified = key in _MODIFIED_KEYS
        if not (modified or key in _PUBLISHED_KEYS):
            continue
        date = parse_date_string(value)
        if date is not None:
            yield Evidence(date, "meta", modified, f'<meta {attr}="{key}">')


def page_url(tree: Any) -> str | None:
    """The page's own address: ``<link rel="canonical">``, else ``og:url``."""
    for link in tree.iterfind(".//link[@rel]"):
        if (link.get("rel") or "").strip().lower() == "canonical":
            url = _text(link.get("href"))
            if url and re.match(r"https?://", url, re.I):
                return url
    for meta in tree.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url":
            url = _text(meta.get("content"))
            if url and re.match(r"https?://", url, re.I):
                return url
    return None


def _url(url: str | None) -> Iterator[Evidence]:
    if url is None:
        return
    m = _URL_DATE.search(url)
    if m is None:
        return
    try:
        date = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return
    yield Evidence(date, "url", False, "the date in the page's URL")


def _byline(tree: Any, visible_text: str) -> Iterator[Evidence]:
    for time in tree.iterfind(".//body//time"):
        value = time.get("datetime") or time.text_content() or ""
        date = parse_date_string(value)
        if date is not None:
            modified = "updat" in (time.get("class") or "") + (time.get("itemprop") or "")
            yield Evidence(date, "byline", modified, "a <time> element in the page")
    at = 0
    for line in visible_text.split("\n"):
        line_start, at = at, at + len(line) + 1
        # Every full date holds a year: most lines are passed over without a search.
        if YEAR.search(line) is None or len(line.split()) > _BYLINE_WORDS:
            continue
        for date, s, e in find_full_dates(line):
            modified = bool(re.search(r"\b(?:updated|modified)\b", line, re.I))
            span = (line_start + s, line_start + e)
            yield Evidence(date, "byline", modified, "a visible date line", *span)


def _evidence(tree: Any, url: str | None, visible_text: str) -> list[Evidence]:
    return [*_json_ld(tree), *_meta(tree), *_url(url), *_byline(tree, visible_text)]


def _explain(date: dt.date, evidence: list[Evidence]) -> Evidence | None:
    """The strongest evidence stating ``date``, a publication date before a modification."""
    stating = [e for e in evidence if e.date == date]
    if not stating:
        return None
    return min(stating, key=lambda e: (e.modified, _HOW_ORDER.index(e.how)))


def _byline_span(date: dt.date, evidence: list[Evidence]) -> tuple[int | None, int | None]:
    """Where a visible line of the page states ``date`` (a publication line before an
    "Updated" one, then the first), or (None, None) when none states it in full — a
    ``<time>`` element reading "2 hours ago"."""
    lines = [e for e in evidence if e.how == "byline" and e.date == date and e.start is not None]
    if not lines:
        return None, None
    best = min(lines, key=lambda e: (e.modified, e.start))
    return best.start, best.end


def _iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_DATE_PARAMS: dict[str, Any] = {
    # Never guess: no free-text search over the whole page (copyright lines, "last year"),
    # the original date rather than the last update, explicit markup before the URL.
    "extensive_search": False,
    "original_date": True,
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%d",
}


def read_web_page(markup: str, visible_text: str) -> WebPage:
    """Main text and metadata of one page; an empty :class:`WebPage` when the libraries
    cannot read it. ``visible_text`` is the page's shipped text (for visible bylines)."""
    # The libraries are imported here: ingesting plain text never pays for them.
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(markup)
    except Exception:  # lxml rejects some pages outright: then the libraries cannot help
        tree = None
    if tree is None:
        return WebPage()
    url = page_url(tree)
    evidence = _evidence(tree, url, visible_text)
    language = _text(tree.get("lang")) if tree.tag == "html" else None
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            deduplicate=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception:  # as above: no main text from the library, our rules apply
        doc = None
    published: PageDate | None = None
    original = _iso(getattr(doc, "date", None))
    if original is not None:
        # A date no markup or byline states (a date from a body sentence, a copyright
        # year) is not the page's: the text's own rules decide then.
        found = _explain(original, evidence)
        if found is not None and found.modified:
            # htmldate took an update for the original date, though the markup states a
            # publication date (JSON-LD datePublished beside a modified-time meta tag):
            # the markup's own publication date is the original
            published_in_markup = [
                e
                for e in evidence
                if not e.modified and e.how in ("json-ld", "meta") and e.date <= found.date
            ]
            if published_in_markup:
                found = min(published_in_markup, key=lambda e: (_HOW_ORDER.index(e.how), e.date))
                original = found.date
        if found is not None:
            detail = found.detail + (" (the page gives only an update date)" * found.modified)
            start, end = _byline_span(original, evidence) if found.how == "byline" else (None, None)
            published = PageDate(original, found.how, detail, start, end)
    updated = None
    if published is not None:
        # The latest date the page calls a modification (JSON-LD dateModified, a modified
        # meta tag, an "Updated …" line), htmldate's newest date among them; a comment's
        # date or any other later date is not an update.
        stated = {e.date for e in evidence if e.modified}
        later = sorted(d for d in stated if d > published.date)
        # htmldate is asked only when it has a choice to make: with no modification date
        # stated, or only one, its answer could not change ours.
        newest = _newest_date(tree) if len(later) > 1 else None
        updated = newest if newest in later else (later[-1] if later else None)
    main_text = _text_block(getattr(doc, "text", None))
    return WebPage(
        main_text=main_text,
        title=_text(getattr(doc, "title", None)),
        site_name=_text(getattr(doc, "sitename", None)),
        author=_text(getattr(doc, "author", None)),
        url=url or _text(getattr(doc, "url", None)),
        published=published,
        updated=updated,
        language=language,
        parsed=True,
    )


def _newest_date(tree: Any) -> dt.date | None:
    """htmldate's latest date of the page (``original_date=False``), None when it fails."""
    import htmldate

    try:
        return _iso(
            htmldate.find_date(
                tree,
                extensive_search=False,
                original_date=False,
                deferred_url_extractor=True,
                outputformat="%Y-%m-%d",
            )
        )
    except Exception:  # a library failure on one page is "no date found", as documented
        return None


def _text_block(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value
