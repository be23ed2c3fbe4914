"""Attribution rules over invented sentences, parsed by the fake `Nlp` of tests/fakes.py.

The rules read sentence spans and PERSON entities; in these sentences the
fake finds the same ones spaCy does, so what is checked is the rules.
"""

from __future__ import annotations

import pytest

from newsweave.analyze import Models, analyze_articles
from newsweave.analyze.quotes import find_attributions, quote_spans
from newsweave.clean import clean
from newsweave.models import Attribution, DecodedDoc


def _find(models: Models, *lines: str) -> tuple[Attribution, ...]:
    article = clean(DecodedDoc("a.txt", "utf-8", tuple(lines)), models.nlp.is_organization)
    return find_attributions(analyze_articles([article], models.nlp)[0])


def _one(models: Models, line: str) -> Attribution:
    found = _find(models, line)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("line", "speaker", "content"),
    [
        (
            '"The bridge will reopen before the winter storms arrive," Mayor Clara Jensen said.',
            "Mayor Clara Jensen",
            "The bridge will reopen before the winter storms arrive",
        ),
        (
            "Mayor Clara Jensen said: “The bridge will reopen before the winter storms arrive.”",
            "Mayor Clara Jensen",
            "The bridge will reopen before the winter storms arrive",
        ),
        (
            '"The repairs took longer than anyone planned," said Transport Minister Omar Haddad.',
            "Transport Minister Omar Haddad",
            "The repairs took longer than anyone planned",
        ),
        (
            '"We found cracks in two of the main pillars," the engineer Paolo Ricci said in a statement.',
            "Paolo Ricci",
            "We found cracks in two of the main pillars",
        ),
    ],
)
def test_direct_quotes_name_the_speaker_and_keep_the_quotation(
    fake_models: Models, line: str, speaker: str, content: str
) -> None:
    found = _one(fake_models, line)
    assert found.speaker.endswith(speaker.split()[-1])
    assert found.content == content
    assert found.direct and found.kind == "quote"
    assert found.sentence == line and found.line == 1


@pytest.mark.parametrize(
    ("line", "speaker", "content"),
    [
        (
            "Transport Minister Omar Haddad said that the bridge would reopen in March.",
            "Transport Minister Omar Haddad",
            "the bridge would reopen in March",
        ),
        (
            "City officials say the repairs will cost about 40 million euros.",
            "City officials",
            "the repairs will cost about 40 million euros",
        ),
        (
            "The bridge will stay closed to heavy trucks until the spring, a ministry spokesperson said.",
            "a ministry spokesperson",
            "The bridge will stay closed to heavy trucks until the spring",
        ),
        (
            "Omar Haddad told reporters the contractor had been fined twice.",
            "Omar Haddad",
            "the contractor had been fined twice",
        ),
        (
            "The regional council warned that traffic would be heavy through the weekend.",
            "The regional council",
            "traffic would be heavy through the weekend",
        ),
    ],
)
def test_reported_speech(fake_models: Models, line: str, speaker: str, content: str) -> None:
    found = _one(fake_models, line)
    assert (found.speaker, found.content, found.direct, found.kind) == (speaker, content, False, "said")


def test_according_to(fake_models: Models) -> None:
    found = _one(
        fake_models, "The ferry carried 300 passengers when it ran aground, according to the coast guard."
    )
    assert (found.speaker, found.kind) == ("the coast guard", "according_to")
    assert found.content == "The ferry carried 300 passengers when it ran aground"


def test_agency_reports(fake_models: Models) -> None:
    found = _one(
        fake_models, "The ferry company will pay for the passengers' hotels, the state news agency reported."
    )
    assert (found.speaker, found.kind) == ("the state news agency", "report")
    found = _one(fake_models, "State media said the ferry had been inspected only last month.")
    assert (found.speaker, found.kind) == ("State media", "report")


def test_he_resolves_to_the_person_named_before(fake_models: Models) -> None:
    found = _find(
        fake_models,
        "Harbour master Ingrid Solberg inspected the damaged hull on Tuesday.",
        "The ship will be towed to a dry dock next week, she said.",
    )
    assert [(a.speaker, a.line) for a in found] == [("Ingrid Solberg", 2)]


