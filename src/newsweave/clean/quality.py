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
from newsweave.models import BODY, NOISE, Flag, Line

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
FARM_KINDS = ("date_mismatch", "injected_token", "off_topic_links", "scam_chrome")


def local_flags(lines: Sequence[Line]) -> tuple[Flag, ...]:
    """Flags one article earns on its own, in a fixed order."""
    body = [line for line in lines if line.role == BODY]
    noise = Counter(line.reason for line in lines if line.role == NOISE)
    flags: list[Flag] = []
    if not body:
        flags.append(Flag("empty_after_cleaning", "no line of article text remained"))
    if noise["related-links"] >= OFF_TOPIC_LINKS:
        flags.append(Flag("off_topic_links", f"{noise['related-links']} lines of other headlines"))
    chrome = [line for line in lines if line.role != BODY and _SCAM_CHROME.search(line.content)]
    if chrome:
        words = sorted({m.group(0).lower() for line in chrome for m in _SCAM_CHROME.finditer(line.content)})
        flags.append(Flag("scam_chrome", f"site chrome on line {chrome[0].n}: {', '.join(words)}"))
    artifacts = _translation_artifacts(body)
    if len(artifacts) >= MT_ARTIFACTS:
        flags.append(Flag("machine_translation", "; ".join(artifacts)))
    if body and not is_sentence(body[-1].content):
        flags.append(Flag("truncated", f"last article line {body[-1].n} ends mid-sentence"))
    body_words = sum(len(line.content.split()) for line in body)
    if noise["paywall"] and body_words < _PAYWALL_BODY_WORDS:
        flags.append(Flag("paywall_stub", f"{body_words} words of article text before a paywall notice"))
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
    return Flag("content_farm", f"likely a content-farm copy: {', '.join(kinds)}")
