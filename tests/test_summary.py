"""Summary selection edge cases, on the fakes of tests/fakes.py."""

from __future__ import annotations

from newsweave.analyze import Models, analyze_articles
from newsweave.clean import clean
from newsweave.compose.summary import SummaryConfig, facts, numbers, quoted_share, summarize
from newsweave.models import DecodedDoc, Sentence, TimeRef
from newsweave.vocabulary import Granularity, Tense

SENTENCES = [
    "The regional hospital opened a new emergency wing on Monday after three years of construction.",
    "The wing adds 40 beds and two operating theatres to the overcrowded hospital.",
    "Health officials said waiting times in the emergency room should fall by half.",
    "The project cost 85 million euros, most of it paid by the regional government.",
    "Nurses' unions welcomed the new wing but warned that staff shortages remained severe.",
    "The old emergency department will be turned into an outpatient clinic next year.",
]


def _summarize(models: Models, documents: list[list[str]], config: SummaryConfig | None = None):  # type: ignore[no-untyped-def]
    articles = [
        clean(DecodedDoc(f"{i}.txt", "utf-8", tuple(lines)), models.nlp.is_organization)
        for i, lines in enumerate(documents)
    ]
    analyzed = analyze_articles(articles, models.nlp)
    vectors = [models.encoder.encode([s.text for s in a.sentences]) for a in analyzed]
    ids = [f"S{i + 1}" for i in range(len(articles))]
    return summarize(ids, analyzed, vectors, config or SummaryConfig())


def test_no_candidate_sentence_gives_an_empty_summary(fake_models: Models) -> None:
    assert _summarize(fake_models, [["Short line.", "Another one."]]) == ()


def test_one_sentence_article(fake_models: Models) -> None:
    summary = _summarize(fake_models, [[SENTENCES[0]]])
    assert [item.text for item in summary] == [SENTENCES[0]]
    assert [(c.source, c.line) for c in summary[0].cite] == [("S1", 1)]


def test_identical_copies_give_one_sentence_citing_every_copy(fake_models: Models) -> None:
    summary = _summarize(fake_models, [SENTENCES, SENTENCES, SENTENCES])
    texts = [item.text for item in summary]
    assert len(texts) == len(set(texts))
    for item in summary:
        assert [c.source for c in item.cite] == ["S1", "S2", "S3"]
        assert all(c.text == item.text for c in item.cite)


def test_summary_stays_within_sentence_bounds(fake_models: Models) -> None:
    config = SummaryConfig(min_sentences=2, max_sentences=3, words=1000)
    assert len(_summarize(fake_models, [SENTENCES], config)) == 3


def test_word_budget_applies_after_the_minimum(fake_models: Models) -> None:
    config = SummaryConfig(min_sentences=2, max_sentences=8, words=10)
    assert len(_summarize(fake_models, [SENTENCES], config)) == 2


def test_figures_are_normalized() -> None:
    assert numbers("More than 4,000 people; 4000 homes; 7.2 metres") == frozenset({"4000", "7.2"})


def test_word_budget_holds_with_the_default_minimum(fake_models: Models) -> None:
    summary = _summarize(fake_models, [SENTENCES], SummaryConfig(words=30))
    assert len(summary) >= 1 and sum(len(item.text.split()) for item in summary) <= 30


def test_a_sentence_opening_on_a_pronoun_is_not_chosen(fake_models: Models) -> None:
    lines = [SENTENCES[0], "She said the new wing would change how the region treats emergencies."]
    texts = [item.text for item in _summarize(fake_models, [lines], SummaryConfig(words=1000))]
    assert texts == [SENTENCES[0]]


def test_quoted_share_counts_quotation_marks_and_their_words() -> None:
    assert quoted_share("No quotes in this sentence.") == 0.0
    text = '"We are ready," the mayor said.'
    assert quoted_share(text) == round(len('"We are ready,"') / len(text), 4)


def test_a_shared_day_counts_as_a_shared_fact() -> None:
    told = Sentence(
        1,
        0,
        30,
        "The bridge opened on Tuesday.",
        times=(TimeRef("on Tuesday", 19, 29, "2024-05-07", Granularity.DAY, Tense.PAST),),
    )
    assert facts(told) == frozenset({"2024-05-07"})
    month = Sentence(
        1,
        0,
        22,
        "It opened in May 2024.",
        times=(TimeRef("May 2024", 13, 21, "2024-05", Granularity.MONTH, Tense.PAST),),
    )
    assert facts(month) == frozenset({"2024"})
