"""End-to-end sanity check on the sample folder: events are well-formed TIMEX3 records."""

from __future__ import annotations

import re
from pathlib import Path

from tui.link.events import timeline_key
from tui.pipeline import load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DATE_VALUE = re.compile(
    r"^(?:\d{2,4}|XXXX)(?:-(?:\d{2}(?:-\d{2}(?:T.*)?)?|Q[1-4]|H[12]|W\d{2}(?:-WE)?|SP|SU|FA|WI))?$"
)


def test_seed_events_have_timex3_values_in_timeline_order() -> None:
    corpus = load_corpus(SEEDS, lambda *args: None)
    assert corpus.events, "the sample articles contain dated events"
    keys = [timeline_key(e.when.value) for e in corpus.events]
    assert keys == sorted(keys)
    figure_ids = {f.id for f in corpus.figures}
    for event in corpus.events:
        assert event.when.type in ("DATE", "TIME")
        assert event.when.value is not None and DATE_VALUE.match(event.when.value)
        assert event.when.how
        assert event.sentence.start <= event.when.start < event.sentence.end
        assert set(event.figures) <= figure_ids
    # Articles without a publication date still reach the timeline through their
    # year-unknown (XXXX) month-days and months.
    year_unknown = {t.article_id for t in corpus.timexes if (t.value or "").startswith("XXXX-")}
    year_unknown -= {t.article_id for t in corpus.timexes if t.type == "SET"}
    assert year_unknown <= {e.article_id for e in corpus.events}
