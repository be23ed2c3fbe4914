"""The fakes of the unit tier keep the contracts of `Nlp` and `Encoder` that the stages rely on.

Offsets must slice the text they were read from, rows must be unit length,
and the same text must give the same answer in every process: a fake that
broke these would let unit tests pass on inputs the real models never give.
"""

from __future__ import annotations

import numpy as np

from .fakes import FakeEncoder, FakeNlp, find_entities

TEXT = (
    '  "The bridge will reopen in March," Mayor Clara Jensen said on Tuesday. '
    "Mr. Omar Haddad of the Harbour Employers Federation met her in Velsa.  "
)


def test_sentences_are_stripped_slices_of_their_text_and_entities_slices_of_their_sentence() -> None:
    (parsed,) = FakeNlp().sentences([TEXT])
    texts = [TEXT[s.start : s.end] for s in parsed]
    assert texts == [
        '"The bridge will reopen in March," Mayor Clara Jensen said on Tuesday.',
        "Mr. Omar Haddad of the Harbour Employers Federation met her in Velsa.",
    ]
    found = [[(e.text, e.label) for e in s.entities] for s in parsed]
    assert found == [
        [("Clara Jensen", "PERSON")],
        [("Omar Haddad", "PERSON"), ("Harbour Employers Federation", "ORG"), ("Velsa", "GPE")],
    ]
    for sentence, text in zip(parsed, texts, strict=True):
        assert all(text[e.start : e.end] == e.text for e in sentence.entities)


def test_one_list_per_text_even_when_a_text_is_blank() -> None:
    blank, spaces, two = FakeNlp().sentences(["", "   ", "One. Two."])
    assert (blank, spaces) == ([], [])
    assert [(s.start, s.end) for s in two] == [(0, 4), (5, 9)]


def test_a_possessive_ends_a_name_and_a_lone_first_word_is_not_one() -> None:
    assert [e.text for e in find_entities("Divers said Russia's Far East was calm.")] == [
        "Russia",
        "Far East",
    ]


def test_is_organization_asks_whether_the_whole_text_names_one() -> None:
    nlp = FakeNlp()
    assert nlp.is_organization("Reuters") and nlp.is_organization(" Valley Post ")
    assert not nlp.is_organization("Clara Jensen")
    assert not nlp.is_organization("The council met on Tuesday.")


def test_rows_are_unit_length_deterministic_and_closer_for_shared_words() -> None:
    texts = [
        "The ferry ran aground near the old harbour on Tuesday.",
        "A ferry ran aground close to the old harbour.",
        "The council approved the budget after a long debate.",
        "",
    ]
    rows = FakeEncoder().encode(texts)
    assert rows.shape == (4, FakeEncoder.dimension) == (4, 384) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    assert np.array_equal(rows, FakeEncoder().encode(texts))
    assert float(rows[0] @ rows[1]) > 0.5 > float(rows[0] @ rows[2])
    assert FakeEncoder().encode([]).shape == (0, 384)
