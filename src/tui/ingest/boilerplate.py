"""Web-page boilerplate judged by general rules, never by site-specific strings.

A line is boilerplate when it is
- an interface string common to news sites (navigation, share and comment widgets, ads,
  "Read more", machine-translation credits) — a small lexicon of how web pages are built;
- written mostly in another script than the article (a Cyrillic widget on an English page);
- link-like (bare URLs, "Home | World | Politics" menus);
- page furniture when the page was HTML (inside nav, footer or aside);
- on a web page: part of a run of three or more short lines without sentence punctuation
  before the first paragraph of the page, or a short line after its last paragraph (menus,
  toggles, footers). In a text or Markdown file short lines are content — a results table,
  a list of names — and a table's rows are never taken for a menu; only a leading run that
  holds two or more interface strings (a web page pasted into the file) is furniture there.
A web page's article boundaries come from trafilatura (:mod:`tui.ingest.webpage`); these
rules are what remains when it finds none. A trailing "See more" / "Read more" on a
paragraph is boilerplate too. Offsets keep pointing into the full text: boilerplate is a list
of ranges, and extractors read the text with those ranges blanked out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from tui.ingest.dates import YEAR
from tui.records.models import Range

_UI = re.compile(
    r"""^(?:
      skip\ to\ (?:main\ )?(?:content|navigation)|advertisement|advertising|sponsored(?:\ content)?
    | read\ (?:more|also|next)|see\ (?:also|more)|more\ (?:on\ this|stories|news)
    | related(?:\ (?:articles?|stories|news|content|topics))?|recommended(?:\ for\ you)?
    | leave\ a\ (?:reply|comment)|post\ a\ comment|comments?(?:\ \(\d+\))?|\d+\ comments?
    | share(?:\ (?:this|on\ \w+|article|story))*|tweet|print|e-?mail|whatsapp|telegram
    | subscribe(?:\ now)?|sign\ (?:in|up)|log\ ?(?:in|out)|register|newsletter
    | (?:main\ )?menu|search|home(?:\ page)?|next(?:\ article)?|previous(?:\ article)?
    | back\ to\ top|follow\ us(?:\ on\ \w+)?|click\ here.*|tap\ to\ .*|show\ more|load\ more
    | on|off|close|open|toggle.*|loading\.*|listen(?:\ to\ (?:this|the)\ article)?
    | (?:download|get)\ (?:the|our)\ app|cookie.*|accept(?:\ all)?(?:\ cookies)?
    | all\ rights\ reserved.*|copyright\b.*|©.*|tags?:.*|topics?:.*|filed\ under.*
    | (?:machine[-\ ])?translated\ (?:by|with|using)\ .*|auto(?:matically)?[-\ ]translated.*
    | this\ (?:article|text|page)\ (?:was|has\ been)\ (?:machine[-\ ]|automatically\ )?translated.*
    | live(?:\ (?:broadcast|updates|blog|tv|stream))?|watch(?:\ live|\ video)?|video|photo|gallery
    )[.!:]?$""",
    re.I | re.X,
)
_TRAILING_UI = re.compile(r"\s+(?:See|Read|Show|Load) (?:More|more)\.?\s*$|\s+Continue reading\W*$")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_MENU = re.compile(r"^(?:[^|•·»]{1,30}[|•·»]\s*){2,}[^|•·»]{0,30}$")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)。！？」』]\s*$")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Scripts written without spaces between words (Chinese, Japanese kana)."""


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def dominant_script(text: str) -> str:
    if text.isascii():
        return "LATIN"  # the same answer, without naming every character
    counts: Counter[str] = Counter()
    for ch, n in Counter(text[:200_000]).items():  # each distinct character named once
        if ch.isalpha():
            counts[_script(ch)] += n
    return counts.most_common(1)[0][0] if counts else "LATIN"


