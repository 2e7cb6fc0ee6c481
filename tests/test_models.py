"""The export contract's provenance guarantees."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from tui.records.models import Article, Corpus, Figure, Person, Published, Quote, Range, Span

TEXT = "Ana Costa said exports rose 12% in 2023."


def article() -> Article:
    return Article(id="a", path="a.txt", text=TEXT)


def test_span_of_slices_the_text() -> None:
    span = Span.of("a", TEXT, 0, 9)
    assert span.text == "Ana Costa"


def test_span_rejects_mismatched_length_and_order() -> None:
    with pytest.raises(ValidationError):
        Span(article_id="a", start=0, end=5, text="Ana Costa")
    with pytest.raises(ValidationError):
        Span(article_id="a", start=5, end=2, text="")


def test_corpus_accepts_valid_spans() -> None:
    a = article()
    person = Person(id="per-1", name="Ana Costa", mentions=[a.span(0, 9)])
    figure = Figure(id="fig-a-1", value=12, kind="percent", **a.span(28, 31).model_dump())
    corpus = Corpus(articles=[a], people=[person], figures=[figure])
    assert list(corpus.spans())[1].text == "12%"


def test_corpus_rejects_span_whose_text_differs() -> None:
    a = article()
    wrong = Span(article_id="a", start=0, end=9, text="Ana Coste")
    with pytest.raises(ValidationError, match="does not match"):
        Corpus(articles=[a], people=[Person(id="p", name="x", mentions=[wrong])])


def test_a_statement_carries_its_speaker_and_cue_spans_with_provenance() -> None:
    a = article()
    quote = Quote(
        id="quo-1",
        kind="indirect",
        speaker=a.span(0, 9),
        speaker_kind="person",
        cue=a.span(10, 14),
        **a.span(15, 39).model_dump(),
    )
    corpus = Corpus(articles=[a], quotes=[quote])
    assert [s.text for s in corpus.all_spans()] == ["exports rose 12% in 2023", "Ana Costa", "said"]
    assert [s.text for s in corpus.spans()] == ["exports rose 12% in 2023"]
    wrong = quote.model_copy(update={"cue": Span(article_id="a", start=10, end=14, text="sold")})
    with pytest.raises(ValidationError, match="does not match"):
        Corpus(articles=[a], quotes=[wrong])


def test_corpus_rejects_span_of_unknown_article() -> None:
    stray = Span(article_id="zz", start=0, end=3, text="Ana")
    with pytest.raises(ValidationError, match="unknown article"):
        Corpus(articles=[article()], people=[Person(id="p", name="x", mentions=[stray])])


def test_content_text_blanks_boilerplate_but_keeps_offsets() -> None:
    a = Article(id="a", path="a", text="Menu\nBody text.", boilerplate=[{"start": 0, "end": 4}])
    assert a.content_text() == "    \nBody text."
    assert len(a.content_text()) == len(a.text)


def _fields_sets(records: list[Span]) -> set[int]:
    return {id(record.__pydantic_fields_set__) for record in records}


def test_records_read_back_share_one_set_of_given_field_names() -> None:
    a = article()
    spans = [a.span(0, 9), a.span(15, 22), a.span(28, 31)]
    person = Person(id="per-1", name="Ana Costa", mentions=spans)
    corpus = Corpus(articles=[a], people=[person])
    again = Corpus.model_validate_json(corpus.model_dump_json())
    mentions = again.people[0].mentions
    assert len(_fields_sets(mentions)) == 1
    assert mentions[0].model_fields_set == {"article_id", "start", "end", "text"}
    # Sharing changes nothing a reader sees: equality and the export are the same.
    assert again == corpus
    assert again.model_dump_json() == corpus.model_dump_json()


_PUBLISHED_GIVEN = {"how": "text", "detail": "d", "start": 0, "end": 4, "text": "date"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sets(st.sampled_from(sorted(_PUBLISHED_GIVEN))), min_size=1, max_size=12))
def test_records_given_the_same_names_share_one_set_as_a_keyed_table_would(
    given_names: list[set[str]],
) -> None:
    """Each record keeps exactly the names it was given, in one set shared by every record
    of its class given the same names — whatever order classes and sets of names come in
    (the last set a class shared is tried first, then the table keyed by the names)."""
    made = [Published(**{n: _PUBLISHED_GIVEN[n] for n in names}) for names in given_names]
    made += [Published.model_validate_json(p.model_dump_json(exclude_defaults=True)) for p in made]
    for names, record in zip(given_names * 2, made, strict=True):
        assert record.model_fields_set == names
    for a in made:
        for b in made:
            same = a.__pydantic_fields_set__ is b.__pydantic_fields_set__
            assert same == (a.model_fields_set == b.model_fields_set)


def test_a_copy_with_an_update_leaves_the_shared_set_of_its_original() -> None:
    quote = Quote(id="q-1", **article().span(15, 39).model_dump())
    others = Quote(id="q-2", **article().span(15, 39).model_dump())
    assert quote.__pydantic_fields_set__ is others.__pydantic_fields_set__
    given = set(quote.model_fields_set)
    copied = quote.model_copy(update={"person_id": "per-1"})
    assert copied.person_id == "per-1"
    assert copied.model_fields_set == given | {"person_id"}
    assert quote.model_fields_set == given
    assert others.__pydantic_fields_set__ is quote.__pydantic_fields_set__


def test_unpickled_extractions_share_their_sets() -> None:
    import pickle

    from tui.records.extraction import ArticleExtraction, PeopleResult

    ranges = [Range(start=i, end=i + 1) for i in range(5)]
    extraction = ArticleExtraction(article_id="a", people=PeopleResult(), sentences=ranges)
    back = pickle.loads(pickle.dumps(extraction))
    assert back == extraction
    assert len({id(r.__pydantic_fields_set__) for r in back.sentences}) == 1


def test_nothing_reads_which_fields_were_set() -> None:
    """Records share their set of given field names (CompactModel): code that asked which
    fields an instance was given would read its neighbours' answer."""
    import ast
    from pathlib import Path

    import tui

    for path in Path(tui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword):
                assert node.arg != "exclude_unset", f"{path}:{node.value.lineno}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in {"model_fields_set", "__pydantic_fields_set__"} or (
                    path.name == "models.py"
                ), f"{path}:{node.lineno}"


