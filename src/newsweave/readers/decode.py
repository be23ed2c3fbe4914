"""Bytes to lines, robustly.

UTF-8 (with or without a byte-order mark) is tried first because nearly all
scraped text is UTF-8 and a strict decode that succeeds is proof. Anything
else goes to charset-normalizer's detection; when several charsets fit
equally well, the ones most used on the web win. Binary data (NUL bytes, control
characters, no plausible charset) is refused with a clear error rather than
turned into mojibake. Lines are split on \\n, \\r\\n and \\r only, so line
numbers match what an editor shows.

A file pasted together from two sources is often UTF-8 but for a line or two
in a legacy charset (a quote copied from a cp1252 page). Read wholesale, one
such line would turn every other accent of the file into mojibake ("Â©",
"RÃ©sumÃ©"). So when a file is mostly UTF-8, it is read line by line
instead: every line that is UTF-8 as UTF-8, each other line in the charset
detection finds for those lines, and `DecodedDoc.line_encodings` says which
lines were read how (cleaning marks them repaired and flags the source
`encoding_mixed`). Mostly UTF-8 means that some lines prove it (they hold
non-ASCII characters and are valid UTF-8) and that they are at least as many
as the lines that are not; a legacy file whose every accented line fails
UTF-8 is still read wholesale.
"""

from __future__ import annotations

import re
from functools import cache

from charset_normalizer import CharsetMatch, from_bytes

from newsweave.errors import BinaryInputError, EmptyInputError
from newsweave.models import DecodedDoc, RawDoc
from newsweave.readers.limits import Limits

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BYTE_LINE_BREAK = re.compile(rb"(\r\n|\r|\n)")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
# On a tie, the charsets most used by legacy web pages win (WHATWG reads latin-1 as cp1252).
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")


def decode(doc: RawDoc, limits: Limits | None = None) -> DecodedDoc:
    """Decode one document; raise an `InputError` subclass when it is not text.

    With `limits`, an article of more than `max_lines` lines, or with a line of
    more than `max_line_chars` characters, is refused (`LimitExceededError`):
    a text article that long is a dump or a damaged file, and reading it would
    cost every later stage. Without, any length is read (HTML text decoded here
    is one long line when minified, and is bounded by `max_html_bytes` instead).
    """
    data = doc.data
    if not data.strip():
        raise EmptyInputError(doc.path, "empty file")
    if b"\x00" in data[:8192]:
        raise BinaryInputError(doc.path, "binary data (NUL bytes), not text")
    text, encoding, line_encodings = _to_text(doc)
    if has_binary_controls(text):
        raise BinaryInputError(doc.path, "binary data (control characters), not text")
    text = text.lstrip("\ufeff")
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    if not any(line.strip() for line in lines):
        raise EmptyInputError(doc.path, "only whitespace")
    if limits is not None:
        check_lines(doc.path, lines, limits)
    return DecodedDoc(path=doc.path, encoding=encoding, lines=tuple(lines), line_encodings=line_encodings)


def check_lines(path: str, lines: list[str], limits: Limits) -> None:
    """Refuse a text article over `max_lines`, or with a line over `max_line_chars`."""
    limits.check(path, "max_lines", len(lines))
    if max(map(len, lines), default=0) > limits.max_line_chars:
        number, line = next((n, line) for n, line in enumerate(lines, 1) if len(line) > limits.max_line_chars)
        limits.check(path, "max_line_chars", len(line), where=f" on line {number:,}")


def has_binary_controls(text: str) -> bool:
    """More control characters than any text file carries: the bytes were not text."""
    return len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text)


def _to_text(doc: RawDoc) -> tuple[str, str, tuple[tuple[int, str], ...]]:
    """The text, its encoding, and the lines read in another one (see the module docstring)."""
    try:
        return doc.data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(doc.data)
    if mixed is not None:
        return mixed
    matches = list(from_bytes(doc.data))
    if not matches or matches[0].encoding is None:
        raise BinaryInputError(doc.path, "no text encoding fits these bytes")
    top = (matches[0].chaos, matches[0].coherence)
    tied = [m for m in matches if (m.chaos, m.coherence) == top]
    best = min(tied, key=lambda m: _rank(m.encoding))
    return str(best), best.encoding, ()


def _mostly_utf8(data: bytes) -> tuple[str, str, tuple[tuple[int, str], ...]] | None:
    """`data` read line by line when it is mostly UTF-8; None when it is not,
    or when no charset reads its other lines."""
    pieces = _BYTE_LINE_BREAK.split(data)  # line, break, line, ..., line
    lines = pieces[::2]
    odd = [number for number, line in enumerate(lines, 1) if not _is_utf8(line)]
    proof = sum(1 for line in lines if not line.isascii() and _is_utf8(line))
    if not odd or proof < len(odd):
        return None
    shared = _legacy_encoding(b"\n".join(lines[number - 1] for number in odd))
    texts = {number: line.decode("utf-8") for number, line in enumerate(lines, 1) if number not in odd}
    read_as: list[tuple[int, str]] = []
    for number in odd:
        line = lines[number - 1]
        encoding = shared if shared is not None and _decodes(line, shared) else _legacy_encoding(line)
        if encoding is None:
            return None
        texts[number] = line.decode(encoding)
        read_as.append((number, encoding))
    breaks = [piece.decode("ascii") for piece in pieces[1::2]] + [""]
    text = "".join(texts[number] + breaks[number - 1] for number in range(1, len(lines) + 1))
    return text, "utf-8", tuple(read_as)


def _legacy_encoding(data: bytes) -> str | None:
    """The charset detection finds for bytes that are not UTF-8: one that reads
    ASCII as ASCII (the rest of the file is UTF-8), and of the equally good
    ones, and those that give the same text, the most used on the web."""
    matches = [m for m in from_bytes(data) if m.encoding is not None and _ascii_compatible(m.encoding)]
    if not matches:
        return None
    top = (matches[0].chaos, matches[0].coherence)
    tied = [name for m in matches if (m.chaos, m.coherence) == top for name in _same_text(m)]
    best = min(tied, key=_rank)  # the first of the tied when none is preferred
    return best if _decodes(data, best) else None


def _same_text(match: CharsetMatch) -> list[str]:
    """`match`'s charset, then the others that read its bytes as the same text."""
    return [match.encoding, *(name for name in match.could_be_from_charset if name != match.encoding)]


def _rank(encoding: str) -> int:
    return _PREFERRED.index(encoding) if encoding in _PREFERRED else len(_PREFERRED)


@cache
def _ascii_compatible(encoding: str) -> bool:
    try:
        return _PRINTABLE_ASCII.decode(encoding) == _PRINTABLE_ASCII.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _is_utf8(data: bytes) -> bool:
    return _decodes(data, "utf-8")
