"""Merge the people of every article into one record per real person."""

from __future__ import annotations

from collections.abc import Mapping

from tui.extract.people import PeopleResult
from tui.models import Person, Quote

PersonIndex = dict[tuple[str, str], str]
"""(article id, local person key) -> global person id."""


def link_people(
    results: Mapping[str, PeopleResult],
) -> tuple[list[Person], list[Quote], PersonIndex]:
    """One :class:`Person` per distinct name across articles (exact-name merge)."""
    by_name: dict[str, Person] = {}
    index: PersonIndex = {}
    for article_id, result in results.items():
        for local in result.persons:
            person = by_name.get(local.name)
            if person is None:
                person = Person(id=f"per-{len(by_name) + 1}", name=local.name)
                by_name[local.name] = person
            person.mentions.extend(local.mentions)
            person.roles.extend(local.roles)
            index[(article_id, local.key)] = person.id
    quotes: list[Quote] = []
    for article_id, result in results.items():
        for q in result.quotes:
            quotes.append(
                Quote(
                    id=f"quo-{len(quotes) + 1}",
                    person_id=index.get((article_id, q.person_key or "")),
                    kind=q.kind,
                    article_id=q.article_id,
                    start=q.start,
                    end=q.end,
                    text=q.text,
                )
            )
    return list(by_name.values()), quotes, index
