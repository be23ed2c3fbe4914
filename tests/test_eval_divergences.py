"""Divergence counting on ECB+-shaped input: candidates, sides on candidates,
divergences across look-alike events, and one hand-made topic run through
briefs on the fakes."""

from __future__ import annotations

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.eval.claims import Doc, GoldSentence
from newsweave.eval.divergences import (
    Flagged,
    Side,
    across_events,
    candidates,
    numerals,
    on_candidates,
    run_topic,
    sample,
)

QUAKE_A = "A strong earthquake killed 12 people in the hill town of Aldmoor on Monday.\nRoads were closed.\n"
QUAKE_B = "Officials said the strong earthquake killed 15 people in the hill town of Aldmoor on Monday.\n"
STORM = "A storm killed 3 people on the coast on Friday.\n"
DOCS = [
    Doc("4_1ecb", 4, "ecb", QUAKE_A),
    Doc("4_2ecb", 4, "ecb", QUAKE_B),
    Doc("4_1ecbplus", 4, "ecbplus", STORM),
]
GOLD = [
    GoldSentence(4, "ecb", "4_1ecb", 0, 1),
    GoldSentence(4, "ecb", "4_2ecb", 0, 1),
    GoldSentence(4, "ecbplus", "4_1ecbplus", 1, 1),
]
QUAKES = (("4_1ecb", 1), ("4_2ecb", 1))


def test_numerals_normalize_and_leave_years_out() -> None:
    assert numerals("In 2009, 1,200 homes and five schools fell.") == {"1200", "five"}


def test_candidates_are_same_event_pairs_with_different_figures() -> None:
    texts = {(d.id, 1): d.text.splitlines()[0] for d in DOCS}
    found = candidates(GOLD, texts, {})
    assert found == {QUAKES}
    same = {**texts, ("4_2ecb", 1): QUAKE_A.splitlines()[0]}
    assert candidates(GOLD, same, {}) == frozenset()


def test_a_divergence_stands_on_a_candidate_when_its_sides_cite_the_pair() -> None:
    item = Flagged(
        4, "event", "number of people", "number", (Side("12", (QUAKES[0],)), Side("15", (QUAKES[1],)))
    )
    assert on_candidates(item, frozenset({QUAKES})) == {QUAKES}
    one_side = Flagged(4, "event", "n", "number", (Side("12", QUAKES), Side("15", (("4_1ecb", 2),))))
    assert on_candidates(one_side, frozenset({QUAKES})) == set()


def test_sides_from_different_events_compare_two_happenings() -> None:
    events = {d.id: d.event for d in DOCS}
    apart = Flagged(4, "topic", "n", "number", (Side("12", (QUAKES[0],)), Side("3", (("4_1ecbplus", 1),))))
    assert across_events(apart, events)
    mixed = Flagged(
        4, "topic", "n", "number", (Side("12", (QUAKES[0],)), Side("3", (("4_1ecbplus", 1), QUAKES[1])))
    )
    assert not across_events(mixed, events)


def test_sample_is_the_same_whatever_the_input_order() -> None:
    items = [Flagged(4, "event", str(n), "number", (Side(str(n), (("d", n),)),)) for n in range(10)]
    assert sample(items, 4) == sample(list(reversed(items)), 4)


def test_a_topic_flags_the_conflicting_count_of_one_event(fake_models: Models) -> None:
    run = run_topic(DOCS, GOLD, fake_models, Config())
    assert run.candidates == {QUAKES}
    hits = [item for item in run.per_event if on_candidates(item, run.candidates)]
    assert [sorted(side.value for side in item.sides) for item in hits] == [["12 people", "15 people"]]
    assert run.texts[QUAKES[1]] == QUAKE_B.strip()
