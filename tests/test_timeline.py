"""The story timeline: merging across sources, order, background.

The invented reports run on the fakes; the example's timeline, checked
against the dates read in its reports, needs the real models.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsweave.analyze import Models, analyze_articles
from newsweave.analyze.embeddings import Vectors
from newsweave.analyze.timerefs import with_times
from newsweave.clean import clean, clean_corpus
from newsweave.compose.timeline import build_timeline
from newsweave.dating import date_story
from newsweave.models import AnalyzedArticle, DecodedDoc, PublishedDate, TimelineItem
from newsweave.readers import discover, load
from tests.conftest import EXAMPLE

REPORT_A = [
    "Harbour Visit Opens New Chapter",
    "The prime minister of Norland arrived in the port city of Velsa on Tuesday for a three-day state visit.",
    "On Wednesday, the prime minister met President Anna Korvik at the palace to discuss a fisheries treaty.",
    "The two leaders will sign the fisheries treaty in Velsa next Monday, officials said.",
    "Fishing crews in the harbour watched the motorcade pass along the seafront.",
]
REPORT_B = [
    "Norland Leader Lands In Velsa",
    "Norland's prime minister landed in Velsa on Tuesday, starting a state visit of three days.",
    "President Anna Korvik hosted the prime minister at her palace on Wednesday for fisheries treaty talks.",
    "The two countries first signed a trade agreement in 2011.",
    "Local shops along the seafront stayed open late for the visitors.",
]
PUBLISHED = PublishedDate("2024-05-10", 0.9, ())  # a Friday


def _prepare(
    models: Models, articles: list[AnalyzedArticle]
) -> tuple[list[str], list[AnalyzedArticle], list[Vectors]]:
    dated = [with_times(a) for a in articles]
    vectors = [models.encoder.encode([s.text for s in a.sentences]) for a in dated]
    return [f"S{i + 1}" for i in range(len(dated))], dated, vectors


def _fixture(models: Models, voices: list[int] | None = None) -> tuple[TimelineItem, ...]:
    cleaned = [
        clean(DecodedDoc(f"{name}.txt", "utf-8", tuple(lines)), models.nlp.is_organization)
        for name, lines in (("a", REPORT_A), ("b", REPORT_B))
    ]
    analyzed = [
        replace(a, article=replace(a.article, published=PUBLISHED))
        for a in analyze_articles(cleaned, models.nlp)
    ]
    ids, dated, vectors = _prepare(models, analyzed)
    return build_timeline(ids, dated, vectors, voices or [0, 1])


def test_same_happening_from_two_sources_is_one_entry_citing_both(fake_models: Models) -> None:
    timeline = _fixture(fake_models)
    main = [item for item in timeline if not item.background]
    assert [(item.date, sorted(c.source for c in item.cite)) for item in main] == [
        ("2024-05-07", ["S1", "S2"]),
        ("2024-05-08", ["S1", "S2"]),
    ]
    for item in main:
        assert item.cite[0].text == item.text and item.cite[0].similarity == 1.0
        assert all(0.0 < c.similarity < 1.0 for c in item.cite[1:])


def test_plans_and_history_are_background_after_the_main_sequence(fake_models: Models) -> None:
    timeline = _fixture(fake_models)
    flags = [item.background for item in timeline]
    assert flags == sorted(flags)
    background = [(item.date, item.granularity, item.cite[0].source) for item in timeline if item.background]
    assert background == [("2011", "year", "S2"), ("2024-05-13", "day", "S1")]
    assert "will sign" in next(item.text for item in timeline if item.date == "2024-05-13")


def test_no_sentence_appears_twice(fake_models: Models) -> None:
    cited = [(c.source, c.line, c.text) for item in _fixture(fake_models) for c in item.cite]
    assert len(cited) == len(set(cited))


def test_a_copy_does_not_outvote_an_independent_source(fake_models: Models) -> None:
    copy = [REPORT_B[0], *REPORT_B[1:]]
    cleaned = [
        clean(DecodedDoc(f"{name}.txt", "utf-8", tuple(lines)), fake_models.nlp.is_organization)
        for name, lines in (("a", REPORT_A), ("b", REPORT_B), ("c", copy))
    ]
    analyzed = [
        replace(a, article=replace(a.article, published=PUBLISHED))
        for a in analyze_articles(cleaned, fake_models.nlp)
    ]
    ids, dated, vectors = _prepare(fake_models, analyzed)
    with_copy = build_timeline(ids, dated, vectors, [0, 1, 1])
    arrival = next(item for item in with_copy if item.date == "2024-05-07")
    assert {c.source for c in arrival.cite} == {"S1", "S2", "S3"}
    # S2 and its copy are one voice, so S1's own sentence (first source) is still shown
    assert arrival.cite[0].source == "S1"


def test_articles_without_dates_give_an_empty_timeline(fake_models: Models) -> None:
    doc = DecodedDoc("x.txt", "utf-8", ("Quiet Harbour", "Fishing crews in the harbour mended their nets."))
    analyzed = analyze_articles([clean(doc, fake_models.nlp.is_organization)], fake_models.nlp)
    ids, dated, vectors = _prepare(fake_models, analyzed)
    assert build_timeline(ids, dated, vectors, [0]) == ()


@pytest.mark.integration
def test_example_timeline_has_the_trip_days_in_order(models: Models) -> None:
    """Dates checked by reading the five reports: entry Tuesday the 12th, summit
    Wednesday the 13th, aircraft plant Friday the 15th, bombers Saturday the 16th,
    departure Sunday the 17th (2023)."""
    found = discover([str(EXAMPLE)], stdin=None)
    decoded = [load(raw) for raw in found.docs]
    articles = clean_corpus(decoded, models.nlp.is_organization)
    dates = date_story(articles, [d.meta.date for d in decoded])
    articles = [
        replace(a, published=published) for a, (published, _flags) in zip(articles, dates, strict=True)
    ]
    ids, dated, vectors = _prepare(models, analyze_articles(articles, models.nlp))
    timeline = build_timeline(ids, dated, vectors, list(range(len(ids))))
    main = [item for item in timeline if not item.background]
    assert [item.date for item in main] == sorted(item.date for item in main)
    assert all("2023-09-12" <= item.date <= "2023-09-18" for item in main)

    def entry(source: str, line: int, word: str) -> TimelineItem:
        return next(
            item
            for item in timeline
            for c in item.cite
            if (c.source, c.line) == (source, line) and word in c.text
        )

    assert entry("S3", 9, "last Tuesday").date == "2023-09-12"
    summit = entry("S2", 15, "Wednesday")
    assert summit.date == "2023-09-13" and summit is entry("S5", 13, "Wednesday")
    assert entry("S3", 17, "Friday").date == "2023-09-15"  # aircraft plant
    bombers = entry("S2", 12, "Saturday")
    assert bombers.date == "2023-09-16" and bombers is entry("S4", 16, "Saturday")
    departure = entry("S2", 1, "Sunday")
    assert departure.date == "2023-09-17" and departure is entry("S1", 3, "September 17")
    planned = [item for item in timeline if item.background and item.date == "2023-11"]
    assert [c.source for item in planned for c in item.cite] == ["S2"]
