"""The vocabularies the stages pass each other: each member is its string in every
output, cleaning speaks only the vocabulary, and the two publication days and the
English gate mean one thing each."""

from __future__ import annotations

import json
from datetime import date

from newsweave.clean import clean_corpus
from newsweave.clean.rules import RULES, Rule
from newsweave.group.features import FILING_DATE, filing_day
from newsweave.models import Article, Line, PublishedDate, RawDoc
from newsweave.readers import load
from newsweave.vocabulary import (
    FlagKind,
    Granularity,
    MetaField,
    Reason,
    Role,
    Tense,
    is_english,
)

from .conftest import EXAMPLE, ROOT


def test_a_member_is_written_as_its_string() -> None:
    line = {"role": Role.NOISE, "reason": Reason.RELATED_LINKS, "kind": FlagKind.CONTENT_FARM}
    assert json.dumps(line) == '{"role": "noise", "reason": "related-links", "kind": "content_farm"}'
    assert f"{Reason.TITLE_DUPLICATE} {MetaField.DEK} {Tense.REPORT}" == "title-duplicate dek report"
    assert str(Granularity.MONTH) == "month"
    assert Role.BODY == "body" and hash(Role.BODY) == hash("body")


def test_granularity_is_read_off_the_iso_date() -> None:
    assert Granularity.of("2024-03-01") == Granularity.DAY
    assert Granularity.of("2024-03") == Granularity.MONTH
    assert Granularity.of("2024") == Granularity.YEAR


def _dated(value: str, confidence: float) -> Article:
    published = PublishedDate(value, confidence, ("stated",))
    return Article(path="x.txt", encoding="utf-8", lines=(), published=published)


def test_the_publication_day_is_a_day_whatever_its_confidence() -> None:
    assert _dated("2024-03-05", 0.1).publication_day() == date(2024, 3, 5)
    assert _dated("2024-03", 0.9).publication_day() is None
    assert _dated("2024", 0.9).publication_day() is None
    assert Article(path="x.txt", encoding="utf-8", lines=()).publication_day() is None


def test_the_filing_day_is_a_publication_day_sure_enough_to_file_by() -> None:
    assert filing_day(_dated("2024-03-05", FILING_DATE)) == date(2024, 3, 5)
    assert filing_day(_dated("2024-03-05", FILING_DATE - 0.1)) is None
    assert filing_day(_dated("2024-03", 0.9)) is None


def test_an_unknown_language_is_not_english() -> None:
    assert is_english("en")
    assert not is_english(None)
    assert not is_english("de")
    assert not Article(path="x.txt", encoding="utf-8", lines=(), language=None).in_english()


def test_every_rule_of_the_cascade_is_named_once() -> None:
    """The passes name two verdicts of their own; every other rule stands in the cascade."""
    cascade = [name for name, _rule in RULES]
    assert len(cascade) == len(set(cascade))
    assert set(Rule) - set(cascade) == {Rule.SITE_BOILERPLATE, Rule.CAPTION_ABOVE_CREDIT}


def _speaks_the_vocabulary(line: Line) -> bool:
    if not isinstance(line.role, Role):
        return False
    if line.role == Role.NOISE:
        return isinstance(line.reason, Reason) and line.field is None
    if line.role == Role.META:
        return line.reason is None and (line.field is None or isinstance(line.field, MetaField))
    return line.reason is None and line.field is None


def test_cleaning_gives_only_vocabulary_members() -> None:
    """Every role, reason, field and flag kind cleaning gives is a member, never a
    bare string that could be misspelt (no name is taken for an outlet here: the
    roles, not the outlets, are under test)."""
    paths = [
        *sorted(EXAMPLE.glob("*.txt")),
        *sorted((ROOT / "tests" / "data" / "html").glob("bridge-*.html")),
    ]
    docs = [load(RawDoc(str(path), path.read_bytes())) for path in paths]
    articles = clean_corpus(docs, lambda _name: False)
    lines = [line for article in articles for line in article.lines]
    assert lines and all(_speaks_the_vocabulary(line) for line in lines)
    reasons = {line.reason for line in lines if line.reason is not None}
    assert {Reason.COPYRIGHT, Reason.DONATION, Reason.RELATED_LINKS} <= reasons
    flags = [flag for article in articles for flag in article.flags]
    assert flags and all(isinstance(flag.kind, FlagKind) for flag in flags)
