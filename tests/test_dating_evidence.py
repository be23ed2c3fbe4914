"""Declared dates against content and siblings: projections, story lending, release notes.

Every article here is invented. Each test is one shape of evidence: a declared
date with a sentence projecting a later year; a story whose sources span
years, where one source projects a year and another tells a later one as
past; a wire's release note naming a weekday and a month-day without a year.
"""

from __future__ import annotations

import pytest

from newsweave.dating import date_article, date_story
from newsweave.dating.tense import tense_at
from newsweave.models import Article, Line
from newsweave.vocabulary import FlagKind, Tense

PROJECTION = "The ferry levy rises by 2 percent this year, which would lift it to 9 percent in 2031."


def article(path: str, *texts: str, noise: tuple[str, ...] = ()) -> Article:
    """Body lines in order (line numbers from 1), then copyright lines."""
    lines = [Line(n, text, "body") for n, text in enumerate(texts, start=1)]
    lines += [
        Line(len(lines) + n, text, "noise", reason="copyright") for n, text in enumerate(noise, start=1)
    ]
    return Article(path=path, encoding="utf-8", lines=tuple(lines))


def tense_of(text: str, phrase: str) -> str:
    start = text.index(phrase)
    return tense_at(text, start, start + len(phrase), default=Tense.UNKNOWN)


@pytest.mark.parametrize(
    ("text", "phrase", "tense"),
    [
        (PROJECTION, "in 2031", Tense.FUTURE),
        ("The results are scheduled to be published in October 2031.", "October 2031", Tense.FUTURE),
        ("Officials said the bridge will be reopened in 2031.", "in 2031", Tense.FUTURE),
        ("The drug is expected in 2031.", "in 2031", Tense.FUTURE),
        ("Without the levy the deficit would have reached $5 billion in 2019.", "in 2019", Tense.UNKNOWN),
        ("Officials said the talks could resume on Monday.", "Monday", Tense.UNKNOWN),
        (
            "The tablet could reach pharmacies in the United States and in late 2031.",
            "late 2031",
            Tense.UNKNOWN,
        ),
        ("The order lists a hundred trucks in 2019.", "in 2019", Tense.UNKNOWN),
        ("In 2031, the council is supposed to take up the reform.", "In 2031", Tense.FUTURE),
        ("Pensions in 2031 will cost twice as much.", "in 2031", Tense.FUTURE),
        (
            "The weekly ran a column for Friday, May 14, on the port.",
            "Friday, May 14",
            Tense.UNKNOWN,
        ),
        (
            "She said permits would be used, and that on May 2, 2019, she filed them.",
            "May 2, 2019",
            Tense.PAST,
        ),
        ("The mill was founded and listed in 2019.", "in 2019", Tense.PAST),
        ("She went to Lisbon to be honored in 2019.", "in 2019", Tense.PAST),
    ],
)
def test_projections_and_possibilities_are_not_told_as_past(text: str, phrase: str, tense: str) -> None:
    assert tense_of(text, phrase) == tense


def test_declared_date_stands_against_a_projected_later_year() -> None:
    budget = article("budget.txt", "The city council adopted its spending plan on Tuesday.", PROJECTION)
    published, flags = date_article(budget, page_date="2024-05-14T09:30:00")
    assert published is not None and published.date == "2024-05-14"
    assert published.evidence[0] == "page metadata: declared date 2024-05-14T09:30:00"
    assert flags == ()


def test_later_year_told_as_past_is_flagged_with_both_sides_named() -> None:
    told = "The council spent $2.1 billion in 2031, the auditor said."
    budget = article("budget.txt", "The city council adopted its spending plan on Tuesday.", told)
    published, flags = date_article(budget, page_date="2024-05-14T09:30:00")
    assert [flag.kind for flag in flags] == [FlagKind.DATE_MISMATCH]
    detail = flags[0].detail
    assert detail.startswith("2024-05-14 declared by the page; content points to")
    assert 'line 2: "spent $2.1 billion in 2031" is told as past but 2024-05-14 is earlier' in detail
    assert detail.endswith("(declared: page metadata: declared date 2024-05-14T09:30:00)")
    assert published is None or not published.date.startswith("2024")


def test_old_events_alone_do_not_contradict_a_later_declared_date() -> None:
    recap = article(
        "recap.txt",
        "Crews reached the pier on June 14, two days after the storm on June 12.",
        "The ferries had left port on June 10 for the regatta, the harbor office said.",
    )
    published, flags = date_article(recap, page_date="2024-06-26")
    assert published is not None and published.date == "2024-06-26"
    assert flags == ()


STORY_PAGES = ["2024-06-10T08:00:00", "2023-03-02T12:00:00", "2025-01-20T16:45:00", None]


def story() -> list[Article]:
    """Four sources of one long-running story; the last declares no date."""
    return [
        article("vote.txt", "The council approved the transit budget on Monday after a long debate."),
        article("plan.txt", "The council presented its transit plan to residents on Thursday.", PROJECTION),
        article("review.txt", "Fares rose sharply in 2024, the council said in its annual review."),
        article("mayor.txt", "The mayor said on Monday (June 10) that the budget vote was a relief."),
    ]


