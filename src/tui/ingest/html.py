"""HTML pages to article text (one streaming pass of Python's HTML parser), with the page's
own metadata.

The shipped text is the page's visible text, one block element per line; every record's
offsets index into that text. ``blocks`` says for each line whether it sat in page
furniture (nav, footer, aside).

The pass reads the page with the standard library's tokenizer and keeps only a stack of
the open elements. It builds exactly the tree Beautiful Soup's ``html.parser`` backend
built here before (the same tokenizer; an end tag closes the most recent open element of
its name and everything opened inside it, or nothing when none is open; void elements
close at once; numeric and named character references resolved the same way), without
making that tree: ``tests/test_ingest_html.py`` compares the two on the test pages,
malformed markup and random HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.entities import html5
from html.parser import HTMLParser

_SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
    "head", "button", "select", "input", "textarea",
})  # fmt: skip
"""Never visible text. ``form`` is not here: whole pages sit in one (ASP.NET), and a
search box's own text is judged boilerplate like any other line."""
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "tr", "td", "th", "ul", "title", "time",
})  # fmt: skip
_CHROME = frozenset({"nav", "footer", "aside"})
"""Page furniture: lines inside these are judged boilerplate."""
_VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "command", "embed", "frame", "hr",
    "image", "img", "input", "isindex", "keygen", "link", "menuitem", "meta", "nextid",
    "param", "source", "spacer", "track", "wbr",
})  # fmt: skip
"""Elements that never hold anything: closed as soon as they open (a later ``</br>`` is
ignored once per such opening)."""
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_PUBLISHED_META = (
    "article:published_time", "datePublished", "pubdate", "publishdate", "date",
    "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "og:published_time",
)  # fmt: skip
_WINDOWS_1252 = {
    n: bytes([n]).decode("cp1252")
    for n in range(0x80, 0xA0)
    if n not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
"""Numeric references in 0x80-0x9F that pages mean as Windows-1252 (the HTML spec's table)."""
_ENTITIES = {name[:-1]: value for name, value in html5.items() if name.endswith(";")}
"""Named references by name (``amp`` → ``&``): every HTML5 entity."""
_LEADING_NUMBER = {10: re.compile(r"^([0-9]+)(.*)"), 16: re.compile(r"^([0-9a-f]+)(.*)")}
"""A reference without its semicolon: its leading number, and the text after it (to the
end of its line)."""


class HtmlRejected(ValueError):
    """Python's HTML parser gives up on the page (a declaration it cannot read)."""


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    site_name: str | None = None
    blocks: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Open:
    """An element still open: its name, the furniture it sits in (``body`` when none),
    whether its text is never shown, and — inside the page's first ``<title>`` — the list
    its children go to (to tell whether the title is one string)."""

    name: str
    context: str
    hidden: bool
    children: list[object] | None = None


def _character(number: int) -> str:
    """A numeric character reference, resolved as the HTML spec says (0, surrogates and
    numbers past Unicode become U+FFFD; 0x80-0x9F as Windows-1252 where it has a
    character)."""
    if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        return "\ufffd"
    return _WINDOWS_1252.get(number) or chr(number)


class _VisibleText(HTMLParser):
    """One pass over a page: its visible lines and the furniture each sits in, its
    ``<meta>`` values, first ``<title>`` and first ``<time datetime>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack = [_Open("[document]", "body", False)]
        self.open_count: Counter[str] = Counter()
        self.closed_void: list[str] = []
        self.data: list[str] = []
        self.current: list[str] = []
        self.lines: list[str] = []
        self.blocks: list[str] = []
        self.metas: dict[str, str] = {}
        self.title: list[object] | None = None
        self.time_datetime: str | None = None

    # Text: the pieces between two tags make one string, as a tree would hold it.

    def _end_data(self, visible: bool = True) -> None:
        if not self.data:
            return
        text = "".join(self.data)
        self.data.clear()
        top = self.stack[-1]
        if top.children is not None:
            top.children.append(text)
        if visible and not top.hidden:
            self.current.append(text)

    def _flush(self, context: str) -> None:
        line = _SPACE.sub(" ", "".join(self.current)).strip()
        self.current.clear()
        if line:
            self.lines.append(line)
            self.blocks.append(context)

    # Elements.

    def _push(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_data()
        parent = self.stack[-1]
        hidden = parent.hidden or name in _SKIP
        element = _Open(name, name if name in _CHROME else parent.context, hidden)
        if parent.children is not None:
            element.children = []
            parent.children.append(element.children)
        elif name == "title" and self.title is None:
            element.children = self.title = []
        self.stack.append(element)
        self.open_count[name] += 1
        if name == "meta":
            self._meta(attrs)
        elif name == "time" and self.time_datetime is None:
            values = {key: value or "" for key, value in attrs}
            if "datetime" in values:
                self.time_datetime = values["datetime"].strip()
        if not hidden and name in _BLOCK:
            self._flush(parent.context)

    def _pop(self) -> None:
        element = self.stack.pop()
        self.open_count[element.name] -= 1
        if not element.hidden and element.name in _BLOCK:
            self._flush(element.context)

    def _close(self, name: str) -> None:
        """Close the most recent open ``name`` and everything opened inside it (nothing
        when no ``name`` is open)."""
        self._end_data()
        if not self.open_count[name]:
            return
        while len(self.stack) > 1:
            closing = self.stack[-1].name
            self._pop()
            if closing == name:
                return

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        content = values.get("content", "").strip()
        if not content:
            return
        for attr in ("property", "name", "itemprop"):
            key = values.get(attr)
            if key is not None:
                self.metas.setdefault(f"{attr}:{key}", content)

    # The tokenizer's events.

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._push(tag, attrs)
        if tag in _VOID:
            self._close(tag)
            self.closed_void.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._push(tag, attrs)
        self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.closed_void:
            self.closed_void.remove(tag)  # the end tag of a void element already closed
        else:
            self._close(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    def handle_charref(self, name: str) -> None:
        base = 16 if name[:1] in ("x", "X") else 10
        digits = name[1:] if base == 16 else name
        rest = ""
        try:
            number: int | None = int(digits, base)
        except ValueError:
            match = _LEADING_NUMBER[base].search(digits)
            number = int(match[1], base) if match else None
            rest = match[2] if match else digits
        self.data.append("" if number is None else _character(number))
        self.data.append(rest)

    def handle_entityref(self, name: str) -> None:
        self.data.append(_ENTITIES.get(name, f"&{name}"))

    def _other_string(self, data: str, visible: bool) -> None:
        """A comment, declaration or processing instruction: a string of its own, shown
        only when it is a CDATA section."""
        self._end_data()
        self.data.append(data)
        self._end_data(visible)

    def handle_comment(self, data: str) -> None:
        self._other_string(data, False)

    def handle_decl(self, decl: str) -> None:
        self._other_string(decl[len("DOCTYPE ") :], False)

    def unknown_decl(self, data: str) -> None:
        cdata = data.upper().startswith("CDATA[")
        self._other_string(data[len("CDATA[") :] if cdata else data, cdata)

    def handle_pi(self, data: str) -> None:
        self._other_string(data, False)

    def finish(self) -> None:
        self.close()
        self._end_data()
        while len(self.stack) > 1:
            self._pop()
        self._flush("body")


def _single_string(children: list[object]) -> str | None:
    """The one string an element holds (through single nested elements), else None."""
    while len(children) == 1:
        child = children[0]
        if isinstance(child, str):
            return child
        assert isinstance(child, list)
        children = child
    return None


def _meta(metas: dict[str, str], *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            value = metas.get(f"{attr}:{name}")
            if value is not None:
                return value
    return None


def _parse(markup: str) -> _VisibleText:
    parser = _VisibleText()
    try:
        parser.feed(markup)
        parser.finish()
    except AssertionError as exc:  # how Python's HTML parser says it gives up
        raise HtmlRejected(str(exc)) from exc
    return parser


def html_to_page(markup: str) -> HtmlPage:
    """Visible text of an HTML page, one block per line, plus title/date/site metadata.

    The whole document is read, not only ``<body>``: text after a stray ``</body>`` or
    ``</html>`` is the article on some pages, and a body inside ``<form>`` is kept; the
    head is skipped like a script. :class:`HtmlRejected` when the parser cannot read it."""
    try:
        parser = _parse(markup)
    except HtmlRejected:
        # Python's HTML parser gives up on a stray "<![" that names no marked section;
        # written as text it is what a browser shows. A page still rejected raises.
        parser = _parse(markup.replace("<![", "&lt;!["))
    metas = parser.metas
    title = _meta(metas, "og:title", "twitter:title")
    if title is None and parser.title is not None:
        string = _single_string(parser.title)
        if string:
            title = string.strip() or None
    published = _meta(metas, *_PUBLISHED_META)
    if published is None:
        published = parser.time_datetime
    return HtmlPage(
        text="\n\n".join(parser.lines),
        title=title,
        published=published,
        site_name=_meta(metas, "og:site_name", "application-name"),
        blocks=parser.blocks,
    )