def _foreign(line: str, script: str) -> bool:
    if line.isascii():  # every letter is Latin: no need to name each one
        return script != "LATIN" and sum(ch.isalpha() for ch in line) >= 2
    letters = Counter(filter(str.isalpha, line))
    total = sum(letters.values())
    if total < 2:
        return False
    # each distinct letter named once, and an ASCII one is Latin without naming it (a line
    # with one curly quotation mark is not ASCII, and naming all its letters was most of
    # reading a file)
    other = sum(
        n for ch, n in letters.items() if ("LATIN" if ch.isascii() else _script(ch)) != script
    )
    return other / total >= 0.6


def _words(line: str) -> int:
    """Words, counting two characters of an unspaced script as one."""
    return max(len(line.split()), len(_UNSPACED.findall(line)) // 2)


def _is_paragraph(line: str) -> bool:
    words = _words(line)
    return words >= 20 or (words >= 8 and bool(_SENTENCE_END.search(line)))


def _is_short_fragment(line: str) -> bool:
    """A few words without sentence punctuation and without a year (dates are metadata)."""
    return _words(line) <= 5 and not _SENTENCE_END.search(line) and not YEAR.search(line)


def lines_with_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped of surrounding spaces."""
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


_PASTED = 2
"""Interface-string lines in a text file's leading run that show it was copied from a web
page ("Skip to main content", "Advertisement"): then the run is that page's furniture."""


def _mark_positional(
    text: str, lines: list[tuple[int, int]], flags: list[bool], web_page: bool
) -> None:
    """A web page's furniture by position: a run of three or more short lines before the
    first paragraph, short lines after the last one. In a text file only a leading run that
    holds interface strings (a page pasted into a file) counts; short lines after the last
    paragraph are content there (a results table, a list of names)."""
    paragraphs = [i for i, (s, e) in enumerate(lines) if _is_paragraph(text[s:e])]
    first = paragraphs[0] if paragraphs else len(lines)
    # The run so far (from ``start``), its interface strings, and how much of it is marked
    # (once a run qualifies, all of it and every line it grows by are furniture).
    start = marked = interface = 0
    for i in range(first):
        s, e = lines[i]
        if not (flags[i] or _is_short_fragment(text[s:e])):
            start = marked = i + 1
            interface = 0
            continue
        interface += flags[i]
        if i + 1 - start >= 3 and (web_page or interface >= _PASTED):
            for j in range(marked, i + 1):
                flags[j] = True
            marked = i + 1
    if paragraphs and web_page:
        for i in range(paragraphs[-1] + 1, len(lines)):
            s, e = lines[i]
            if _is_short_fragment(text[s:e]):
                flags[i] = True


def _in_table(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """A line next to another line with a ``|``: a table row, not a menu."""
    return any(
        0 <= j < len(lines) and "|" in text[lines[j][0] : lines[j][1]] for j in (i - 1, i + 1)
    )


def find_boilerplate(
    text: str,
    chrome_lines: Iterable[int] = (),
    *,
    web_page: bool = True,
    script: str | None = None,
) -> list[Range]:
    """Ranges of ``text`` judged boilerplate (sorted, non-overlapping).

    The positional rules (short lines around the article) apply only to ``web_page`` text;
    in a plain-text file a table's rows are not a menu either. ``script`` is the article's
    own (by default the text's dominant one): lines mostly in another are boilerplate."""
    lines = lines_with_offsets(text)
    if not lines:
        return []
    script = script or dominant_script(text)
    chrome = set(chrome_lines)
    marked: list[tuple[int, int]] = []
    flags = [False] * len(lines)
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        bare = line.strip(" \t-–—•*·|>")
        if (
            i in chrome
            or _UI.match(bare)
            or _foreign(line, script)
            or (_URL.sub("", line).strip(" \t|-–—•·:") == "")
            or (
                _MENU.match(line) is not None
                and not _SENTENCE_END.search(line)
                and (web_page or not _in_table(text, lines, i))
            )
        ):
            flags[i] = True
    _mark_positional(text, lines, flags, web_page)
    for i, (s, e) in enumerate(lines):
        if flags[i]:
            marked.append((s, e))
            continue
        tail = _TRAILING_UI.search(text, s, e)
        if tail is not None and tail.end() == e:
            marked.append((tail.start() + (len(tail.group()) - len(tail.group().lstrip())), e))
    return [Range(start=s, end=e) for s, e in marked]
