"""Injected tokens are found by their statistics, and real names are left alone."""

from __future__ import annotations

from newsweave.clean.tokens import find_injected_tokens, remove_tokens
from newsweave.models import Line


def test_brand_glued_into_words_and_prefixed_to_the_title_is_found() -> None:
    lines = [
        "NewsBlast|Mayor resigns after audit",
        "The mayor of the town is NewsBlaston leave after an audit found missing funds on Friday.",
        "She said the audit was unfair.",
    ]
    assert find_injected_tokens(lines) == ["NewsBlast"]


def test_real_camel_case_names_are_not_tokens() -> None:
    lines = [
        "McDonald's and LinkedIn reported results on Tuesday, YouTube said.",
        "Shares of McDonald's rose while LinkedIn fell; YouTube was flat and iPhone sales grew.",
        "The DeSantis campaign and the McDonald family declined to comment.",
    ]
    assert find_injected_tokens(lines) == []


def test_a_token_seen_once_is_not_enough() -> None:
    assert find_injected_tokens(["The town NewsBlastresigned.", "He said it was on time."]) == []


def test_glued_remainder_must_be_a_word_of_the_document() -> None:
    lines = ["NewsBlast|Headline here", "A NewsBlastxqzt appeared.", "Nothing else."]
    assert find_injected_tokens(lines) == []


def test_removal_repairs_spacing_and_leading_separators_and_lists_the_token() -> None:
    lines = [
        Line(1, "NewsBlast|Mayor resigns", "meta", field="title"),
        Line(2, "The mayor NewsBlastresigned today.", "body"),
    ]
    repaired, flags = remove_tokens(lines, ["NewsBlast"])
    assert [line.content for line in repaired] == ["Mayor resigns", "The mayor resigned today."]
    assert [line.text for line in repaired] == [line.text for line in lines]
    assert [(f.kind, f.detail) for f in flags] == [("injected_token", "NewsBlast")]
