"""Metadata read off the cleaned lines: language and dateline.

Publication dates are not settled here but per story, in `newsweave.dating`,
where sibling reports can corroborate or contradict a stated date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsweave.clean.furniture import DATELINE
from newsweave.lazy import Lazy
from newsweave.models import Line
from newsweave.vocabulary import ENGLISH, MetaField, Role

_ENGLISH_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\w+",
        "the of and to a in is that for it was on with as by at from his her their this "
        "be are have has had not but which who said were its an or will would after "
        "into over about than then there they them he she we you been also more when "
        "what where while during before up out no so can could should new two one",
    )
)
_WORD = re.compile(r"[a-z]+")
ENGLISH_MIN_SHARE = 0.12
LANGID_MIN_PROBABILITY = 0.9
# The language is read off the opening of a text: enough to tell, and reading
# costs time in proportion to length.
LANGID_CHARS = 3000


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the article's language, or None when it cannot be told.

    langid decides; on short texts, where it is unsure, a screen of English
    function words decides whether the text is English. Non-English articles
    are kept and marked, never dropped.
    """
    tokens = _WORD.findall(text.lower())
    if len(tokens) < 5:
        return None
    code, probability = _classify(text[:LANGID_CHARS])
    if probability >= LANGID_MIN_PROBABILITY:
        return str(code)
    share = sum(token in _ENGLISH_FUNCTION_WORDS for token in tokens) / len(tokens)
    return ENGLISH if share >= ENGLISH_MIN_SHARE else None


def _classify(text: str) -> tuple[str, float]:
    """langid's `classify`, with the class scores summed over the features the
    text has rather than all of them (the same figures, a tenth of the time)."""
    identifier = _IDENTIFIER.get()
    counts = identifier.instance2fv(text)
    present = np.flatnonzero(counts)
    scores = counts[present].astype(np.float64) @ identifier.nb_ptc[present].astype(np.float64)
    probabilities = identifier.norm_probs(scores + identifier.nb_pc)
    best = int(np.argmax(probabilities))
    return str(identifier.nb_classes[best]), float(probabilities[best])


def _identifier() -> Any:
    from langid.langid import LanguageIdentifier, model

    return LanguageIdentifier.from_modelstring(model, norm_probs=True)


_IDENTIFIER: Lazy[Any] = Lazy(_identifier)


def dateline(lines: Sequence[Line]) -> str | None:
    """The place in the dateline ("LISBON —", "PORTVILLE, Ore. (Agency) _") that opens the article.

    It opens the first body line (which stays body), or stands on a line of
    its own just before it (a `dateline` meta line).
    """
    for line in lines:
        if line.role == Role.BODY or (line.role == Role.META and line.field == MetaField.DATELINE):
            match = DATELINE.match(line.content.strip())
            return match.group(1) if match else None
    return None
