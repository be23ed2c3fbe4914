"""When two stated values are not a divergence: figures that are parts of
larger ones, currency conversions, one date or span said two ways, a place
inside another, and sentences that name the other side's value themselves.
Each case is a shape seen in real news, told here in invented sentences."""

from __future__ import annotations

import pytest

from newsweave.align.compare import Cited, Dispute, dispute
from newsweave.align.values import DATE, DURATION, NUMBER, OFFER, PLACE, Value, amounts, counts


def _counts(text: str) -> list[str]:
    return [v.key for v in counts(text, [])]


def _amounts(text: str) -> list[str]:
    return [v.key for v, _, _ in amounts(text)]


def _dispute(kind: str, left: Value, right: Value, texts: dict[Cited, str] | None = None) -> Dispute | None:
    said = None if texts is None else texts.__getitem__
    return dispute("slot", kind, [((0, 0), left), ((1, 0), right)], lambda source: source, said)


@pytest.mark.parametrize(
    "text",
    [
        "The keeper saved 9 of 12 shots on goal.",
        "The keeper saved 9-of-12 shots on goal.",
        "She played in 10 of the club's 16 games.",
        "The visitors took a 14-0 lead and closed on a 35-47 record.",
        "The record of 4, 051 yards stood for a year.",
        "A magnitude-5. 8 tremor shook the valley.",
    ],
)
def test_a_figure_inside_a_larger_one_is_no_count(text: str) -> None:
    assert _counts(text) == []


def test_a_count_beside_such_figures_is_still_read() -> None:
    assert _counts("The keeper saved 9 of 12 shots and 3 penalties.") == ["3 penalty"]


def test_a_converted_or_split_sum_is_no_amount() -> None:
    assert _amounts("Repairs cost €90 million ($120 million), the council said.") == ["EUR 90000000"]
    assert _amounts("The film has earned $412. 5 million so far.") == []
    assert _counts("Repairs cost €90 million ($120 million), the council said.") == []


def test_one_weekday_resolved_to_two_days_is_no_divergence() -> None:
    left = Value(DATE, "2031-03-06", "Thursday", "died")
    right = Value(DATE, "2031-03-13", "Thursday", "died")
    assert _dispute(DATE, left, right) is None
    assert _dispute(DATE, left, Value(DATE, "2031-03-07", "Friday", "died")) is not None


def test_one_span_in_two_units_is_no_divergence() -> None:
    days = Value(DURATION, "90 day", "90-day", "duration of stay")
    assert _dispute(DURATION, days, Value(DURATION, "3 month", "three-month", "duration of stay")) is None
    assert _dispute(DURATION, days, Value(DURATION, "6 month", "six-month", "duration of stay")) is not None


def test_a_place_inside_the_other_is_no_divergence() -> None:
    town = Value(PLACE, "dunmore", "Dunmore", "shop in")
    street = Value(PLACE, "dunmore market street", "Dunmore Market Street", "shop in")
    assert _dispute(PLACE, town, street) is None
    assert _dispute(PLACE, town, Value(PLACE, "carrick", "Carrick", "shop in")) is not None


def test_a_sentence_naming_the_other_place_does_not_contradict_it() -> None:
    texts = {
        (0, 0): "The convoy was moving from a depot in Fenwick to one in Harlow.",
        (1, 0): "The convoy was moving to a depot in Harlow.",
    }
    left = Value(PLACE, "fenwick", "Fenwick", "depot in")
    right = Value(PLACE, "harlow", "Harlow", "depot in")
    assert _dispute(PLACE, left, right, texts) is None
    apart = {**texts, (0, 0): "The convoy was moving to a depot in Fenwick."}
    assert _dispute(PLACE, left, right, apart) is not None


def test_a_sentence_stating_the_other_count_does_not_contradict_it() -> None:
    texts = {
        (0, 0): "The gunman shot four guards, killing two of them.",
        (1, 0): "The gunman shot and killed two guards.",
    }
    left = Value(NUMBER, "4 guard", "four guards", "number of guards")
    right = Value(NUMBER, "2 guard", "two guards", "number of guards")
    assert _dispute(NUMBER, left, right, texts) is None
    apart = {**texts, (0, 0): "The gunman shot four guards."}
    assert _dispute(NUMBER, left, right, apart) is not None


def test_sums_in_one_currency_still_conflict() -> None:
    left = Value(OFFER, "USD 200000000", "$200 million", "amount offered")
    right = Value(OFFER, "USD 184000000", "$184 million", "amount offered")
    assert _dispute(OFFER, left, right) is not None
