"""Publication dates: one cue per small fixture, and the bundled example as a story.

Dating reads cleaned lines only; they are cleaned with the fakes of tests/fakes.py.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from newsweave.analyze import Models
from newsweave.clean import clean
from newsweave.dating import date_article, date_story
from newsweave.dating.mentions import find_mentions, parse_declared
from newsweave.dating.tense import tense_at
from newsweave.models import Article, Line, PublishedDate
from newsweave.readers import decode, discover
from newsweave.vocabulary import FlagKind, Tense

ROOT = Path(__file__).resolve().parent.parent
DATES = ROOT / "tests" / "data" / "dates"
EXAMPLE = ROOT / "examples" / "kim-russia-2023"
SOURCE = ROOT / "src" / "newsweave" / "dating"


def read(models: Models, path: Path) -> list[Article]:
    return [clean(decode(doc), models.nlp.is_organization) for doc in discover([str(path)]).docs]


def fixture(models: Models, name: str) -> Article:
    (article,) = read(models, DATES / name)
    return article


def without_line(article: Article, n: int) -> Article:
    return dataclasses.replace(article, lines=tuple(line for line in article.lines if line.n != n))


def names_line(published: PublishedDate, n: int) -> bool:
    return any(item.startswith(f"line {n}:") for item in published.evidence)


@pytest.mark.parametrize(
    ("name", "expected", "lines"),
    [
        ("stated-agrees.txt", "2024-03-04", (2, 3)),
        ("us-numeric.txt", "2023-09-18", (2, 3)),
        ("day-first.txt", "2023-09-18", (2, 3)),
        ("ambiguous-numeric.txt", "2024-04-03", (2, 3)),
        ("weekday-parenthesis.txt", "2023-09-18", (2, 4)),
        ("weekday-comma.txt", "2023-09-18", (2, 3)),
        ("year-lower-bound.txt", "2014-03-04", (2, 3)),
        ("copyright-year.txt", "2024-03-08", (2, 4)),
        ("future-reference.txt", "2024-10-08", (2,)),
        ("day-without-weekday.txt", "2024-03", (2, 4)),
        ("dateline.txt", "2024-03-07", (2, 4)),
    ],
)
def test_fixture_date_and_the_lines_it_rests_on(
    fake_models: Models, name: str, expected: str, lines: tuple[int, ...]
) -> None:
    published, flags = date_article(fixture(fake_models, name))
    assert published is not None
    assert published.date == expected
    assert all(names_line(published, n) for n in lines), published.evidence
    assert 0 < published.confidence <= 1
    assert flags == ()


def test_weekday_bound_to_a_month_day_pins_the_day(fake_models: Models) -> None:
    published, _ = date_article(fixture(fake_models, "weekday-parenthesis.txt"))
    assert published is not None
    assert published.evidence[0] == (
        'line 2: "said on Monday (September 18)" -> 2023-09-18 is a Monday, the lead\'s news day'
    )


def test_stated_date_confirmed_by_the_lead_weekday_gains_confidence(fake_models: Models) -> None:
    published, _ = date_article(fixture(fake_models, "stated-agrees.txt"))
    assert published is not None
    assert published.evidence[0] == 'line 2: stated "Published: March 4, 2024"'
    assert published.confidence > 0.5  # a stated date alone gets 0.5


def test_stated_date_contradicted_by_the_text_is_flagged_not_trusted(fake_models: Models) -> None:
    published, flags = date_article(fixture(fake_models, "stated-contradicted.txt"))
    assert published is not None and published.date == "2023-11-02"
    assert [flag.kind for flag in flags] == [FlagKind.DATE_MISMATCH]
    assert flags[0].detail.startswith(
        "2021-06-11 stated on line 2; content points to 2023-11-02 because line 3:"
    )


def test_stated_date_older_than_a_year_told_as_past_is_rejected(fake_models: Models) -> None:
    published, flags = date_article(fixture(fake_models, "stated-before-told-year.txt"))
    assert published is None
    assert [flag.kind for flag in flags] == [FlagKind.DATE_MISMATCH]
    assert flags[0].detail.startswith(
        "2016-03-05 or 2016-05-03 stated on line 2; content points to a Saturday because line 3:"
    )


def test_future_reference_is_not_the_publication_date(fake_models: Models) -> None:
    published, _ = date_article(fixture(fake_models, "future-reference.txt"))
    assert published is not None and not published.date.startswith("2024-11")
    assert any(
        '"will meet on Nov. 12, 2024" -> 2024-11-12, still ahead' in item for item in published.evidence
    )


def test_no_date_evidence_gives_none(fake_models: Models) -> None:
    assert date_article(fixture(fake_models, "no-evidence.txt")) == (None, ())


def test_day_of_month_without_weekday_only_gives_the_month(fake_models: Models) -> None:
    published, _ = date_article(fixture(fake_models, "day-without-weekday.txt"))
    assert published is not None and published.confidence <= 0.5


def test_the_year_told_as_past_is_what_chooses_the_year(fake_models: Models) -> None:
    article = without_line(fixture(fake_models, "year-lower-bound.txt"), 3)
    published, flags = date_article(article)
    assert published is None
    assert [flag.kind for flag in flags] == [FlagKind.DATE_YEAR_UNKNOWN]
    assert "Tuesday, March 4" in flags[0].detail


def test_page_date_corroborated_by_content(fake_models: Models) -> None:
    article = without_line(fixture(fake_models, "weekday-parenthesis.txt"), 4)
    published, flags = date_article(article, page_date="2023-09-18T08:00:00Z")
    assert published is not None and published.date == "2023-09-18"
    assert published.confidence == 0.9
    assert flags == ()


def test_page_date_on_the_wrong_weekday_is_flagged(fake_models: Models) -> None:
    article = without_line(fixture(fake_models, "weekday-parenthesis.txt"), 4)
    published, flags = date_article(article, page_date="2022-09-18")
    assert published is not None and published.date == "2023-09-18"
    assert [flag.kind for flag in flags] == [FlagKind.DATE_MISMATCH]
    assert flags[0].detail.startswith("2022-09-18 declared by the page; content points to 2023-09-18")


def test_ambiguous_numeric_date_without_other_evidence_keeps_only_the_year(fake_models: Models) -> None:
    published, _ = date_article(without_line(fixture(fake_models, "ambiguous-numeric.txt"), 3))
    assert published is not None
    assert (published.date, published.confidence) == ("2024", 0.3)


def test_weekday_only_article_is_anchored_by_its_sibling(fake_models: Models) -> None:
    utility, cleanup = read(fake_models, DATES / "story-storm")
    assert date_article(cleanup) == (None, ())
    (first, _), (second, flags) = date_story([utility, cleanup])
    assert first is not None and first.date == "2024-06-13"
    assert second is not None and second.date == "2024-06-14"
    assert names_line(second, 2)
    assert any(item.startswith(f"story: {utility.path} line 2:") for item in second.evidence)
    assert flags == ()


EXPECTED_EXAMPLE = ["2023-09-18", "2023-09-17", "2023-09-17", "2023-09-17", "2023-09-18"]


@pytest.fixture(scope="module")
def example(fake_models: Models) -> list[Article]:
    return read(fake_models, EXAMPLE)


def test_example_story_dates(example: list[Article]) -> None:
    results = date_story(example)
    assert [published.date if published else None for published, _ in results] == EXPECTED_EXAMPLE
    assert [[flag.kind for flag in flags] for _, flags in results] == [
        [],
        [],
        [FlagKind.DATE_MISMATCH],
        [],
        [],
    ]


def test_example_fake_stated_date_is_flagged_with_its_reasons(example: list[Article]) -> None:
    _, flags = date_story(example)[2]
    detail = flags[0].detail
    assert detail.startswith("2025-04-11 stated on line 4; content points to 2023-09-17 because line 5:")
    assert "2025-04-11 is a Friday" in detail
    assert "the story's events are dated 2023-09-16 to 2023-09-18" in detail


def test_example_evidence_names_lines_and_borrowed_sources(example: list[Article]) -> None:
    results = date_story(example)
    first, second, _, _, fifth = (published for published, _ in results)
    assert first is not None and second is not None and fifth is not None
    assert 'line 3: "left Vladivostok City on September 17" -> 2023-09-17, 1 day before' in first.evidence
    assert (
        'line 1: "left Russia on Sunday" -> 2023-09-17 is a Sunday, the lead\'s news day' in second.evidence
    )
    assert any(item.startswith(f"story: {example[0].path} line 3:") for item in second.evidence)
    assert fifth.evidence[0].startswith(
        'line 7: "reported on Monday (September 18)" -> 2023-09-18 is a Monday'
    )


def test_example_alone_dates_what_it_can_and_flags_the_fake(example: list[Article]) -> None:
    alone = [date_article(article) for article in example]
    first, _ = alone[0]
    assert first is not None and first.date == "2023-09-18"  # copyright 2024 picks the year
    assert alone[1] == (None, ())  # weekdays only: needs its story
    assert alone[2][0] is None and alone[2][1][0].kind == FlagKind.DATE_MISMATCH
    assert alone[4][0] is None and alone[4][1][0].kind == FlagKind.DATE_YEAR_UNKNOWN


def test_story_dating_is_deterministic(example: list[Article]) -> None:
    assert date_story(example) == date_story(list(example))


def test_page_dates_must_match_articles(example: list[Article]) -> None:
    with pytest.raises(ValueError, match="page dates"):
        date_story(example, ["2023-09-18"])


def test_no_clock_in_the_dating_code() -> None:
    clock = re.compile(r"\b(?:today|now|utcnow)\(|\btime\.time\(|datetime\.now")
    offenders = [path.name for path in SOURCE.glob("*.py") if clock.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_stated_line_in_a_format_only_dateparser_knows() -> None:
    lines = (
        Line(1, "Posted: 18-Sep-2023", "meta", field="date"),
        Line(2, "The river rose above its banks on Monday, flooding two villages, officials said.", "body"),
    )
    published, flags = date_article(Article(path="hand.txt", encoding="utf-8", lines=lines))
    assert published is not None and published.date == "2023-09-18"
    assert flags == ()


def test_copyright_year_is_an_upper_bound_on_the_year() -> None:
    lines = (
        Line(
            1,
            "The central library said on Friday, March 8, that it will stay open later on weekends.",
            "body",
        ),
        Line(2, "© 2023 Valley Courier", "noise", reason="copyright"),
    )
    published, _ = date_article(Article(path="hand.txt", encoding="utf-8", lines=lines))
    assert published is not None
    assert published.date == "2019-03-08"  # 2024 is nearer to 2023, but after the copyright year
    assert names_line(published, 2)


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        ("Pyongyang's state media reported on Monday.", "Monday", Tense.REPORT),
        ("Kim met Putin on Wednesday at the cosmodrome.", "Wednesday", Tense.PAST),
        ("On Saturday, Kim met the defense minister.", "Saturday", Tense.PAST),
        ("The ministers will meet on Monday in Geneva.", "Monday", Tense.FUTURE),
        ("Kim was expected to return to the capital around Monday afternoon.", "Monday", Tense.FUTURE),
        ("The leader is on his way home Sunday from Russia.", "Sunday", Tense.PRESENT),
        ("On Monday, the two sides will sign the deal.", "Monday", Tense.FUTURE),
    ],
)
def test_tense_is_set_by_the_nearest_marker(text: str, word: str, tense: str) -> None:
    start = text.index(word)
    assert tense_at(text, start, start + len(word)) == tense


@pytest.mark.parametrize(
    ("text", "readings", "year", "weekday"),
    [
        ("reported on Monday (September 18)", ((9, 18),), None, 0),
        ("voted Monday, Sept. 18, to accept", ((9, 18),), None, 0),
        ("on 18 September 2023", ((9, 18),), 2023, None),
        ("dated 9/18/2023", ((9, 18),), 2023, None),
        ("dated 18/9/2023", ((9, 18),), 2023, None),
        ("dated 4/3/2024", ((4, 3), (3, 4)), 2024, None),
    ],
)
def test_date_mentions(
    text: str, readings: tuple[tuple[int, int], ...], year: int | None, weekday: int | None
) -> None:
    (mention,) = [m for m in find_mentions(text) if m.kind == "date"]
    assert (mention.readings, mention.year, mention.weekday) == (readings, year, weekday)


def test_mentions_ignore_numbers_that_are_not_dates() -> None:
    assert find_mentions("about 8,000 kilometers (5,000 miles) and 6,500 shells") == []


def test_stated_line_with_several_dates_reads_the_earliest() -> None:
    declared = parse_declared("Updated Sept 19, 2023 | Published Sept 18, 2023")
    assert declared is not None and [d.isoformat() for d in declared.dates] == ["2023-09-18"]
