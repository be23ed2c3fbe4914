"""The words the stages pass each other, each vocabulary defined once.

A line's role, why a noise line was removed, which metadata a meta line
carries, what a source flag says, how a sentence tells a date and how precise
a date is: each is a closed set of strings that one stage writes and later
stages, the store and the JSON contract read. Spelt as bare strings in every
module that uses them, a misspelling ("related_links" for "related-links")
matches nothing and fails silently; as `StrEnum` members it fails at import or
in mypy. A member is the string itself (`Role.BODY == "body"`; `json.dumps`,
f-strings and `str()` write its value), so stored values and the contract's
output are the same strings as before.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a non-blank input line is: article text, metadata, or removed furniture."""

    BODY = "body"
    META = "meta"
    NOISE = "noise"


class Reason(StrEnum):
    """Why cleaning removed a line (a noise line's `reason`)."""

    AD = "ad"
    BOILERPLATE = "boilerplate"  # printed on the site's other pages too
    CAPTION = "caption"
    CAPTION_DUPLICATE = "caption-duplicate"
    COMMENTS = "comments"
    COOKIE = "cookie"
    COPYRIGHT = "copyright"
    DONATION = "donation"
    DUPLICATE = "duplicate"  # a paragraph printed twice
    EDITOR_NOTE = "editor-note"
    NAV = "nav"
    NEWSLETTER = "newsletter"
    PAYWALL = "paywall"
    PROMO = "promo"
    READ_TIME = "read-time"
    RELATED_LINKS = "related-links"
    SHARE = "share"
    TAGS = "tags"
    TITLE_DUPLICATE = "title-duplicate"
    UNKNOWN = "unknown"


class MetaField(StrEnum):
    """Which metadata a meta line carries (its `field`)."""

    BYLINE = "byline"
    DATE = "date"
    DATELINE = "dateline"
    DEK = "dek"
    OUTLET = "outlet"
    TITLE = "title"


class FlagKind(StrEnum):
    """What a source flag warns of; its detail says where and why."""

    BODY_RESTORED = "body_restored"
    CONTENT_FARM = "content_farm"
    DATE_MISMATCH = "date_mismatch"
    DATE_YEAR_UNKNOWN = "date_year_unknown"
    DECODED_ENTITY = "decoded_entity"
    EMPTY_AFTER_CLEANING = "empty_after_cleaning"
    ENCODING_MIXED = "encoding_mixed"
    HEAVY_CLEANING = "heavy_cleaning"
    INJECTED_TOKEN = "injected_token"
    MACHINE_TRANSLATION = "machine_translation"
    NOT_ENGLISH = "not_english"
    OFF_TOPIC_LINKS = "off_topic_links"
    PAYWALL_STUB = "paywall_stub"
    READ_IN_PART = "read_in_part"  # the brief read only the first lines of a very long source
    SCAM_CHROME = "scam_chrome"
    TRUNCATED = "truncated"


class Tense(StrEnum):
    """How a sentence tells a date: as past, as reported on it, as now, as ahead, or not at all
    (a bare year may be past or ahead: "opens in 2027")."""

    PAST = "past"
    REPORT = "report"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


class Granularity(StrEnum):
    """How precise an ISO 8601 date is: "2024-03-01", "2024-03" or "2024"."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    @classmethod
    def of(cls, iso: str) -> Granularity:
        """The precision an ISO date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) is written to."""
        return _BY_LENGTH.get(len(iso), cls.YEAR)


_BY_LENGTH = {10: Granularity.DAY, 7: Granularity.MONTH}

# The calendar's names, Monday first as `date.weekday()` counts.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

ENGLISH = "en"


def is_english(language: str | None) -> bool:
    """Whether a source is known to be in English: what the stages that read English
    (entities, claims, the summary, the timeline, who said what) take in. A language
    that could not be told is not English."""
    return language == ENGLISH


__all__ = [
    "ENGLISH",
    "MONTHS",
    "WEEKDAYS",
    "FlagKind",
    "Granularity",
    "MetaField",
    "Reason",
    "Role",
    "Tense",
    "is_english",
]
