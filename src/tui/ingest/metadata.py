"""Article metadata from the text itself: publication date, outlet/agency, title.

Publication date, strongest evidence first:
0. a web page's own markup, as htmldate reads it: ``json-ld``, ``meta``, ``url`` or
   ``byline`` (see :mod:`tui.ingest.webpage`);
1. ``header``: a header line such as ``date 2024-06-05``, ``Published: June 5, 2024``,
   ``Posted on …`` (``Updated …`` only when nothing better is there);
2. ``dateline``: ``CITY, Month D. /AGENCY/.``, ``City, D Month YYYY (AGENCY):``,
   ``CITY, Month D (AP) —``; a dateline without a year takes the year of the latest fully
   specified date the article states (never the file's date);
3. ``text``: a fully specified date standing in the first lines (a byline or date line);
4. ``none``: none of these — the date stays null here; :mod:`tui.extract.pubdate` may then
   infer it (``inferred``) from the article's own evidence, which needs the extractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.ingest.boilerplate import lines_with_offsets
from tui.ingest.dates import (
    _DAY,
    _MONTH,
    _YEAR,
    YEAR,
    file_name_date,
    file_name_outlet,
    find_full_dates,
    make_date,
)
from tui.ingest.webpage import PageDate
from tui.records.models import Published, Range

_HEADER = re.compile(
    r"(?im)^[ \t>*#_-]*(?P<label>date(?:d|line)?|published(?:\s+on|\s+at)?|publication\s+date|"
    r"posted(?:\s+on|\s+at)?|first\s+published(?:\s+on)?|(?:last\s+)?updated(?:\s+on|\s+at)?|"
    r"last\s+modified)\b\s*[:=\-–—]?\s*"
)
_CITY = r"[A-Z][A-Za-zÀ-ɏ'’.\-]*(?:[ \-][A-Z][A-Za-zÀ-ɏ'’.\-]*){0,3}"
_AGENCY = r"[A-Za-z][A-Za-z0-9 .&'’\-]{0,30}?"
_DATELINE = re.compile(
    rf"(?P<city>{_CITY})(?:,\s*(?P<region>{_CITY}))?"
    rf"(?:,?\s+(?P<date>(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?)\.?)?"
    rf"\s*(?:\((?P<ag1>{_AGENCY})\)|/(?P<ag2>{_AGENCY})/)?"
    rf"\s*(?P<sep>[.:]|[-–—]+)(?=\s)"
)
_CREDIT = re.compile(
    rf"(?m)^[ \t]*(?:\((?P<ag1>{_AGENCY})\)\s*[-–—:]"
    rf"|(?:Source|Credit|Courtesy(?:\s+of)?)\s*:\s*(?P<ag2>{_AGENCY})\s*$)"
)


@dataclass(frozen=True)
class Metadata:
    published: Published
    source: str | None
    title: str | None


_PERIOD_END = re.compile(
    r"(?i)\b(?:to|until|till|through|from|since|before|after|by|end(?:ed|ing|s)?)\s+$"
)
"""Words before a date in a head line that make it a period's bound ("Six months to
August 20"), not the article's date."""


def _in_boilerplate(pos: int, boilerplate: list[Range]) -> bool:
    return any(r.start <= pos < r.end for r in boilerplate)


def _header_date(text: str, region_end: int) -> Published | None:
    found: list[tuple[int, Published]] = []
    for m in _HEADER.finditer(text, 0, region_end):
        label = " ".join(m["label"].lower().split())
        dates = find_full_dates(text, m.end(), min(len(text), m.end() + 60))
        if not dates or text[m.end() : dates[0][1]].strip(" ,:") not in {""} | _WEEKDAYS:
            continue
        date, s, e = dates[0]
        rank = 1 if "updated" in label or "modified" in label else 0
        found.append(
            (
                rank,
                Published(
                    date=date,
                    how="header",
                    start=s,
                    end=e,
                    text=text[s:e],
                    detail=f"header line '{label}'",
                ),
            )
        )
    if not found:
        return None
    return min(found, key=lambda t: t[0])[1]


_WEEKDAYS = {
    d + suffix
    for d in ("Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun")
    for suffix in ("", ".", ",")
} | {
    d + "day" + suffix
    for d in ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")
    for suffix in ("", ",")
}


def _latest_year(content: str) -> int | None:
    """The year of the latest fully specified date the article states, else None."""
    dates = find_full_dates(content)
    if dates:
        return max(d for d, _, _ in dates).year
    return None


def _datelines(text: str, positions: list[int]) -> re.Match[str] | None:
    for pos in positions:
        m = _DATELINE.match(text, pos)
        if m and (m["date"] or m["ag1"] or m["ag2"]):
            if m["date"] is None and m["sep"] == ".":
                continue
            return m
    return None


