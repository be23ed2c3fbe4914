"""The shape of a line (prose, title-like, sentence) and the role table of a document.

Layout decisions lean on shape more than on words: a paragraph of article
text is long and ends like a sentence; a headline is short and does not; a
menu is a row of single words. These helpers are shared by the head, body
and tail passes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from newsweave.clean.rules import Rule, Verdict, first_person_singular_only, judge, longer_than_paragraph
from newsweave.vocabulary import MetaField, Reason, Role

_TERMINAL = re.compile(r"([.!?…][\"'”’»)\]]*|:)$")
_NON_WORD = re.compile(r"[^\w\s]")

PROSE_MIN_WORDS = 10
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
FIRST_PERSON_VOICE = 0.3

# The role a pass gave a line, with its noise reason or meta field.
Assigned = tuple[Role, Reason | MetaField | None]


def words(text: str) -> int:
    return len(text.split())


def is_sentence(text: str) -> bool:
    """Ends like a finished sentence; a trailing ellipsis marks a cut teaser, not a sentence."""
    stripped = text.strip()
    return bool(_TERMINAL.search(stripped)) and not stripped.endswith(("...", "…"))


def is_prose(text: str) -> bool:
    """A paragraph of text: a finished sentence of some length, or several paragraphs run
    together, however that line ends (a wire story on one line may end in a slug or a code)."""
    return (is_sentence(text) and words(text) >= PROSE_MIN_WORDS) or longer_than_paragraph(text)


def is_titleish(text: str) -> bool:
    """Short, not ended by a full stop (an ellipsis is fine), and made of words, not figures."""
    stripped = text.rstrip()
    lettered = sum(any(c.isalpha() for c in word) for word in stripped.split())
    ends_with_stop = stripped.endswith((".", ":")) and not stripped.endswith(("...", "…"))
    return lettered >= TITLE_MIN_WORDS and words(stripped) <= TITLE_MAX_WORDS and not ends_with_stop


def has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def line_key(text: str) -> str:
    """Text reduced to lower-case words, so quote styles and spacing don't hide a repeat."""
    return " ".join(_NON_WORD.sub(" ", text.casefold().replace("’", "'")).split())


class Roles:
    """The role table of one document while the passes fill it in.

    Lines known to be the site's boilerplate (from other pages) start with that
    verdict. Then two pieces of context refine the line verdicts: a
    line right above a photo credit is that photo's caption, and in an article
    written in the first person (a column), "I" and "my" are the writer's
    voice, not an outlet addressing its readers.
    """

    def __init__(
        self,
        items: Sequence[tuple[int, str]],
        is_organization: Callable[[str], bool],
        boilerplate: frozenset[str] = frozenset(),
    ) -> None:
        self.items = list(items)
        # Title choice and the outlet check ask about the same lines: parse each once.
        self.is_organization = functools.lru_cache(maxsize=None)(is_organization)
        self.verdicts: list[Verdict | None] = [
            Verdict(Role.NOISE, Reason.BOILERPLATE, rule=Rule.SITE_BOILERPLATE)
            if boilerplate and line_key(text) in boilerplate
            else judge(text)
            for _, text in self.items
        ]
        self.assigned: list[Assigned | None] = [None] * len(self.items)
        self._caption_above_credits()
        self._columnist_voice()
        self._reader_voice()

    def __len__(self) -> int:
        return len(self.items)

    def text(self, i: int) -> str:
        return self.items[i][1]

    def firm(self, i: int) -> Verdict | None:
        verdict = self.verdicts[i]
        return verdict if verdict is not None and verdict.firm else None

    def firm_noise(self, i: int) -> Verdict | None:
        verdict = self.firm(i)
        return verdict if verdict is not None and verdict.role == Role.NOISE else None

    def set(self, i: int, role: Role, label: Reason | MetaField | None = None) -> None:
        self.assigned[i] = (role, label)

    def apply(self, verdict: Verdict, i: int) -> None:
        self.set(i, verdict.role, verdict.label)

    def is_anchor(self, i: int) -> bool:
        return self.verdicts[i] is None and is_prose(self.text(i))

    def _caption_above_credits(self) -> None:
        for i in range(len(self.items) - 1):
            below = self.verdicts[i + 1]
            caption = self.verdicts[i] is None and not longer_than_paragraph(self.text(i))
            if caption and below is not None and below.rule == Rule.CREDIT:
                self.verdicts[i] = Verdict(Role.NOISE, Reason.CAPTION, rule=Rule.CAPTION_ABOVE_CREDIT)

    def _columnist_voice(self) -> None:
        prose = [i for i in range(len(self.items)) if is_prose(self.text(i)) and not self.firm(i)]
        singular = [i for i in prose if first_person_singular_only(self.text(i))]
        if prose and len(singular) / len(prose) >= FIRST_PERSON_VOICE:
            for i, verdict in enumerate(self.verdicts):
                if verdict is not None and not verdict.firm and first_person_singular_only(self.text(i)):
                    self.verdicts[i] = None

    def _reader_voice(self) -> None:
        """An article that talks to its reader throughout ("When you live in ...") is written so.

        When enough of its prose carries the reader-address cue, the cue is
        dropped from every cued paragraph before the last cue-free one; a plea
        after the article's end keeps it.
        """
        prose = [i for i in range(len(self.items)) if is_prose(self.text(i)) and not self.firm(i)]
        cued = [i for i in prose if self._addresses_reader(i)]
        plain = [i for i in prose if self.verdicts[i] is None]
        if not prose or not plain or len(cued) / len(prose) < FIRST_PERSON_VOICE:
            return
        for i in range(max(plain)):
            if self._addresses_reader(i):
                self.verdicts[i] = None

    def _addresses_reader(self, i: int) -> bool:
        verdict = self.verdicts[i]
        return verdict is not None and verdict.rule == Rule.READER_ADDRESS
