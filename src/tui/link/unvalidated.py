"""Records made by linking from parts that are validated records already, without validating
them again.

Linking makes tens of thousands of records whose every field is taken from a record that was
validated when it was read or made: an event's time expression, sentence range, trigger and
the ids of its people and figures (68,693 events at 10,000 articles), a statement copied from
its article's extraction with its person's id (80,000). Validating them again checks nothing
new (the spans were checked when their records were made, and against their articles' texts
when the corpus is made: :mod:`tui.link.provenance`) and costs a call into pydantic-core and,
per nested span, a call back into Python. :func:`record` makes what ``cls(**given)`` makes —
the same fields, the defaults of the others, the same set of given names (shared, as
:class:`~tui.records.models.CompactModel` shares it), lists copied as validation copies them —
at a third of the cost. An event's trigger and sentence range are cut from its article's text
the same way (:func:`text_span`, :func:`text_range`: offsets inside the text make a span that
passes every check; others are validated, and refused as before).
``tests/test_unvalidated.py`` compares both on random records.
"""

from __future__ import annotations

from typing import Any, TypeVar

from tui.records.models import CompactModel, Range, Span, _set, _share_fields_set

R = TypeVar("R", bound=CompactModel)


def record(cls: type[R], fields: dict[str, Any], given: set[str]) -> R:
    """The record ``cls(**{name: fields[name] for name in given})`` would be, for values
    that validation keeps as they are (records of the field's own class, str, int, None, lists
    of those, the default of a field not given).

    ``fields`` holds every field of ``cls`` (its defaults for the names not in ``given``), in
    the class's order, and becomes the record's: the caller passes a new dict and new lists.
    ``given`` becomes the record's set of given names (then shared with records given the
    same names)."""
    made = cls.__new__(cls)
    _set(made, "__dict__", fields)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_fields_set__", given)
    _set(made, "__pydantic_private__", None)
    _share_fields_set(made)
    return made


def text_span(article_id: str, text: str, start: int, end: int) -> Span:
    """``Span.of(article_id, text, start, end)`` (``text`` the article's whole text): made
    without validation when ``0 <= start <= end <= len(text)``, where the slice is exactly
    ``end - start`` characters and so passes :class:`Span`'s checks; validated otherwise (the
    same error as before)."""
    if 0 <= start <= end <= len(text):
        fields = {"start": start, "end": end, "article_id": article_id, "text": text[start:end]}
        return record(Span, fields, set(_SPAN_GIVEN))
    return Span.of(article_id, text, start, end)


def text_range(start: int, end: int) -> Range:
    """``Range(start=start, end=end)``, made without validation when ``0 <= start <= end``
    (what it checks); validated otherwise (the same error as before)."""
    if 0 <= start <= end:
        return record(Range, {"start": start, "end": end}, set(_RANGE_GIVEN))
    return Range(start=start, end=end)


_SPAN_GIVEN = ("start", "end", "article_id", "text")
_RANGE_GIVEN = ("start", "end")
