"""Quotation marks: where quoted words start and end in a line or a sentence.

Reported speech is someone else's voice. The cleaning rules look for the
outlet's own voice ("we", "you", "subscribe") only outside quotations, and
attribution (`newsweave.analyze.quotes`) masks quotations before it looks for
"said". Both read quotations through this one scanner, so they agree on what
a quotation is.

News text writes quotations in several styles:

* curly double marks, “like this”, and guillemets, «like this»;
* straight double marks, "like this";
* newswire (and LaTeX) style, ``like this'' (two backticks, two apostrophes);
* single marks, ‘like this’ or 'like this', often for a quotation inside a
  headline or inside another quotation.

A curly or wire-style quotation left open runs to the end of the text: wire
copy opens every paragraph of a long quotation and closes only the last, so
the rest of the text is still the quotation. A straight double mark is the
same character at both ends, so one left open is a stray and marks nothing.

The single straight mark is also the apostrophe ("don't", "the players'
union", "'90s"), so it opens a quotation only where an apostrophe cannot
stand (after a space or an opening bracket, before a letter) and closes it
only where an apostrophe would not (after a letter or punctuation, before a
space or punctuation). A single-quoted stretch longer than
`MAX_SINGLE_CHARS` is far more likely two apostrophes than one quotation,
and so is one left open; neither marks anything.
"""

from __future__ import annotations

import re

# Opening mark -> closing mark; the order tries the two-character wire mark first.
_PAIRS: tuple[tuple[str, str], ...] = (
    ("``", "''"),
    ("“", "”"),
    ("«", "»"),
    ('"', '"'),
    ("‘", "’"),
    ("'", "'"),
)
_RUN_TO_END = frozenset({"``", "“", "«"})
_SINGLE = frozenset({"‘", "'"})
_OPENS_AFTER = frozenset(' \t([{—–-/“"')
MAX_SINGLE_CHARS = 400
# Where a quotation may open: the first character of every opening mark.
_MARK = re.compile("[" + re.escape("".join(sorted({opening[0] for opening, _ in _PAIRS}))) + "]")
_APOSTROPHE_CLOSE = re.compile(r"(?<=[^\s'])['’](?=[\s.,;:!?)\]\"”—–-]|$)")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`, its marks included, in order.

    Quotations do not nest here: marks inside one quotation belong to it.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while (mark := _MARK.search(text, position)) is not None:
        position = mark.start()
        opening = _opening_at(text, position)
        if opening is None:
            position += 1
            continue
        end = _closing_after(text, position, opening)
        if end is None:
            position += len(opening)
            continue
        spans.append((position, end))
        position = end
    return spans


def inner(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a quotation's words, without its marks (one or two characters each side)."""
    opening = _opening_at(text, start) or text[start]
    closing = dict(_PAIRS).get(opening, "")
    close_width = len(closing) if closing and text.startswith(closing, end - len(closing)) else 0
    return min(start + len(opening), end), max(start + len(opening), end - close_width)


def mark_widths(text: str, start: int, end: int) -> tuple[int, int]:
    """How many characters the opening and closing marks of a quotation take."""
    words_start, words_end = inner(text, start, end)
    return words_start - start, end - words_end


def unquoted(text: str) -> str:
    """`text` with every quotation replaced by a space: the words of whoever wrote the text."""
    pieces: list[str] = []
    position = 0
    for start, end in quote_spans(text):
        pieces += [text[position:start], " "]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _opening_at(text: str, position: int) -> str | None:
    for opening, _closing in _PAIRS:
        if not text.startswith(opening, position):
            continue
        if opening in _SINGLE and not _single_opens(text, position):
            return None
        if opening == "'" and text.startswith("''", position):
            return None  # a wire closing mark with no opening before it
        return opening
    return None


def _single_opens(text: str, position: int) -> bool:
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return before in _OPENS_AFTER and (after.isalpha() or after in '“"')


def _closing_after(text: str, position: int, opening: str) -> int | None:
    """End (exclusive) of the quotation opened at `position`, or None when it marks nothing."""
    closing = dict(_PAIRS)[opening]
    start = position + len(opening)
    if opening in _SINGLE:
        for match in _APOSTROPHE_CLOSE.finditer(text, start):
            if match.start() - start > MAX_SINGLE_CHARS:
                return None
            if match.group(0) == closing:
                return match.end()
        return None
    found = text.find(closing, start)
    if found >= 0:
        return found + len(closing)
    return len(text) if opening in _RUN_TO_END else None
