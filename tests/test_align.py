"""Claim alignment across sources, on the fakes of tests/fakes.py.

The fixture in tests/data/align is one invented story told by two outlets:
they agree on most things, state the tour's length in different words ("a
six-day tour", "its tour of 6 days": not a conflict), and disagree on the
city the train left from and on the number of concerts. `a-copy.txt` is a
syndicated copy of `a.txt`. The fake encoder's bags of words put the
outlets' shared claims close and the fake parser finds the cities as
places, so what is checked is the alignment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.align import Alignment, align
from newsweave.align.compare import compatible
from newsweave.align.values import DURATION, NUMBER, OFFER, Value, sentence_values
from newsweave.analyze import Models, analyze_articles
from newsweave.analyze.entities import link_entities
from newsweave.clean import clean_corpus
from newsweave.models import AnalyzedArticle, RawDoc, Sentence
from newsweave.readers import load

FIXTURE = Path(__file__).resolve().parent / "data" / "align"


def _align(models: Models, names: list[str], voices: list[int]) -> tuple[Alignment, list[AnalyzedArticle]]:
    decoded = [load(RawDoc(str(FIXTURE / name), (FIXTURE / name).read_bytes())) for name in names]
    articles = clean_corpus(decoded, models.nlp.is_organization)
    analyzed = analyze_articles(articles, models.nlp)
    vectors = [models.encoder.encode([s.text for s in a.sentences]) for a in analyzed]
    ids = [f"S{i + 1}" for i in range(len(names))]
    return align(ids, analyzed, vectors, link_entities(ids, analyzed), voices), analyzed


@pytest.fixture(scope="module")
def two_sources(fake_models: Models) -> tuple[Alignment, list[AnalyzedArticle]]:
    return _align(fake_models, ["a.txt", "b.txt"], [0, 1])


def _values(text: str) -> tuple[Value, ...]:
    sentence = Sentence(line=1, start=0, end=len(text), text=text)
    return sentence_values(sentence, lambda name: name, frozenset(), frozenset(), None)


def _keys(text: str, kind: str) -> list[str]:
    return [v.key for v in _values(text) if v.kind == kind]


def test_departure_city_conflict_is_reported_with_both_sides(
    two_sources: tuple[Alignment, list[AnalyzedArticle]],
) -> None:
    alignment, _ = two_sources
    departures = [d for d in alignment.divergences if d.topic == "departure place"]
    assert len(departures) == 1
    sides = {v.value: v.sources for v in departures[0].values}
    assert sides == {"Lyon": ("S1",), "Geneva": ("S2",)}
    for value in departures[0].values:
        assert value.value in value.text
        assert [c.source for c in value.cite] == list(value.sources)
        assert value.cite[0].text == value.text


def test_number_conflict_inside_an_aligned_claim(
    two_sources: tuple[Alignment, list[AnalyzedArticle]],
) -> None:
    alignment, _ = two_sources
    concerts = [d for d in alignment.divergences if d.topic == "number of concerts"]
    assert len(concerts) == 1
    assert concerts[0].kind == NUMBER
    assert sorted(v.value for v in concerts[0].values) == ["12 concerts", "14 concerts"]


def test_same_duration_in_other_words_is_not_a_divergence(
    two_sources: tuple[Alignment, list[AnalyzedArticle]],
) -> None:
    alignment, _ = two_sources
    assert not [d for d in alignment.divergences if d.kind == DURATION]
    # the values agreeing on 20,000 tickets and 90 musicians are not conflicts either
    topics = {d.topic for d in alignment.divergences}
    assert topics == {"departure place", "number of concerts"}


def test_claims_told_by_both_sources_are_consensus(
    two_sources: tuple[Alignment, list[AnalyzedArticle]],
) -> None:
    alignment, articles = two_sources
    assert len(alignment.consensus) >= 3
    for item in alignment.consensus:
        assert item.independent == 2
        assert item.sources == ("S1", "S2")
        assert item.text in {s.text for a in articles for s in a.sentences}
    conductor = [item for item in alignment.consensus if "Lindqvist" in item.text]
    assert len(conductor) == 1


def test_unique_details_need_substance(two_sources: tuple[Alignment, list[AnalyzedArticle]]) -> None:
    alignment, _ = two_sources
    unique = {(item.source, item.text) for item in alignment.unique}
    assert (
        "S1",
        "Organisers said the tour cost 1.2 million euros, most of it paid by private sponsors.",
    ) in unique
    assert all("thunderstorm" not in text for _, text in unique)


def test_backing_counts_voices_and_skips_unconsidered_sentences(
    two_sources: tuple[Alignment, list[AnalyzedArticle]],
) -> None:
    alignment, articles = two_sources
    first = articles[0].sentences
    assert alignment.backing(0, 0) == 2
    cost = next(i for i, s in enumerate(first) if "million euros" in s.text)
    assert alignment.backing(0, cost) == 1
    short = next(i for i, s in enumerate(first) if s.text == "Tickets were scarce.")
    assert alignment.backing(0, short) == 0


def test_a_syndicated_copy_makes_no_consensus_and_no_conflict(fake_models: Models) -> None:
    alignment, _ = _align(fake_models, ["a.txt", "a-copy.txt"], [0, 0])
    assert alignment.consensus == ()
    assert alignment.divergences == ()
    assert alignment.backing(0, 0) == 1
    assert any(len(group.members) == 2 for group in alignment.groups)


def test_a_copy_counts_once_next_to_an_independent_source(fake_models: Models) -> None:
    alignment, _ = _align(fake_models, ["a.txt", "a-copy.txt", "b.txt"], [0, 0, 1])
    assert alignment.consensus
    assert all(item.independent == 2 for item in alignment.consensus)
    assert all(item.sources == ("S1", "S2", "S3") for item in alignment.consensus)
    departures = [d for d in alignment.divergences if d.topic == "departure place"]
    assert [v.sources for v in departures[0].values] == [("S1", "S2"), ("S3",)]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            "The team began a six-day trek across the desert.",
            "The team began a 6-day trek across the desert.",
        ),
        ("He spent six days on his visit to the capital.", "She ended a six-day visit to the capital."),
        ("They completed a tour of 6 days in the south.", "They completed a six day tour in the south."),
        ("Workers began a week-long strike at the port.", "Workers began a seven-day strike at the port."),
    ],
)
def test_duration_wordings_normalize_to_one_key(left: str, right: str) -> None:
    assert _keys(left, DURATION) == _keys(right, DURATION) != []


def test_counts_and_amounts_normalize() -> None:
    assert _keys("Police deployed 4,000 officers downtown.", NUMBER) == ["4000 officer"]
    assert _keys("Police deployed 4000 officers downtown.", NUMBER) == ["4000 officer"]
    assert _keys("The club offered $2.5 million for the striker.", OFFER) == ["USD 2500000"]
    assert _keys("The club offered 2.5 million dollars for the striker.", OFFER) == ["USD 2500000"]


def test_a_date_is_not_a_count() -> None:
    assert _keys("The museum reopened on September 17 after repairs.", NUMBER) == []


def test_an_approximate_value_close_to_an_exact_one_agrees() -> None:
    rough = _values("The crew returned after a nearly week-long mission in orbit.")[0]
    exact = _values("The crew returned after a six-day mission in orbit.")[0]
    far = _values("The crew returned after a three-day mission in orbit.")[0]
    assert rough.approx and not exact.approx
    assert compatible(rough, exact)
    assert not compatible(rough, far)
    assert not compatible(exact, far)
