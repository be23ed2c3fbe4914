"""Content selection: concept weights and the coverage program, on hand-made values."""

from __future__ import annotations

from newsweave.compose.concepts import ConceptConfig, concept_weights, concepts, stem
from newsweave.compose.selection import MAX_CANDIDATES, Problem, select, select_greedy, shortlist


def test_concepts_are_stemmed_bigrams_without_function_word_pairs() -> None:
    found = concepts("The ferries were cancelled in the storm.")
    assert ("ferri", "were") in found
    assert ("cancel", "in") in found
    assert ("in", "the") not in found  # two function words carry nothing
    assert stem("cancelled") == "cancel"
    assert stem("the") == "the"


def test_a_concept_counts_each_independent_source_once() -> None:
    sentence = frozenset({("dam", "burst")})
    weights = concept_weights(
        [sentence, sentence, sentence],
        voices=[0, 0, 1],  # the second source is a copy of the first
        positions=[0, 0, 0],
        config=ConceptConfig(min_voices=2, position_weight=0.0),
    )
    assert weights == {("dam", "burst"): 2.0}


def test_concepts_told_early_weigh_more() -> None:
    early, late = frozenset({("dam", "burst")}), frozenset({("river", "rose")})
    weights = concept_weights(
        [early, late, early, late],
        voices=[0, 0, 1, 1],
        positions=[0, 9, 0, 9],
        config=ConceptConfig(min_voices=2, position_weight=3.0),
    )
    assert weights[("dam", "burst")] > weights[("river", "rose")]


def test_concepts_of_too_few_sources_are_dropped_but_a_lone_article_keeps_its_own() -> None:
    shared, single = frozenset({("dam", "burst")}), frozenset({("local", "bakery")})
    config = ConceptConfig(min_voices=3, position_weight=0.0)
    many = concept_weights([shared, shared, shared, single], [0, 1, 2, 2], [0, 0, 0, 1], config)
    assert ("local", "bakery") not in many
    assert concept_weights([single], [0], [0], config) == {("local", "bakery"): 1.0}


def _problem(budget: int, exclusive: tuple[tuple[int, int], ...] = ()) -> Problem:
    a, b, c = ("a", "x"), ("b", "x"), ("c", "x")
    return Problem(
        lengths=[10, 6, 6, 20],
        concepts=[frozenset({a, b}), frozenset({a}), frozenset({b, c}), frozenset({a, b, c})],
        weights={a: 3.0, b: 2.0, c: 1.0},
        budget=budget,
        max_sentences=5,
        exclusive=exclusive,
    )


def test_the_program_finds_the_best_cover_within_the_budget() -> None:
    assert select(_problem(12)) == [1, 2]  # 6 + 6 words cover a, b and c
    assert select(_problem(20)) == [0, 2]  # [1, 2] covers as much: ties go to earlier candidates
    assert select(_problem(10)) == [0]  # only a and b fit


def test_a_repeated_concept_counts_once() -> None:
    problem = _problem(100)
    assert problem.value([0, 1]) == problem.value([0])


def test_exclusive_pairs_are_never_both_chosen() -> None:
    chosen = select(_problem(12, exclusive=((1, 2),)))
    assert not {1, 2} <= set(chosen)


def test_nothing_fits_gives_no_choice() -> None:
    assert select(_problem(5)) == []
    assert select_greedy(_problem(5)) == []


def test_the_sentence_cap_holds() -> None:
    problem = Problem(
        [5, 5, 5],
        [frozenset({("a", "x")}), frozenset({("b", "x")}), frozenset()],
        {
            ("a", "x"): 1.0,
            ("b", "x"): 1.0,
        },
        budget=100,
        max_sentences=1,
    )
    assert len(select(problem)) == 1


def test_the_solver_is_never_worse_than_greedy_on_many_candidates() -> None:
    count = MAX_CANDIDATES * 3
    concept_sets = [frozenset({(f"w{i % 37}", f"v{i % 11}"), (f"w{i % 5}", "z")}) for i in range(count)]
    weights = {
        concept: 1.0 + sum(map(ord, "".join(concept))) % 7 for found in concept_sets for concept in found
    }
    problem = Problem([8 + i % 13 for i in range(count)], concept_sets, weights, budget=60, max_sentences=10)
    chosen = select(problem)
    assert sum(problem.lengths[i] for i in chosen) <= 60
    assert problem.value(chosen) >= problem.value(select_greedy(problem))
    assert len(shortlist(problem, MAX_CANDIDATES)) == MAX_CANDIDATES
    assert select(problem) == chosen  # deterministic