def _copies_agree(record: BaseModel, update: dict[str, object] | None) -> None:
    ours = record.model_copy(update=update)
    theirs = BaseModel.model_copy(record, update=update)  # pydantic's own
    assert type(ours) is type(theirs) and ours == theirs
    assert ours.__dict__ == theirs.__dict__ and ours.__dict__ is not record.__dict__
    assert ours.__pydantic_fields_set__ == theirs.__pydantic_fields_set__
    assert ours.__pydantic_extra__ == theirs.__pydantic_extra__
    assert ours.__pydantic_private__ == theirs.__pydantic_private__
    assert ours.model_dump_json() == theirs.model_dump_json()


def test_a_shallow_copy_is_pydantics_copy() -> None:
    """``CompactModel.model_copy`` makes shallow copies itself (faster): the same fields,
    the same given names, the same JSON as pydantic's, with and without an update."""
    from tui.records.extraction import ArticleExtraction, PeopleResult
    from tui.records.models import Event, TimeExpr

    a = article()
    when = TimeExpr(article_id="a", start=33, end=37, text="2023", value="2023")
    event = Event(id="ev-1", article_id="a", when=when, sentence=Range(start=0, end=40))
    quote = Quote(id="q-1", **a.span(15, 39).model_dump())
    extraction = ArticleExtraction(article_id="a", people=PeopleResult(), sentences=[])
    cases: list[tuple[BaseModel, dict[str, object] | None]] = [
        (event, {"group": "grp-1"}),
        (event, {"group": None}),
        (event, None),
        (a, {"id": "b", "path": "b.txt"}),
        (a, {"copy_of": "c", "copy_share": 0.9, "shared": []}),
        (quote, {"person_id": "per-1"}),
        (when, {}),
        (extraction, {"figures": []}),
    ]
    for record, update in cases:
        _copies_agree(record, update)
    deep = event.model_copy(deep=True)
    assert deep == event and deep.when is not event.when
    assert event.model_copy().when is event.when  # shallow: the nested record is shared


def test_each_record_is_checked_by_one_call_back_into_python() -> None:
    """Validation calls Python once per record (``_checked``: a span's order and length
    and the shared set of given names together), the corpus also checks provenance (and,
    once per corpus, sets its stamp's default: its one private attribute); the checks
    themselves are those of the tests above."""
    from tui.records import extraction, models

    classes = [
        c
        for module in (models, extraction)
        for c in vars(module).values()
        if isinstance(c, type) and issubclass(c, models.CompactModel)
    ]
    assert models.Figure in classes and extraction.ArticleExtraction in classes
    for cls in classes:
        validators = set(cls.__pydantic_decorators__.model_validators)
        assert validators - {"_provenance"} == {"_checked"}, cls
        if cls is models.Corpus:
            assert set(cls.__private_attributes__) == {"_stamp"}
            continue
        assert "model_post_init" not in vars(cls), cls
        assert not cls.__private_attributes__, cls
