"""What copy detection compares: an article's own words, as shingles and sentences.

Two outlets copying one wire story share most of their sentences word for
word; two outlets reporting one event on their own share names, figures and,
above all, the quotes both reporters heard. So quoted speech is taken out
before anything is compared: a sentence keeps only the words outside its
quotation marks (a quote can run across sentences of one paragraph), and a
sentence left with fewer than `MIN_SENTENCE_TOKENS` words of its own is
dropped. What remains is compared three ways:

* word shingles (`SHINGLE` consecutive words that never cross a quote or a
  sentence), for near-duplicates and containment;
* sentence fingerprints (the normalized remaining words), for excerpts;
* content-word sets per sentence, for light rewrites, where a few words per
  sentence changed and every shingle around them is lost.

Text is normalized the same way everywhere (Unicode NFKC, casefold,
apostrophes dropped inside words, anything that is not a letter or digit a
space), so typography and punctuation never decide a match. Hashes are
stable across processes (CRC-32 of each word, combined by a fixed
polynomial), which keeps MinHash signatures and so the output deterministic.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsweave.models import Article

SHINGLE = 5
MIN_SENTENCE_TOKENS = 4

_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
_CLOSERS = {"\u201d", "\u00bb"}
_QUOTE_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]')
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[\x00]?[A-Z0-9\x00])")
_APOSTROPHE = re.compile(r"(?<=\w)['\u2019](?=\w)")
_WORD = re.compile(r"[^\W_]+")
# Function words carry no evidence that two sentences say the same thing.
_FUNCTION_WORD_LIST = (
    "a an and are as at be been but by for from had has have he her his i in is it its "
    "of on or our she that the their them they this to was we were which who will with would"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())
_MULTIPLIER = np.uint64(0x100000001B3)
_MASK64 = (1 << 64) - 1
_GAP = "\x00"


@dataclass(frozen=True)
class CopyText:
    """The comparable form of one article's body.

    `sentences` are the normalized own words of each usable sentence;
    `content` the matching content-word sets; `weights` their word counts.
    `shingles` are 64-bit hashes of word shingles, `words` the number of
    own words (quotes excluded) and `body_words` all words of the body.
    """

    sentences: tuple[str, ...]
    content: tuple[frozenset[str], ...]
    weights: tuple[int, ...]
    shingles: frozenset[int]
    words: int
    body_words: int

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every content word of the usable sentences."""
        return frozenset().union(*self.content) if self.content else frozenset()


def copy_text(article: Article) -> CopyText:
    """An article's body lines (their repaired `content`) in comparable form."""
    sentences: list[str] = []
    segments: list[list[str]] = []
    body_words = 0
    for line in article.body_lines():
        body_words += len(line.content.split())
        for own in _own_sentences(line.content):
            pieces = [_tokens(piece) for piece in own.split(_GAP)]
            tokens = [token for piece in pieces for token in piece]
            if len(tokens) < MIN_SENTENCE_TOKENS:
                continue
            sentences.append(" ".join(tokens))
            segments.extend(piece for piece in pieces if piece)
    content = tuple(frozenset(t for t in s.split() if t not in _FUNCTION_WORDS) for s in sentences)
    return CopyText(
        sentences=tuple(sentences),
        content=content,
        weights=tuple(len(s.split()) for s in sentences),
        shingles=frozenset(_shingle_hashes(segments)),
        words=sum(len(s.split()) for s in sentences),
        body_words=body_words,
    )


@lru_cache(maxsize=1 << 18)
def stable_hash(word: str) -> int:
    """A 32-bit hash of a word that is the same in every process."""
    return zlib.crc32(word.encode("utf-8"))


def minhash_values(hashes: frozenset[int]) -> list[int]:
    """64-bit shingle hashes folded to the 32 bits MinHash permutes, in sorted order."""
    return sorted({(h ^ (h >> 32)) & 0xFFFFFFFF for h in hashes})


def _shingle_hashes(segments: Sequence[Sequence[str]]) -> set[int]:
    """Hashes of every run of `SHINGLE` words inside one segment (a short segment hashes whole).

    All segments are hashed in one vectorized pass; runs that would cross a
    segment boundary are dropped.
    """
    words = [word for segment in segments for word in segment]
    if not words:
        return set()
    values = np.array([stable_hash(word) for word in words], dtype=np.uint64)
    owner = np.repeat(np.arange(len(segments)), [len(segment) for segment in segments])
    hashes: set[int] = set()
    if len(values) >= SHINGLE:
        count = len(values) - SHINGLE + 1
        combined = np.zeros(count, dtype=np.uint64)
        for offset in range(SHINGLE):
            combined = combined * _MULTIPLIER + values[offset : offset + count]
        inside = owner[:count] == owner[SHINGLE - 1 :]
        hashes.update(combined[inside].tolist())
    for segment in segments:
        if 0 < len(segment) < SHINGLE:
            short = 0
            for word in segment:
                short = (short * int(_MULTIPLIER) + stable_hash(word)) & _MASK64
            hashes.add(short)
    return hashes


def _tokens(text: str) -> list[str]:
    """Casefolded words of `text`, apostrophes inside words dropped, punctuation gone."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(_APOSTROPHE.sub("", folded))


def _own_sentences(text: str) -> list[str]:
    """The sentences of one line with quoted speech replaced by a gap marker."""
    masked = _mask_quotes(text)
    return [sentence for sentence in _SENTENCE_END.split(masked) if sentence.strip(_GAP + " ")]


def _mask_quotes(text: str) -> str:
    """`text` with every quoted span (its marks included) replaced by one gap marker.

    Curly and angle quotes pair by kind; straight double quotes alternate; a
    single curly quote opens only after a space or at the start and closes
    only before a non-letter, so apostrophes stay words. A quote left open runs
    to the end of the line, as a quoted paragraph does.
    """
    out: list[str] = []
    closer: str | None = None
    kept = 0
    for match in _QUOTE_MARK.finditer(text):
        index, char = match.start(), match.group()
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if closer is None:
            if char in _OPENERS:
                closer = _OPENERS[char]
            elif char == '"':
                closer = '"'
            elif char == "\u2018" and not before.isalnum():
                closer = "\u2019"
            else:
                continue
            out.append(text[kept:index])
            out.append(_GAP)
        elif char == closer or (char in _CLOSERS and closer != '"'):
            if closer == "\u2019" and after.isalpha():
                continue
            closer = None
            kept = index + 1
    if closer is None:
        out.append(text[kept:])
    return "".join(out)