def _clean_agency(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).strip(" .-")
    return value or None


def extract_metadata(
    text: str,
    content: str,
    boilerplate: list[Range],
    *,
    page_date: PageDate | None = None,
    page_title: str | None = None,
    site_name: str | None = None,
    file_name: str = "",
) -> Metadata:
    """Publication date, source and title of one article.

    ``content`` is the text with boilerplate blanked (same offsets); ``page_*`` come from
    HTML metadata when the article was a web page; ``file_name`` may state a date (see
    :func:`tui.ingest.dates.file_name_date`), used only when the text states none, or to
    give a dateline's month and day their year.
    """
    name_date = file_name_date(file_name) if file_name else None
    lines = [(s, e) for s, e in lines_with_offsets(content)]
    head_lines = lines[:12]
    region_end = head_lines[-1][1] if head_lines else 0

    published = None
    if page_date is not None:
        published = Published(date=page_date.date, how=page_date.how, detail=page_date.detail)
    if published is None:
        published = _header_date(content, region_end)

    # Datelines start a line, or follow a header date on the same line.
    positions = [s for s, _ in head_lines[:8]]
    if published is not None and published.end is not None:
        after = published.end
        while after < len(content) and content[after] in " \t":
            after += 1
        positions.insert(0, after)
    dateline = _datelines(content, positions)

    source = None
    if dateline is not None:
        source = _clean_agency(dateline["ag1"] or dateline["ag2"])
        if published is None and dateline["date"]:
            s, e = dateline.span("date")
            e = s + len(dateline["date"].rstrip("."))
            month = dateline["m1"] or dateline["m2"]
            day = dateline["d1"] or dateline["d2"]
            year_text = dateline["y1"] or dateline["y2"]
            detail = "dateline"
            year = int(year_text) if year_text else None
            if (
                year is None
                and name_date is not None
                and make_date(name_date.year, month, day) == name_date
            ):
                year = name_date.year
                detail = f"dateline month-day; year {year} from the file name"
            if year is None:
                year = _latest_year(content)
                if not year_text and year is not None:
                    detail = (
                        f"dateline month-day; year {year} from the latest full date in the text"
                    )
            date = make_date(year, month, day) if year is not None else None
            if date is not None:
                published = Published(
                    date=date, how="dateline", start=s, end=e, text=content[s:e], detail=detail
                )
            else:
                published = Published(
                    how="none",
                    start=s,
                    end=e,
                    text=content[s:e],
                    detail="dateline gives month and day but the article states no year",
                )
    if source is None:
        credit = _CREDIT.search(content, 0, region_end)
        if credit is not None:
            source = _clean_agency(credit["ag1"] or credit["ag2"])
    if source is None and site_name:
        source = " ".join(site_name.split())
    if source is None and file_name:
        source = file_name_outlet(file_name)  # "wash-post_2016-03-03_slug.txt"

    if published is None:
        for s, e in head_lines[:5]:
            if e - s > 80:
                continue
            dates = find_full_dates(content, s, e)
            if dates and not _PERIOD_END.search(content, s, dates[0][1]):
                date, ds, de = dates[0]
                published = Published(
                    date=date,
                    how="text",
                    start=ds,
                    end=de,
                    text=content[ds:de],
                    detail="date line near the top",
                )
                break
    if published is None and name_date is not None:
        published = Published(
            date=name_date, how="filename", detail="the file name states it; the text does not"
        )
    if published is None:
        years = YEAR.search(content) is not None or bool(find_full_dates(content))
        detail = "no header, dateline or date line" + ("" if years else "; no date in the text")
        published = Published(how="none", detail=detail)

    if published.start is not None and published.end is not None:
        published = published.model_copy(update={"text": text[published.start : published.end]})
    title = page_title or _title(content, lines, dateline, published)
    if page_date is not None and page_date.start is not None and page_date.end is not None:
        # A web page's visible byline: the date's place in the text, added last so the
        # dateline and title rules read the page as before.
        s, e = page_date.start, page_date.end
        published = published.model_copy(update={"start": s, "end": e, "text": text[s:e]})
    return Metadata(published=published, source=source, title=title)


def _title(
    content: str,
    lines: list[tuple[int, int]],
    dateline: re.Match[str] | None,
    published: Published,
) -> str | None:
    if len(lines) < 2:
        return None
    s, e = lines[0]
    line = content[s:e]
    if dateline is not None and dateline.start() < e:
        return None
    if published.start is not None and s <= published.start < e:
        return None
    if len(line.split()) > 25 or re.search(r"[.,;:]$", line) or not re.search(r"[^\W\d_]", line):
        return None
    return line
