"""Line roles: general rules about page furniture, and the body left alone (on the fakes)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsweave.analyze import Models
from newsweave.clean import clean
from newsweave.clean.layout import assign_roles
from newsweave.models import DecodedDoc, Line

PROSE = [
    "The city council approved the new budget on Tuesday after a six-hour debate that ran past midnight.",
    "Spending on public transport will rise by 12 percent, while road repairs receive a smaller increase.",
    "Opposition members said the plan relied on optimistic forecasts for tax revenue next year.",
    "The mayor is expected to sign the budget into law before the end of the month.",
]


def roles(models: Models, lines: Sequence[str]) -> list[Line]:
    return list(assign_roles(lines, models.nlp.is_organization))


def by_text(lines: list[Line]) -> dict[str, Line]:
    return {line.text: line for line in lines}


def test_plain_article_is_all_body(fake_models: Models) -> None:
    assert {line.role for line in roles(fake_models, PROSE)} == {"body"}


def test_blank_lines_get_no_role_and_numbers_are_one_based(fake_models: Models) -> None:
    lines = roles(fake_models, ["", PROSE[0], "   ", PROSE[1]])
    assert [line.n for line in lines] == [2, 4]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("© 2021 Some Publisher Ltd. All rights reserved.", "copyright"),
        ("Copyright 2019 The Daily Example", "copyright"),
        ("- Advertisement -", "ad"),
        ("ADVERTISEMENT", "ad"),
        ("4 min read", "read-time"),
        ("Share", "share"),
        ("Share on Facebook | Tweet | Email", "share"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Please consider supporting independent journalism with a donation today.", "donation"),
        ("We use cookies to improve your experience.", "cookie"),
        ("23 comments", "comments"),
        ("Read more: Council votes on parking fees", "related-links"),
    ],
)
def test_furniture_lines_are_noise_with_their_reason(fake_models: Models, line: str, reason: str) -> None:
    found = by_text(roles(fake_models, [PROSE[0], PROSE[1], line, PROSE[2], PROSE[3]]))
    assert (found[line].role, found[line].reason) == ("noise", reason)


def test_title_and_truncated_title_copy(fake_models: Models) -> None:
    title = "Council approves budget after marathon late-night debate"
    lines = roles(fake_models, [title[:30], "", title, "", *PROSE])
    assert (lines[0].role, lines[0].reason) == ("noise", "title-duplicate")
    assert (lines[1].role, lines[1].field) == ("meta", "title")


def test_title_repeated_in_the_body_is_a_duplicate(fake_models: Models) -> None:
    title = "Council approves budget after marathon late-night debate"
    lines = roles(fake_models, [title, PROSE[0], title, *PROSE[1:]])
    assert (lines[2].role, lines[2].reason) == ("noise", "title-duplicate")


def test_repeated_caption_is_a_caption_duplicate(fake_models: Models) -> None:
    caption = "The council chamber during the vote on Tuesday. Photo: City Press Office"
    lines = roles(fake_models, ["Budget passes", caption, caption, *PROSE])
    assert [(line.reason) for line in lines[1:3]] == ["caption", "caption-duplicate"]


def test_repeated_body_paragraph_keeps_the_first(fake_models: Models) -> None:
    lines = roles(fake_models, [*PROSE, PROSE[1]])
    assert [line.role for line in lines] == ["body"] * 4 + ["noise"]
    assert lines[-1].reason == "duplicate"


def test_headline_list_after_the_article_is_related_links(fake_models: Models) -> None:
    tail = [
        "Related",
        "- Ten tips for a greener garden",
        "- Local bakery wins award",
        "Stocks slip on Friday",
    ]
    lines = roles(fake_models, [*PROSE, *tail])
    assert [line.reason for line in lines[4:]] == ["related-links"] * 4


def test_tags_block_is_tags_even_when_they_name_entities(fake_models: Models) -> None:
    lines = roles(fake_models, [*PROSE, "Tags:", "- City council", "- Budget"])
    assert [line.reason for line in lines[4:]] == ["tags"] * 3


def test_outlet_plea_at_the_end_is_removed_with_its_signature(fake_models: Models) -> None:
    plea = [
        "We are proud of the reporting our newsroom has done on the council this year for you.",
        "Your support helps us keep reporters in the city hall every single day of the week.",
        "Thank you,",
        "Jane Roe, Editor",
    ]
    lines = roles(fake_models, [*PROSE, *plea])
    assert [line.role for line in lines] == ["body"] * 4 + ["noise"] * 4


def test_first_person_inside_the_article_stays_body(fake_models: Models) -> None:
    quote_like = "I have never seen a budget debate like this one, one councillor wrote on social media."
    lines = roles(fake_models, [PROSE[0], quote_like, *PROSE[1:]])
    assert {line.role for line in lines} == {"body"}


def test_quoted_plea_is_reported_speech_not_a_plea(fake_models: Models) -> None:
    quoted = '"Thank you for your support and your donation," the mayor told volunteers at the shelter.'
    lines = roles(fake_models, [PROSE[0], quoted, *PROSE[1:]])
    assert {line.role for line in lines} == {"body"}


def test_stated_date_and_byline_are_meta(fake_models: Models) -> None:
    lines = roles(fake_models, ["Council approves budget", "By Jane Roe", "Published: March 4, 2024", *PROSE])
    assert [(line.role, line.field) for line in lines[:3]] == [
        ("meta", "title"),
        ("meta", "byline"),
        ("meta", "date"),
    ]


def test_article_metadata(fake_models: Models) -> None:
    doc = DecodedDoc("a.txt", "utf-8", ("Council approves budget", "Date: 2024-03-04 10:00", *PROSE))
    article = clean(doc, fake_models.nlp.is_organization)
    assert article.title == "Council approves budget"
    assert (article.lines[1].role, article.lines[1].field) == ("meta", "date")
    assert article.published is None  # settled per story, by newsweave.dating
    assert article.language == "en"


def test_non_english_article_is_kept_and_flagged(fake_models: Models) -> None:
    text = (
        "Der Stadtrat hat am Dienstag nach einer langen Debatte den neuen Haushalt beschlossen, "
        "die Opposition kritisierte die Pläne scharf."
    )
    article = clean(DecodedDoc("de.txt", "utf-8", (text,)), fake_models.nlp.is_organization)
    assert article.language == "de"
    assert [flag.kind for flag in article.flags] == ["not_english"]
    assert article.lines[0].role == "body"


def test_article_of_only_furniture_is_flagged_empty(fake_models: Models) -> None:
    article = clean(
        DecodedDoc("a.txt", "utf-8", ("Advertisement", "Share", "3 min read")),
        fake_models.nlp.is_organization,
    )
    assert "empty_after_cleaning" in [flag.kind for flag in article.flags]


def test_short_english_article_is_english(fake_models: Models) -> None:
    text = (
        "Early Friday morning, around 1:30 a.m., the actress checked into a clinic in Rancho Mirage, Calif."
    )
    article = clean(DecodedDoc("a.txt", "utf-8", (text,)), fake_models.nlp.is_organization)
    assert article.language == "en"


def test_a_date_line_is_not_a_title(fake_models: Models) -> None:
    lines = roles(fake_models, ["8 / 2 / 13 at 1: 30 PM", "Council approves budget", *PROSE])
    assert (lines[1].role, lines[1].field) == ("meta", "title")
    assert lines[0].field != "title"


def test_extracted_blocks_without_prose_are_text_not_a_head(fake_models: Models) -> None:
    table = ["Standings after round 12", "1. Team Red 412 points", "2. Team Blue 398 points"]
    assert {line.role for line in assign_roles(table, fake_models.nlp.is_organization, extracted=True)} == {
        "body"
    }


def test_short_lines_may_repeat_without_being_duplicates(fake_models: Models) -> None:
    lines = roles(fake_models, [*PROSE[:2], "Drink water", PROSE[2], "Drink water", PROSE[3]])
    assert [line.role for line in lines] == ["body"] * 6


def test_an_article_written_to_the_reader_stays_text(fake_models: Models) -> None:
    guide = [
        "When you pack for a long hike, you should start with water and a map of the trail.",
        "Your first aid kit needs plasters, a bandage and painkillers for the whole group.",
        "Most rangers say the weather changes faster than walkers expect in the hills.",
        "If you get lost, stay where you are and call the mountain rescue service.",
        "The park publishes trail conditions every morning before eight o'clock.",
    ]
    assert {line.role for line in roles(fake_models, guide)} == {"body"}


def test_unrecognised_head_lines_of_extracted_blocks_are_text(fake_models: Models) -> None:
    lines = ["BAAR, SWITZERLAND", *PROSE]
    assert assign_roles(lines, fake_models.nlp.is_organization)[0].role == "noise"
    assert assign_roles(lines, fake_models.nlp.is_organization, extracted=True)[0].role == "body"
