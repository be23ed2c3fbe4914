"""Who said what across sources: speakers resolved, one statement merged.

Merging two wordings of one statement, and the example's attributions, need
the real models (spaCy reads "the coast guard" as an organization, MiniLM
puts the two wordings close): those tests are integration tests; the rest
run on the fakes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.analyze import Models, analyze_articles
from newsweave.analyze.entities import link_entities
from newsweave.clean import clean, clean_corpus
from newsweave.compose.attributions import collect_attributions
from newsweave.models import AnalyzedArticle, AttributionItem, DecodedDoc, RawDoc
from newsweave.readers import load

from .conftest import EXAMPLE

FIRST = [
    "The river ferry ran aground near the old harbour on Tuesday with 300 passengers on board.",
    '"Nobody was hurt and every passenger reached the shore safely," harbour master Ingrid Solberg said.',
    "The ferry company said it would pay for the passengers' hotels.",
]
SECOND = [
    "A passenger ferry struck a sandbank close to the old harbour on Tuesday.",
    "Harbour master Ingrid Solberg said nobody was hurt and all the passengers reached the shore safely.",
    "Divers will inspect the hull on Wednesday, the coast guard said.",
]


def _collect(models: Models, documents: list[list[str]], voices: list[int]) -> tuple[AttributionItem, ...]:
    articles = [
        clean(DecodedDoc(f"{i}.txt", "utf-8", tuple(lines)), models.nlp.is_organization)
        for i, lines in enumerate(documents)
    ]
    analyzed = analyze_articles(articles, models.nlp)
    return _run(models, analyzed, voices)


def _run(models: Models, analyzed: list[AnalyzedArticle], voices: list[int]) -> tuple[AttributionItem, ...]:
    vectors = [models.encoder.encode([s.text for s in a.sentences]) for a in analyzed]
    ids = [f"S{i + 1}" for i in range(len(analyzed))]
    return collect_attributions(ids, analyzed, vectors, link_entities(ids, analyzed), voices)


@pytest.mark.integration
def test_one_statement_reported_by_two_sources_is_one_item_quote_first(models: Models) -> None:
    items = _collect(models, [SECOND, FIRST], [0, 1])
    merged = items[0]
    assert merged.speaker == "Ingrid Solberg"
    assert merged.direct and merged.text == FIRST[1]
    assert [(c.source, c.line) for c in merged.cite] == [("S2", 2), ("S1", 2)]
    assert merged.cite[0].similarity == 1.0 and 0.7 <= merged.cite[1].similarity < 1.0
    assert merged.cite[1].text == SECOND[1]
    speakers = sorted(item.speaker for item in items[1:])
    assert speakers == ["the coast guard", "the ferry company"]
    assert all(len(item.cite) == 1 for item in items[1:])


def test_statements_of_different_speakers_stay_apart(fake_models: Models) -> None:
    other = [SECOND[0], SECOND[1].replace("Harbour master Ingrid Solberg", "The ferry captain")]
    items = _collect(fake_models, [FIRST, other], [0, 1])
    assert all(len(item.cite) == 1 for item in items)


def test_copies_count_once_and_the_original_wording_leads(fake_models: Models) -> None:
    items = _collect(fake_models, [FIRST, FIRST, SECOND], [0, 0, 2])
    top = items[0]
    assert [c.source for c in top.cite] == ["S1", "S2", "S3"]
    assert top.text == FIRST[1]


def test_non_english_sources_are_ignored(fake_models: Models) -> None:
    articles = [clean(DecodedDoc("0.txt", "utf-8", tuple(FIRST)), fake_models.nlp.is_organization)]
    analyzed = analyze_articles(articles, fake_models.nlp)
    foreign = [replace(a, article=replace(a.article, language="de")) for a in analyzed]
    assert _run(fake_models, foreign, [0]) == ()


@pytest.mark.integration
def test_example_attributions(models: Models) -> None:
    paths = sorted(Path(EXAMPLE).iterdir())
    decoded = [load(RawDoc(str(p), p.read_bytes())) for p in paths]
    analyzed = analyze_articles(clean_corpus(decoded, models.nlp.is_organization), models.nlp)
    items = _run(models, analyzed, list(range(len(analyzed))))
    assert 6 <= len(items) <= 12
    assert all(item.speaker.lower() not in {"he", "she", "they"} for item in items)
    assert all(item.cite[0].text == item.text for item in items)
    for item in items:
        voices = len({c.source for c in item.cite})
        assert voices == len(item.cite)
    counts = [len(item.cite) for item in items]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] >= 2
    again = _run(models, analyzed, list(range(len(analyzed))))
    assert again == items