def test_every_source_keeps_its_declared_date_in_a_multi_year_story() -> None:
    results = date_story(story(), STORY_PAGES)
    dates = [published.date if published else None for published, _ in results]
    assert dates[:3] == ["2024-06-10", "2023-03-02", "2025-01-20"]
    assert [flags for _, flags in results] == [(), (), (), ()]
    for (published, _), page in zip(results[:3], STORY_PAGES[:3], strict=True):
        assert published is not None
        assert published.evidence[0] == f"page metadata: declared date {page}"
        assert not any(item.startswith("story:") for item in published.evidence)


def test_a_source_without_its_own_date_still_borrows_the_story_years() -> None:
    alone, _ = date_article(story()[3])
    assert alone is None  # a weekday and a month-day: no year of its own
    mayor, flags = date_story(story(), STORY_PAGES)[3]
    assert mayor is not None and mayor.date == "2024-06-10"
    assert any("review.txt line 1" in item for item in mayor.evidence), mayor.evidence
    assert flags == ()


RELEASE_NOTE = "(For release Saturday, Oct. 9)   (Distributed to member papers.)"


def test_release_note_day_takes_the_declared_year_and_leaves_the_filing_date() -> None:
    feature = article(
        "feature.txt",
        RELEASE_NOTE,
        "The harbor town's ferry crews have spent a decade fighting for a new pier.",
    )
    published, flags = date_article(feature, page_date="2021-10-05T10:18")
    assert published is not None and published.date == "2021-10-05"
    assert (
        'line 1: "(For release Saturday, Oct. 9)" -> 2021-10-09 is a Saturday, the release day, '
        "4 days after 2021-10-05"
    ) in published.evidence
    assert flags == ()


def test_release_note_without_a_declared_date_is_the_publication_day() -> None:
    feature = article(
        "feature.txt",
        RELEASE_NOTE,
        "The harbor town's ferry crews have spent a decade fighting for a new pier.",
        noise=("© 2021 Harbor Gazette",),
    )
    published, flags = date_article(feature)
    assert published is not None and published.date == "2021-10-09"  # the Saturday nearest the copyright year
    assert flags == ()


def test_release_note_is_not_the_lead_and_its_weekday_is_no_news_day() -> None:
    feature = article(
        "feature.txt",
        RELEASE_NOTE,
        "The harbor commission said on Tuesday that the new pier would open next spring.",
        noise=("© 2021 Harbor Gazette",),
    )
    published, flags = date_article(feature)
    assert published is not None and published.date == "2021-10-05"  # the lead's Tuesday, filed ahead
    assert flags == ()


def test_two_declared_dates_a_season_apart_are_flagged_naming_both() -> None:
    lines = (
        Line(1, "Published: June 2, 2021", "meta", field="date"),
        Line(2, "The harbor commission approved the new pier after a long debate.", "body"),
    )
    pier = Article(path="pier.txt", encoding="utf-8", lines=lines)
    published, flags = date_article(pier, page_date="2021-03-06T11:28:00")
    assert published is not None and published.date == "2021-03-06"
    assert published.confidence == 0.5
    assert [flag.kind for flag in flags] == [FlagKind.DATE_MISMATCH]
    assert flags[0].detail == (
        "2021-06-02 stated on line 1 but 2021-03-06 declared by the page; 2021-03-06 is kept: "
        "page metadata comes first when the content does not choose "
        '(declared: line 1: stated "Published: June 2, 2021"; '
        "page metadata: declared date 2021-03-06T11:28:00)"
    )


def test_declarations_a_day_apart_agree() -> None:
    lines = (
        Line(1, "Published: June 2, 2021", "meta", field="date"),
        Line(2, "The harbor commission approved the new pier after a long debate.", "body"),
    )
    pier = Article(path="pier.txt", encoding="utf-8", lines=lines)
    published, flags = date_article(pier, page_date="2021-06-03T01:10:00")
    assert published is not None and published.date == "2021-06-03"
    assert flags == ()


def test_a_next_day_edition_across_a_time_zone_is_not_last_year() -> None:
    column = article(
        "column.txt",
        "The Harbor Herald argued in a column on Friday, May 14, that the port deal was a mistake.",
    )
    published, flags = date_article(column, page_date="2021-05-13T23:26")
    assert published is not None and published.date == "2021-05-13"
    assert flags == ()


def test_an_advance_lead_may_speak_as_of_its_release_day() -> None:
    advance = article(
        "advance.txt",
        "(Embargoed until 8 p.m. GMT, Saturday, Oct. 9)",
        "The port authority reported Saturday that ferry traffic doubled over the summer.",
    )
    published, flags = date_article(advance, page_date="2021-10-07T17:04")
    assert published is not None and published.date == "2021-10-07"
    assert (
        'line 2: "reported Saturday" -> 2021-10-09 is a Saturday, the lead\'s news day' in published.evidence
    )
    assert flags == ()


def test_a_date_naming_a_nouns_day_tells_no_event() -> None:
    vote = article("vote.txt", "Both camps raised record sums for the May 6 referendum on the ferry levy.")
    published, flags = date_article(vote, page_date="2020-04-20")
    assert published is not None and published.date == "2020-04-20"
    assert not any("May 6" in item for item in published.evidence)
    assert flags == ()
