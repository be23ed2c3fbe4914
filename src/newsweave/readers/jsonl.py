"""JSON Lines: one article per line, as corpus dumps and scrapers write them.

Each non-blank line must be a JSON object with a string `text` (or `html`, see
`records`); its lines become the article's lines (split like a text file's).
Optional string fields fill the metadata, by the one mapping of
`ingest.fields`: `title` (or `headline`), `url` (or `link`), `published` (or
`date`), `outlet` (or `source`), `byline` (or `author`), `language` (or
`lang`). Other fields are ignored, so a dump with extra columns reads as is.

A line that is not JSON, not an object, or has no string `text` is skipped and
reported as `file.jsonl:N` with the reason; the other lines go through. A line
that is not UTF-8 is decoded by the same rules as a text file (`decode`), so a
dump assembled from several legacy sources still reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsweave.errors import InputError
from newsweave.models import RawDoc, Skipped
from newsweave.readers.containers import Expansion, Record
from newsweave.readers.limits import Limits
from newsweave.readers.records import read_record

_RECORD_PATH = re.compile(r"(?:\.(?:jsonl|ndjson)|^-):\d+$", re.IGNORECASE)


def read_jsonl(raw: RawDoc, limits: Limits | None = None) -> Expansion:
    """Every article of a JSON Lines file, and every line that is not one.

    A line longer than `max_line_chars` is skipped with its line number, like a
    malformed one; lines past `max_lines` are not read, and listed as one
    skipped range (`file.jsonl:N`, N the first line not read).
    """
    found = Expansion()
    for part in jsonl_parts(raw, limits):
        found.extend(part)
    return found


def jsonl_parts(raw: RawDoc, limits: Limits | None = None, size: int | None = None) -> Iterator[Expansion]:
    """`read_jsonl` a part at a time, each part holding at most `size` articles (all
    of them when None): a caller that handles each part before asking for the next
    keeps only that part's decoded articles in memory, however long the file."""
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
            found.records.append(read_record(path, line.rstrip(b"\r"), limits))
        except InputError as error:
            found.skipped.append(Skipped(path, error.problem))
        if size is not None and len(found.records) >= size:
            yield found
            found = Expansion()
    if len(lines) > limits.max_lines:
        rest = limits.rest(raw.path, ":", "max_lines", len(lines))
        found.skipped.append(Skipped(rest.path, rest.problem))
    yield found


def reload_jsonl_record(raw: RawDoc, limits: Limits | None = None) -> Record | None:
    """A stored record of a JSON Lines file (`file.jsonl:12` with that line's
    bytes) read again as the article it was; None when `raw` is no such record.
    `limits` bounds an `html` record's page (the line's length is not checked again)."""
    if not _RECORD_PATH.search(raw.path):
        return None
    return read_record(raw.path, raw.data.rstrip(b"\r\n"), limits)
