"""Entity linking: spellings, surnames, acronyms and official names merged into
one entity per thing, with junk left out. Hand-built mentions pin the rules;
real spaCy runs (integration tests) check the same behaviour end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analyze import Models, analyze_articles
from newsweave.analyze.aliases import (
    abbreviates,
    clean_surface,
    entity_key,
    is_official_name_of,
    strip_titles,
)
from newsweave.analyze.entities import EntityIndex, link_entities
from newsweave.clean import clean_corpus
from newsweave.models import (
    AnalyzedArticle,
    Article,
    DecodedDoc,
    Entity,
    EntitySummary,
    Line,
    RawDoc,
    Sentence,
)
from newsweave.readers import load

from .conftest import EXAMPLE

Tagged = tuple[str, list[tuple[str, str]]]


def _article(sentences: list[Tagged], language: str | None = "en") -> AnalyzedArticle:
    """An analyzed article, one sentence per line, entities found by their text."""
    lines = []
    built = []
    for n, (text, entities) in enumerate(sentences, start=1):
        lines.append(Line(n, text, "body"))
        found = []
        cursor = 0
        for surface, label in entities:
            start = text.index(surface, cursor)
            found.append(Entity(surface, label, start, start + len(surface)))
            cursor = start + len(surface)
        built.append(Sentence(n, 0, len(text), text, tuple(found)))
    article = Article(path="x.txt", encoding="utf-8", lines=tuple(lines), language=language)
    return AnalyzedArticle(article, tuple(built))


def _link(*articles: list[Tagged]) -> EntityIndex:
    analyzed = [_article(sentences) for sentences in articles]
    return link_entities([f"S{i}" for i in range(1, len(analyzed) + 1)], analyzed)


def _by_name(index: EntityIndex) -> dict[str, EntitySummary]:
    return {entity.name: entity for entity in index.entities}


def test_hyphen_case_article_and_possessive_variants_are_one_entity() -> None:
    index = _link(
        [
            ("Jean-Luc Martin spoke for ACME on Monday.", [("Jean-Luc Martin", "PERSON"), ("ACME", "ORG")]),
            (
                "Jean-Luc Martin's plan for the Acme plant.",
                [("Jean-Luc Martin's", "PERSON"), ("the Acme", "ORG")],
            ),
        ],
        [("Jean Luc Martin said Acme would hire.", [("Jean Luc Martin", "PERSON"), ("Acme", "ORG")])],
    )
    entities = _by_name(index)
    assert set(entities) == {"Jean-Luc Martin", "Acme"}
    assert entities["Jean-Luc Martin"].aliases == ("Jean Luc Martin",)
    assert entities["Jean-Luc Martin"].sources == ("S1", "S2")
    assert entities["Acme"].aliases == ("ACME",)
    assert index.canonical(1, "Jean Luc Martin's") == "Jean-Luc Martin"


def test_surname_joins_the_full_name_of_its_own_document_and_of_the_story() -> None:
    index = _link(
        [
            ("Paula Ostrova opened the bridge.", [("Paula Ostrova", "PERSON")]),
            ("Ostrova thanked the builders.", [("Ostrova", "PERSON")]),
        ],
        [("Ostrova cut the ribbon.", [("Ostrova", "PERSON")])],
    )
    (entity,) = index.entities
    assert (entity.name, entity.aliases, entity.sources) == ("Paula Ostrova", ("Ostrova",), ("S1", "S2"))
    assert index.canonical(1, "Ostrova") == "Paula Ostrova"


def test_a_noun_that_only_opens_the_sentence_is_not_part_of_the_name() -> None:
    index = _link(
        [("Comedian Paula Ostrova will host the gala.", [("Comedian Paula Ostrova", "PERSON")])],
        [("The comedian Paula Ostrova said she was thrilled.", [("Paula Ostrova", "PERSON")])],
        [("Ostrova hosted the gala once before.", [("Ostrova", "PERSON")])],
    )
    (entity,) = index.entities
    assert (entity.name, entity.sources) == ("Paula Ostrova", ("S1", "S2", "S3"))
    assert index.canonical(2, "Ostrova") == "Paula Ostrova"


def test_a_first_name_that_opens_the_sentence_stays() -> None:
    index = _link(
        [("Paula Maria Ostrova will host the gala.", [("Paula Maria Ostrova", "PERSON")])],
        [("The host, Maria Ostrova, said she was thrilled.", [("Maria Ostrova", "PERSON")])],
    )
    assert "Paula Maria Ostrova" in _by_name(index)


def test_people_sharing_a_surname_are_never_merged() -> None:
    index = _link(
        [
            ("Anna Berg chairs the board.", [("Anna Berg", "PERSON")]),
            ("Berg said the vote was close.", [("Berg", "PERSON")]),
        ],
        [
            ("Erik Berg runs the rival firm.", [("Erik Berg", "PERSON")]),
            ("Berg declined to comment.", [("Berg", "PERSON")]),
        ],
        [
            ("Anna Berg and Erik Berg met.", [("Anna Berg", "PERSON"), ("Erik Berg", "PERSON")]),
            ("Berg left first.", [("Berg", "PERSON")]),
        ],
        [("Berg was not available.", [("Berg", "PERSON")])],
    )
    entities = _by_name(index)
    assert entities["Anna Berg"].sources == ("S1", "S3")
    assert entities["Erik Berg"].sources == ("S2", "S3")
    assert entities["Berg"].sources == ("S3", "S4")
    assert "Erik Berg" not in entities["Anna Berg"].aliases
    assert [index.canonical(source, "Berg") for source in range(4)] == [
        "Anna Berg",
        "Erik Berg",
        "Berg",
        "Berg",
    ]


def test_family_name_first_names_take_their_first_word_as_short_form() -> None:
    index = _link(
        [
            ("Park Min-jun arrived in the capital.", [("Park Min-jun", "PERSON")]),
            ("Park later met reporters.", [("Park", "PERSON")]),
        ]
    )
    assert [(e.name, e.aliases) for e in index.entities] == [("Park Min-jun", ("Park",))]


def test_titles_are_stripped_when_matching_people() -> None:
    index = _link(
        [
            ("President Lena Vodra spoke.", [("President Lena Vodra", "PERSON")]),
            ("Gen. Vodra agreed.", [("Gen. Vodra", "PERSON")]),
        ],
        [("Lena Vodra left.", [("Lena Vodra", "PERSON")])],
    )
    (entity,) = index.entities
    assert (entity.name, entity.aliases, entity.sources) == ("Lena Vodra", ("Vodra",), ("S1", "S2"))
    assert index.canonical(0, "Finance Minister Lena Vodra") == "Lena Vodra"
    assert strip_titles("Lt. Gen. Lena Vodra") == "Lena Vodra"


def test_a_defined_acronym_joins_its_expansion_even_when_untagged() -> None:
    index = _link(
        [("The Northern Rail Agency (NRA) cut fares.", [("The Northern Rail Agency", "ORG")])],
        [("The NRA denied it.", [("NRA", "ORG")])],
    )
    (entity,) = index.entities
    assert (entity.name, entity.aliases, entity.sources) == ("Northern Rail Agency", ("NRA",), ("S1", "S2"))
    assert index.canonical(1, "NRA") == "Northern Rail Agency"


def test_initials_may_count_a_leading_the() -> None:
    index = _link(
        [("A report in The Harbour Ledger said so.", [("The Harbour Ledger", "ORG")])],
        [("According to THL, the talks resume on Monday.", [("THL", "ORG")])],
    )
    (entity,) = index.entities
    assert entity.sources == ("S1", "S2")
    assert index.canonical(1, "THL") == entity.name


def test_initials_join_across_sources_only_when_one_name_matches() -> None:
    one = _link(
        [("The Coastal Shipping Board met.", [("The Coastal Shipping Board", "ORG")])],
        [("CSB officials left.", [("CSB", "ORG")])],
        [("The U.N. Security Council voted.", [("U.N. Security Council", "ORG")])],
        [
            (
                "It went to the United Nations Security Council.",
                [("the United Nations Security Council", "ORG")],
            )
        ],
    )
    assert _by_name(one)["Coastal Shipping Board"].aliases == ("CSB",)
    assert _by_name(one)["United Nations Security Council"].aliases == ("U.N. Security Council",)
    two = _link(
        [("The Coastal Shipping Board met.", [("The Coastal Shipping Board", "ORG")])],
        [("The Central Safety Bureau met.", [("The Central Safety Bureau", "ORG")])],
        [("CSB officials left.", [("CSB", "ORG")])],
    )
    assert {e.name for e in two.entities} == {"Coastal Shipping Board", "Central Safety Bureau", "CSB"}
    assert abbreviates(["NRA"], ["Northern", "Rail", "Agency"])
    assert not abbreviates(["NRA"], ["Northern", "rail", "Agency"])


def test_official_names_join_the_short_name_and_make_acronyms_places() -> None:
    index = _link(
        [
            (
                "Examplia, officially the Union of Coastal Provinces, voted.",
                [("Examplia", "GPE"), ("the Union of Coastal Provinces", "ORG")],
            ),
            (
                "The Republic of Freedonia (ROF) objected.",
                [("The Republic of Freedonia", "ORG"), ("ROF", "ORG")],
            ),
        ],
        [
            ("Freedonia and New Examplia signed.", [("Freedonia", "GPE"), ("New Examplia", "GPE")]),
            ("ROF envoys left Examplia.", [("ROF", "ORG"), ("Examplia", "GPE")]),
        ],
    )
    entities = _by_name(index)
    assert entities["Examplia"].aliases == ("Union of Coastal Provinces",)
    assert entities["Freedonia"].aliases == ("ROF", "Republic of Freedonia")
    assert entities["Freedonia"].type == "GPE"
    assert entities["New Examplia"].aliases == ()
    assert is_official_name_of("democratic republic of examplia", "examplia")
    assert not is_official_name_of("new examplia", "examplia")


def test_junk_mentions_are_dropped() -> None:
    index = _link(
        [
            (
                "The beluga swam as Transport Minister Ida Holm watched.",
                [("beluga", "GPE"), ("Transport", "ORG"), ("Ida Holm", "PERSON")],
            ),
            (
                "Minister 2023 visited North Examplia.",
                [("Minister", "PERSON"), ("2023", "ORG"), ("North Examplia", "GPE")],
            ),
            ("The North and Examplian officials agreed.", [("North", "LOC"), ("Examplian", "ORG")]),
            ("Examplia is next.", [("Examplia", "GPE")]),
        ]
    )
    assert [e.name for e in index.entities] == ["Examplia", "Ida Holm", "North Examplia"]


def test_a_lone_word_tagged_person_and_place_equally_is_a_place() -> None:
    index = _link(
        [("Talks moved to Velmora.", [("Velmora", "PERSON")]), ("Velmora is calm.", [("Velmora", "GPE")])]
    )
    assert [(e.name, e.type) for e in index.entities] == [("Velmora", "GPE")]


def test_order_is_sources_then_mentions_then_name() -> None:
    index = _link(
        [
            (
                "Zed Corp and Alpha Inc met in Brill.",
                [("Zed Corp", "ORG"), ("Alpha Inc", "ORG"), ("Brill", "GPE")],
            )
        ],
        [
            (
                "Zed Corp left Brill and Brill mourned.",
                [("Zed Corp", "ORG"), ("Brill", "GPE"), ("Brill", "GPE")],
            )
        ],
    )
    assert [e.name for e in index.entities] == ["Brill", "Zed Corp", "Alpha Inc"]
    assert index.canonical(0, "Nobody") is None


def test_non_english_sources_are_not_read() -> None:
    analyzed = [_article([("Die Stadt Brill wuchs.", [("Brill", "GPE")])], language="de")]
    assert link_entities(["S1"], analyzed).entities == ()


def test_a_source_of_unknown_language_is_not_read_as_english() -> None:
    """The one English-only rule of every stage that reads English: a language that
    could not be told is not English, here as in claims, summary and timeline."""
    unknown = _article([("Brill wuchs schnell.", [("Brill", "GPE")])], language=None)
    english = _article([("Zed Corp hired staff.", [("Zed Corp", "ORG")])])
    index = link_entities(["S1", "S2"], [unknown, english])
    assert [(e.name, e.sources) for e in index.entities] == [("Zed Corp", ("S2",))]


def test_entity_keys_ignore_spelling_details() -> None:
    assert entity_key("the U.S.") == entity_key("US")
    assert entity_key("People’s Front") == entity_key("Peoples Front")
    assert entity_key("Jean-Luc Martin's") == entity_key("jean luc martin")


def _analyze(models: Models, documents: list[list[str]]) -> list[AnalyzedArticle]:
    docs = [DecodedDoc(f"{i}.txt", "utf-8", tuple(lines)) for i, lines in enumerate(documents)]
    return analyze_articles(clean_corpus(docs, models.nlp.is_organization), models.nlp)


@pytest.mark.integration
def test_real_spacy_merges_surnames_and_defined_acronyms(models: Models) -> None:
    documents = [
        [
            "Harbour strike ends after talks",
            "The strike at the port of Dunmore ended on Tuesday after union leader Margaret Okafor "
            "signed a deal with the Harbour Employers Federation (HEF).",
            "Okafor said the workers had won a fair wage increase and better shift patterns.",
            "The HEF said cargo traffic would return to normal within a week.",
        ],
        [
            "Dock workers return to work",
            "Dock workers in Dunmore went back to work on Wednesday, a day after the deal was signed.",
            "The agreement will be put to a vote of all members next month, Okafor told reporters.",
        ],
    ]
    index = link_entities(["S1", "S2"], _analyze(models, documents))
    assert index.canonical(1, "Okafor") == "Margaret Okafor"
    assert index.canonical(0, "HEF") == index.canonical(0, "Harbour Employers Federation")
    assert index.canonical(0, "HEF") is not None
    okafor = _by_name(index)["Margaret Okafor"]
    assert okafor.sources == ("S1", "S2")


@pytest.mark.integration
def test_bundled_example_entities(models: Models) -> None:
    paths = sorted(Path(EXAMPLE).glob("*.txt"))
    docs = [load(RawDoc(str(path), path.read_bytes())) for path in paths]
    analyzed = analyze_articles(clean_corpus(docs, models.nlp.is_organization), models.nlp)
    index = link_entities([f"S{i}" for i in range(1, len(analyzed) + 1)], analyzed)
    entities = _by_name(index)
    leader = entities["Kim Jong Un"]
    assert {"Kim", "Kim Jong-un"} <= set(leader.aliases)
    assert leader.type == "PERSON"
    assert "KCNA" in entities["Korean Central News Agency"].aliases
    assert "DPRK" in entities["Democratic People's Republic of Korea"].aliases
    assert entities["Vladimir Putin"].aliases == ("Putin",)
    assert "Shoigu" in entities["Sergei Shoigu"].aliases
    assert index.entities[0].name == "Kim Jong Un"
    assert not any(e.name[0].islower() for e in index.entities)


def test_tagging_slips_around_a_name_are_trimmed() -> None:
    assert clean_surface("a Lena Vodra") == "Lena Vodra"
    assert clean_surface("Harbour Police Lt") == "Harbour Police"
    assert clean_surface("the Harbour Police and") == "Harbour Police"
    assert clean_surface("The Daily Example") == "The Daily Example"


def test_a_parenthesis_that_is_not_an_acronym_definition_links_nothing() -> None:
    index = _link(
        [("Softly Inc (XCHG: SFT) shares rose.", [("Softly Inc", "ORG"), ("XCHG", "ORG")])],
    )
    assert {e.name for e in index.entities} == {"Softly Inc", "XCHG"}


def test_a_left_out_middle_name_is_the_same_person_and_full_names_type_the_group() -> None:
    index = _link(
        [("Tomas Eli Varga scored twice.", [("Tomas Eli Varga", "PERSON")])],
        [
            ("Tomas Varga was traded.", [("Tomas Varga", "PERSON")]),
            ("Varga said Varga and Varga.", [("Varga", "ORG"), ("Varga", "ORG"), ("Varga", "ORG")]),
        ],
    )
    (entity,) = index.entities
    assert (entity.name, entity.type) == ("Tomas Eli Varga", "PERSON")
    assert entity.aliases == ("Tomas Varga", "Varga")


def test_a_name_called_the_official_name_of_a_place_joins_it() -> None:
    index = _link(
        [
            (
                "The talks opened in the Union of Coastal Provinces, the official name of Examplia.",
                [("the Union of Coastal Provinces", "ORG"), ("Examplia", "GPE")],
            ),
        ],
        [("Examplia voted.", [("Examplia", "GPE")])],
    )
    assert _by_name(index)["Examplia"].aliases == ("Union of Coastal Provinces",)
