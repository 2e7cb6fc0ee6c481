"""Linking people across articles: merge rules with evidence, namesakes, corrections file."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.parsing import parsed

from tui.corrections import Corrections, MergeRule, load_corrections
from tui.extract.people import extract_people
from tui.link.people import link_people
from tui.pipeline import build_corpus, load_corpus
from tui.records.extraction import PeopleResult
from tui.records.models import Article, Person, Published

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _article(aid: str, text: str) -> Article:
    return Article(
        id=aid,
        path=f"{aid}.txt",
        text=text,
        published=Published(date=dt.date(2024, 6, 5), how="header"),
    )


def _extract(texts: dict[str, str]) -> dict[str, PeopleResult]:
    return {aid: extract_people(parsed(_article(aid, text))) for aid, text in texts.items()}


def _link(
    texts: dict[str, str], corrections: Corrections | None = None
) -> tuple[list[Person], dict[str, PeopleResult]]:
    results = _extract(texts)
    people, _, _ = link_people(results, corrections=corrections)
    return people, results


def _find(people: list[Person], name: str) -> Person:
    for person in people:
        if person.name == name or name in person.aliases:
            return person
    raise AssertionError(f"{name!r} not among {[p.name for p in people]}")


def test_accent_and_case_folded_names_merge_with_evidence() -> None:
    people, _ = _link(
        {
            "a": "José Antonio Pérez, a Spanish diplomat, said the offer was ready.\n",
            "b": "The Spanish diplomat Jose Antonio Perez said on Friday the offer was late.\n",
        }
    )
    perez = _find(people, "José Antonio Pérez")
    assert perez.name == "José Antonio Pérez"
    assert "Jose Antonio Perez" in perez.aliases
    assert [e.rule for e in perez.evidence] == ["case-accent-fold"]
    assert perez.evidence[0].names == ["José Antonio Pérez", "Jose Antonio Perez"]
    assert {m.article_id for m in perez.mentions} == {"a", "b"}


def test_transliteration_variants_merge() -> None:
    people, _ = _link(
        {
            "a": "Russian Deputy Prime Minister Sergei Ivanoff met the delegation.\n",
            "b": "Deputy Prime Minister Sergey Ivanov said the deal was done.\n",
        }
    )
    ivanov = _find(people, "Sergei Ivanoff")
    assert _find(people, "Sergey Ivanov") is ivanov
    assert "transliteration" in [e.rule for e in ivanov.evidence]


def test_namesakes_with_different_first_names_never_merge() -> None:
    people, _ = _link(
        {
            "a": "First deputy head of the customs service Aleksandr Volkov attended.\n",
            "b": (
                "Alexander Volkov said little. His colleague Dmitri Volkov said deliveries "
                "would double.\n"
            ),
        }
    )
    alexander = _find(people, "Aleksandr Volkov")
    assert _find(people, "Alexander Volkov") is alexander
    dmitri = _find(people, "Dmitri Volkov")
    assert dmitri is not alexander
    assert "Dmitri Volkov" not in alexander.aliases


def test_shortened_compound_surname_merges_only_when_roles_agree() -> None:
    agree, _ = _link(
        {
            "a": "Vice Minister for Trade Ana Costa-Lima said Peru would hold firm.\n",
            "b": "Peru's Vice Minister for Trade Ana Costa said the sides were far apart.\n",
        }
    )
    costa = _find(agree, "Ana Costa-Lima")
    assert _find(agree, "Ana Costa") is costa
    assert "compound-surname" in [e.rule for e in costa.evidence]
    differ, _ = _link(
        {
            "a": "Vice Minister for Trade Ana Costa-Lima said Peru would hold firm.\n",
            "b": "The singer Ana Costa, a famous actress, said she loved Lima.\n",
        }
    )
    assert _find(differ, "Ana Costa-Lima") is not _find(differ, "Ana Costa")


def test_initial_merges_only_when_one_person_fits() -> None:
    one, _ = _link(
        {
            "a": "Analyst John Doherty said prices would rise.\n",
            "b": "J. Doherty, an analyst, said prices would rise further.\n",
        }
    )
    assert _find(one, "J. Doherty") is _find(one, "John Doherty")
    two, _ = _link(
        {
            "a": "Analyst John Doherty said prices would rise.\n",
            "b": "Analyst Jane Doherty said prices would fall.\n",
            "c": "J. Doherty, an analyst, said prices would rise further.\n",
        }
    )
    initial = _find(two, "J. Doherty")
    assert initial is not _find(two, "John Doherty")
    assert initial is not _find(two, "Jane Doherty")


def test_fullest_form_is_the_name_and_other_forms_are_aliases() -> None:
    people, _ = _link(
        {
            "a": "Okafor said the count was fair. Senator Grace Okafor conceded.\n",
            "b": "Senator Grace Adaeze Okafor thanked voters.\n",
        }
    )
    okafor = _find(people, "Grace Adaeze Okafor")
    assert okafor.name == "Grace Adaeze Okafor"
    assert set(okafor.aliases) >= {"Grace Okafor", "Okafor"}
    assert "middle-name" in [e.rule for e in okafor.evidence]


def test_a_middle_initial_printed_once_does_not_displace_the_usual_name() -> None:
    people, _ = _link(
        {
            "a": "Senator Walter Brennick said the vote would wait.\n",
            "b": "Senator Walter Brennick told reporters the bill was dead.\n",
            "c": "Sen. Walter T. Brennick, a Republican, objected on Tuesday.\n",
        }
    )
    brennick = _find(people, "Walter T. Brennick")
    assert brennick.name == "Walter Brennick"
    assert "Walter T. Brennick" in brennick.aliases
    # more words that are not initials still win, and accents before how common a form is
    people, _ = _link(
        {
            "a": "Minister Jose Ortuno said talks would resume.\n",
            "b": "Minister Jose Ortuno said talks had resumed.\n",
            "c": "Minister José Ortuño spoke on Monday.\n",
        }
    )
    assert _find(people, "Jose Ortuno").name == "José Ortuño"


def test_ids_are_deterministic_by_first_appearance_and_index_covers_every_key() -> None:
    texts = {
        "a": "Finance Minister Maria Santos met Analyst John Doherty.\n",
        "b": "John Doherty said Maria Santos was right. Pedro Alves agreed, officials said.\n",
    }
    results = _extract(texts)
    people, _, index = link_people(results)
    again, _, _ = link_people(_extract(texts))
    assert [(p.id, p.name) for p in people] == [(p.id, p.name) for p in again]
    assert [p.name for p in people] == ["Maria Santos", "John Doherty", "Pedro Alves"]
    assert [p.id for p in people] == ["per-1", "per-2", "per-3"]
    for aid, result in results.items():
        for local in result.persons:
            assert index[(aid, local.key)] in {p.id for p in people}


def test_quotes_are_linked_to_global_people() -> None:
    results = _extract(
        {
            "a": '"We will hold firm on tariffs," Trade Minister Ana Costa-Lima said.\n',
            "b": "Trade Minister Ana Costa-Lima said that the talks would resume soon.\n",
        }
    )
    people, quotes, _ = link_people(results)
    costa = _find(people, "Ana Costa-Lima")
    assert [(q.kind, q.person_id) for q in quotes] == [
        ("direct", costa.id),
        ("indirect", costa.id),
    ]
    assert [q.id for q in quotes] == ["quo-1", "quo-2"]


TEXTS = {
    "a": "Analyst John Doherty said prices would rise. The Read More button was pressed.\n",
    "b": "J. Doherty, an analyst, said prices would rise further.\n",
    "c": "Analyst Paul Doherty said prices would fall. Trade Minister Ana Costa agreed.\n",
}


def test_corrections_merge_split_and_reject() -> None:
    base, _ = _link(TEXTS)
    assert _find(base, "J. Doherty") is _find(base, "John Doherty")
    assert _find(base, "Paul Doherty") is not _find(base, "John Doherty")
    corrections = Corrections(
        merge=(MergeRule(("John Doherty", "Paul Doherty"), "John P. Doherty"),),
        split=("J. Doherty",),
        reject=("Ana Costa",),
    )
    people, results = _link(TEXTS, corrections)
    john = _find(people, "John P. Doherty")
    assert _find(people, "Paul Doherty") is john
    assert john.name == "John P. Doherty"
    assert [e.rule for e in john.evidence if e.rule == "correction"] == ["correction"]
    assert _find(people, "J. Doherty") is not john
    assert all(p.name != "Ana Costa" for p in people)
    assert all(p.name != "Ana Costa" for p in results["c"].persons)


def test_load_corrections_reads_toml_and_never_writes(tmp_path: Path) -> None:
    assert load_corrections(tmp_path) is None
    path = tmp_path / "newsdash.toml"
    path.write_text(
        '[people]\nreject = ["Ana Costa"]\nsplit = ["J. Doherty"]\n\n'
        '[[people.merge]]\nnames = ["John Doherty", "Johnny Doherty"]\nname = "John P. Doherty"\n'
        '\n[timeline]\nanything = "other sections are ignored here"\n',
        encoding="utf-8",
    )
    os.utime(path, (1_000_000, 1_000_000))
    corrections = load_corrections(tmp_path)
    assert corrections is not None
    assert corrections.reject == ("Ana Costa",)
    assert corrections.split == ("J. Doherty",)
    assert corrections.merge == (MergeRule(("John Doherty", "Johnny Doherty"), "John P. Doherty"),)
    assert corrections.rejects("ANA COSTA")
    assert path.stat().st_mtime == 1_000_000


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[people\n", "invalid TOML"),
        ("[people]\nreject = 'Ana Costa'\n", "people.reject must be a list"),
        ("[people]\nfoo = []\n", "unknown key people.foo"),
        ("[[people.merge]]\nnames = ['Only One']\n", "at least two names"),
        ("people = 3\n", "[people] must be a table"),
    ],
)
def test_malformed_corrections_raise_one_line_value_error(
    tmp_path: Path, body: str, message: str
) -> None:
    (tmp_path / "corrections.toml").write_text(body, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_corrections(tmp_path)
    text = str(info.value)
    assert text.startswith("corrections.toml: ")
    assert message in text
    assert "\n" not in text


def test_pipeline_applies_corrections_and_export_validates() -> None:
    articles = [_article(aid, text) for aid, text in TEXTS.items()]
    corpus = build_corpus(articles, corrections=Corrections(reject=("Ana Costa", "John Doherty")))
    names = {p.name for p in corpus.people}
    assert "Ana Costa" not in names
    assert "John Doherty" not in names
    assert "Paul Doherty" in names


def test_seed_folder_end_to_end(tmp_path: Path) -> None:
    corpus = load_corpus(SEEDS, warn=lambda message: None)
    assert len(corpus.people) >= 5
    pronouns = {"he", "she", "it", "they", "we", "i"}
    for person in corpus.people:
        assert person.mentions
        assert person.name.lower() not in pronouns
        assert person.name not in person.aliases
        for span in person.mentions:
            assert corpus.article(span.article_id).text[span.start : span.end] == span.text
    linked = [q for q in corpus.quotes if q.person_id is not None]
    assert linked
    ids = {p.id for p in corpus.people}
    assert all(q.person_id in ids for q in linked)
    assert any(len({m.article_id for m in p.mentions}) > 1 for p in corpus.people)


def test_double_surname_merges_when_roles_agree() -> None:
    people, _ = _link(
        {
            "a": "Foreign Minister Carlos Pérez Rodríguez arrived in Quito on Monday.\n",
            "b": "Foreign Minister Carlos Pérez said the visit went well.\n",
        }
    )
    minister = _find(people, "Carlos Pérez Rodríguez")
    assert "double-surname" in [e.rule for e in minister.evidence]
    assert [m.article_id for m in minister.mentions] == ["a", "b"]
    apart, _ = _link(
        {
            "a": "Foreign Minister Carlos Pérez Rodríguez arrived in Quito on Monday.\n",
            "c": "The singer Carlos Pérez, a famous actor, said he loved Quito.\n",
        }
    )
    assert _find(apart, "Carlos Pérez") is not _find(apart, "Carlos Pérez Rodríguez")


def test_split_detaches_a_surname_form_from_its_full_name() -> None:
    texts = {"a": "Trade Minister Ana Costa met farmers. Minister Costa said prices would rise.\n"}
    base, _ = _link(texts)
    assert [m.text for m in _find(base, "Ana Costa").mentions] == ["Ana Costa", "Costa"]
    people, results = _link(texts, Corrections(split=("Costa",)))
    full = _find(people, "Ana Costa")
    alone = next(p for p in people if p.name == "Costa")
    assert [m.text for m in full.mentions] == ["Ana Costa"]
    assert [m.text for m in alone.mentions] == ["Costa"]
    assert [r.title for r in alone.roles] == ["minister"]  # the title stays with it, as a role
    _, _, index = link_people(results, Corrections(split=("Costa",)))
    assert index[("a", results["a"].persons[0].key)] == full.id


def test_transliterated_first_name_needs_compatible_roles() -> None:
    people, _ = _link(
        {
            "a": "Deputy Prime Minister Aleksandr Novak said output would rise.\n",
            "b": "Alexander Novak, a professor of physics, said the data were wrong.\n",
        }
    )
    assert _find(people, "Aleksandr Novak") is not _find(people, "Alexander Novak")


def test_nickname_merges_within_and_across_articles_but_not_against_roles() -> None:
    people, _ = _link(
        {
            "a": "Gov. Michael T. Brennan has yet to appear. Mike Brennan's aide said little.\n",
            "b": "Governor Mike Brennan said the count was fair.\n",
        }
    )
    governor = _find(people, "Michael T. Brennan")
    assert _find(people, "Mike Brennan") is governor
    assert "nickname" in [e.rule for e in governor.evidence]
    assert {m.article_id for m in governor.mentions} == {"a", "b"}
    apart, _ = _link(
        {
            "b": "Governor Michael Brennan said the count was fair.\n",
            "c": "Mike Brennan, a professor of history, said turnout was high.\n",
        }
    )
    assert _find(apart, "Mike Brennan") is not _find(apart, "Michael Brennan")


def test_people_modules_do_not_import_spacy_until_a_parse() -> None:
    code = (
        "import sys, tui.link.people, tui.extract.people, tui.corrections; "
        "sys.exit(1 if 'spacy' in sys.modules else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_split_form_after_a_multiword_title() -> None:
    texts = {"a": "Vice Minister Ana Costa met farmers. Vice Minister Costa said prices rose.\n"}
    base, _ = _link(texts)
    person = _find(base, "Ana Costa")
    assert person.aliases == ["Costa"]  # aliases are names: titles are roles
    people, _ = _link(texts, Corrections(split=("Costa",)))
    alone = next(p for p in people if p.name == "Costa")
    assert [m.text for m in alone.mentions] == ["Costa"]
    assert [r.title for r in alone.roles] == ["vice minister"]


def test_shortened_compound_surname_in_a_coordination_merges_with_its_full_form() -> None:
    texts = {
        "a": (
            "Georgian ambassador to Bolivia Tamaz Kvirk-Lotsa told TASS the forum would "
            "open trade routes. Ambassador Kvirk-Lotsa spoke at the opening.\n"
        ),
        "b": (
            "The deal came during a meeting between the Deputy Minister for Asia of the "
            "Ministry of External Trade, Lotte Vanek, and the Georgian Ambassador to "
            "Bolivia, Tamaz Kvirk.\n"
        ),
        "c": "Ambassador Támaz Kvírk-Lótsa arrived in La Paz on Monday to present credentials.\n",
    }
    people, _ = _link(texts)
    tamaz = _find(people, "Tamaz Kvirk-Lotsa")
    assert tamaz.name == "Támaz Kvírk-Lótsa"  # fullest form: accents kept
    assert {"Tamaz Kvirk", "Tamaz Kvirk-Lotsa"} <= set(tamaz.aliases)
    rules = {e.rule for e in tamaz.evidence}
    assert "compound-surname" in rules and "case-accent-fold" in rules
    vanek = _find(people, "Lotte Vanek")
    assert vanek is not tamaz
    assert [r.title for r in vanek.roles] == ["deputy minister for Asia"]


def test_a_surname_two_people_share_is_kept_with_both_as_ambiguous() -> None:
    texts = {
        "a": "Rachel Whitmore and Paul Whitmore met on Monday. Whitmore later left.\n",
        "b": "Rachel Whitmore spoke in Leeds on Friday.\n",
    }
    people, _ = _link(texts)
    rachel, paul = _find(people, "Rachel Whitmore"), _find(people, "Paul Whitmore")
    for person in (rachel, paul):
        assert [(a.article_id, a.text) for a in person.ambiguous] == [("a", "Whitmore")]
        assert "Whitmore" not in [m.text for m in person.mentions]
    assert len(rachel.mentions) == 2  # counted mentions: the two full names only


def test_a_surname_only_person_joins_the_one_full_name_in_the_corpus() -> None:
    one = {
        "a": "Finance Minister Grace Okafor presented the budget on Monday.\n",
        "b": "Okafor said on Tuesday that the deficit would shrink.\n",
    }
    people, _ = _link(one)
    grace = _find(people, "Grace Okafor")
    assert {m.article_id for m in grace.mentions} == {"a", "b"}
    [evidence] = [e for e in grace.evidence if e.rule == "surname-unique"]
    assert "the only person named okafor" in evidence.detail
    # two full names hold the surname: the surname alone stays apart
    two = {**one, "c": "Her brother Daniel Okafor, a banker, declined to comment.\n"}
    people, _ = _link(two)
    assert {m.article_id for m in _find(people, "Grace Okafor").mentions} == {"a"}


def test_a_given_name_alone_does_not_join_a_surname() -> None:
    """ "Tom said": a given name used alone (a first-name reference, a child) is not the
    surname of the corpus's only "Helen Tom"."""
    people, _ = _link(
        {
            "a": "Finance Minister Helen Tom presented the budget on Monday.\n",
            "b": "Tom said on Tuesday that the deficit would shrink.\n",
        }
    )
    assert {m.article_id for m in _find(people, "Helen Tom").mentions} == {"a"}
    assert any(p.name == "Tom" for p in people)
