"""The ROUGE-1.5.5 recipe of `eval summaries`, checked against small cases computed by hand."""

from __future__ import annotations

import pytest

from newsweave.eval.rouge import (
    ROUGE_1,
    ROUGE_2,
    ROUGE_SU4,
    bootstrap_ci,
    grams,
    jackknife,
    pooled,
    skip_bigrams,
    tokens,
    truncate,
)


def test_tokens_lowercase_split_on_punctuation_and_stem_only_long_words() -> None:
    assert tokens("The cats' running-dogs RAN!") == ["the", "cat", "run", "dog", "ran"]
    assert tokens("was has bus") == ["was", "has", "bus"]  # three letters or fewer: never stemmed
    assert tokens("Ceasefire 2,000 U.S.") == ["ceasefir", "2", "000", "u", "s"]


def test_stop_words_are_kept() -> None:
    peer, ref = grams("of the and"), grams("of the and a")
    assert pooled(peer, [ref])[ROUGE_1].recall == pytest.approx(3 / 4)


def test_truncation_counts_whitespace_words_before_tokenising() -> None:
    assert truncate("one  two\nthree four", 3) == "one two three"
    # "well-known" is one word for the cut (as ROUGE-1.5.5's -l counts) and two tokens after it
    assert grams("well-known fact here", 1)[ROUGE_1] == grams("well known")[ROUGE_1]


def test_a_reference_is_cut_to_the_budget_too() -> None:
    peer = grams("alpha beta")
    long_ref = grams("alpha beta gamma delta", 2)
    assert pooled(peer, [long_ref])[ROUGE_1].recall == 1.0


def test_references_are_pooled_not_averaged() -> None:
    peer = grams("a b c")
    refs = [grams("a b d"), grams("a a e f")]
    # hits 2 of 3 against the first, 1 of 4 against the second (the peer's one "a" is clipped)
    assert pooled(peer, refs)[ROUGE_1].recall == pytest.approx(3 / 7)
    assert pooled(peer, refs)[ROUGE_1].precision == pytest.approx(3 / 6)


def test_bigram_hits_are_clipped_to_the_reference_counts() -> None:
    scores = pooled(grams("x y x y"), [grams("x y z")])[ROUGE_2]
    assert scores.recall == pytest.approx(1 / 2)  # (x y) once of (x y), (y z)
    assert scores.precision == pytest.approx(1 / 3)  # of (x y), (y x), (x y)
    assert scores.f == pytest.approx(2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3))


def test_stemming_lets_inflections_match() -> None:
    scores = pooled(grams("the dogs were running"), [grams("running dogs barked")])
    assert scores[ROUGE_1].recall == pytest.approx(2 / 3)
    assert scores[ROUGE_2].recall == pytest.approx(0.0)


def test_skip_bigrams_allow_four_words_between_and_add_unigrams_but_the_last() -> None:
    assert skip_bigrams(["a", "b", "c"]) == {
        ("a",): 1,
        ("b",): 1,  # no ("c",): ROUGE-1.5.5's loop stops before the last token
        ("a", "b"): 1,
        ("a", "c"): 1,
        ("b", "c"): 1,
    }
    words = [f"w{i}" for i in range(7)]
    pairs = skip_bigrams(words)
    assert ("w0", "w5") in pairs  # four words between
    assert ("w0", "w6") not in pairs  # five words between
    assert skip_bigrams(["alone"]) == {}


def test_su4_recall_by_hand() -> None:
    # reference a b c: units a, b, ab, ac, bc (5); peer a c: units a, ac (2) -> 2 hits of 5
    assert pooled(grams("a c"), [grams("a b c")])[ROUGE_SU4].recall == pytest.approx(2 / 5)


def test_jackknife_averages_the_leave_one_out_scores_of_a_system() -> None:
    refs = {"A": grams("a"), "B": grams("b"), "C": grams("c d")}
    peer = grams("a b")
    # without A: 1 of 3; without B: 1 of 3; without C: 2 of 2
    assert jackknife(peer, refs)[ROUGE_1].recall == pytest.approx((1 / 3 + 1 / 3 + 1) / 3)


def test_a_human_is_scored_once_against_the_other_references() -> None:
    refs = {"A": grams("a b"), "B": grams("b"), "C": grams("c d")}
    assert jackknife(grams("a b"), refs, own="A")[ROUGE_1].recall == pytest.approx(1 / 3)
    # an id that wrote none of the references is scored like a system
    assert jackknife(grams("a b"), refs, own="7") == jackknife(grams("a b"), refs)


def test_one_reference_is_not_jackknifed_and_none_scores_zero() -> None:
    assert jackknife(grams("a b"), {"A": grams("a c")})[ROUGE_1].recall == pytest.approx(1 / 2)
    assert jackknife(grams("a b"), {})[ROUGE_2].recall == 0.0
    assert jackknife(grams(""), {"A": grams("a c")})[ROUGE_1].recall == 0.0


def test_bootstrap_interval_is_deterministic_and_brackets_the_mean() -> None:
    values = [0.1, 0.2, 0.15, 0.3, 0.05, 0.25]
    low, high = bootstrap_ci(values)
    assert low < sum(values) / len(values) < high
    assert bootstrap_ci(values) == (low, high)
    assert bootstrap_ci([0.4, 0.4, 0.4]) == pytest.approx((0.4, 0.4))
    assert bootstrap_ci([]) == (0.0, 0.0)
