"""The normalizers: one function per kind of time expression, ``(Cand, Context) -> Norm``.

Grouped by what they read: :mod:`.dates` (days, months, weeks, weekdays, holidays, clock
times), :mod:`.periods` (years, quarters, halves, seasons, decades, centuries),
:mod:`.relative` (counted from the publication date or the previous date in the text) and
:mod:`.durations` (amounts of time, recurring sets, spaCy's leftover entities). Which pattern
kind uses which is the table in :mod:`tui.extract.timex.rules`.
"""
