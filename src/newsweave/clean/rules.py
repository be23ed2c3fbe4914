"""Line rules: an ordered cascade of small, named checks on one line.

Each rule looks at a single line and may return a `Verdict`. How far a
verdict reaches depends on what its rule proves, and every rule is listed in
exactly one of two named sets:

* `STRONG_RULES` prove the line is furniture as a whole: its shape (a row of
  share buttons, "Advertisement", a date and nothing else), a notice only
  furniture prints (a copyright line), or a plea that runs through the whole
  line. They hold on any line, wherever it stands.
* `WEAK_RULES` see a cue: a word ("subscribe", "newsletter", "photo"), a
  voice ("we", "you"), a label or capitals. Reported prose shares every such
  cue, so a weak rule never judges a line longer than a paragraph (see
  `longer_than_paragraph`): a 400-word wire story that quotes no one, or whose
  quotation marks are of a style the rule does not read, is still a story.

The weakest cues, `EDGE_CUES`, do not even hold inside the article: the
layout pass accepts them at the edges of a document (head, tail), where
boilerplate collects, and ignores them in the body (their verdict is not
`firm`). No rule names an outlet or quotes an article; they describe kinds of
page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from newsweave.clean.furniture import (
    AD,
    BYLINE,
    CAPTION,
    COMMENTS,
    COOKIE,
    COPYRIGHT,
    CREDIT,
    CREDIT_LINE,
    EDITOR_NOTE,
    NAV,
    PAYWALL,
    PROMO,
    READ_TIME,
    RELATED_HEADER,
    RELATED_PREFIX,
    TAGS_HEADER,
    TAGS_INLINE,
    Rule,
    Verdict,
    cookie_buttons,
    dateline_only,
    donation,
    first_person_singular_only,
    kicker,
    labelled_caption,
    longer_than_paragraph,
    menu,
    newsletter,
    reader_address,
    share_bar,
    signature,
    stated_date_line,
)
from newsweave.clean.quotation import unquoted
from newsweave.vocabulary import MetaField, Reason, Role


def _match(pattern: re.Pattern[str], verdict: Verdict) -> Callable[[str], Verdict | None]:
    def rule(text: str) -> Verdict | None:
        return verdict if pattern.search(text) else None

    return rule


def _unquoted(rule: Callable[[str], Verdict | None]) -> Callable[[str], Verdict | None]:
    """Apply `rule` to the words outside quotation marks: a quoted plea is reported speech."""

    def guarded(text: str) -> Verdict | None:
        return rule(unquoted(text))

    return guarded


def _short(rule: Callable[[str], Verdict | None], max_words: int) -> Callable[[str], Verdict | None]:
    """Apply `rule` only to short lines: long prose that mentions a newsletter is news."""

    def guarded(text: str) -> Verdict | None:
        return rule(text) if len(text.split()) <= max_words else None

    return guarded


RULES: tuple[tuple[Rule, Callable[[str], Verdict | None]], ...] = (
    (Rule.COPYRIGHT, _short(_match(COPYRIGHT, Verdict(Role.NOISE, Reason.COPYRIGHT)), 25)),
    (Rule.AD, _match(AD, Verdict(Role.NOISE, Reason.AD))),
    (Rule.READ_TIME, _match(READ_TIME, Verdict(Role.NOISE, Reason.READ_TIME))),
    (Rule.SHARE, share_bar),
    (Rule.COMMENTS, _short(_match(COMMENTS, Verdict(Role.NOISE, Reason.COMMENTS)), 12)),
    (Rule.COOKIE, _short(_match(COOKIE, Verdict(Role.NOISE, Reason.COOKIE)), 60)),
    (Rule.COOKIE_BUTTONS, cookie_buttons),
    (Rule.PAYWALL, _short(_match(PAYWALL, Verdict(Role.NOISE, Reason.PAYWALL)), 30)),
    (Rule.RELATED_HEADER, _match(RELATED_HEADER, Verdict(Role.NOISE, Reason.RELATED_LINKS))),
    (Rule.RELATED_PREFIX, _short(_match(RELATED_PREFIX, Verdict(Role.NOISE, Reason.RELATED_LINKS)), 30)),
    (Rule.TAGS_HEADER, _match(TAGS_HEADER, Verdict(Role.NOISE, Reason.TAGS))),
    (Rule.TAGS_INLINE, _short(_match(TAGS_INLINE, Verdict(Role.NOISE, Reason.TAGS)), 20)),
    (Rule.NAV, _short(_match(NAV, Verdict(Role.NOISE, Reason.NAV)), 40)),
    (Rule.MENU, _short(menu, 20)),
    (Rule.STATED_DATE, _short(stated_date_line, 16)),
    (Rule.DATELINE, dateline_only),
    (Rule.BYLINE, _short(_match(BYLINE, Verdict(Role.META, MetaField.BYLINE)), 14)),
    (Rule.CREDIT_LINE, _short(_match(CREDIT_LINE, Verdict(Role.META, MetaField.BYLINE)), 40)),
    (Rule.EDITOR_NOTE, _match(EDITOR_NOTE, Verdict(Role.NOISE, Reason.EDITOR_NOTE))),
    (Rule.DONATION, donation),
    (Rule.NEWSLETTER, newsletter),
    (Rule.PROMO, _short(_unquoted(_match(PROMO, Verdict(Role.NOISE, Reason.PROMO))), 30)),
    (Rule.CREDIT, _short(_match(CREDIT, Verdict(Role.NOISE, Reason.CAPTION)), 8)),
    (Rule.CAPTION, _match(CAPTION, Verdict(Role.NOISE, Reason.CAPTION))),
    (Rule.LABELLED_CAPTION, labelled_caption),
    (Rule.KICKER, kicker),
    (Rule.SIGNATURE, signature),
    (Rule.READER_ADDRESS, reader_address),
)

# Every rule is strong or weak (see the module docstring); `site-boilerplate`
# (from other pages of the same site, `corpus.py`) and the layout's repeated
# lines are strong too, and are decided outside this cascade.
STRONG_RULES = frozenset(
    {
        Rule.COPYRIGHT,
        Rule.AD,
        Rule.READ_TIME,
        Rule.SHARE,
        Rule.COOKIE_BUTTONS,
        Rule.RELATED_HEADER,
        Rule.TAGS_HEADER,
        Rule.MENU,
        Rule.DATELINE,
        Rule.DONATION,
    }
)
WEAK_RULES = frozenset(
    {
        Rule.COMMENTS,
        Rule.COOKIE,
        Rule.PAYWALL,
        Rule.RELATED_PREFIX,
        Rule.TAGS_INLINE,
        Rule.NAV,
        Rule.STATED_DATE,
        Rule.BYLINE,
        Rule.CREDIT_LINE,
        Rule.EDITOR_NOTE,
        Rule.NEWSLETTER,
        Rule.PROMO,
        Rule.CREDIT,
        Rule.CAPTION,
        Rule.LABELLED_CAPTION,
        Rule.KICKER,
        Rule.SIGNATURE,
        Rule.READER_ADDRESS,
    }
)
EDGE_CUES = frozenset({Rule.KICKER, Rule.SIGNATURE, Rule.READER_ADDRESS})


def judge(text: str) -> Verdict | None:
    """The first verdict of the cascade for one line, or None.

    A line longer than a paragraph is judged by the strong rules only.
    """
    long = longer_than_paragraph(text)
    for name, rule in RULES:
        if long and name in WEAK_RULES:
            continue
        verdict = rule(text)
        if verdict is not None:
            return replace(verdict, rule=name, firm=name not in EDGE_CUES)
    return None


__all__ = [
    "EDGE_CUES",
    "RULES",
    "STRONG_RULES",
    "WEAK_RULES",
    "Rule",
    "Verdict",
    "first_person_singular_only",
    "judge",
    "longer_than_paragraph",
]
