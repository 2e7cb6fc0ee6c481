"""Time expressions in one article, normalized to TimeML TIMEX3 values, and their events.

Candidates come from hand-written surface patterns and from spaCy's DATE/TIME entities; the
spaCy parse also filters false positives ("May" the modal or the name, counts, money) and
supplies tense for resolving a month or weekday without a year. Normalization is
hand-written; ``python-dateutil`` only parses isolated absolute date strings. Every value
carries ``how``. The rooms, bottom up:

- :mod:`.base` (candidate, reading, context), :mod:`.lexicon` (word lists),
  :mod:`.calendar` (date arithmetic), :mod:`.patterns` (regex building blocks);
- :mod:`.direction` (tense), :mod:`.normalize` (one normalizer per kind),
  :mod:`.rules` (the table: kind → patterns → normalizer), :mod:`.accept` (filters);
- :mod:`.ranges` (ranges, clock times), :mod:`.candidates` (finding and reading),
  :mod:`.timexes` (:func:`extract_timexes`), :mod:`.anchors` (:func:`event_anchors`).

What a finished value means, how it sorts and reads is :mod:`tui.records.timevalue`.
"""

from __future__ import annotations

from tui.extract.timex.anchors import event_anchors
from tui.extract.timex.timexes import extract_timexes

__all__ = ["event_anchors", "extract_timexes"]
