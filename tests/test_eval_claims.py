"""Claim-alignment scoring against ECB+: the gold builder, the scorer, and one
hand-made topic of two look-alike events run through a brief on the fakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.eval.claims import (
    Doc,
    GoldSentence,
    best_threshold,
    build_gold,
    evaluate,
    gold_line,
    jaccard,
    labelled_pairs,
    one_to_one_ceiling,
    read_gold,
    run_topic,
    score,
    threshold_at_precision,
    write_gold,
)

FIRE_A = (
    "A fire destroyed the Waitrose store in Banstead on Friday night.\n"
    "Residents were evacuated from homes nearby.\n"
)
FIRE_B = (
    "Firefighters said a fire destroyed the Waitrose store in Banstead on Friday.\n"
    "Nobody was hurt in the blaze.\n"
)
FLOOD_A = (
    "Floods cut the main road to Carlisle after three days of heavy rain.\nSchools stayed closed on Monday.\n"
)
FLOOD_B = (
    "The council said floods cut the main road to Carlisle after heavy rain.\nShops opened late again.\n"
)
DOCS = {
    "3_1ecb": Doc("3_1ecb", 3, "ecb", FIRE_A),
    "3_2ecb": Doc("3_2ecb", 3, "ecb", FIRE_B),
    "3_1ecbplus": Doc("3_1ecbplus", 3, "ecbplus", "Floods hit Carlisle\n" + FLOOD_A, "Floods hit Carlisle"),
    "3_2ecbplus": Doc("3_2ecbplus", 3, "ecbplus", FLOOD_B),
}
# ECB+ numbering: an ecb file counts from 0, an ecbplus file's sentence 0 is its URL.
INDEX = [
    (3, "1ecb", 0),
    (3, "2ecb", 0),
    (3, "1ecbplus", 1),
    (3, "1ecbplus", 2),
    (3, "2ecbplus", 1),
    (31, "1ecb", 0),
]


def test_gold_lines_follow_the_ecbplus_numbering() -> None:
    assert gold_line("1ecb", 0, ["first", "second"], None) == 1
    assert gold_line("1ecbplus", 2, ["Title", "first"], "Title") == 2
    assert gold_line("1ecbplus", 1, ["Title", "first"], "Title") is None
    with pytest.raises(ValueError, match="past its 2 lines"):
        gold_line("1ecb", 2, ["first", "second"], None)


def test_build_gold_drops_headlines_and_never_reads_held_out_topics(tmp_path: Path) -> None:
    gold = build_gold(INDEX, DOCS)  # topic 31 has no document here: reading it would raise
    assert [(g.doc, g.line) for g in gold] == [
        ("3_1ecb", 1),
        ("3_1ecbplus", 2),
        ("3_2ecb", 1),
        ("3_2ecbplus", 1),
    ]
    write_gold(tmp_path / "gold.csv", gold)
    assert read_gold(tmp_path / "gold.csv") == gold


def test_pairs_are_same_event_across_documents_and_cross_event_negatives() -> None:
    labels = labelled_pairs(build_gold(INDEX, DOCS))
    assert labels == {
        (("3_1ecb", 1), ("3_2ecb", 1)): True,
        (("3_1ecbplus", 2), ("3_2ecbplus", 1)): True,
        (("3_1ecb", 1), ("3_1ecbplus", 2)): False,
        (("3_1ecb", 1), ("3_2ecbplus", 1)): False,
        (("3_1ecbplus", 2), ("3_2ecb", 1)): False,
        (("3_2ecb", 1), ("3_2ecbplus", 1)): False,
    }
    assert one_to_one_ceiling(labels) == 1.0


def test_score_counts_links_among_annotated_sentences_only() -> None:
    labels = labelled_pairs(build_gold(INDEX, DOCS))
    predicted = [
        (("3_1ecb", 1), ("3_2ecb", 1)),  # right
        (("3_1ecb", 1), ("3_1ecbplus", 2)),  # across the look-alike events
        (("3_1ecb", 2), ("3_2ecb", 2)),  # unannotated: ignored
    ]
    result = score(predicted, labels)
    assert (result.tp, result.fp, result.fn, result.ignored) == (1, 1, 1, 1)
    assert result.precision == 0.5
    assert result.recall == 0.5


def test_threshold_is_the_best_f1_and_jaccard_reads_content_words() -> None:
    a, b, c = ("d1", 1), ("d2", 1), ("d3", 1)
    labels = {(a, b): True, (a, c): False, (b, c): False}
    assert best_threshold({(a, b): 0.8, (a, c): 0.3, (b, c): 0.5}, labels) == 0.51
    assert jaccard("The fire destroyed the store", "a store fire") == pytest.approx(2 / 3)


def test_a_brief_links_the_same_event_and_not_its_look_alike(fake_models: Models) -> None:
    gold = build_gold(INDEX, DOCS)
    run = run_topic(list(DOCS.values()), gold, fake_models, Config())
    fire = (("3_1ecb", 1), ("3_2ecb", 1))
    flood = (("3_1ecbplus", 2), ("3_2ecbplus", 1))
    assert {fire, flood} <= run.links["brief:topic"]
    assert {fire, flood} <= run.links["brief:events"]
    assert not any(run.labels.get(link) is False for link in run.links["groups:topic"])
    assert run.cosine[fire] > run.cosine[(("3_1ecb", 1), ("3_1ecbplus", 2))]
    rows = evaluate({3: run})
    agreements = next(r for r in rows if r.system == "newsweave agreements")
    assert (agreements.half, agreements.topic.recall, agreements.topic.precision) == ("dev", 1.0, 1.0)


def test_gold_sentence_rows_keep_their_ecbplus_numbers() -> None:
    row = GoldSentence(3, "ecbplus", "3_1ecbplus", 2, 2)
    assert build_gold([(3, "1ecbplus", 2)], DOCS) == [row]


def test_threshold_at_precision_is_the_lowest_that_reaches_it() -> None:
    a, b, c, d = ("x", 1), ("y", 1), ("z", 1), ("w", 1)
    labels = {(a, b): True, (a, c): False, (b, c): True, (a, d): False}
    values = {(a, b): 0.9, (a, c): 0.6, (b, c): 0.7, (a, d): 0.2}
    assert threshold_at_precision(values, labels, 1.0) == 0.61
    assert threshold_at_precision(values, labels, 0.6) == 0.21
    assert threshold_at_precision(values, labels, 0.5) == 0.0
