"""Which figures measure the same thing: group keys, compatible measures, the groups of one
key indexed by story, and a measureless headline figure joining the group of its value."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tui.link.comparisons.judge import ROUNDING
from tui.link.comparisons.measures import (
    POPULATIONS,
    MeasureMemo,
    predicate_key,
    same_subject,
    shared_owner_words,
    subject_words,
    unit_key,
    unit_modifiers,
)
from tui.link.comparisons.story import (
    is_condition,
    is_projection,
    is_share_of_stated_total,
    sentence_ends,
    sentence_names,
    story_words,
    title_subject,
)
from tui.records.models import Article, Figure


def group_key(
    fig: Figure, projection: bool = False, measures: MeasureMemo | None = None
) -> tuple[str, ...] | None:
    """What must be equal for two figures to measure the same thing; None: not comparable.

    Counts: the counted noun's head (its modifiers are matched separately, see
    :func:`same_counted`). Other kinds: kind, currency or unit,
    and a measure (whose words are matched separately, see :func:`compatible_measures`).
    Changes never group with levels, nor projections ("expected to reach") with reported
    values; a multiple ("three times as much") is never grouped, nor (in
    :func:`group_figures`) a threshold, requirement or hypothetical
    (:func:`.story.is_condition`).
    ``measures`` is the run's memo (a fresh one when not given).
    """
    if measures is None:
        measures = MeasureMemo()
    if fig.kind in ("ordinal", "age") or (fig.value is None and fig.low is None):
        return None  # an age is a person's, not a reported quantity to set against another
    if fig.kind == "other" and fig.unit == "times":
        return None  # "three times as much": a ratio of two amounts the sentence half-says
    if not fig.subject:
        return None  # no catch-all groups: whose number it is must be known
    if fig.restates is not None and fig.per is None:
        return None  # "…, or 80%": the figure before it, stated again
    if _SIZE_ADJECTIVE.match(fig.text):
        return None  # "an 87-store chain": the size of what it modifies, not a count
    direction = "change" if fig.change else "level"
    mood = "projection" if projection else "reported"
    per = fig.per or ""
    if fig.kind == "count" and unit_key(fig.unit) is not None:
        head = unit_key(fig.unit)
        if head in _SUBUNITS and not fig.per:
            return None  # "up 12.5 cents": a price move, not a count
        if head in _OCCASIONS and not fig.predicate:
            return None  # "three times": how often what happened, when the verb is not found
        return ("count", head or "", predicate_key(fig.predicate) or "", per, direction, mood)
    if fig.kind == "money" and unit_key(fig.unit) in _SUBUNITS and not fig.per:
        return None  # "shares rose 12 cents": a price move (counted cents read as money)
    if _unit_rate(fig):
        # "averaged 31 points per game": measured by its unit, denominator and verb, as a
        # count is by its noun and verb
        verb = predicate_key(fig.predicate) or ""
        return ("rate", unit_key(fig.unit) or "", verb, per, direction, mood)
    if measures.key(fig.measure) is None:
        return None
    if fig.kind == "percent" and measures.head(fig.measure) in POPULATIONS:
        # "28 percent of voters said …" and "59 percent of voters view her unfavorably":
        # shares of one population measure what its verb says they do
        verb = predicate_key(fig.predicate) or ""
        return (fig.kind, fig.unit or "", per, direction, mood, verb)
    return (fig.kind, fig.currency or fig.unit or "", per, direction, mood)


#: "87-store", "10-member", "a 700-room hotel": a number made an adjective by a hyphen.
_SIZE_ADJECTIVE = re.compile(r"^\d[\d,.]*-[A-Za-z]+$")
#: Counted "cents" and "pence" are money; without a denominator ("a share") they are a move
#: in a price, whose subject and day the sentence rarely says.
_SUBUNITS = frozenset(["cent", "penny", "pence"])


#: Counts of occasions: compared only by what happened that often (their verb).
_OCCASIONS = frozenset(["time", "occasion", "instance"])


#: A score or a result: "drew 2-2", "won 31-24".
_SCORE = re.compile(r"^\d{1,3}-\d{1,3}\b")
#: The capitalized word a designator's number follows ("Nikkei 225 index", "Local 400 members").
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<![.!?])\b[A-Z][A-Za-z]+\s$")


def designator(text: str, fig: Figure) -> bool:
    """Whether ``fig`` is a name's number, not a quantity: a model or index number read with
    the noun after it ("the Nikkei 225 index", "Route 9 buses"), a score ("2-2 draw")."""
    if not fig.text[:1].isdigit():
        return False
    if _SCORE.match(fig.text):
        return True
    before = text[max(0, fig.start - 24) : fig.start]
    return _NAME_BEFORE.search(before) is not None and fig.kind in ("count", "other")


def same_counted(a: Figure, b: Figure) -> bool:
    """Whether two counts (same :func:`group_key`) count the same thing: the counted noun's
    modifiers are equal ("first-place votes" are not "votes", "member countries" not
    "countries"); within one article a shorter name refers back to a longer one ("18 joint
    commissions … the 18 commissions"), so there one set of modifiers may hold the other."""
    if a.kind != "count" or measured(a):
        return True
    mine, theirs = unit_modifiers(a.unit), unit_modifiers(b.unit)
    if a.article_id == b.article_id:
        return mine <= theirs or theirs <= mine
    return mine == theirs


def same_context(a: Figure, names_a: frozenset[str], b: Figure, names_b: frozenset[str]) -> bool:
    """:func:`same_context_of` the two figures' subjects."""
    return same_context_of(a.subject, names_a, b.subject, names_b)


def same_context_of(
    subject_a: str | None,
    names_a: frozenset[str],
    subject_b: str | None,
    names_b: frozenset[str],
    owner: Callable[[str | None, str | None], frozenset[str]] = shared_owner_words,
) -> bool:
    """Whether two figures of one subject are set in one context: the names of their
    sentences (``names_a``, ``names_b``, :func:`.story.sentence_names`) beyond the subject's
    shared name meet, or one sentence names nothing else. "86 percent of black voters in a
    recent Gallup survey" (Clinton) and "in the 2008 South Carolina primary … about 60
    percent of black voters" (Clinton) are two contexts; "the quake in Tarvia killed 14
    people, the Tarvian ministry said" and "… 22 people, the Tarvian ministry said" one."""
    own = owner(subject_a, subject_b)
    rest_a, rest_b = names_a - own, names_b - own
    return rest_a <= rest_b or rest_b <= rest_a


def _unit_rate(fig: Figure) -> bool:
    """A rate of a unit whose sentence names no measure: "31 points per game"."""
    return fig.kind == "other" and bool(fig.unit) and bool(fig.per) and not fig.measure


def measured(fig: Figure) -> bool:
    """Whether ``fig`` is compared by its measure (money, percentages, other measures, and
    counts without a counted noun: "Arden's population was 412,000"), not its counted noun
    (or, for a rate of a unit, its unit)."""
    if _unit_rate(fig):
        return False
    return fig.kind != "count" or unit_key(fig.unit) is None


def compatible_measures(a: Figure, b: Figure, measures: MeasureMemo | None = None) -> bool:
    """Whether ``a`` and ``b`` (same :func:`group_key`) measure the same thing.

    Counts: always (the counted noun decided). Other kinds: the measured noun
    (:func:`.measures.measure_head`) must be the same, and the measures' common words and
    their names (capitalized words) must each be contained one in the other — outlets phrase
    one measure differently ("bilateral trade", "trade between China and Kazakhstan"). Within
    one article the words must be equal, unless the two figures are for different periods:
    an article naming two values for one period under different wordings ("exports",
    "import and export value") is naming two measures. ``measures`` is the run's memo (a
    fresh one when not given).
    """
    if not measured(a):
        return True
    if measures is None:
        measures = MeasureMemo()
    nested = measures.nest(a.measure, b.measure)
    if a.article_id == b.article_id and measures.split(a.measure) != measures.split(b.measure):
        return nested and a.period is not None and b.period is not None and a.period != b.period
    return nested


def _repeatable(fig: Figure) -> bool:
    """A money/percent/measure figure whose sentence names no measure (a headline, a recap)."""
    return (
        fig.kind in ("money", "percent", "other")
        and fig.value is not None
        and not fig.measure
        and bool(fig.subject)
        and fig.restates is None
        and fig.unit != "times"  # "three times as much": a multiple, never compared
    )


def _same_figure(a: Figure, b: Figure) -> bool:
    return (
        a.article_id == b.article_id
        and a.kind == b.kind
        and a.currency == b.currency
        and a.unit == b.unit
        and a.value is not None
        and b.value is not None
        and abs(float(a.value) - float(b.value)) <= ROUNDING * abs(float(b.value))
        and a.per == b.per
        and same_subject(a.subject, b.subject)
    )


def _place_repeats(
    orphans: list[Figure],
    groups: list[list[Figure]],
    where: Callable[[Figure], tuple[int, frozenset[str] | None]] | None = None,
    stake: Callable[[Figure], str | None] | None = None,
) -> None:
    """Within one article, a figure without a measure that repeats a value exactly (headline
    and body, lead and recap) joins the group of that value, or pairs with its twin.

    ``stake`` gives the name a share is of, when the figure's own words say so ("owns about
    31% of Arlo Corp": a stake in Arlo Corp, :func:`share_of`): such a share is a twin only of a
    share of the same name, never of that name's own share of something else ("Arlo Corp
    holds about 31% of the market"; session 9).

    ``where`` gives a figure's sentence (an index) and the names of that sentence
    (:func:`.story.sentence_names`; None in the headline, whose capitals name nothing): a
    repeat is in another sentence (one sentence does not restate its own number: "a 50%
    interest … half of its debt") and, in the body, in the same context
    (:func:`same_context`: "leads Ruiz 49 percent to 41 percent" and "leads Bell 49
    percent to 39 percent" are two match-ups that happen to share a number)."""

    def repeats(fig: Figure, mate: Figure) -> bool:
        if not _same_figure(fig, mate):
            return False
        if stake is not None and stake(fig) != stake(mate):
            return False
        if where is None:
            return True
        (mine, names), (theirs, their_names) = where(fig), where(mate)
        if mine == theirs:
            return False
        return names is None or their_names is None or same_context(fig, names, mate, their_names)

    if not orphans:
        return
    wanted = {f.article_id for f in orphans}
    index: dict[str, list[tuple[Figure, list[Figure]]]] = {}
    for group in groups:
        for member in group:
            if member.article_id in wanted:
                index.setdefault(member.article_id, []).append((member, group))
    for fig in orphans:
        mates = index.setdefault(fig.article_id, [])
        home = next((g for m, g in mates if repeats(fig, m)), None)
        if home is None:
            home = [fig]
            groups.append(home)
        else:
            home.append(fig)
        mates.append((fig, home))


class _Group:
    """Figures judged to measure one thing, with what joining them requires at hand."""

    def __init__(self, measures: MeasureMemo) -> None:
        self.measures_memo = measures
        self.members: list[Figure] = []
        self.names: set[str] = set()  # the story: names of its articles
        self.measures: set[str | None] = set()
        self.subjects: set[str | None] = set()  # distinct owners: a group repeats few
        self.subject_order: list[str | None] = []  # the same, in the order they joined
        # how many of ``subject_order`` each subject tried here is the same as (-1: one is
        # not): subjects only join, so an answer is extended, never recomputed; most
        # figures a big group is offered fail here, often many times over
        self.subject_fit: dict[str | None, int] = {}
        self.wordings: dict[frozenset[str] | None, int] = {}
        self.by_article: dict[str, list[Figure]] = {}
        # each distinct (subject, sentence names) once, with the articles that set a member
        # in it, and each distinct set of counted-noun modifiers with its members' articles:
        # a story reprinted or retold in many articles repeats both, so joining a big group
        # costs what its distinct contexts cost, not one check per member
        # The articles of a context are a bit mask over the group's articles (``bit``: the
        # group's articles, each with its bit, in the order they joined): a big group's
        # context scan ORs and tests masks instead of copying sets of thousands of article
        # ids per figure offered.
        self.contexts: dict[tuple[str | None, frozenset[str]], int] = {}
        self.modifiers: dict[frozenset[str], set[str]] = {}
        self.bit: dict[str, int] = {}
        self.position = 0  # among the groups of its key

    def fits(
        self,
        fig: Figure,
        names: frozenset[str],
        context: frozenset[str],
        by_measure: bool | None = None,
    ) -> bool:
        """Same story (shares a name with the group's articles), same subject in the same
        context, the same thing counted and compatible measures. ``by_measure``:
        :func:`measured` of ``fig``, when the caller offering it many groups knows it."""
        if by_measure is None:
            by_measure = measured(fig)
        if fig.article_id not in self.bit and not names & self.names:
            return False
        memo = self.measures_memo
        if not self._same_subject(fig.subject):
            return False
        mates = self.by_article.get(fig.article_id, [])
        if not self._counts_the_same(fig, mates, by_measure):
            return False
        # in the context of at least one figure of each other article ("3 million phones"
        # joins a report of 3 million phones that also gives "1 million in Ostland alone")
        # ``placed`` holds the figure's own article from the start, so "every other article
        # placed" is "every article placed", and the scan stops as soon as it is
        every = (1 << len(self.bit)) - 1
        own = self.bit.get(fig.article_id, 1 << len(self.bit))
        placed, wanted = own, every | own
        for (subject, theirs), articles in self.contexts.items():
            if articles & ~placed and same_context_of(
                fig.subject, context, subject, theirs, memo.shared_owner_words
            ):
                placed |= articles
                if placed == wanted:
                    break
        if placed != wanted:
            return False
        if by_measure and not all(memo.nest(fig.measure, m) for m in self.measures):
            return False
        return all(compatible_measures(fig, m, memo) for m in mates)

    def _same_subject(self, subject: str | None) -> bool:
        """``all(same_subject(subject, s) for s in self.subjects)``, remembered per subject."""
        done = self.subject_fit.get(subject, 0)
        if done < 0:
            return False
        order = self.subject_order
        if done < len(order):
            same = self.measures_memo.same_subject
            if not all(same(subject, s) for s in order[done:]):
                self.subject_fit[subject] = -1
                return False
            self.subject_fit[subject] = len(order)
        return True

    def _counts_the_same(self, fig: Figure, mates: list[Figure], by_measure: bool) -> bool:
        """``all(same_counted(fig, m) for m in self.members)``, by distinct modifiers: the
        members of other articles must count with ``fig``'s modifiers exactly, those of its
        own article may name the thing shorter or longer."""
        if fig.kind != "count" or by_measure:
            return True
        mine = unit_modifiers(fig.unit)
        own = fig.article_id
        for modifiers, articles in self.modifiers.items():
            # ``articles - {own}`` is not empty, without making it
            if modifiers != mine and (len(articles) > 1 or own not in articles):
                return False
        return all(same_counted(fig, m) for m in mates)

    def add(self, fig: Figure, names: frozenset[str], context: frozenset[str]) -> None:
        self.members.append(fig)
        bit = self.bit.setdefault(fig.article_id, 1 << len(self.bit))
        where = (fig.subject, context)
        self.contexts[where] = self.contexts.get(where, 0) | bit
        self.modifiers.setdefault(unit_modifiers(fig.unit), set()).add(fig.article_id)
        self.names |= names
        self.measures.add(fig.measure)
        if fig.subject not in self.subjects:
            self.subjects.add(fig.subject)
            self.subject_order.append(fig.subject)
        wording = self.measures_memo.key(fig.measure)
        self.wordings[wording] = self.wordings.get(wording, 0) + 1
        self.by_article.setdefault(fig.article_id, []).append(fig)


class _KeyGroups:
    """The groups of one group key, indexed by their story names and articles.

    A figure can only join a group of its own article or one sharing a name with it, so with
    many groups (many stories reporting the same kind of figure) only those are checked.
    """

    SCAN = 16  # up to this many groups, checking each is cheaper than the index

    def __init__(self, measures: MeasureMemo) -> None:
        self.measures = measures
        self.groups: list[_Group] = []
        self.by_name: dict[str, list[int]] = {}
        self.by_article: dict[str, list[int]] = {}
        self.unlike: dict[str | None, set[int]] = {}
        """Per subject, the groups with a subject it is not the same as (:meth:`_Group.fits`):
        subjects only join a group, so those groups are never offered that subject again."""

    def candidates(
        self, fig: Figure, names: frozenset[str], context: frozenset[str]
    ) -> list[_Group]:
        """``[g for g in self.groups if g.fits(fig, names, context)]``, in the same order."""
        by_measure = measured(fig)
        if len(self.groups) <= self.SCAN:
            return [g for g in self.groups if g.fits(fig, names, context, by_measure)]
        found = set(self.by_article.get(fig.article_id, ()))
        for name in names:
            found.update(self.by_name.get(name, ()))
        unlike = self.unlike.get(fig.subject)
        if unlike:
            found -= unlike
        out: list[_Group] = []
        for i in sorted(found):
            group = self.groups[i]
            if group.fits(fig, names, context, by_measure):
                out.append(group)
            elif group.subject_fit.get(fig.subject) == -1:
                self.unlike.setdefault(fig.subject, set()).add(i)
        return out

    def new_group(self) -> _Group:
        group = _Group(self.measures)
        group.position = len(self.groups)
        self.groups.append(group)
        return group

    def add(
        self, group: _Group, fig: Figure, names: frozenset[str], context: frozenset[str]
    ) -> None:
        if fig.article_id not in group.bit:
            self.by_article.setdefault(fig.article_id, []).append(group.position)
        for name in names - group.names:
            self.by_name.setdefault(name, []).append(group.position)
        group.add(fig, names, context)


@dataclass(frozen=True)
class Keyed:
    """A figure ready to be grouped: its :func:`group_key` (None: a figure without a measure
    that may repeat another of its article, :func:`_place_repeats`), the figure (its subject
    taken from the headline when its sentence names none), its place (figures are grouped in
    article order, then by place), the story gate's names and its sentence's names."""

    key: tuple[str, ...] | None
    figure: Figure
    place: int
    names: frozenset[str]
    context: frozenset[str]


def keyed_figures(
    article: Article | None, figures: Iterable[tuple[int, Figure]], measures: MeasureMemo
) -> list[Keyed]:
    """One article's figures (with their places, in order) that grouping considers: each
    with its key and what joining a group asks of it. Depends on the article alone."""
    out: list[Keyed] = []
    story = story_words(article) if article is not None else frozenset()
    ends: list[int] | None = None
    projection: dict[tuple[int, int], bool] = {}  # per sentence: figures share them
    headline: str | None = None
    read = False  # the headline's subject
    if article is not None:
        ends = sentence_ends(article.text)
    for place, fig in figures:
        if article is not None and designator(article.text, fig):
            continue
        if not fig.subject and article is not None:
            if not read:
                headline, read = title_subject(article), True
            if headline is not None:
                fig = fig.model_copy(update={"subject": headline})
        projected = False
        if article is not None and ends is not None:
            span = (bisect_left(ends, fig.start), bisect_left(ends, fig.end))
            if span not in projection:
                projection[span] = is_projection(article, fig, ends)
            projected = projection[span]
        key = group_key(fig, projected, measures)
        if (
            (key is not None or _repeatable(fig))
            and article is not None
            and ends is not None
            and (is_condition(article, fig, ends) or is_share_of_stated_total(article, fig))
        ):
            continue  # "needs 40% to qualify", "73 percent of 223 votes": not compared
        if key is None:
            if _repeatable(fig):
                out.append(Keyed(None, fig, place, frozenset(), frozenset()))
            continue
        # the story gate: an article's names, and the figure's own owner (named at the start
        # of a sentence, which the story's names leave out)
        mine = story | subject_words(fig.subject)
        context = (
            sentence_names(article, fig, ends)
            if article is not None and ends is not None
            else frozenset()
        )
        out.append(Keyed(key, fig, place, mine, context))
    return out


def group_keyed(
    entries: Iterable[Keyed], measures: MeasureMemo
) -> list[tuple[Keyed, list[Figure]]]:
    """One key's entries (in corpus order) in groups, in order of creation, each with the
    entry that opened it. Depends on these entries alone: a figure never joins a group of
    another key."""
    same_key = _KeyGroups(measures)
    out: list[tuple[Keyed, list[Figure]]] = []
    for entry in entries:
        fig = entry.figure
        candidates = same_key.candidates(fig, entry.names, entry.context)
        if candidates:
            wording = measures.key(fig.measure)
            best = max(candidates, key=lambda g: g.wordings.get(wording, 0))
        else:
            best = same_key.new_group()
            out.append((entry, best.members))
        same_key.add(best, fig, entry.names, entry.context)
    return out


def place_repeats(
    groups: list[list[Figure]], orphans: list[Figure], articles: Mapping[str, Article]
) -> None:
    """:func:`_place_repeats` with each figure's sentence read from its article."""
    ends_of: dict[str, list[int]] = {}
    first_break: dict[str, int] = {}

    def where(fig: Figure) -> tuple[int, frozenset[str] | None]:
        article = articles.get(fig.article_id)
        if article is None:
            return -1, None
        if article.id not in ends_of:
            ends_of[article.id] = sentence_ends(article.text)
            found = article.text.find("\n")
            first_break[article.id] = len(article.text) if found < 0 else found
        ends = ends_of[article.id]
        if fig.start < first_break[article.id]:
            return bisect_left(ends, fig.start), None  # the headline
        return bisect_left(ends, fig.start), sentence_names(article, fig, ends)

    def stake(fig: Figure) -> str | None:
        article = articles.get(fig.article_id)
        return None if article is None else share_of(article.text, fig)

    _place_repeats(orphans, groups, where, stake)


#: A share written with what it is a share of, when that is a name: "about 31% of Arlo Corp",
#: "49 percent of Orbis Ltd".
_SHARE_OF = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?((?:[A-Z][\w&'.-]*[ \t]*){1,4})")


def share_of(text: str, fig: Figure) -> str | None:
    """The name a percent figure is a share of, written right after it ("31% of Arlo Corp"),
    or None: a stake in that name. A possessive is not the name shared ("20 percent of
    Tarvia's population" is a share of a population)."""
    if fig.kind != "percent":
        return None
    found = _SHARE_OF.match(text, fig.end)
    if found is None or re.search(r"['’]s?\s*$", found.group(1)):
        return None  # "20 percent of Tarvia's population": a share of a population
    return found.group(1).strip()


KeyFigures = Callable[[Article, list[tuple[int, Figure]], MeasureMemo], list[Keyed]]
""":func:`keyed_figures` of an article, or what stands for it (read back from the store:
:class:`.saved.SavedKeyed`)."""


def group_figures(
    figures: list[Figure],
    articles: list[Article],
    measures: MeasureMemo,
    keyer: KeyFigures | None = None,
) -> list[list[Figure]]:
    """``figures`` in groups that measure the same thing, in article order (then figure
    order); ``measures`` is the run's memo, ``keyer`` keys each article's figures (by
    default :func:`keyed_figures`; the result is the same)."""
    order = {a.id: i for i, a in enumerate(articles)}
    ordered = sorted(
        enumerate(figures), key=lambda p: (order.get(p[1].article_id, len(order)), p[0])
    )
    by_id = {a.id: a for a in articles}
    per_article: dict[str, list[tuple[int, Figure]]] = {}
    for place, fig in ordered:
        per_article.setdefault(fig.article_id, []).append((place, fig))
    entries: list[Keyed] = []
    for aid, figs in per_article.items():
        article = by_id.get(aid)
        if article is not None and keyer is not None:
            entries.extend(keyer(article, figs, measures))
        else:
            entries.extend(keyed_figures(article, figs, measures))

    def rank(entry: Keyed) -> tuple[int, int]:
        return order.get(entry.figure.article_id, len(order)), entry.place

    entries.sort(key=rank)
    by_key: dict[tuple[str, ...], list[Keyed]] = {}
    orphans: list[Figure] = []
    for entry in entries:
        if entry.key is None:
            orphans.append(entry.figure)
        else:
            by_key.setdefault(entry.key, []).append(entry)
    opened = [g for same in by_key.values() for g in group_keyed(same, measures)]
    opened.sort(key=lambda g: rank(g[0]))
    groups = [members for _, members in opened]
    place_repeats(groups, orphans, by_id)
    return groups
