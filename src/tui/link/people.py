"""Merge the people of every article into one record per real person, with evidence.

Each article's local people are compared by name parts (:mod:`tui.extract.people.names`):

* ``same-name`` / ``case-accent-fold`` — equal once case and accents are folded;
* ``transliteration`` — given name or surname spelling variants (Sergey/Sergei, -ov/-off);
* ``middle-name`` — one form adds a middle name or initial the other lacks;
* ``initial`` — "J. Doe" with "John Doe", only when a single person fits the initial;
* ``compound-surname`` — "Ana Costa" with "Ana Costa-Lima", only when their roles agree;
* ``surname+role`` — an article that names someone by surname only joins the one person
  with that surname whose role agrees;
* ``surname-unique`` — or, when one of the two has no role, the one full-name person of the
  corpus with that surname (never when two full names share it).

Two people whose first names differ (namesakes) are never merged, not even transitively.
The analyst's corrections (:mod:`tui.corrections`) merge, split or reject on top of this.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from tui.corrections import Corrections
from tui.extract.people import names
from tui.extract.people.lexicon import NEWS_CUES, lexicon
from tui.extract.people.names import NameParts
from tui.link.unvalidated import record
from tui.records.extraction import LocalPerson, PeopleResult
from tui.records.models import MergeEvidence, Person, Quote, Role, Span

PersonIndex = dict[tuple[str, str], str]
"""(article id, local person key) -> global person id."""

_MEMO_SIZE = 1 << 16


class _NameMemo:
    """The name helpers of :mod:`tui.extract.people.names`, each computed once per distinct
    argument: they are pure functions of their strings, and a corpus repeats a few thousand
    names tens of thousands of times. One memo is made per :func:`link_people` run and passed
    down, so nothing it remembers outlives the run."""

    def __init__(self) -> None:
        self.fold = lru_cache(maxsize=_MEMO_SIZE)(names.fold)
        self.fullness = lru_cache(maxsize=_MEMO_SIZE)(names.fullness)
        self.given_compatible = lru_cache(maxsize=_MEMO_SIZE)(names.given_compatible)
        self.split_name = lru_cache(maxsize=_MEMO_SIZE)(names.split_name)
        self.surname_relation = lru_cache(maxsize=_MEMO_SIZE)(names.surname_relation)
        self.translit_key = lru_cache(maxsize=_MEMO_SIZE)(names.translit_key)


_ROLE_STOP = {"of", "for", "the", "and", "to", "former", "acting", "deputy", "vice", "senior"}


@dataclass
class _Unit:
    """One local person (or a split-off part of one) awaiting linking."""

    article_id: str
    key: str
    name: str
    parts: NameParts
    forms: list[str]
    mentions: list[Span]
    roles: list[Role] = field(default_factory=list)
    evidence: list[MergeEvidence] = field(default_factory=list)
    pinned: bool = False
    """Split by the analyst: only merges with units of the same name."""
    titles: set[str] = field(default_factory=set)
    ambiguous: list[Span] = field(default_factory=list)
    """Surname mentions shared with a namesake of the article (kept, never counted)."""
    vouched: bool = False
    """A cue only a person has (title, reporting verb, apposition, byline) found it, not the
    entity model alone."""

    def __post_init__(self) -> None:
        for role in self.roles:
            self.titles.update(w for w in role.title.lower().split() if w not in _ROLE_STOP)


_Signature = tuple[tuple[str, ...], bool, str | None]
"""What the namesake check looks at in a unit: given names, pinned, and the name if pinned."""


class _Clusters:
    def __init__(self, units: list[_Unit], memo: _NameMemo) -> None:
        self.units = units
        self.memo = memo
        self.parent = list(range(len(units)))
        self.groups: dict[int, list[int]] = {i: [i] for i in range(len(units))}
        self.evidence: dict[int, list[MergeEvidence]] = {}
        # Per cluster root: the distinct signatures and the union of the members' titles,
        # kept up to date on union so that no check walks every member of a large cluster.
        self.signatures: dict[int, set[_Signature]] = {
            i: {_signature(u, memo)} for i, u in enumerate(units)
        }
        self.titles: dict[int, set[str]] = {i: set(u.titles) for i, u in enumerate(units)}
        self.full: dict[int, bool] = {i: _is_full(u) for i, u in enumerate(units)}
        self.full_merges = 0
        """How many unions joined two clusters that both hold a full-name unit."""

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, i: int) -> list[int]:
        """The units of ``i``'s cluster, in index order."""
        members = self.groups[self.find(i)]
        members.sort()  # kept unsorted on union; sorting a sorted list is linear
        return members

    def size(self, i: int) -> int:
        return len(self.groups[self.find(i)])

    def cluster_titles(self, i: int) -> set[str]:
        """Every title of every unit in ``i``'s cluster."""
        return self.titles[self.find(i)]

    def compatible(self, a: int, b: int) -> bool:
        """No two units across the clusters are namesakes (different given names).

        Compared once per distinct signature pair: the check depends on nothing else."""
        given_compatible = self.memo.given_compatible
        for si in self.signatures[self.find(a)]:
            for sj in self.signatures[self.find(b)]:
                if si[0] and sj[0]:
                    ok, _ = given_compatible(si[0], sj[0])
                    if not ok:
                        return False
                if si[1] != sj[1] or (si[1] and si[2] != sj[2]):
                    return False
        return True

    def union(self, a: int, b: int, evidence: MergeEvidence, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if not force and not self.compatible(a, b):
            return False
        lo, hi = min(ra, rb), max(ra, rb)
        self.parent[hi] = lo
        self.groups[lo] = _larger_extended(self.groups[lo], self.groups.pop(hi))
        self.signatures[lo] = _larger_updated(self.signatures[lo], self.signatures.pop(hi))
        self.titles[lo] = _larger_updated(self.titles[lo], self.titles.pop(hi))
        full_hi = self.full.pop(hi)
        if self.full[lo] and full_hi:
            self.full_merges += 1
        self.full[lo] = self.full[lo] or full_hi
        self.evidence.setdefault(lo, []).extend(self.evidence.pop(hi, []))
        self.evidence[lo].append(evidence)
        return True


def _is_full(u: _Unit) -> bool:
    """A unit with a first name that is not an initial ("John Doe", not "J. Doe")."""
    return bool(u.parts.given) and len(u.parts.given[0]) != 1


def _signature(u: _Unit, memo: _NameMemo) -> _Signature:
    return (u.parts.given, u.pinned, memo.fold(u.name) if u.pinned else None)


def _larger_extended(a: list[int], b: list[int]) -> list[int]:
    """``a`` and ``b`` in one list (unordered): the larger one extended, in place."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    large.extend(small)
    return large


_T = TypeVar("_T")


def _larger_updated(a: set[_T], b: set[_T]) -> set[_T]:
    """The union of ``a`` and ``b``: the larger one updated, in place."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    large.update(small)
    return large


def _units(
    results: Mapping[str, PeopleResult], corrections: Corrections | None, memo: _NameMemo
) -> list[_Unit]:
    units: list[_Unit] = []
    for article_id, result in results.items():
        kept: list[LocalPerson] = []
        for local in result.persons:
            if corrections is not None and corrections.rejects(local.name):
                continue
            mentions = [
                m for m in local.mentions if corrections is None or not corrections.rejects(m.text)
            ]
            if not mentions:
                continue
            local.mentions = mentions
            kept.append(local)
            forms = local.forms or [local.name]
            roles = list(local.roles)
            split_units: list[_Unit] = []
            if corrections is not None and not corrections.splits(local.name):
                for form in [f for f in forms if corrections.splits(f)]:
                    moved = [m for m in mentions if _is_form(m.text, form, memo)]
                    mentions = [m for m in mentions if m not in moved]
                    forms = [f for f in forms if f != form]
                    # a title right before a moved mention ("Minister Costa") goes with it
                    titled = [r for r in roles if any(0 <= m.start - r.end <= 1 for m in moved)]
                    roles = [r for r in roles if r not in titled]
                    if moved:
                        split_units.append(
                            _Unit(
                                article_id,
                                local.key,
                                form,
                                memo.split_name(form),
                                [form],
                                moved,
                                titled,
                                pinned=True,
                            )
                        )
            units.append(
                _Unit(
                    article_id,
                    local.key,
                    local.name,
                    memo.split_name(local.name),
                    list(forms),
                    list(mentions),
                    roles,
                    list(local.evidence),
                    pinned=corrections is not None and corrections.splits(local.name),
                    ambiguous=[
                        m
                        for m in local.ambiguous
                        if corrections is None or not corrections.rejects(m.text)
                    ],
                    vouched=bool(NEWS_CUES.intersection(local.cues)),
                )
            )
            units.extend(split_units)
        if corrections is not None:
            result.persons = kept
            known = {p.key for p in kept}
            for quote in result.quotes:
                if quote.person_key is not None and quote.person_key not in known:
                    quote.person_key = None
    return units


_TITLE_PREFIXES = frozenset(
    word
    for name in ("honorifics", "titles", "title_modifiers", "portfolios")
    for entry in lexicon(name)
    for word in entry.split()
    if word not in {"of", "the", "and", "for", "in", "to"}
)


def _is_form(mention: str, form: str, memo: _NameMemo) -> bool:
    """The mention is ``form``, possibly after honorifics or titles ("Minister Costa")."""
    words, want = memo.fold(mention).split(), memo.fold(form).split()
    if len(words) < len(want) or words[len(words) - len(want) :] != want:
        return False
    return all(w in _TITLE_PREFIXES for w in words[: len(words) - len(want)])


def _articles(u: _Unit, v: _Unit) -> str:
    if u.article_id == v.article_id:
        return f"in article {u.article_id}"
    return f"articles {u.article_id} and {v.article_id}"


def _pair_rule(u: _Unit, v: _Unit, memo: _NameMemo) -> str | None:
    """The rule that makes two full-name units one person, or None (strong rules only)."""
    if memo.fold(u.name) == memo.fold(v.name):
        return "same-name" if u.name == v.name else "case-accent-fold"
    if not u.parts.given or not v.parts.given:
        return None
    rel = memo.surname_relation(u.parts.surname, v.parts.surname)
    if rel is None:
        return _double_surname(u, v)
    ok, given_rule = memo.given_compatible(u.parts.given, v.parts.given)
    if not ok:
        return None
    roles_agree = bool(u.titles & v.titles) or not u.titles or not v.titles
    if rel == "same" or rel == "particle":
        if given_rule == "same-given":
            return "same-name"
        if given_rule == "middle-name" or (
            given_rule in {"transliteration", "nickname"} and roles_agree
        ):
            return given_rule
        return None  # initials need the uniqueness check
    if rel == "transliteration":
        if given_rule == "same-given" or (given_rule == "transliteration" and roles_agree):
            return "transliteration"
        return None
    if rel == "compound" and given_rule == "same-given" and u.titles & v.titles:
        return "compound-surname"
    return None


def _double_surname(u: _Unit, v: _Unit) -> str | None:
    """Spanish/Portuguese double surnames: "Carlos Pérez Rodríguez" / "Carlos Pérez",
    same first name, the shorter form a prefix of the longer, and a shared role."""
    a = [*u.parts.given, *u.parts.surname]
    b = [*v.parts.given, *v.parts.surname]
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 2 or len(long_) != len(short) + 1 or long_[: len(short)] != short:
        return None
    if len(short[-1]) < 2 or not u.titles & v.titles:
        return None
    return "double-surname"


def link_people(
    results: Mapping[str, PeopleResult],
    corrections: Corrections | None = None,
) -> tuple[list[Person], list[Quote], PersonIndex]:
    """One :class:`Person` per real person across articles, plus quotes and the key index.

    Rejected names (corrections) are removed from their :class:`PeopleResult` in place, so
    that later stages never see them; every remaining local key is in the index.
    """
    memo = _NameMemo()
    units = _units(results, corrections, memo)
    clusters = _cluster(units, corrections, memo)
    return _build(results, units, _groups(clusters), corrections, memo)


def _cluster(units: list[_Unit], corrections: Corrections | None, memo: _NameMemo) -> _Clusters:
    """The merges among ``units`` (in corpus order): every rule, then the analyst's merges.

    Units that share no key (:func:`unit_keys`) never touch one another, so clustering a
    closed part of them gives that part exactly what clustering all of them gives it
    (:mod:`tui.link.incremental` relies on it)."""
    clusters = _Clusters(units, memo)
    by_surname: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        if u.parts.surname:
            by_surname.setdefault(memo.translit_key(u.parts.last.split("-")[0]), []).append(i)

    # within an article a local key is already one person
    first_unit: dict[tuple[str, str], int] = {}
    for i, u in enumerate(units):
        k = (u.article_id, u.key)
        if k in first_unit and not u.pinned:
            clusters.union(first_unit[k], i, MergeEvidence(rule="same-local", names=[u.name]))
        first_unit.setdefault(k, i)

    # strong rules; units with one exact name are compared once through a representative
    for bucket in by_surname.values():
        reps: dict[tuple[str, bool], int] = {}
        for i in bucket:
            rep = reps.setdefault((units[i].name, units[i].pinned), i)
            if rep != i and not units[i].pinned:
                clusters.union(
                    rep,
                    i,
                    MergeEvidence(
                        rule="same-name",
                        names=[units[rep].name, units[i].name],
                        detail=_articles(units[rep], units[i]),
                    ),
                )
        distinct = list(reps.values())
        for x, i in enumerate(distinct):
            for j in distinct[x + 1 :]:
                rule = _pair_rule(units[i], units[j], memo)
                if rule is not None:
                    clusters.union(
                        i,
                        j,
                        MergeEvidence(
                            rule=rule,
                            names=[units[i].name, units[j].name],
                            detail=_articles(units[i], units[j]),
                        ),
                    )

    # double surnames live in different surname buckets: look the shorter form up directly
    by_words: dict[tuple[str, ...], list[int]] = {}
    for i, u in enumerate(units):
        if u.parts.given:
            by_words.setdefault((*u.parts.given, *u.parts.surname), []).append(i)
    for i, u in enumerate(units):
        words = (*u.parts.given, *u.parts.surname)
        if len(words) < 3:
            continue
        for j in by_words.get(words[:-1], []):
            if _double_surname(u, units[j]) is not None:
                clusters.union(
                    j,
                    i,
                    MergeEvidence(
                        rule="double-surname",
                        names=[units[j].name, u.name],
                        detail=_articles(units[j], u) + "; shared role",
                    ),
                )

    # initials: "J. Doe" joins the one "J… Doe" cluster. Which full-name units an initial
    # form fits depends on the names only (found once per form and surname bucket); how many
    # clusters they form changes only when two clusters with full-name units merge.
    for bucket in by_surname.values():
        fitting: dict[NameParts, tuple[list[int], int, int | None]] = {}
        for i in bucket:
            u = units[i]
            if not u.parts.given or len(u.parts.given[0]) != 1:
                continue
            if u.parts not in fitting:
                fits = [
                    j
                    for j in bucket
                    if _is_full(units[j])
                    and memo.surname_relation(u.parts.surname, units[j].parts.surname)
                    in {"same", "particle"}
                    and memo.given_compatible(u.parts.given, units[j].parts.given)[0]
                ]
                fitting[u.parts] = (fits, -1, None)
            fits, version, one = fitting[u.parts]
            if version != clusters.full_merges:
                roots = {clusters.find(j) for j in fits}
                one = fits[0] if len(roots) == 1 else None
                fitting[u.parts] = (fits, clusters.full_merges, one)
            if one is not None:
                target = clusters.find(one)
                clusters.union(
                    i,
                    target,
                    MergeEvidence(
                        rule="initial",
                        names=[u.name, units[target].name],
                        detail=_articles(u, units[target]) + "; the only person the initial fits",
                    ),
                )

    # surname-only people ("Okafor" in every article that names her): a cluster with no full
    # name, found by a cue only a person has, joins the one full-name person of the corpus
    # with that surname, unless both have roles and none agree. Namesakes (two full names
    # with the surname: a father and son, a couple) leave it alone. Only full-name-less
    # clusters join here, so which clusters are the full-name candidates of a surname stays
    # the same: found once per surname.
    candidate: dict[str, int | None] = {}
    seen_roots: set[int] = set()
    given_names = lexicon("given_names_female") | lexicon("given_names_male")
    for i, u in enumerate(units):
        root = clusters.find(i)
        if u.parts.given or root in seen_roots or clusters.full[root]:
            continue
        seen_roots.add(root)
        if not any(units[m].vouched for m in clusters.members(root)):
            continue  # the model alone found it ("Wade" of "Roe v. Wade"): too weak to join
        if memo.fold(u.parts.last) in given_names:
            continue  # "Gary", "Tom": a given name alone, not a surname
        key = u.parts.last
        if key not in candidate:
            bucket = by_surname.get(memo.translit_key(key.split("-")[0]), [])
            roots = {
                clusters.find(j)
                for j in bucket
                if units[j].parts.given and key in units[j].parts.surname_keys()
            }
            candidate[key] = roots.pop() if len(roots) == 1 else None
        one = candidate[key]
        if one is None:
            continue
        target = clusters.find(one)
        own, theirs = clusters.cluster_titles(root), clusters.cluster_titles(target)
        shared = own & theirs
        if own and theirs and not shared:
            continue  # both say what they are, and it differs
        if shared:
            rule, why = "surname+role", "shared role: " + ", ".join(sorted(shared))
        else:
            rule, why = "surname-unique", f"the only person named {key} in the corpus"
        clusters.union(
            i,
            target,
            MergeEvidence(
                rule=rule,
                names=[u.name, units[target].name],
                detail=f"{_articles(u, units[target])}; {why}",
            ),
        )

    # the analyst's merges
    if corrections is not None:
        for merge in corrections.merge:
            keys = {memo.fold(n) for n in merge.names}
            hits = [
                i
                for i, u in enumerate(units)
                if memo.fold(u.name) in keys or any(memo.fold(f) in keys for f in u.forms)
            ]
            for j in hits[1:]:
                clusters.union(
                    hits[0],
                    j,
                    MergeEvidence(
                        rule="correction",
                        names=list(merge.names),
                        detail=f"merged by the analyst in {corrections.source or 'corrections'}",
                    ),
                    force=True,
                )

    return clusters


Group = tuple[list[int], list[MergeEvidence]]
"""One cluster: its units' indices (ascending) and the evidence of the merges that made it."""


def _groups(clusters: _Clusters) -> list[Group]:
    """The clusters in order of their first unit."""
    roots: list[int] = []
    seen: set[int] = set()
    for i in range(len(clusters.units)):
        r = clusters.find(i)
        if r not in seen:
            seen.add(r)
            roots.append(r)
    return [(clusters.members(r), clusters.evidence.get(r, [])) for r in roots]


def _build(
    results: Mapping[str, PeopleResult],
    units: list[_Unit],
    groups: list[Group],
    corrections: Corrections | None,
    memo: _NameMemo,
) -> tuple[list[Person], list[Quote], PersonIndex]:
    display = _display(corrections, memo)
    people: list[Person] = []
    index: PersonIndex = {}
    for n, (members, merges) in enumerate(groups, start=1):
        person = _person(f"per-{n}", [units[m] for m in members], merges, display, memo)
        for m in members:
            index.setdefault((units[m].article_id, units[m].key), person.id)
        people.append(person)
    return people, quotes_of(results, index), index


def _display(corrections: Corrections | None, memo: _NameMemo) -> dict[str, str]:
    """The names the analyst gave merged people, by folded alias."""
    display: dict[str, str] = {}
    if corrections is not None:
        for merge in corrections.merge:
            if merge.name:
                for alias in merge.names:
                    display[memo.fold(alias)] = merge.name
    return display


def _display_rank(
    fullness: tuple[int, int, int, int], articles: int, first_at: int
) -> tuple[int, ...]:
    """How a person's shown name is chosen among the names its articles give in full.

    The fullest name (more words that are not initials, then accents kept), and among
    equally full ones the name more articles use, then the longer, then the earliest: a
    form printed once with a middle initial ("J. Robert Doe") or a stray middle name does
    not displace the name the other articles use ("John Doe").
    """
    cased, words, accents, length = fullness
    return (cased, words, accents, articles, length, -first_at)


def _person(
    pid: str,
    members: list[_Unit],
    merges: list[MergeEvidence],
    display: dict[str, str],
    memo: _NameMemo,
) -> Person:
    """The person record of one cluster (its units in corpus order)."""
    first_at: dict[str, int] = {}
    named = Counter(u.name for u in members)
    for at, u in enumerate(members):
        first_at.setdefault(u.name, at)
    name = max(first_at, key=lambda s: _display_rank(memo.fullness(s), named[s], first_at[s]))
    if display:
        for u in members:
            for f in [u.name, *u.forms]:
                if memo.fold(f) in display:
                    name = display[memo.fold(f)]
    aliases: list[str] = []
    seen_aliases: set[str] = set()
    mentions: list[Span] = []
    ambiguous: list[Span] = []
    roles: list[Role] = []
    evidence: list[MergeEvidence] = []
    for u in members:
        ambiguous.extend(u.ambiguous)
        for form in [u.name, *u.forms, *(s.text for s in u.mentions)]:
            if form != name and form not in seen_aliases:
                seen_aliases.add(form)
                aliases.append(form)
        mentions.extend(u.mentions)
        roles.extend(u.roles)
        evidence.extend(u.evidence)
    evidence.extend(merges)
    seen_evidence: set[tuple[str, tuple[str, ...]]] = set()
    unique: list[MergeEvidence] = []
    for ev in evidence:
        ev_key = (ev.rule, tuple(ev.names))
        if ev_key not in seen_evidence:
            seen_evidence.add(ev_key)
            unique.append(ev)
    return Person(
        id=pid,
        name=name,
        aliases=aliases,
        roles=roles,
        mentions=mentions,
        evidence=unique,
        ambiguous=ambiguous,
    )


def quotes_of(results: Mapping[str, PeopleResult], index: PersonIndex) -> list[Quote]:
    """Every article's quotes, numbered in order, with the person each is attributed to."""
    quotes: list[Quote] = []
    for article_id, result in results.items():
        for q in result.quotes:
            # ``Quote(...)`` of these fields, without validating again the extraction's
            # validated ones (:mod:`tui.link.unvalidated`)
            fields = {
                "start": q.start,
                "end": q.end,
                "article_id": q.article_id,
                "text": q.text,
                "id": f"quo-{len(quotes) + 1}",
                "person_id": index.get((article_id, q.person_key or "")),
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_kind": q.speaker_kind,
                "cue": q.cue_span,
                "quoted": list(q.quoted),
            }
            quotes.append(record(Quote, fields, set(_QUOTE_GIVEN)))
    return quotes


_QUOTE_GIVEN = (
    "start", "end", "article_id", "text", "id", "person_id", "kind", "speaker", "speaker_kind",
    "cue", "quoted",
)  # fmt: skip
"""The names :func:`quotes_of` gives each statement."""
