"""Articles without a dateline: is the publication date inferred from the text right?

    .venv/bin/python benchmarks/undated_eval.py [DEV_EVAL] [--limit N] [--show wrong|all]

Reads the development sets at run time from ``../shared/dev-eval/`` (never copied here):
TimeBank and AQUAINT (the first line of each article is its dateline, the document's true
date) and CoNLL-2003 dev (a ``CITY YYYY-MM-DD`` dateline line; its gold names the date).
Each article's dateline is stripped, the article is read as newsdash reads a file, and its
date decided twice:

- **before**: the fallback newsdash used until issue 16 (the latest fully specified date
  the text reports in a past-tense sentence, as a single day), after today's header,
  dateline and date-line rules;
- **after**: :func:`tui.extract.pubdate.dated` (constraints from the text; a day, a range
  or nothing).

An answer is *right* when the true date is inside the stated range and the range is at most
seven days, *wider* when it is inside a wider range, *wrong* when the true date is outside
the stated range (target 0), *undated* when there is no answer (*one-sided*: of those, the
ones whose text bounds the date on one side only). *Candidates* counts the articles whose
text could let a reader date them within a week: it names a day of a month within 14 days
of the true date, and the true year (as a number, or the year before with "last year", or
the year after with "next year"). A reader needs both, so this bounds from above the
articles whose text allows the date; reading them says how many really do (``--show
candidates`` prints them). Numbers are recorded in docs/extraction/timeline.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SETS = {"timex-timebank": "first line", "timex-aquaint": "first line", "people-conll-dev": "conll"}


@dataclass(frozen=True)
class Case:
    name: str
    set_name: str
    text: str
    truth: dt.date


def _strip_first_line(text: str) -> str:
    """The article without its first line (the dateline) and the blank lines after it."""
    rest = text.split("\n", 1)[1] if "\n" in text else ""
    return rest.lstrip("\n")


def _strip_conll(text: str, truth: dt.date) -> str:
    """The article without the ``CITY YYYY-MM-DD`` line(s) stating its date."""
    iso = truth.isoformat()
    return "\n".join(line for line in text.split("\n") if iso not in line)


def cases(dev: Path, limit: int) -> list[Case]:
    out: list[Case] = []
    for set_name, how in SETS.items():
        folder = dev / set_name
        if not folder.is_dir():
            print(f"{set_name}: not found under {dev}, skipped")
            continue
        paths = sorted((folder / "articles").glob("*.txt"))
        if limit:
            paths = paths[:limit]
        for path in paths:
            gold: dict[str, Any] = json.loads((folder / "gold" / f"{path.stem}.json").read_text())
            value = gold.get("dct") or gold.get("dateline_date")
            if not value:
                continue
            truth = dt.date.fromisoformat(value[:10])
            text = path.read_text(encoding="utf-8")
            strip = _strip_first_line(text) if how == "first line" else _strip_conll(text, truth)
            out.append(Case(path.stem, set_name, strip, truth))
    return out


_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b|\b(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\b"
)


def candidate(case: Case) -> bool:
    """Whether the text names a day within 14 days of the true date and the true year: what
    a reader needs to date the article within a week (necessary, not sufficient)."""
    from tui.ingest.dates import MONTHS

    year, text = case.truth.year, case.text
    lower = text.lower()
    states_year = (
        str(year) in text
        or (str(year - 1) in text and "last year" in lower)
        or (str(year + 1) in text and "next year" in lower)
    )
    if not states_year:
        return False
    for m in _MONTH_DAY.finditer(text):
        month = MONTHS[(m["m"] or m["m2"]).lower().rstrip(".")]
        for y in (year - 1, year, year + 1):
            try:
                day = dt.date(y, month, int(m["d"] or m["d2"]))
            except ValueError:
                continue
            if abs((day - case.truth).days) <= 14:
                return True
    return False


def judge(truth: dt.date, lo: dt.date | None, hi: dt.date | None) -> str:
    if lo is None or hi is None:
        return "undated"
    if not lo <= truth <= hi:
        return "wrong"
    return "right" if (hi - lo).days < 7 else "wider"


def old_fallback(content: str, doc: Any) -> dt.date | None:
    """The pre-issue-16 fallback: the latest full date stated in a past-tense sentence."""
    from tui.ingest.dates import find_full_dates

    past_aux = {"has", "have", "had", "was", "were", "'s", "'ve", "'d"}

    def past(token: Any) -> bool:
        if token.tag_ == "VBD":
            return True
        return token.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in past_aux for c in token.children
        )

    best: dt.date | None = None
    for date, s, e in find_full_dates(content):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        if any(past(t) for t in span.sent if not span.start <= t.i < span.end):
            best = date if best is None or date > best else best
    return best


def main() -> None:
    from tui import nlp
    from tui.extract.pubdate import dated
    from tui.ingest.files import finish_article, read_file
    from tui.nlp import ParsedArticle

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", type=Path, nargs="?", default=ROOT.parent / "shared" / "dev-eval")
    parser.add_argument("--limit", type=int, default=0, help="articles per set (0: all)")
    parser.add_argument("--show", choices=("wrong", "candidates", "all"), default=None)
    args = parser.parse_args()
    found = cases(args.dev, args.limit)
    pipeline = nlp.load()
    before: dict[str, Counter[str]] = {}
    after: dict[str, Counter[str]] = {}
    parse_s = infer_s = 0.0
    for i in range(0, len(found), 16):
        batch = found[i : i + 16]
        # Neutral file names: the dev sets' names carry the date (APW19980807…), which the
        # file-name rule would read; this benchmark measures the text's own evidence.
        reads = [
            read_file(Path(f"case{i + k}.txt"), lambda _: None, data=c.text.encode())
            for k, c in enumerate(batch)
        ]
        start = time.perf_counter()
        docs = nlp.parse_texts([r.content for r in reads], pipeline)
        parse_s += time.perf_counter() - start
        for case, read, doc in zip(batch, reads, docs, strict=True):
            article = finish_article(read, case.name)
            p = article.published
            if p.date is not None:  # something else in the text dated it: judged too
                old: tuple[dt.date | None, dt.date | None] = (p.date, p.date)
            else:
                day = old_fallback(read.content, doc)
                old = (day, day)
            start = time.perf_counter()
            new = dated(ParsedArticle.of(article, doc)).article.published
            infer_s += time.perf_counter() - start
            lo = new.earliest or new.date
            hi = new.latest or new.date
            verdict = judge(case.truth, lo, hi)
            if verdict == "undated" and new.detail.startswith(("no upper", "no lower")):
                after.setdefault(case.set_name, Counter())["one-sided"] += 1
            before.setdefault(case.set_name, Counter())[judge(case.truth, *old)] += 1
            after.setdefault(case.set_name, Counter())[verdict] += 1
            is_candidate = candidate(case)
            for counts in (before, after):
                counts[case.set_name]["candidates"] += is_candidate
            if (
                args.show == "all"
                or (args.show == "wrong" and verdict == "wrong")
                or (args.show == "candidates" and is_candidate)
            ):
                print(f"{case.set_name}/{case.name} true {case.truth}: {verdict} {lo}..{hi}")
                print(f"    {new.how}: {_one_line(new.detail)}")
    _report("before (latest past-tense date)", before)
    _report("after (constraints, tui.extract.pubdate)", after)
    share = 100 * infer_s / parse_s if parse_s else 0.0
    print(f"\nparse {parse_s:.1f} s, inference {infer_s:.1f} s ({share:.1f} % of the parse)")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)[:300]


def _report(title: str, counts: dict[str, Counter[str]]) -> None:
    print(f"\n{title}")
    print(
        f"{'set':18} {'n':>5} {'right':>7} {'wider':>7} {'undated':>8} {'wrong':>7}"
        f" {'(one-sided)':>12} {'candidates':>11}"
    )
    total: Counter[str] = Counter()
    for name, c in [*counts.items(), ("all", total)]:
        if name != "all":
            total.update(c)
        n = sum(v for k, v in c.items() if k not in ("one-sided", "candidates"))
        cells = [f"{100 * c[k] / n:6.1f}%" if n else "     -" for k in ("right", "wider")]
        undated = f"{100 * c['undated'] / n:7.1f}%" if n else "      -"
        wrong = f"{100 * c['wrong'] / n:6.1f}%" if n else "     -"
        one = f"{100 * c['one-sided'] / n:11.1f}%" if n and "one-sided" in c else ""
        print(
            f"{name:18} {n:>5} {cells[0]:>7} {cells[1]:>7} {undated:>8} {wrong:>7} {one:>12}"
            f" {c['candidates']:>11}"
        )


if __name__ == "__main__":
    main()
