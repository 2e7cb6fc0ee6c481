"""HTML pages to article text (BeautifulSoup), with the page's own metadata.

The shipped text is the page's visible text, one block element per line; every record's
offsets index into that text. ``blocks`` says for each line whether it sat in page
furniture (nav, footer, aside).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)
from bs4.exceptions import ParserRejectedMarkup

_SKIP = {
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
    "head", "button", "select", "input", "textarea",
}  # fmt: skip
"""Never visible text. ``form`` is not here: whole pages sit in one (ASP.NET), and a
search box's own text is judged boilerplate like any other line."""
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "tr", "td", "th", "ul", "title", "time",
}  # fmt: skip
_CHROME = {"nav", "footer", "aside"}
"""Page furniture: lines inside these are judged boilerplate."""
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_PUBLISHED_META = (
    "article:published_time", "datePublished", "pubdate", "publishdate", "date",
    "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "og:published_time",
)  # fmt: skip


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    site_name: str | None = None
    blocks: list[str] = field(default_factory=list)


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """Each ``<meta>``'s content by its property, name or itemprop (the first one of each),
    in one pass over the page."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str):
                found.setdefault(f"{attr}:{key}", content.strip())
    return found


def _meta(metas: dict[str, str], *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            value = metas.get(f"{attr}:{name}")
            if value is not None:
                return value
    return None


def html_to_page(markup: str) -> HtmlPage:
    """Visible text of an HTML page, one block per line, plus title/date/site metadata."""
    try:
        soup = BeautifulSoup(markup, "html.parser")
    except ParserRejectedMarkup:
        # Python's HTML parser gives up on a stray "<![" that opens no CDATA section;
        # written as text it is what a browser shows. A page still rejected raises.
        soup = BeautifulSoup(markup.replace("<![", "&lt;!["), "html.parser")
    metas = _metas(soup)
    title = _meta(metas, "og:title", "twitter:title")
    if title is None and soup.title is not None and soup.title.string:
        title = soup.title.string.strip() or None
    published = _meta(metas, *_PUBLISHED_META)
    if published is None:
        time_tag = soup.find("time", attrs={"datetime": True})
        if isinstance(time_tag, Tag):
            value = time_tag.get("datetime")
            published = value.strip() if isinstance(value, str) else None
    site_name = _meta(metas, "og:site_name", "application-name")

    lines: list[str] = []
    blocks: list[str] = []
    current: list[str] = []

    def flush(context: str) -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        current.clear()
        if line:
            lines.append(line)
            blocks.append(context)

    def walk(root: Tag, context: str) -> None:
        # Iterative (legacy pages nest unclosed tags thousands deep): a stack of the nodes
        # still to visit and of the block ends still to flush, in document order.
        todo: list[tuple[PageElement, str] | str] = [(root, context)]
        while todo:
            item = todo.pop()
            if isinstance(item, str):
                flush(item)
                continue
            node, where = item
            pending: list[tuple[PageElement, str] | str] = []
            for child in node.children if isinstance(node, Tag) else ():
                if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
                    continue
                if isinstance(child, NavigableString):
                    pending.append((child, where))
                    continue
                if not isinstance(child, Tag):
                    continue
                name = child.name.lower()
                if name in _SKIP:
                    continue
                inner = name if name in _CHROME else where
                if name in _BLOCK:
                    pending.extend((where, (child, inner), inner))
                else:
                    pending.append((child, inner))
            todo.extend(reversed(pending))
            if isinstance(node, NavigableString):
                current.append(str(node))

    # The whole document, not only <body>: the stdlib parser leaves text after a stray
    # </body> or </html> outside the body element, and that text is the article on some
    # pages. The head is skipped like a script.
    walk(soup, "body")
    flush("body")
    return HtmlPage(
        text="\n\n".join(lines),
        title=title,
        published=published,
        site_name=site_name,
        blocks=blocks,
    )
