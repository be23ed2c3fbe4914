"""Source-quality flags, each with the signal that raised it.

Flags never remove anything: they tell the reader what to be wary of. Local
signals are read off one cleaned article; `content_farm` combines them with
what later stages learn (a `date_mismatch` found by dating the story).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsweave.clean.shape import is_sentence
from newsweave.models import Flag, Line
from newsweave.vocabulary import FlagKind, Reason, Role

# Words of site chrome (breadcrumbs, section names) on scam and get-rich sites.
_SCAM_CHROME = re.compile(
    r"\b(scams?|forex|crypto|bitcoin|binary options|get rich|passive income|make money"
    r"|trading signals?|investment tips|casino|betting tips)\b",
    re.IGNORECASE,
)
_LOWERCASE_AFTER_STOP = re.compile(r"[a-z]{3,}\. [a-z]{2,}")
_LONE_ACRONYM = re.compile(r"(?:^|[.!?] )[A-Z]{2,6}\. (?=[A-Z])")
_PAYWALL_BODY_WORDS = 120
OFF_TOPIC_LINKS = 8
MT_ARTIFACTS = 2
FARM_SIGNALS = 2
FARM_KINDS = (FlagKind.DATE_MISMATCH, FlagKind.INJECTED_TOKEN, FlagKind.OFF_TOPIC_LINKS, FlagKind.SCAM_CHROME)


def local_flags(lines: Sequence[Line]) -> tuple[Flag, ...]:
    """Flags one article earns on its own, in a fixed order."""
    body = [line for line in lines if line.role == Role.BODY]
    noise = Counter(line.reason for line in lines if line.role == Role.NOISE)
    flags: list[Flag] = []
    if not body:
        flags.append(Flag(FlagKind.EMPTY_AFTER_CLEANING, "no line of article text remained"))
    if noise[Reason.RELATED_LINKS] >= OFF_TOPIC_LINKS:
        flags.append(
            Flag(FlagKind.OFF_TOPIC_LINKS, f"{noise[Reason.RELATED_LINKS]} lines of other headlines")
        )
    chrome = [line for line in lines if line.role != Role.BODY and _SCAM_CHROME.search(line.content)]
    if chrome:
        words = sorted({m.group(0).lower() for line in chrome for m in _SCAM_CHROME.finditer(line.content)})
        flags.append(Flag(FlagKind.SCAM_CHROME, f"site chrome on line {chrome[0].n}: {', '.join(words)}"))
    artifacts = _translation_artifacts(body)
    if len(artifacts) >= MT_ARTIFACTS:
        flags.append(Flag(FlagKind.MACHINE_TRANSLATION, "; ".join(artifacts)))
    if body and not is_sentence(body[-1].content):
        flags.append(Flag(FlagKind.TRUNCATED, f"last article line {body[-1].n} ends mid-sentence"))
    body_words = sum(len(line.content.split()) for line in body)
    if noise[Reason.PAYWALL] and body_words < _PAYWALL_BODY_WORDS:
        flags.append(
            Flag(FlagKind.PAYWALL_STUB, f"{body_words} words of article text before a paywall notice")
        )
    return tuple(flags)


def _translation_artifacts(body: Sequence[Line]) -> list[str]:
    """Sentence breaks a human writer would not make: a lower-case sentence, a lone acronym."""
    found = []
    for line in body:
        for match in _LOWERCASE_AFTER_STOP.finditer(line.content):
            found.append(f"line {line.n}: sentence starts in lower case ({match.group(0)!r})")
        for match in _LONE_ACRONYM.finditer(line.content):
            found.append(f"line {line.n}: lone acronym sentence ({match.group(0).strip()!r})")
    return found


def content_farm(flags: Sequence[Flag]) -> Flag | None:
    """`content_farm` when at least two independent farm signals agree."""
    kinds = sorted({flag.kind for flag in flags if flag.kind in FARM_KINDS})
    if len(kinds) < FARM_SIGNALS:
        return None
    return Flag(FlagKind.CONTENT_FARM, f"likely a content-farm copy: {', '.join(kinds)}")
