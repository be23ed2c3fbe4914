"""What cleaning took from a source: a floor under it, and a flag when it took much.

Cleaning removes lines by rules, and a rule can misread a kind of text it was
not written against (a whole wire story on one line, say). Two guards keep
such a misreading from passing unseen:

* `restore_body`: a source whose every line was taken for furniture or
  metadata, although some line runs to a paragraph's length or more
  (`PARAGRAPH_WORDS`), gets those lines back as article text. A line that
  long is text (reported prose, or a list a story is made of) far more often
  than furniture, which is written to be taken in at a glance; the source is
  flagged `body_restored` with the lines and what they had been taken for, so
  a reader can check. Lines taken out as repeats, as a copyright notice or as
  a plea that runs through the whole line stay out: those verdicts rest on
  more than a cue.
* `heavy_cleaning`: a source that lost more than half of its words to
  cleaning is flagged with the share and the reasons, largest first, so a
  reader can tell a page mostly made of furniture from a rule gone wrong.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsweave.clean.furniture import PARAGRAPH_WORDS
from newsweave.models import Flag, Line
from newsweave.vocabulary import FlagKind, Reason, Role

# Noise reasons whose verdict holds even on a line of several paragraphs.
KEPT_OUT = frozenset(
    {
        Reason.DUPLICATE,
        Reason.TITLE_DUPLICATE,
        Reason.CAPTION_DUPLICATE,
        Reason.BOILERPLATE,
        Reason.COPYRIGHT,
        Reason.DONATION,
        Reason.COMMENTS,
    }
)
HEAVY_SHARE = 0.5


def restore_body(lines: Sequence[Line]) -> tuple[tuple[Line, ...], tuple[Flag, ...]]:
    """The lines, with long prose made body again when no body line is left (see above)."""
    if any(line.role == Role.BODY for line in lines):
        return tuple(lines), ()
    restored = [line for line in lines if _restorable(line)]
    if not restored:
        return tuple(lines), ()
    numbers = {line.n for line in restored}
    was = ", ".join(f"line {line.n} ({_words(line)} words, {_judged(line)})" for line in restored)
    flag = Flag(FlagKind.BODY_RESTORED, f"no article text was left; kept as text: {was}")
    repaired = tuple(
        replace(line, role=Role.BODY, reason=None, field=None) if line.n in numbers else line
        for line in lines
    )
    return repaired, (flag,)


def heavy_cleaning(lines: Sequence[Line]) -> Flag | None:
    """`heavy_cleaning` when noise lines hold more than `HEAVY_SHARE` of the source's words."""
    total = sum(_words(line) for line in lines)
    noise = [line for line in lines if line.role == Role.NOISE]
    removed = sum(_words(line) for line in noise)
    if not total or removed <= HEAVY_SHARE * total:
        return None
    words_by_reason: Counter[str] = Counter()
    lines_by_reason: Counter[str] = Counter()
    for line in noise:
        reason = line.reason or Reason.UNKNOWN
        words_by_reason[reason] += _words(line)
        lines_by_reason[reason] += 1
    reasons = sorted(words_by_reason, key=lambda reason: (-words_by_reason[reason], reason))
    parts = [f"{lines_by_reason[r]} line{'s' if lines_by_reason[r] > 1 else ''} {r}" for r in reasons]
    share = round(100 * removed / total)
    return Flag(FlagKind.HEAVY_CLEANING, f"{share}% of words removed: {', '.join(parts)}")


def _restorable(line: Line) -> bool:
    return line.role != Role.BODY and line.reason not in KEPT_OUT and _words(line) >= PARAGRAPH_WORDS


def _judged(line: Line) -> str:
    return f"was noise: {line.reason}" if line.role == Role.NOISE else f"was meta: {line.field}"


def _words(line: Line) -> int:
    return len(line.text.split())
