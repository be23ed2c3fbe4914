"""Document passes: give every non-blank line a role using its position.

Line rules (`rules.py`) see one line at a time. Here the document's shape
decides what they cannot: the *head* (lines before the first paragraph of
prose, see `head.py`) holds the title, the standfirst and page chrome; the
*tail* holds pleas, tags, comments and lists of other headlines; the middle
is article text unless a firm verdict says otherwise. The tail starts after
the last paragraph of prose, or earlier at a section that only ever closes
an article (comments, a paywall, a tags or related-links header followed by
little prose). Repeated lines are caught last, across the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsweave.clean.furniture import Rule, Verdict
from newsweave.clean.head import head
from newsweave.clean.shape import (
    Assigned,
    Roles,
    has_letters,
    is_prose,
    is_sentence,
    is_titleish,
    line_key,
    words,
)
from newsweave.models import Line
from newsweave.vocabulary import MetaField, Reason, Role

_LIST_BLOCKS = (Reason.TAGS, Reason.RELATED_LINKS)
# Reasons that open a block the following unjudged lines belong to (a caption or a share bar does not).
_BLOCKS = (
    Reason.DONATION,
    Reason.NEWSLETTER,
    Reason.PROMO,
    Reason.COMMENTS,
    Reason.PAYWALL,
    Reason.COOKIE,
    Reason.AD,
    *_LIST_BLOCKS,
)
_CLOSING_RULES = (Rule.COMMENTS, Rule.PAYWALL, Rule.RELATED_HEADER, Rule.TAGS_HEADER, Rule.TAGS_INLINE)
_ALWAYS_CLOSING = (Rule.COMMENTS, Rule.PAYWALL)
# A repeat of a title or a caption is named after what it repeats.
_REPEATS: dict[Reason | MetaField | None, Reason] = {
    MetaField.TITLE: Reason.TITLE_DUPLICATE,
    Reason.CAPTION: Reason.CAPTION_DUPLICATE,
}
MAX_PROSE_AFTER_CLOSING = 2
CUT_PARAGRAPH = 18  # words: a paragraph cut off mid-sentence (paywall, truncation) is still text
HEADLINE_RUN = 3


def assign_roles(
    lines: Sequence[str],
    is_organization: Callable[[str], bool],
    boilerplate: frozenset[str] = frozenset(),
    extracted: bool = False,
) -> tuple[Line, ...]:
    """Role for every non-blank line of a document (1-based line numbers).

    `boilerplate` holds keys of lines known, from other pages of the same site,
    to be that site's furniture. `extracted` says the lines are blocks an HTML
    extractor already chose as content: with no paragraph of prose among them
    (a table, a script without spaces between words) they are read as text
    rather than all taken for a page head.
    """
    items = [(n, text) for n, text in enumerate(lines, start=1) if text.strip()]
    roles = Roles(items, is_organization, boilerplate)
    anchors = [i for i in range(len(roles)) if roles.is_anchor(i)]
    if extracted and not anchors:
        _plain(roles, range(len(roles)))
        _duplicates(roles)
        return tuple(_to_line(roles, i) for i in range(len(roles)))
    body_start = head(roles, anchors, extracted)
    if anchors:
        tail_start = _tail_start(roles, anchors, body_start)
        _plain(roles, range(body_start, tail_start))
        _tail(roles, range(tail_start, len(roles)))
    _duplicates(roles)
    return tuple(_to_line(roles, i) for i in range(len(roles)))


def _tail_start(roles: Roles, anchors: list[int], body_start: int) -> int:
    for i in range(body_start, anchors[-1] + 1):
        verdict = roles.firm(i)
        if verdict is None or verdict.rule not in _CLOSING_RULES:
            continue
        prose_after = sum(1 for a in anchors if a > i)
        if verdict.rule in _ALWAYS_CLOSING or prose_after <= MAX_PROSE_AFTER_CLOSING:
            return i
    return anchors[-1] + 1


def _plain(roles: Roles, span: range) -> None:
    """Article text: body unless a firm verdict says otherwise."""
    for i in span:
        if roles.assigned[i] is None:
            verdict = roles.firm(i)
            roles.apply(verdict, i) if verdict else roles.set(i, Role.BODY)


def _tail(roles: Roles, span: range) -> None:
    """After the last paragraph: once junk starts, the rest is junk unless it reads as prose.

    Lines judged only by a weak cue, or by what precedes them, then take the
    reason of the block they belong to: a run of headlines is related links;
    anything else belongs to the plea or promo box whose firm line comes
    before it (or, at the top of the tail, after it).
    """
    firm_noise = any(roles.firm_noise(i) for i in span)
    if not firm_noise and sum(is_titleish(roles.text(i)) for i in span) < 3:
        _plain(roles, span)
        return
    block: Reason | None = None
    loose: list[int] = []
    for i in span:
        verdict = roles.verdicts[i]
        text = roles.text(i)
        if (
            verdict is not None
            and verdict.firm
            and verdict.role == Role.META
            and block not in (None, *_LIST_BLOCKS)
        ):
            roles.set(i, Role.NOISE, block)  # a name and title closing a plea is its signature
            loose.append(i)
        elif verdict is not None and verdict.rule == Rule.LABELLED_CAPTION and block in _LIST_BLOCKS:
            roles.set(i, Role.NOISE, block)  # "Police: two hurt in crash" in a list is a headline
        elif verdict is not None and verdict.firm:
            roles.apply(verdict, i)
            if verdict.role == Role.NOISE:
                block = _opened_block(verdict)
        elif verdict is not None and block not in _LIST_BLOCKS:
            roles.apply(verdict, i)
            block = _opened_block(verdict)  # a kicker (nav) opens none
            loose.append(i)
        elif block is None and verdict is None and _reads_as_text(roles, span, i):
            roles.set(i, Role.BODY)
        elif block not in _LIST_BLOCKS and _in_short_run(roles, span, i):
            block = Reason.TAGS
            roles.set(i, Role.NOISE, block)
        else:
            block = block or (Reason.RELATED_LINKS if is_titleish(text) else Reason.PROMO)
            roles.set(i, Role.NOISE, block)
            loose.append(i)
    _settle_reasons(roles, span, loose)


def _opened_block(verdict: Verdict) -> Reason | None:
    """The block a noise verdict opens, if its reason opens one (`_BLOCKS`)."""
    label = verdict.label
    return label if isinstance(label, Reason) and label in _BLOCKS else None


def _reads_as_text(roles: Roles, span: range, i: int) -> bool:
    """A sentence, a paragraph cut off mid-sentence, or a subheading over a sentence."""
    text = roles.text(i)
    if is_sentence(text) or words(text) >= CUT_PARAGRAPH:
        return True
    below = i + 1
    return below in span and roles.verdicts[below] is None and is_sentence(roles.text(below))


def _in_short_run(roles: Roles, span: range, i: int) -> bool:
    """One of two or more consecutive one-to-three-word labels: a tag list without a header."""

    def label(j: int) -> bool:
        if j not in span or roles.verdicts[j] is not None:
            return False
        text = roles.text(j)
        return 1 <= words(text) <= 3 and not is_sentence(text)

    return label(i) and (label(i - 1) or label(i + 1))


def _settle_reasons(roles: Roles, span: range, loose: list[int]) -> None:
    # Firm noise lines that can own a loose line: not a list (a list owns none).
    owners = [
        (j, verdict.label)
        for j in span
        if (verdict := roles.firm_noise(j)) is not None and verdict.label not in _LIST_BLOCKS
    ]
    for i in loose:
        assigned = roles.assigned[i]
        if assigned is None or assigned[1] in _LIST_BLOCKS:
            continue
        if is_titleish(roles.text(i)) and _in_headline_run(roles, span, i):
            roles.set(i, Role.NOISE, Reason.RELATED_LINKS)
            continue
        before = [label for j, label in owners if j < i]
        after = [label for j, label in owners if j > i]
        owner = before[-1] if before else (after[0] if after else None)
        if owner is not None:
            roles.set(i, Role.NOISE, owner)
    for i in span:
        if i in loose and not has_letters(roles.text(i)):
            previous = roles.assigned[i - 1] if i - 1 in span else None
            if previous is not None and previous[0] == Role.NOISE:
                roles.set(i, Role.NOISE, previous[1])


def _in_headline_run(roles: Roles, span: range, i: int) -> bool:
    """One of at least three title-like lines in a row (lines with no letters in between are skipped)."""
    run = 1
    for step in (-1, 1):
        j = i + step
        while j in span:
            if not has_letters(roles.text(j)):
                j += step
                continue
            if not is_titleish(roles.text(j)) or roles.firm(j) is not None:
                break
            run += 1
            j += step
    return run >= HEADLINE_RUN


def _duplicates(roles: Roles) -> None:
    """A line repeating an earlier one is noise, named after what it repeats."""
    first: dict[str, Assigned] = {}
    for i, (_n, text) in enumerate(roles.items):
        key = line_key(text)
        assigned = roles.assigned[i]
        assert assigned is not None
        if not key:
            continue
        if key not in first:
            first[key] = assigned
            continue
        repeat = _REPEATS.get(first[key][1])
        if repeat is not None:
            roles.set(i, Role.NOISE, repeat)
        elif assigned[0] != Role.NOISE and is_prose(text):  # a short line may repeat by design (table cells)
            roles.set(i, Role.NOISE, Reason.DUPLICATE)


def _to_line(roles: Roles, i: int) -> Line:
    n, text = roles.items[i]
    assigned = roles.assigned[i]
    assert assigned is not None
    role, label = assigned
    if role == Role.NOISE:
        return Line(n=n, text=text, role=role, reason=Reason(label) if label else Reason.UNKNOWN)
    if role == Role.META:
        return Line(n=n, text=text, role=role, field=MetaField(label) if label else None)
    return Line(n=n, text=text, role=role)
