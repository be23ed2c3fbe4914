"""Date the articles of one story together, lending each the others' evidence.

Why a story knows more than its articles: articles reporting the same event
describe the same days, but each writes down only some of them. One says
"the ferry sank on March 3" and "officials said on Tuesday"; another says
only "the ferry sank on Sunday" — a weekday that fits some day of every week
until a sibling pins that week down. And a copy with a fake stated date can
only be caught when its content is compared with the dates the rest of the
story agrees on.

Why lending stops at an article's own date: a story may span years (a
curated cluster of a topic's coverage), and one article's years — a
projection misread, a background event — say nothing about when another
article appeared. So every article is first dated on its own. One whose
declared date (page metadata, a stated line) its own content allows keeps
that date, and nothing borrowed is weighed against it; only the others —
no declared date, or one their own content contradicts — are dated again
with the story's help:

1. with the story's *year context* (years told as past and copyright years
   of the other articles: they bound when the shared events can have
   happened), lent only to an article that names no year of its own;
2. with *anchors*: every article whose date its content pins to one day of
   one year lends its publication day and its dated past events, resolved,
   and each borrowing article is dated again with the other articles'
   anchors, priced by distance (`score.anchor_price`). This repeats (at most
   `MAX_ROUNDS` times) while dates change, so an article pinned down by its
   siblings can lend its own events in turn.

An article keeps its own evidence; anything borrowed is quoted with the path
and line of the article it comes from. An article with no date cue of its own
and no declared date is left undated: a story's dates are not its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from newsweave.dating.cues import ANCHOR, PUBLISHED, Cue, Evidence, read_evidence
from newsweave.dating.mentions import DATE
from newsweave.dating.score import MISMATCH, dated_event, is_lead_cue, lead_gap
from newsweave.dating.solve import Outcome, decide
from newsweave.dating.tense import TOLD
from newsweave.models import Article, Flag, PublishedDate

# Anchoring repeats while dates change: an article pinned down in one round
# (its year now certain) lends its own events in the next. Rounds are few and
# fixed, so the result never depends on anything but the articles.
MAX_ROUNDS = 3
MAX_SIBLINGS = 50  # other articles an article borrows year evidence and anchors from (see `siblings`)


def date_story(
    articles: Sequence[Article], page_dates: Sequence[str | None] | None = None
) -> list[tuple[PublishedDate | None, tuple[Flag, ...]]]:
    """Publication date and date flags of each article of one story, in input order."""
    pages = list(page_dates) if page_dates is not None else [None] * len(articles)
    if len(pages) != len(articles):
        raise ValueError(f"{len(pages)} page dates for {len(articles)} articles")
    evidence = [read_evidence(article, page) for article, page in zip(articles, pages, strict=True)]
    alone = [decide(item) for item in evidence]
    first = [
        outcome if outcome.declared else decide(item, borrowed=_context(evidence, i))
        for i, (item, outcome) in enumerate(zip(evidence, alone, strict=True))
    ]
    outcomes = first
    for _round in range(MAX_ROUNDS):
        following = [_anchored(evidence, first, outcomes, index) for index in range(len(evidence))]
        if following == outcomes:
            break
        outcomes = following
    return [(outcome.published, outcome.flags) for outcome in outcomes]


def siblings(count: int, index: int) -> list[int]:
    """The other articles an article of a story borrows from: all of them in a story of
    up to `MAX_SIBLINGS + 1`, else the `MAX_SIBLINGS` nearest it in story order (the
    earlier first on a tie), in story order. Every cue lent is priced for every day an
    article may have been published, so lending among all of a thousand sources would
    cost the square of their number, and a story's near neighbours tell its year and days."""
    if count - 1 <= MAX_SIBLINGS:
        return [i for i in range(count) if i != index]
    window = range(max(0, index - MAX_SIBLINGS), min(count, index + MAX_SIBLINGS + 1))
    near = sorted((i for i in window if i != index), key=lambda i: (abs(i - index), i))
    return sorted(near[:MAX_SIBLINGS])


def _context(evidence: Sequence[Evidence], index: int) -> tuple[Cue, ...]:
    """Year evidence of the article's siblings, for an article that names no year itself."""
    if any(cue.year is not None for cue in evidence[index].content):
        return ()
    return tuple(cue for i in siblings(len(evidence), index) for cue in evidence[i].year_context())


def _anchored(
    evidence: Sequence[Evidence], first: Sequence[Outcome], latest: Sequence[Outcome], index: int
) -> Outcome:
    """One article dated again with the anchors the other articles lend in `latest`."""
    own = evidence[index]
    if first[index].declared:
        return first[index]  # its own declared date stands: borrowed days are not weighed against it
    anchors = tuple(
        anchor for i in siblings(len(evidence), index) for anchor in lends(evidence[i], latest[i])
    )
    if not anchors or not (own.content or own.declared):
        return first[index]
    return decide(own, borrowed=_context(evidence, index), anchors=anchors)


def lends(evidence: Evidence, outcome: Outcome) -> tuple[Cue, ...]:
    """What one article tells its story: its dated past events, and its publication day if trusted.

    Nothing is lent unless the article's content pins its date to one day of
    one year: an article that needed a tie-breaking rule for its year would
    spread a guess to its siblings. Each anchor keeps the article's path and
    the line it was read from, so a borrowing article can quote it.
    """
    day = outcome.pinned
    if day is None:
        return ()
    lent: list[Cue] = []
    if outcome.trusted_day:
        lead = lead_gap([cue for cue in evidence.content if is_lead_cue(cue)], day)
        if lead is not None:
            lent.append(_anchor(evidence, lead[1], day, PUBLISHED))
    for cue in evidence.content:
        if cue.kind == DATE and cue.tense in TOLD:
            event, price = dated_event(cue, day)
            if event is not None and price < MISMATCH:
                lent.append(_anchor(evidence, cue, event, None))
    return tuple(lent)


def _anchor(evidence: Evidence, cue: Cue, when: date, modifier: str | None) -> Cue:
    return Cue(ANCHOR, cue.line, cue.quote, dates=(when,), modifier=modifier, source=evidence.path)
