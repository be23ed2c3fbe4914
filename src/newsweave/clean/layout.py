"""Document passes: give every non-blank line a role using its position.

Line rules (`rules.py`) see one line at a time. Here the document's shape
decides what they cannot: the *head* (lines before the first paragraph of
prose) holds the title, the standfirst and page chrome; the *tail* (after the
last paragraph of prose) holds pleas, tags and lists of other headlines; the
middle is article text unless a strong rule says otherwise. Repeated lines
and truncated copies of the title are caught last, across the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsweave.clean.rules import Verdict, judge
from newsweave.models import BODY, META, NOISE, Line

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(\([A-Za-z .]+\))?\s*[—–-]{1,2}\s")
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_REPORTING = re.compile(r"\b(said|says|told|reported|according to)\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s]")

PROSE_MIN_WORDS = 10
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
DEK_MAX_WORDS = 30
_LIST_BLOCKS = ("tags", "related-links")
OUTLET_MAX_WORDS = 5


def words(text: str) -> int:
    return len(text.split())


def is_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.strip()))


def is_prose(text: str) -> bool:
    return is_sentence(text) and words(text) >= PROSE_MIN_WORDS


def is_titleish(text: str) -> bool:
    """Short, unpunctuated at the end, and made of words (not a date or a figure)."""
    lettered = sum(any(c.isalpha() for c in word) for word in text.split())
    return lettered >= TITLE_MIN_WORDS and words(text) <= TITLE_MAX_WORDS and not text.rstrip().endswith(".")


def line_key(text: str) -> str:
    """Text reduced to lower-case words, so quote styles and spacing don't hide a repeat."""
    return " ".join(_NON_WORD.sub(" ", text.casefold().replace("’", "'")).split())


class _Roles:
    """Mutable role table for one document while the passes run."""

    def __init__(self, items: Sequence[tuple[int, str]]) -> None:
        self.items = list(items)
        self.verdicts = [judge(text) for _, text in self.items]
        self.assigned: list[tuple[str, str | None] | None] = [None] * len(self.items)

    def text(self, i: int) -> str:
        return self.items[i][1]

    def strong(self, i: int) -> Verdict | None:
        verdict = self.verdicts[i]
        return verdict if verdict is not None and verdict.strong else None

    def set(self, i: int, role: str, label: str | None = None) -> None:
        self.assigned[i] = (role, label)

    def apply(self, verdict: Verdict, i: int) -> None:
        self.set(i, verdict.role, verdict.label)

    def is_anchor(self, i: int) -> bool:
        return self.verdicts[i] is None and is_prose(self.text(i))


def assign_roles(lines: Sequence[str], is_organization: Callable[[str], bool]) -> tuple[Line, ...]:
    """Role for every non-blank line of a document (1-based line numbers)."""
    roles = _Roles([(n, text) for n, text in enumerate(lines, start=1) if text.strip()])
    anchors = [i for i in range(len(roles.items)) if roles.is_anchor(i)]
    if not anchors:
        _plain(roles, range(len(roles.items)))
    else:
        body_start = _head(roles, anchors, is_organization)
        _plain(roles, range(body_start, anchors[-1] + 1))
        _tail(roles, range(anchors[-1] + 1, len(roles.items)))
    _duplicates(roles)
    return tuple(_to_line(roles, i) for i in range(len(roles.items)))


def _plain(roles: _Roles, span: range) -> None:
    """Article text: body unless a strong rule says otherwise."""
    for i in span:
        if roles.assigned[i] is None:
            verdict = roles.strong(i)
            roles.apply(verdict, i) if verdict else roles.set(i, BODY)


def _head(roles: _Roles, anchors: list[int], is_organization: Callable[[str], bool]) -> int:
    """Title, standfirst, outlet and chrome before the article; returns where the body starts."""
    head = range(anchors[0])
    title = _title(roles, head)
    body_start = anchors[0]
    if title is not None and len(anchors) > 1 and _is_dek(roles.text(anchors[0])):
        roles.set(anchors[0], META, "dek")
        head = range(anchors[1])
        body_start = anchors[1]
    outlet_seen = False
    for i in head:
        if roles.assigned[i] is not None:
            continue
        verdict = roles.verdicts[i]
        text = roles.text(i)
        if verdict is not None:
            roles.apply(verdict, i)
        elif not outlet_seen and words(text) <= OUTLET_MAX_WORDS and is_organization(text):
            roles.set(i, META, "outlet")
            outlet_seen = True
        elif is_sentence(text) and words(text) >= 6:
            roles.set(i, BODY)
        else:
            roles.set(i, NOISE, "nav")
    return body_start


def _title(roles: _Roles, head: range) -> int | None:
    """The first title-like head line; truncated copies and chrome wrapping it are noise."""
    candidates = [i for i in head if not roles.strong(i) and is_titleish(roles.text(i))]
    keys = {i: line_key(roles.text(i)) for i in candidates}
    for i in candidates:
        longer = [j for j in candidates if j != i and len(keys[j]) > len(keys[i])]
        if any(keys[j].startswith(keys[i]) for j in longer):
            roles.set(i, NOISE, "title-duplicate")
    remaining = [i for i in candidates if roles.assigned[i] is None]
    if not remaining:
        return None
    title = remaining[0]
    roles.set(title, META, "title")
    for i in head:
        if roles.assigned[i] is None and keys[title] in line_key(roles.text(i)):
            roles.set(i, NOISE, "nav")
    return title


def _is_dek(text: str) -> bool:
    """A short summary under the title: no dateline, no day, no attribution (a lead has them)."""
    return (
        words(text) <= DEK_MAX_WORDS
        and not _DATELINE.search(text)
        and not _WEEKDAY.search(text)
        and not _REPORTING.search(text)
    )


def _tail(roles: _Roles, span: range) -> None:
    """After the last paragraph: once junk starts, the rest is junk unless it reads as prose."""
    evidence = any(roles.strong(i) and roles.strong(i).role == NOISE for i in span)  # type: ignore[union-attr]
    if not evidence and sum(is_titleish(roles.text(i)) for i in span) < 3:
        _plain(roles, span)
        return
    block: str | None = None
    for i in span:
        verdict = roles.verdicts[i]
        text = roles.text(i)
        if verdict is not None and (verdict.strong or block not in _LIST_BLOCKS):
            roles.apply(verdict, i)
            block = verdict.label if verdict.role == NOISE else block
        elif block is None and verdict is None and is_sentence(text):
            roles.set(i, BODY)
        else:
            block = block or ("related-links" if is_titleish(text) else "promo")
            roles.set(i, NOISE, block)


def _duplicates(roles: _Roles) -> None:
    """A line repeating an earlier one is noise, named after what it repeats."""
    first: dict[str, tuple[str, str | None]] = {}
    for i, (_n, text) in enumerate(roles.items):
        key = line_key(text)
        assigned = roles.assigned[i]
        assert assigned is not None
        if not key:
            continue
        if key not in first:
            first[key] = assigned
            continue
        label = first[key][1]
        if label in ("title", "caption"):
            roles.set(i, NOISE, f"{label}-duplicate")
        elif assigned[0] != NOISE:
            roles.set(i, NOISE, "duplicate")


def _to_line(roles: _Roles, i: int) -> Line:
    n, text = roles.items[i]
    assigned = roles.assigned[i]
    assert assigned is not None
    role, label = assigned
    if role == NOISE:
        return Line(n=n, text=text, role=role, reason=label or "unknown")
    if role == META:
        return Line(n=n, text=text, role=role, field=label)
    return Line(n=n, text=text, role=role)
