"""Time expressions resolved against a publication day: directions, boundaries, non-dates."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.analyze.timerefs import resolve_times, with_times
from newsweave.models import AnalyzedArticle, Article, Line, PublishedDate, Sentence
from newsweave.vocabulary import Role

MONDAY = date(2024, 3, 4)
SUNDAY = date(2023, 9, 17)
NEW_YEAR = date(2024, 1, 2)  # a Tuesday


def _values(text: str, published: date | None) -> list[tuple[str, str, str]]:
    refs = resolve_times(text, published)
    for ref in refs:
        assert text[ref.start : ref.end] == ref.phrase
    return [(ref.phrase, ref.value, ref.granularity) for ref in refs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bridge opened on September 13, 2023.", ("September 13, 2023", "2023-09-13")),
        ("The bridge opened on 13 September 2023.", ("13 September 2023", "2023-09-13")),
        ("The bridge opened on 9/13/2023.", ("9/13/2023", "2023-09-13")),
        ("The previous summit took place in April 2019.", ("April 2019", "2019-04")),
        ("He took office in late 2011.", ("in late 2011", "2011")),
    ],
)
def test_expressions_with_their_own_year_resolve_without_a_publication_day(
    text: str, expected: tuple[str, str]
) -> None:
    assert [(phrase, value) for phrase, value, _ in _values(text, None)] == [expected]


def test_without_a_publication_day_relative_expressions_are_skipped() -> None:
    text = "The council met on Wednesday, on March 4, in November and again yesterday."
    assert _values(text, None) == []


def test_month_day_without_year_crosses_back_over_new_year() -> None:
    assert _values("The talks collapsed on December 30.", NEW_YEAR) == [("December 30", "2023-12-30", "day")]


def test_future_month_day_without_year_is_the_next_one() -> None:
    assert _values("The court will rule on February 1.", NEW_YEAR) == [("February 1", "2024-02-01", "day")]


def test_last_friday_across_new_year() -> None:
    assert _values("The mayor resigned last Friday.", NEW_YEAR) == [("last Friday", "2023-12-29", "day")]


def test_monday_in_an_article_of_a_monday_depends_on_tense() -> None:
    reported = resolve_times("Officials said on Monday that the plant would close.", MONDAY)
    assert [(r.value, r.tense) for r in reported] == [("2024-03-04", "report")]
    assert _values("The mayor met the unions last Monday.", MONDAY)[0][1] == "2024-02-26"
    planned = resolve_times("The leaders will meet on Monday.", MONDAY)
    assert [(r.value, r.tense) for r in planned] == [("2024-03-11", "future")]


def test_future_weekday_is_the_next_one() -> None:
    assert _values("The ministers will meet on Thursday in the capital.", MONDAY)[0][1] == "2024-03-07"
    assert _values("The ministers met on Thursday in the capital.", MONDAY)[0][1] == "2024-02-29"


def test_earlier_weekday_and_last_weekday() -> None:
    assert _values("Earlier Sunday, she toured a school.", SUNDAY) == [("Sunday", "2023-09-17", "day")]
    assert _values("Since arriving last Tuesday, she has met the cabinet.", SUNDAY)[0][1] == "2023-09-12"
    assert _values("The vote is set for next Friday.", SUNDAY)[0][1] == "2023-09-22"


def test_bare_month_follows_tense() -> None:
    assert _values("The council approved the budget in November.", MONDAY) == [
        ("in November", "2023-11", "month")
    ]
    assert _values("The council will vote on the budget in November.", MONDAY)[0][1] == "2024-11"


def test_relative_phrases_count_from_publication() -> None:
    text = "Yesterday the storm hit the coast; today it eased and tomorrow it returns."
    assert [value for _, value, _ in _values(text, SUNDAY)] == ["2023-09-16", "2023-09-17", "2023-09-18"]
    months = _values("Earlier this month the agency launched a probe; last month it failed.", SUNDAY)
    assert months == [("Earlier this month", "2023-09", "month"), ("last month", "2023-08", "month")]
    assert _values("Sales rose last year.", SUNDAY) == [("last year", "2022", "year")]
    assert _values("The dam burst three days ago.", SUNDAY) == [("three days ago", "2023-09-14", "day")]


def test_days_later_counts_from_the_last_day_named() -> None:
    text = "The fire started on September 2, 2023, and two days later the town was evacuated."
    assert [value for _, value, _ in _values(text, SUNDAY)] == ["2023-09-02", "2023-09-04"]
    assert _values("Two days later the town was evacuated.", SUNDAY) == []
    anchored = resolve_times("Two days later the town was evacuated.", SUNDAY, anchor=date(2023, 9, 2))
    assert [ref.value for ref in anchored] == ["2023-09-04"]


def test_weekday_with_month_day_keeps_the_whole_phrase() -> None:
    text = "State media reported on Monday (September 18) that the visit had ended."
    assert _values(text, date(2023, 9, 18)) == [("Monday (September 18)", "2023-09-18", "day")]


def test_numbers_that_are_not_dates_do_not_resolve() -> None:
    assert _values("At least 13 people died and 2,011 troops were sent to 2013 villages.", MONDAY) == []


def test_with_times_fills_every_sentence_and_is_none_safe() -> None:
    text = "The council met on Wednesday. Two days later it voted."
    line = Line(1, text, Role.BODY)
    sentences = (Sentence(1, 0, 29, text[0:29]), Sentence(1, 30, len(text), text[30:]))
    article = Article("a.txt", "utf-8", (line,), published=PublishedDate("2024-03-04", 0.9, ()))
    dated = with_times(AnalyzedArticle(article, sentences))
    assert [[ref.value for ref in s.times] for s in dated.sentences] == [["2024-02-28"], ["2024-03-01"]]
    undated = with_times(AnalyzedArticle(Article("b.txt", "utf-8", (line,)), sentences))
    assert [s.times for s in undated.sentences] == [(), ()]
