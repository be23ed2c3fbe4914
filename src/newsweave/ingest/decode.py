"""Bytes to lines, robustly.

UTF-8 (with or without a byte-order mark) is tried first because nearly all
scraped text is UTF-8 and a strict decode that succeeds is proof. Anything
else goes to charset-normalizer's detection; when several charsets fit
equally well, the ones most used on the web win. Binary data (NUL bytes, control
characters, no plausible charset) is refused with a clear error rather than
turned into mojibake. Lines are split on \\n, \\r\\n and \\r only, so line
numbers match what an editor shows.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from newsweave.errors import BinaryInputError, EmptyInputError
from newsweave.ingest.limits import Limits
from newsweave.models import DecodedDoc, RawDoc

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
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
    text, encoding = _to_text(doc)
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
    return DecodedDoc(path=doc.path, encoding=encoding, lines=tuple(lines))


def check_lines(path: str, lines: list[str], limits: Limits) -> None:
    """Refuse a text article over `max_lines`, or with a line over `max_line_chars`."""
    limits.check(path, "max_lines", len(lines))
    if max(map(len, lines), default=0) > limits.max_line_chars:
        number, line = next((n, line) for n, line in enumerate(lines, 1) if len(line) > limits.max_line_chars)
        limits.check(path, "max_line_chars", len(line), where=f" on line {number:,}")


def has_binary_controls(text: str) -> bool:
    """More control characters than any text file carries: the bytes were not text."""
    return len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text)


def _to_text(doc: RawDoc) -> tuple[str, str]:
    try:
        return doc.data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(doc.data))
    if not matches or matches[0].encoding is None:
        raise BinaryInputError(doc.path, "no text encoding fits these bytes")
    top = (matches[0].chaos, matches[0].coherence)
    tied = [m for m in matches if (m.chaos, m.coherence) == top]
    best = min(tied, key=lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else 99)
    return str(best), best.encoding
