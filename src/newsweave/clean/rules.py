"""Line rules: an ordered cascade of small, named checks on one line.

Each rule looks at a single line and may return a `Verdict`. A *strong*
verdict holds wherever the line stands (a copyright notice is a copyright
notice). A *weak* verdict is only a cue: the layout pass accepts it at the
edges of a document (head, tail), where boilerplate collects, and ignores it
inside the article body. No rule names an outlet or quotes an article; they
describe kinds of page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsweave.models import META, NOISE


@dataclass(frozen=True)
class Verdict:
    role: str
    label: str  # noise reason or meta field
    strong: bool = True


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_COPYRIGHT = _rx(r"^\W*(©|\(c\)\s*\d{4}|copyright\b)|all rights reserved")
_AD = _rx(r"^[\W_]*(advertisement|advertising|sponsored( content)?|promoted|ad)[\W_]*$")
_READ_TIME = _rx(r"^\W*(\d+\s*(-\s*)?(min|mins|minutes?)\s*(read|listen)|reading time\W+\d+\s*min\w*)\W*$")
_SHARE_WORD = (
    r"(share|share this( article| story| page)?|tweet|email|e-mail|print|facebook|twitter|x"
    r"|whatsapp|linkedin|reddit|telegram|pinterest|copy link|save|comment|comments)"
)
_SHARE = _rx(rf"^\W*{_SHARE_WORD}((\s+(on|via|to))?\W+{_SHARE_WORD})*\W*$")
_REACTIONS = _rx(r"^\W*[a-z][\w' !]{0,20}\(\d+\)\W*$")
_DATE_PART = (
    r"(\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?"
    r"|\w+\.? \d{1,2},? \d{4}|\d{1,2} \w+\.? \d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_STATED_DATE = _rx(
    rf"^\W*((date|published|updated|posted|last updated)( on)?\s*[:：]?\s*)?"
    rf"(\w+day,? )?{_DATE_PART}[\w:. ,|-]{{0,30}}$"
)
_BYLINE = re.compile(
    r"^\s*(by|By|BY)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}"
    r"(\s*(,|and|&)\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})*\s*[,|]?[\w ,|-]{0,40}$"
)
_DONATION = _rx(
    r"\b(donat(e|ion)|support (our|independent|quality) (\w+ )?journalism|your support"
    r"|become a (member|supporter|patron|subscriber)|join (the|our) [\w' ]{0,30}community"
    r"|for as little as|help (us )?(support|fund|sustain) (our|this) (work|journalism)"
    r"|put up a paywall|consider supporting|make a (contribution|gift))\b"
)
_NEWSLETTER = _rx(
    r"\b(sign up (for|to)|subscribe (to|now|today|for)|newsletter|daily briefing|in your inbox"
    r"|get (our|the) \w+ (email|newsletter))\b"
)
_COOKIE = _rx(r"\b(we use cookies|cookie (policy|settings|preferences)|accept (all )?cookies)\b")
_COMMENTS = _rx(
    r"^\W*(\d+\s+comments?|comments?( \(\d+\))?|join the (conversation|discussion)|leave a comment"
    r"|comments are closed|show comments|view comments)\W*$"
)
_RELATED_HEADER = _rx(
    r"^\W*(related( articles| stories| news| content| coverage| posts)?|read more|more from [\w ]{1,30}"
    r"|recommended( for you| stories)?|recommendations?|you (may|might) also like|trending( now| stories)?"
    r"|most (read|popular|viewed)|popular( now| stories)?|ranking|more stories|more news|see also"
    r"|also read|top stories|latest( news| stories)?|editor'?s picks|don'?t miss)\W*$"
)
_RELATED_PREFIX = _rx(r"^\W*(read more|also read|see also|related|watch|listen)\s*[:：|]\s*\S")
_TAGS_HEADER = _rx(r"^\W*(tags?|topics?|in|filed under|categories|category|keywords)\s*[:：]\W*$")
_NAV = _rx(
    r"(^|\s)(home|main)\s*(>|»|›|/)\s*\S|^\W*(current|you are here)\s*[:：]"
    r"|^\W*(menu|skip to (main )?content|search|log ?in|sign in)\W*$"
)
_CAPTION = _rx(
    r"\b(photo|image|picture|video|file photo|illustration)( credit)?\s*[:：]\s*\S"
    r"|\((photo|image|file photo)\b|\bin this (photo|picture|image)\b|\bphotos?\s+released by\b"
    r"|\|\s*(getty images|afp|reuters|ap photo)\b"
)
_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]|‘[^‘’]*’")
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|my|we|We|we're|We're|we’re|We’re|our|Our|us)\b")
_SECOND_PERSON = _rx(r"\b(you|your|you've|you’ve|you're|you’re)\b")
_SIGNATURE = re.compile(r"^\s*[~–—-]\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}\s*,")
_THANKS = _rx(r"^\W*(thank you|thanks( for reading)?|sincerely|regards)\W*$")


def _match(pattern: re.Pattern[str], verdict: Verdict) -> Callable[[str], Verdict | None]:
    def rule(text: str) -> Verdict | None:
        return verdict if pattern.search(text) else None

    return rule


def _unquoted(rule: Callable[[str], Verdict | None]) -> Callable[[str], Verdict | None]:
    """Apply `rule` to the words outside quotation marks: a quoted plea is reported speech."""

    def guarded(text: str) -> Verdict | None:
        return rule(_QUOTED.sub(" ", text))

    return guarded


def _short(rule: Callable[[str], Verdict | None], max_words: int) -> Callable[[str], Verdict | None]:
    """Apply `rule` only to short lines: long prose that mentions a newsletter is news."""

    def guarded(text: str) -> Verdict | None:
        return rule(text) if len(text.split()) <= max_words else None

    return guarded


def reader_address(text: str) -> Verdict | None:
    """First- or second-person voice outside quotes: an outlet talking to its readers."""
    unquoted = _QUOTED.sub(" ", text)
    if _FIRST_PERSON.search(unquoted) or _SECOND_PERSON.search(unquoted):
        return Verdict(NOISE, "promo", strong=False)
    return None


def signature(text: str) -> Verdict | None:
    if _SIGNATURE.search(text) or _THANKS.search(text):
        return Verdict(NOISE, "promo", strong=False)
    return None


RULES: tuple[tuple[str, Callable[[str], Verdict | None]], ...] = (
    ("copyright", _short(_match(_COPYRIGHT, Verdict(NOISE, "copyright")), 30)),
    ("ad", _match(_AD, Verdict(NOISE, "ad"))),
    ("read-time", _match(_READ_TIME, Verdict(NOISE, "read-time"))),
    ("share", _match(_SHARE, Verdict(NOISE, "share"))),
    ("reactions", _match(_REACTIONS, Verdict(NOISE, "share"))),
    ("comments", _match(_COMMENTS, Verdict(NOISE, "comments"))),
    ("cookie", _short(_match(_COOKIE, Verdict(NOISE, "cookie")), 60)),
    ("related-header", _match(_RELATED_HEADER, Verdict(NOISE, "related-links"))),
    ("related-prefix", _short(_match(_RELATED_PREFIX, Verdict(NOISE, "related-links")), 30)),
    ("tags-header", _match(_TAGS_HEADER, Verdict(NOISE, "tags"))),
    ("nav", _short(_match(_NAV, Verdict(NOISE, "nav")), 40)),
    ("stated-date", _short(_match(_STATED_DATE, Verdict(META, "date")), 12)),
    ("byline", _short(_match(_BYLINE, Verdict(META, "byline")), 14)),
    ("donation", _unquoted(_match(_DONATION, Verdict(NOISE, "donation")))),
    ("newsletter", _short(_unquoted(_match(_NEWSLETTER, Verdict(NOISE, "newsletter"))), 30)),
    ("caption", _match(_CAPTION, Verdict(NOISE, "caption"))),
    ("signature", signature),
    ("reader-address", reader_address),
)


def judge(text: str) -> Verdict | None:
    """The first verdict of the cascade for one line, or None."""
    for _name, rule in RULES:
        verdict = rule(text)
        if verdict is not None:
            return verdict
    return None
