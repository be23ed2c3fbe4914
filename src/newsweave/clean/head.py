"""The head of a document: what stands before the article text.

The head runs from the top to the first paragraph of prose. It holds the
title, maybe a standfirst (dek), the outlet's name, a byline, a date, and
page chrome. The title is the first title-like line of five words or more
that is not the outlet's name (shorter ones only when nothing longer is
there); a truncated copy of it, or chrome that wraps it, is noise. The dek
is the line right under the title when it reads as a summary rather than as
the article's lead.
"""

from __future__ import annotations

import re

from newsweave.clean.furniture import DATELINE, Rule
from newsweave.clean.shape import Roles, is_sentence, is_titleish, line_key, words
from newsweave.vocabulary import WEEKDAYS, MetaField, Reason, Role

TITLE_PREFERRED_WORDS = 5
DEK_MIN_WORDS = 6
DEK_MAX_WORDS = 30
DEK_LOWER_SHARE = 0.4
OUTLET_MAX_WORDS = 5
KICKER_MIN_LETTERS = 5
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
_REPORTING = re.compile(r"\b(said|says|told|reported|according to)\b", re.IGNORECASE)
# Words that name newspapers, agencies and broadcasters in general (not any one of them).
_OUTLET_WORD = re.compile(
    r"\b(herald|post|times|news|gazette|chronicle|observer|journal|tribune|express|mail|telegraph"
    r"|guardian|independent|standard|echo|star|mirror|press|daily|weekly|review|record|courier"
    r"|bulletin|agency|wire|radio|television|tv|broadcasting|media|examiner|sentinel|dispatch"
    r"|inquirer|register|ledger|monitor|globe)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’-]+|[A-Z]\.|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)$")
_CAPITALIZED = re.compile(r"^(?:[A-Z0-9][\w'’&.-]*|of|the|and|&)$")


def head(roles: Roles, anchors: list[int], extracted: bool = False) -> int:
    """Roles for the head; returns the index where the article body starts.

    In blocks an extractor already chose as content (`extracted`), a head line
    no rule recognises is text; in a raw page dump it is chrome.
    """
    body_start = anchors[0] if anchors else len(roles)
    span = range(body_start)
    title = _title(roles, span)
    if title is not None:
        below = next((i for i in range(title + 1, len(roles)) if roles.assigned[i] is None), len(roles))
        if below < body_start and _dek_shaped(roles, below):
            roles.set(below, Role.META, MetaField.DEK)
        elif below == body_start and len(anchors) > 1 and _reads_as_dek(roles.text(below)):
            roles.set(below, Role.META, MetaField.DEK)
            body_start = anchors[1]
            span = range(body_start)
    outlet_seen = False
    for i in span:
        if roles.assigned[i] is not None:
            continue
        verdict = roles.verdicts[i]
        text = roles.text(i)
        if verdict is not None:
            roles.apply(verdict, i)
        elif not outlet_seen and is_outlet(roles, text):
            roles.set(i, Role.META, MetaField.OUTLET)
            outlet_seen = True
        elif title is not None and i > title and is_name(text):
            roles.set(i, Role.META, MetaField.BYLINE)
        elif (is_sentence(text) and words(text) >= DEK_MIN_WORDS) or extracted:
            roles.set(i, Role.BODY)
        else:
            roles.set(i, Role.NOISE, Reason.NAV)
    return body_start


def is_outlet(roles: Roles, text: str) -> bool:
    """A short line naming a publication: recognised as an organization, or a masthead-like name."""
    parts = text.split()
    if not parts or len(parts) > OUTLET_MAX_WORDS:
        return False
    if len(parts) == 1 and parts[0].isupper() and len(parts[0]) > KICKER_MIN_LETTERS:
        return False  # a kicker such as "EXCLUSIVE", not an acronym such as "AFP"
    if len(parts) >= 2 and all(_CAPITALIZED.match(p) for p in parts) and _OUTLET_WORD.search(text):
        return True
    return roles.is_organization(text)


def is_name(text: str) -> bool:
    """Two to four capitalized name words and nothing else: a byline without "By"."""
    parts = text.split()
    return 2 <= len(parts) <= 4 and all(_NAME_WORD.match(p) for p in parts)


def _title(roles: Roles, span: range) -> int | None:
    """The title line of the head, or None.

    A line that reads as a labelled caption ("Label: what happened") is a
    headline when it opens the document and nothing else in the head could be
    one: a caption stands under a picture, and a picture under a headline.
    """
    candidates = [i for i in span if not roles.firm(i) and is_titleish(roles.text(i))]
    if (
        not candidates
        and 0 in span
        and _rule(roles, 0) == Rule.LABELLED_CAPTION
        and is_titleish(roles.text(0))
    ):
        candidates = [0]
    keys = {i: line_key(roles.text(i)) for i in candidates}
    for i in candidates:
        longer = [j for j in candidates if j != i and len(keys[j]) > len(keys[i])]
        if any(keys[j].startswith(keys[i]) for j in longer):
            roles.set(i, Role.NOISE, Reason.TITLE_DUPLICATE)
    remaining = [i for i in candidates if roles.assigned[i] is None and not is_outlet(roles, roles.text(i))]
    if not remaining:
        return None
    preferred = [i for i in remaining if words(roles.text(i)) >= TITLE_PREFERRED_WORDS]
    title = (preferred or remaining)[0]
    roles.set(title, Role.META, MetaField.TITLE)
    for i in span:
        key = line_key(roles.text(i))
        if roles.assigned[i] is None and keys[title] in key:
            roles.set(i, Role.NOISE, Reason.TITLE_DUPLICATE if key == keys[title] else Reason.NAV)
    return title


def _dek_shaped(roles: Roles, i: int) -> bool:
    """Long enough, no firm verdict, and in sentence case (a name in Title Case is not a dek)."""
    verdict = roles.verdicts[i]
    parts = roles.text(i).split()
    lower = sum(part[:1].islower() for part in parts)
    weak_or_none = verdict is None or not verdict.firm
    return weak_or_none and len(parts) >= DEK_MIN_WORDS and lower >= DEK_LOWER_SHARE * len(parts)


def _reads_as_dek(text: str) -> bool:
    """A short summary under the title: no dateline, no day, no attribution (a lead has them)."""
    return (
        words(text) <= DEK_MAX_WORDS
        and not DATELINE.search(text)
        and not _WEEKDAY.search(text)
        and not _REPORTING.search(text)
    )


def _rule(roles: Roles, i: int) -> Rule | None:
    verdict = roles.verdicts[i]
    return verdict.rule if verdict is not None else None
