"""JSON Lines: one article per line, as corpus dumps and scrapers write them.

Each non-blank line must be a JSON object with a string `text`; its lines
become the article's lines (split like a text file's). Optional string fields
fill the page metadata: `title`, `url`, `published` (or `date`), `outlet` (or
`source`), `byline` (or `author`). Other fields are ignored, so a dump with
extra columns reads as is.

A line that is not JSON, not an object, or has no string `text` is skipped and
reported as `file.jsonl:N` with the reason; the other lines go through. A line
that is not UTF-8 is decoded by the same rules as a text file (`decode`), so a
dump assembled from several legacy sources still reads.
"""

from __future__ import annotations

import json
import re
from typing import Any

from newsweave.errors import InputError
from newsweave.ingest.containers import Expansion, Record, empty_doc
from newsweave.ingest.decode import decode
from newsweave.ingest.limits import Limits
from newsweave.models import TEXT, DecodedDoc, PageMeta, RawDoc, Skipped

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Metadata fields and the alternative names dumps commonly use for them, first wins.
_META_FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "date": ("published", "date"),
    "outlet": ("outlet", "source"),
    "byline": ("byline", "author"),
}


_RECORD_PATH = re.compile(r"(?:\.(?:jsonl|ndjson)|^-):\d+$", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(raw: RawDoc, limits: Limits | None = None) -> Expansion:
    """Every article of a JSON Lines file, and every line that is not one.

    A line longer than `max_line_chars` is skipped with its line number, like a
    malformed one; lines past `max_lines` are not read, and listed as one
    skipped range (`file.jsonl:N`, N the first line not read).
    """
    limits = limits or Limits()
    found = Expansion()
    lines = raw.data.split(b"\n")
    if lines and not lines[-1].strip():
        lines.pop()
    for number, line in enumerate(lines[: limits.max_lines], start=1):
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        path = f"{raw.path}:{number}"
        try:
            found.records.append(_record(path, line.rstrip(b"\r"), limits))
        except InputError as error:
            found.skipped.append(Skipped(path, error.problem))
    if len(lines) > limits.max_lines:
        rest = limits.rest(raw.path, ":", "max_lines", len(lines))
        found.skipped.append(Skipped(rest.path, rest.problem))
    return found


def reload_jsonl_record(raw: RawDoc) -> Record | None:
    """A stored record of a JSON Lines file (`file.jsonl:12` with that line's
    bytes) read again as the article it was; None when `raw` is no such record."""
    if not _RECORD_PATH.search(raw.path):
        return None
    return _record(raw.path, raw.data.rstrip(b"\r\n"))


def _record(path: str, line: bytes, limits: Limits | None = None) -> Record:
    text, encoding = _line_text(path, line)
    if limits is not None and len(line) > limits.max_line_chars:  # bytes >= characters
        limits.check(path, "max_line_chars", len(text))
    try:
        value: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"not JSON ({error.msg} at column {error.colno})") from error
    except RecursionError as error:
        raise InputError(path, "JSON nested too deeply to read") from error
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise InputError(path, f"not JSON Python can read ({error})") from error
    value = _without_lone_surrogates(value)
    if not isinstance(value, dict):
        raise InputError(path, f'a JSON {type(value).__name__}, not an object with a "text" field')
    body = value.get("text")
    if body is None:
        raise InputError(path, 'no "text" field')
    if not isinstance(body, str):
        raise InputError(path, f'"text" is a JSON {type(body).__name__}, not a string')
    meta = PageMeta(**{name: _string(value, keys) for name, keys in _META_FIELDS.items()})
    lines = _LINE_BREAK.split(body)
    if lines and lines[-1] == "":
        lines.pop()
    if not any(part.strip() for part in lines):
        return Record(RawDoc(path, line), empty_doc(path, meta))
    doc = DecodedDoc(path=path, encoding=encoding, lines=tuple(lines), kind=TEXT, meta=meta)
    return Record(RawDoc(path, line), doc)


def _line_text(path: str, line: bytes) -> tuple[str, str]:
    """The line as text: UTF-8 when it is, else by the text-file decoding rules."""
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        decoded = decode(RawDoc(path, line))
        return "\n".join(decoded.lines), decoded.encoding


def _without_lone_surrogates(value: Any) -> Any:
    """The object with U+FFFD for each lone surrogate in its string fields.

    `"\\ud800"` is valid JSON but no text: no encoder can write it, so one such
    escape would crash whatever writes the article later (the store, a brief).
    """
    if not isinstance(value, dict):
        return value
    return {key: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for key, v in value.items()}


def _string(value: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        field = value.get(key)
        if isinstance(field, str) and field.strip():
            return " ".join(field.split())
    return None