def test_unresolvable_or_ambiguous_pronouns_are_dropped(fake_models: Models) -> None:
    assert _find(fake_models, "The ship will be towed to a dry dock next week, he said.") == ()
    ambiguous = _find(
        fake_models,
        "Ingrid Solberg met Lars Pettersen at the harbour on Tuesday.",
        "The ship will be towed to a dry dock next week, she said.",
    )
    assert ambiguous == ()
    assert _find(fake_models, "They said the ship would be towed to a dry dock next week.") == ()


def test_a_pronoun_before_the_named_person_is_someone_else(fake_models: Models) -> None:
    found = _find(
        fake_models,
        "He did not say why Ingrid Solberg had resigned.",
        '"We ask for privacy at this time," he said.',
    )
    assert found == ()


def test_a_pronoun_in_a_fronted_clause_stands_for_the_subject_after_it(fake_models: Models) -> None:
    found = _find(
        fake_models,
        "Aware that he was ill, Lars Pettersen checked himself into the hospital.",
        '"I am glad I came in time," he said.',
    )
    assert [a.speaker for a in found] == ["Lars Pettersen"]
    mother = _find(
        fake_models,
        "As she arrived at the court, Lars Pettersen's mother spoke to reporters.",
        '"We just want to be left alone now," she said.',
    )
    assert mother == ()


def test_a_pronoun_after_another_named_person_in_its_sentence_is_dropped(fake_models: Models) -> None:
    found = _find(
        fake_models,
        "Lars Pettersen inspected the damaged hull on Tuesday.",
        "While Ingrid Solberg's crew waited at the pier, he said the ship would be towed next week.",
    )
    assert found == ()


def test_a_named_speaker_later_in_the_sentence_wins_over_a_pronoun(fake_models: Models) -> None:
    found = _find(
        fake_models,
        "Lars Pettersen inspected the damaged hull on Tuesday.",
        'In his own words, he said the ship was beyond repair," said Ingrid Solberg, the harbour master.',
    )
    assert [a.speaker for a in found] == ["Ingrid Solberg"]


def test_a_conjunction_is_not_part_of_the_speaker(fake_models: Models) -> None:
    found = _find(
        fake_models,
        "The crew would not comment, but Ingrid Solberg said the ship would be towed next week.",
        "The crew left the ship at the pier, where she said the fire had started in the engine room.",
    )
    assert [a.speaker for a in found] == ["Ingrid Solberg"]  # a relative clause names no speaker


def test_a_name_inside_a_quotation_closed_in_a_later_sentence_is_not_the_speaker(
    fake_models: Models,
) -> None:
    found = _find(
        fake_models,
        'The harbour master wrote: "I want to thank the crew.',
        'I thank my wife Ingrid Solberg, who waited at the pier."',
        "The ship will be towed to a dry dock next week, she added.",
    )
    assert [a.speaker for a in found if a.line == 3] == []


def test_quote_only_sentence_continues_the_speaker(fake_models: Models) -> None:
    found = _find(
        fake_models,
        '"The hull is badly damaged," Ingrid Solberg said. "It will take months to repair the ship."',
    )
    assert [a.speaker for a in found] == ["Ingrid Solberg", "Ingrid Solberg"]
    assert found[1].content == "It will take months to repair the ship" and found[1].direct


@pytest.mark.parametrize(
    "line",
    [
        'The workers carried signs reading "the mayor said we would be paid" outside the town hall.',
        'The council announced a so-called "recovery plan" for the harbour district on Monday.',
        "Did the mayor say the bridge would reopen in March?",
        '"Why did the bridge close without warning?" Omar Haddad asked.',
        "The report was said to be critical of the contractor.",
        "The engineers who said the bridge was safe have resigned.",
    ],
)
def test_false_positives_are_left_out(fake_models: Models, line: str) -> None:
    assert _find(fake_models, line) == ()


def test_told_with_an_object_keeps_the_speaker_before_the_verb(fake_models: Models) -> None:
    found = _one(
        fake_models, '"We will rebuild the pier," Omar Haddad, the harbour director, told the local radio.'
    )
    assert found.speaker == "Omar Haddad"
    assert found.content == "We will rebuild the pier"


def test_quote_spans_pair_curly_and_straight_marks() -> None:
    assert quote_spans('a "b" c “d” e') == [(2, 5), (8, 11)]
    assert quote_spans("“open to the end") == [(0, 16)]
    assert quote_spans('a stray " mark') == []
