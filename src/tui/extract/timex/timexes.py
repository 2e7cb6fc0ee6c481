"""One article's time expressions as :class:`~tui.records.models.TimeExpr` records.

Builds the reading context from the article's parse and publication date, runs
:func:`~tui.extract.timex.candidates.find_candidates` and turns each reading into a record
whose offsets index into ``article.text``.
"""

from __future__ import annotations

from tui.docindex import entities
from tui.extract.timex.base import Context
from tui.extract.timex.candidates import find_candidates
from tui.nlp import ParsedArticle
from tui.records.models import TimeExpr

MAX_CHARS = 2_000_000


def extract_timexes(parsed: ParsedArticle) -> list[TimeExpr]:
    """Time expressions of ``parsed.article`` with TIMEX3 values anchored on its
    publication date."""
    article = parsed.article
    text = parsed.text
    if not text.strip() or len(text) > MAX_CHARS:
        return []
    doc = parsed.doc
    ctx = Context(text=text, doc=doc, anchor=article.published.date)
    ctx.starts = parsed.index.starts
    ctx.ents = [(e.label_, e.start_char, e.end_char) for e in entities(doc)]
    ctx.ent_starts = [s for _, s, _ in ctx.ents]
    found = find_candidates(ctx)
    out: list[TimeExpr] = []
    for cand, norm in found:
        out.append(
            TimeExpr(
                article_id=article.id,
                start=cand.start,
                end=cand.end,
                text=article.text[cand.start : cand.end],
                value=norm.value,
                type=norm.type,
                mod=norm.mod,
                begin=norm.begin,
                end_value=norm.end_value,
                how=norm.how,
            )
        )
    return out
