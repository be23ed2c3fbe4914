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
from newsweave.models import META, NOISE


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


RULES: tuple[tuple[str, Callable[[str], Verdict | None]], ...] = (
    ("copyright", _short(_match(COPYRIGHT, Verdict(NOISE, "copyright")), 25)),
    ("ad", _match(AD, Verdict(NOISE, "ad"))),
    ("read-time", _match(READ_TIME, Verdict(NOISE, "read-time"))),
    ("share", share_bar),
    ("comments", _short(_match(COMMENTS, Verdict(NOISE, "comments")), 12)),
    ("cookie", _short(_match(COOKIE, Verdict(NOISE, "cookie")), 60)),
    ("cookie-buttons", cookie_buttons),
    ("paywall", _short(_match(PAYWALL, Verdict(NOISE, "paywall")), 30)),
    ("related-header", _match(RELATED_HEADER, Verdict(NOISE, "related-links"))),
    ("related-prefix", _short(_match(RELATED_PREFIX, Verdict(NOISE, "related-links")), 30)),
    ("tags-header", _match(TAGS_HEADER, Verdict(NOISE, "tags"))),
    ("tags-inline", _short(_match(TAGS_INLINE, Verdict(NOISE, "tags")), 20)),
    ("nav", _short(_match(NAV, Verdict(NOISE, "nav")), 40)),
    ("menu", _short(menu, 20)),
    ("stated-date", _short(stated_date_line, 16)),
    ("dateline", dateline_only),
    ("byline", _short(_match(BYLINE, Verdict(META, "byline")), 14)),
    ("credit-line", _short(_match(CREDIT_LINE, Verdict(META, "byline")), 40)),
    ("editor-note", _match(EDITOR_NOTE, Verdict(NOISE, "editor-note"))),
    ("donation", donation),
    ("newsletter", newsletter),
    ("promo", _short(_unquoted(_match(PROMO, Verdict(NOISE, "promo"))), 30)),
    ("credit", _short(_match(CREDIT, Verdict(NOISE, "caption")), 8)),
    ("caption", _match(CAPTION, Verdict(NOISE, "caption"))),
    ("labelled-caption", labelled_caption),
    ("kicker", kicker),
    ("signature", signature),
    ("reader-address", reader_address),
)

# Every rule is strong or weak (see the module docstring); `site-boilerplate`
# (from other pages of the same site, `corpus.py`) and the layout's repeated
# lines are strong too, and are decided outside this cascade.
STRONG_RULES = frozenset(
    {
        "copyright",
        "ad",
        "read-time",
        "share",
        "cookie-buttons",
        "related-header",
        "tags-header",
        "menu",
        "dateline",
        "donation",
    }
)
WEAK_RULES = frozenset(
    {
        "comments",
        "cookie",
        "paywall",
        "related-prefix",
        "tags-inline",
        "nav",
        "stated-date",
        "byline",
        "credit-line",
        "editor-note",
        "newsletter",
        "promo",
        "credit",
        "caption",
        "labelled-caption",
        "kicker",
        "signature",
        "reader-address",
    }
)
EDGE_CUES = frozenset({"kicker", "signature", "reader-address"})


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
    "Verdict",
    "first_person_singular_only",
    "judge",
    "longer_than_paragraph",
]
