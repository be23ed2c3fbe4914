"""Turn the paths a user typed into article documents.

A file given by name is read, whatever its name. A directory is walked
recursively in sorted order and contributes its files with an input suffix
(text: .txt, .text; saved web pages: .html, .htm; containers of many articles:
.jsonl, .ndjson, .rss, .atom, .xml, .warc, .warc.gz, .sgml, .sgm), and the
regular files of any other name whose first bytes open an SGML `<DOC>`, as LDC
news files named `APW20310304.0042` do (only a small head of each is read to
tell); other files are counted so the user hears about them. `-` reads stdin; an http(s) URL is fetched
(`Fetcher`: timeout, size cap, injectable transport). Discovery only reads bytes;
`read_docs` turns them into articles, one per plain file and one per record
of a container. A file larger than `max_bytes` (the `max_file_bytes`
setting) is refused by its size, before it is read. A path
that cannot be read becomes a `Skipped` entry, never an exception, so one bad
input does not cost the others.

Only regular files are opened. A FIFO would block the run forever waiting for
a writer, and a device or socket is not an article (/dev/zero never ends), so
whatever `os.stat` (which follows symlinks) does not call a regular file is
skipped with its kind, named or found in a directory. Files are opened with
O_NONBLOCK as well, so one swapped for a FIFO after that check still cannot
block. A file whose size or modification time moves while it is read, or
that gives more or fewer bytes than its size, is skipped as changed: what was
read may be half of an old version and half of a new one.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsweave.errors import InputError
from newsweave.models import RawDoc, Skipped
from newsweave.readers.containers import (
    CONTAINER_SUFFIXES,
    HTML_SUFFIXES,
    SNIFF_BYTES,
    TEXT_SUFFIXES,
    input_suffix,
    opens_sgml,
)
from newsweave.readers.fetch import Fetcher, is_url
from newsweave.readers.limits import Limits

ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CONTAINER_SUFFIXES
STDIN = "-"
_PIECE = 1 << 20
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # not on Windows, which has no FIFOs to block on
CHANGED = "changed while being read"
_SPECIAL_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


@dataclass
class Discovery:
    """What was found: documents to read, inputs skipped, files ignored."""

    docs: list[RawDoc] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def discover(
    paths: Iterable[str],
    stdin: BinaryIO | None = None,
    max_bytes: int = 50_000_000,
    fetch: Callable[[str, int], RawDoc] | None = None,
) -> Discovery:
    """Read every input under `paths`, in the order given (`fetch` reads URLs)."""
    found = Discovery()
    for given in paths:
        if given == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            found.docs.append(RawDoc(path=STDIN, data=read_bounded(stream, max_bytes + 1)))
            continue
        if is_url(given):
            try:
                found.docs.append((fetch or Fetcher())(given, max_bytes))
            except InputError as error:
                found.skipped.append(Skipped(given, error.problem))
            continue
        path = Path(given)
        if path.is_dir():
            _walk(given, found, max_bytes)
        elif path.exists():
            _read_file(given, found, max_bytes)
        else:
            found.skipped.append(Skipped(given, "no such file or directory"))
    kept: list[RawDoc] = []
    for doc in found.docs:  # stdin and URLs over the limit hold max_bytes + 1
        if len(doc.data) > max_bytes:
            _too_large(doc.path, len(doc.data), max_bytes, found, " or more")
        else:
            kept.append(doc)
    found.docs = kept
    return found


def _too_large(path: str, size: int, max_bytes: int, found: Discovery, where: str = "") -> None:
    try:
        Limits(max_file_bytes=max_bytes).check(path, "max_file_bytes", size, where)
    except InputError as error:
        found.skipped.append(Skipped(path, error.problem))


def _walk(root: str, found: Discovery, max_bytes: int) -> None:
    entries: list[str] = []
    for folder, subdirs, files in os.walk(root, onerror=lambda e: _walk_error(e, found)):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        entries.extend(os.path.join(folder, name) for name in files if not name.startswith("."))
    for entry in sorted(entries):
        special = _special(entry)
        if special is not None:
            found.skipped.append(Skipped(entry, special))
        elif input_suffix(entry) in ARTICLE_SUFFIXES or _opens_sgml(entry):
            _read_file(entry, found, max_bytes)
        else:
            found.ignored.append(entry)


def not_regular(mode: int) -> str | None:
    """Why a file of `mode` is never opened ("not a regular file: a FIFO"); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "a special file")
    return f"not a regular file: {kind}"


def _special(path: str) -> str | None:
    """Why `path` (or what its symlinks lead to) is not opened; None for a
    regular file, and for one that cannot be stat'ed (reading it says why)."""
    try:
        return not_regular(os.stat(path).st_mode)
    except OSError:
        return None


def _open_regular(path: str) -> tuple[BinaryIO, os.stat_result]:
    """`path` opened for reading, and its stat, refusing anything but a regular
    file before it is opened (`InputError`) and again once it is."""
    special = not_regular(os.stat(path).st_mode)
    if special is not None:
        raise InputError(path, special)
    handle = open(path, "rb", opener=_open_nonblocking)  # noqa: SIM115 (the caller closes it)
    opened = os.fstat(handle.fileno())
    special = not_regular(opened.st_mode)
    if special is not None:
        handle.close()
        raise InputError(path, special)
    return handle, opened


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | _NONBLOCK)


def _opens_sgml(path: str) -> bool:
    """Whether a regular file (never a FIFO or device, which could block) opens an SGML `<DOC>`."""
    try:
        handle, _opened = _open_regular(path)
        with handle:
            return opens_sgml(handle.read(SNIFF_BYTES))
    except (OSError, InputError):
        return False


def _walk_error(error: OSError, found: Discovery) -> None:
    found.skipped.append(Skipped(str(error.filename), error.strerror or str(error)))


def _read_file(path: str, found: Discovery, max_bytes: int) -> None:
    """Read one regular file, or refuse it by its kind or size before reading a
    byte of it, or as changed once read (see the module docstring)."""
    try:
        handle, before = _open_regular(path)
        with handle:
            if before.st_size > max_bytes:
                _too_large(path, before.st_size, max_bytes, found)
                return
            data = read_bounded(handle, max_bytes + 1, before.st_size)
            after = os.fstat(handle.fileno())
    except InputError as error:
        found.skipped.append(Skipped(path, error.problem))
        return
    except OSError as error:
        found.skipped.append(Skipped(path, error.strerror or str(error)))
        return
    if _changed(before, after, len(data)):
        found.skipped.append(Skipped(path, CHANGED))
        return
    found.docs.append(RawDoc(path=path, data=data))


def _changed(before: os.stat_result, after: os.stat_result, read: int) -> bool:
    """Whether a file moved while it was read: its size or mtime, or bytes its size did not promise."""
    moved = (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)
    return moved or read != before.st_size


def read_bounded(stream: BinaryIO, limit: int, expected: int = 0) -> bytes:
    """At most `limit` bytes of `stream`, read in pieces: `stream.read(limit)`
    would reserve all of `limit` up front, 50 MB for every small file or pipe.
    `expected` (a file's size) lets a regular file come in one piece."""
    pieces: list[bytes] = []
    want = min(expected, limit) + 1 if expected else _PIECE
    while limit > 0:
        piece = stream.read(min(want, limit))
        if not piece:
            break
        pieces.append(piece)
        limit -= len(piece)
        want = _PIECE
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)
