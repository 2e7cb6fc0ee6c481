"""Score time-expression extraction and TIMEX3 normalization on annotated articles.

Usage:  PYTHONPATH=src python benchmarks/timex_bench.py [folder]   (default: data/timex/)

Each ``*.tml`` file is a small TimeML-style article: ``<DCT>`` holds the publication date
(absent = undated), ``<TEXT>`` the article with inline ``<TIMEX3 type=.. value=.. mod=..>``
tags (``begin``/``end`` attributes for ranges). Extraction is scored with strict (same
offsets) and relaxed (overlapping) span matching; normalization as value accuracy over the
relaxed matches, and end to end (correct value / gold expressions). Prints figures and the
time per article (spaCy parse included; the model is loaded once before timing).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tui import nlp
from tui.extract.timex import extract_timexes
from tui.nlp import ParsedArticle
from tui.records.models import Article, Published, TimeExpr

TAG = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    seconds: float = 0.0

    def add(self, other: Scores) -> None:
        for name in ("gold", "system", "strict", "relaxed", "value_ok", "type_ok", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def load(path: Path) -> tuple[Article, list[Gold]]:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})\".*?</DCT>", raw, re.S)
    body = re.search(r"<TEXT>\n?(.*?)\n?</TEXT>", raw, re.S)
    if body is None:
        raise ValueError(f"{path}: no <TEXT>")
    marked = body.group(1)
    text_parts: list[str] = []
    golds: list[Gold] = []
    pos = 0
    length = 0
    for m in TAG.finditer(marked):
        before = marked[pos : m.start()]
        text_parts.append(before)
        length += len(before)
        attrs = dict(ATTR.findall(m.group(1)))
        inner = m.group(2)
        golds.append(
            Gold(
                length,
                length + len(inner),
                inner,
                attrs.get("type", "DATE"),
                attrs.get("value"),
                attrs.get("mod"),
            )
        )
        text_parts.append(inner)
        length += len(inner)
        pos = m.end()
    text_parts.append(marked[pos:])
    text = "".join(text_parts)
    published = (
        Published(date=dt.date.fromisoformat(dct.group(1)), how="header") if dct else Published()
    )
    article = Article(id=path.stem, path=path.name, text=text, published=published)
    return article, golds


def score(golds: list[Gold], found: list[TimeExpr], verbose: bool) -> Scores:
    s = Scores(gold=len(golds), system=len(found))
    used: set[int] = set()
    for g in golds:
        exact = next((i for i, t in enumerate(found) if (t.start, t.end) == (g.start, g.end)), None)
        best = exact
        if best is None:
            overlaps = [
                (min(t.end, g.end) - max(t.start, g.start), i)
                for i, t in enumerate(found)
                if i not in used and t.start < g.end and g.start < t.end
            ]
            best = max(overlaps)[1] if overlaps else None
        if best is None:
            if verbose:
                print(f"    MISS  {g.text!r} {g.type} {g.value}")
            continue
        used.add(best)
        t = found[best]
        s.relaxed += 1
        s.strict += exact is not None
        ok = t.value == g.value and (g.mod is None or t.mod == g.mod)
        s.value_ok += ok
        s.type_ok += t.type == g.type
        if verbose and (not ok or exact is None):
            print(
                f"    {'VALUE' if not ok else 'SPAN '} gold {g.text!r} {g.type} {g.value} {g.mod}"
                f" | sys {t.text!r} {t.type} {t.value} {t.mod}"
            )
    if verbose:
        for i, t in enumerate(found):
            if i not in used:
                print(f"    EXTRA {t.text!r} {t.type} {t.value}")
    return s


def prf(hit: int, system: int, gold: int) -> tuple[float, float, float]:
    p = hit / system if system else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    folder = Path(args[0]) if args else Path(__file__).parent / "data" / "timex"
    files = sorted(folder.glob("*.tml"))
    if not files:
        print(f"no .tml files in {folder}")
        return 1
    t0 = time.perf_counter()
    nlp.load()
    load_s = time.perf_counter() - t0
    total = Scores()
    print(f"{'article':32} gold  sys strict relax value  ms")
    for path in files:
        article, golds = load(path)
        t0 = time.perf_counter()  # the parse counts, as it did when the extractor parsed
        found = extract_timexes(ParsedArticle.of(article, nlp.load()(article.content_text())))
        elapsed = time.perf_counter() - t0
        s = score(golds, found, verbose)
        s.seconds = elapsed
        total.add(s)
        print(
            f"{path.stem:32} {s.gold:4} {s.system:4} {s.strict:6} {s.relaxed:5} {s.value_ok:5}"
            f" {elapsed * 1000:4.0f}"
        )
    sp, sr, sf = prf(total.strict, total.system, total.gold)
    rp, rr, rf = prf(total.relaxed, total.system, total.gold)
    print()
    print(f"articles {len(files)}, gold {total.gold}, system {total.system}")
    print(f"strict  span  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"relaxed span  P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}")
    if total.relaxed:
        print(
            f"value accuracy on matched {total.value_ok / total.relaxed:.3f}"
            f"  type accuracy {total.type_ok / total.relaxed:.3f}"
        )
    print(f"value correct / gold (end to end) {total.value_ok / max(total.gold, 1):.3f}")
    print(
        f"time per article {total.seconds / len(files) * 1000:.1f} ms"
        f" (spaCy parse included; model load {load_s:.1f} s, once)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
