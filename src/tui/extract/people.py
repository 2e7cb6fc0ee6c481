"""People in one article: names, mentions, roles and quotes."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tui import nlp
from tui.models import Article, QuoteKind, Role, Span


class LocalPerson(BaseModel):
    """One person as seen inside one article (``key`` is unique within the article)."""

    key: str
    name: str
    mentions: list[Span] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)


class LocalQuote(Span):
    person_key: str | None = None
    kind: QuoteKind = "direct"


class PeopleResult(BaseModel):
    persons: list[LocalPerson] = Field(default_factory=list)
    quotes: list[LocalQuote] = Field(default_factory=list)


def extract_people(article: Article) -> PeopleResult:
    """Person names recognised by the statistical model, one local person per surface form."""
    doc = nlp.parse(article.content_text())
    persons: dict[str, LocalPerson] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = ent.text.strip()
        if not name:
            continue
        start = ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
        end = start + len(name)
        person = persons.setdefault(
            name, LocalPerson(key=f"{article.id}:{len(persons)}", name=name)
        )
        person.mentions.append(article.span(start, end))
    return PeopleResult(persons=list(persons.values()))
