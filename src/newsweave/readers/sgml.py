"""LDC/TIPSTER SGML news files: the format of DUC, AQUAINT, Gigaword and TREC.

A file holds `<DOC>` elements, each one article: DOCNO, date, `<HEADLINE>`,
and a `<TEXT>` of `<P>` paragraphs hard-wrapped at some 70 columns. Read as
plain text, every tag would be taken for a line of the article and every
wrapped line for a fragment of a sentence. Citations must still point at real
lines, so the line structure is kept: a paragraph, joined, stands on its
first line and its other lines are blank, like the tag lines and the wire
furniture (`<DOCNO>`, `<HEADER>`, `<SLUG>`, `<TRAILER>`, ...); the headline
stands on its line and is the title. A `<TEXT>` without `<P>` is split at
blank lines and at lines indented deeper than the rest. Text outside known
elements (a byline between headline and text) keeps its own line for cleaning
to judge. Entities, quotes, dates and DOCNOs are read by the conventions of
the newswire feeds (see `newswire`).

The date (`<DATE_TIME>`, `<DATE>`, else the day in the DOCNO) is the page's
declared date, which dating weighs as evidence; the DOCNO names the outlet.

A file of one DOC is read as itself, its lines the file's. A file of several
gives one record per DOC, `FILE#DOCNO` (see `containers`), whose bytes are the
DOC's own and whose lines count from its `<DOC>` line, so a stored record reads
back the same. A DOC cut short or with an element left open is skipped with
the reason; the others go through.
"""

from __future__ import annotations

import re
from collections import Counter

from newsweave.errors import InputError
from newsweave.models import DecodedDoc, PageMeta, RawDoc, Skipped
from newsweave.readers.containers import Expansion, Record
from newsweave.readers.decode import check_lines, decode
from newsweave.readers.limits import Limits
from newsweave.readers.newswire import from_docno, iso_date, newswire_text

_DOC_OPEN = re.compile(rb"[ \t]*<doc(?:[\s>]|$)", re.IGNORECASE)
_DOC_CLOSE = re.compile(rb"</doc\s*>", re.IGNORECASE)
_DOCNO = re.compile(rb"<docno>\s*([^<]*?)\s*</docno>|<doc\s[^>]*?\bid\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_NAME = re.compile(r"[A-Za-z0-9][\w.:/-]{0,99}")
_TAG = re.compile(r"<(/?)([A-Za-z][\w.-]*)[^<>]*>")

_HEADLINES = frozenset({"HEADLINE", "HL"})
_DATES = ("DATE_TIME", "DATE")
# Elements whose text is no article text: identifiers, dates, wire furniture.
_FURNITURE = frozenset({"DOCNO", "DOCID", "DOCTYPE", "HEADER", "SLUG", "CATEGORY", "TRAILER"})
_FURNITURE |= frozenset({"ANNOTATION", "KEYWORD", "FILEID", "FIRST", "SECOND", *_DATES})
# Elements tracked; other tags are removed and their text read as if they were absent.
_KNOWN = frozenset({"DOC", "BODY", "TEXT", "P", *_HEADLINES, *_FURNITURE})

Piece = tuple[int, str]  # (0-based line index, text from that line)


def read_sgml(raw: RawDoc, limits: Limits | None = None) -> Expansion:
    """Every `<DOC>` of an SGML news file as an article; a DOC that cannot be read is skipped.

    Each DOC is held to `max_lines` and `max_line_chars`; DOCs that open past
    line `max_lines` of the file are not read, and listed as one skipped range.
    """
    limits = limits or Limits()
    found = Expansion()
    lines = raw.data.splitlines(keepends=True)
    spans = _doc_spans(lines)
    if not spans:
        found.skipped.append(Skipped(raw.path, "no line opens a <DOC> element: not an SGML news file"))
        return found
    if len(spans) == 1:
        try:
            found.records.append(Record(raw, _read_doc(raw, limits)))
        except InputError as error:
            found.skipped.append(Skipped(raw.path, error.problem))
        return found
    names = _record_names(raw.path, [raw.data[start:end] for _, start, end in spans])
    for (first, start, end), name in zip(spans, names, strict=True):
        if first > limits.max_lines:
            rest = limits.rest(raw.path, ":", "max_lines", len(lines))
            found.skipped.append(Skipped(rest.path, rest.problem))
            break
        record = RawDoc(name, raw.data[start:end])
        try:
            found.records.append(Record(record, _read_doc(record, limits)))
        except InputError as error:
            found.skipped.append(Skipped(name, error.problem))
    return found


def reload_sgml_record(raw: RawDoc) -> DecodedDoc:
    """A stored SGML article (a one-DOC file, or one DOC's bytes) read again, unbounded."""
    return _read_doc(raw, None)


def _doc_spans(lines: list[bytes]) -> list[tuple[int, int, int]]:
    """(1-based first line, start byte, end byte) of each DOC: from a line opening
    `<DOC>` to the line closing it, or to the next DOC or the end when it never closes."""
    spans: list[tuple[int, int, int]] = []
    opened: tuple[int, int] | None = None
    offset = 0
    for number, line in enumerate(lines, start=1):
        if _DOC_OPEN.match(line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line):
            if opened is not None:
                spans.append((*opened, offset))
            opened = (number, offset)
        offset += len(line)
        if opened is not None and _DOC_CLOSE.search(line):
            spans.append((*opened, offset))
            opened = None
    if opened is not None:
        spans.append((*opened, offset))
    return spans


def _record_names(path: str, docs: list[bytes]) -> list[str]:
    """`path#DOCNO` per DOC (`#N`, its place, without a usable DOCNO); repeats get `~2`, `~3`."""
    names: list[str] = []
    seen: Counter[str] = Counter()
    for number, data in enumerate(docs, start=1):
        docno = _docno(data)
        base = f"{path}#{docno if docno and _NAME.fullmatch(docno) else number}"
        seen[base] += 1
        names.append(base if seen[base] == 1 else f"{base}~{seen[base]}")
    return names


def _docno(data: bytes) -> str | None:
    found = _DOCNO.search(data)
    if found is None:
        return None
    return (found.group(1) or found.group(2) or b"").decode("ascii", errors="replace").strip() or None


def _read_doc(raw: RawDoc, limits: Limits | None) -> DecodedDoc:
    """One DOC (with whatever blank or stray lines surround it) as an article."""
    decoded = decode(raw, limits)
    parser = _Parser()
    for index, line in enumerate(decoded.lines):
        parser.feed(index, line)
    if parser.error is None and not parser.closed:
        parser.error = "the DOC ends before </DOC> (is the file cut short?)"
    if parser.error is not None:
        raise InputError(raw.path, parser.error)
    lines = [""] * len(decoded.lines)
    for index, text in parser.units:
        lines[index] = f"{lines[index]} {text}".strip()
    date_pieces = parser.fields.get("DATE_TIME") or parser.fields.get("DATE") or []
    dated = iso_date(_joined(date_pieces))
    stated = _anchored(date_pieces)
    if dated is None and stated is not None:  # a date this reader cannot read stays for cleaning
        lines[stated[0]] = f"{lines[stated[0]]} {stated[1]}".strip()
    if limits is not None:
        check_lines(raw.path, lines, limits)
    outlet, docno_date = from_docno(_docno(raw.data))
    meta = PageMeta(title=parser.title, outlet=outlet, date=dated or docno_date)
    return DecodedDoc(path=raw.path, encoding=decoded.encoding, lines=tuple(lines), meta=meta)


class _Parser:
    """Tags and text of one DOC, line by line, into units anchored at their first line."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int]] = []  # open known elements, with the line each opened on
        self.furniture: list[str] = []  # the furniture elements among them
        self.depth: Counter[str] = Counter()
        self.units: list[Piece] = []
        self.fields: dict[str, list[Piece]] = {}  # the text of the first date element of each name
        self.dated: set[str] = set()
        self.unit: list[Piece] | None = None  # the open paragraph or headline
        self.loose: list[Piece] = []  # lines of a <TEXT> without <P>, split when it ends
        self.title: str | None = None
        self.closed = False
        self.error: str | None = None

    def feed(self, index: int, line: str) -> None:
        start = 0
        loose_before = len(self.loose)
        for tag in _TAG.finditer(line):
            self._text(index, line[start : tag.start()])
            self._tag(index, tag.group(1) == "/", tag.group(2).upper())
            start = tag.end()
        self._text(index, line[start:])
        if self.depth["TEXT"] and len(self.loose) == loose_before:
            self.loose.append((index, ""))  # a line without loose text ends a paragraph

    def _text(self, index: int, text: str) -> None:
        if not text or not self.depth["DOC"] or self.closed:
            return
        text = newswire_text(text)
        furniture = self.furniture[-1] if self.furniture else None
        if furniture is not None:
            if furniture in _DATES and furniture not in self.dated:
                self.fields.setdefault(furniture, []).append((index, text))
        elif self.unit is not None:
            self.unit.append((index, text))
        elif self.depth["TEXT"]:
            if self.loose and self.loose[-1][0] == index:
                text = self.loose.pop()[1] + text
            self.loose.append((index, text))
        elif text.strip():
            self._add(_anchored([(index, text)]))

    def _tag(self, index: int, closing: bool, name: str) -> None:
        if name not in _KNOWN:
            return
        if not closing:
            if name == "P" and self.depth["P"]:
                self._close(index, "P")
            if name in ("P", "TEXT"):
                self._flush_loose()
            if name == "P" or name in _HEADLINES:
                self._finish_unit(None)
                self.unit = []
            self.stack.append((name, index))
            self.depth[name] += 1
            if name in _FURNITURE:
                self.furniture.append(name)
        elif self.depth[name]:
            self._close(index, name)

    def _close(self, index: int, name: str) -> None:
        while self.stack:
            inner, opened = self.stack.pop()
            self.depth[inner] -= 1
            if inner in _FURNITURE:
                self.furniture.pop()
            if inner == "TEXT":
                self._flush_loose()
            if inner == "P" or inner in _HEADLINES:
                self._finish_unit(inner)
            if inner in _DATES:
                self.dated.add(inner)
            if inner == name:
                break
            if inner != "P" and self.error is None:
                self.error = f"<{inner}> opened on line {opened + 1} is not closed before </{name}>"
        if name == "DOC" and not self.depth["DOC"]:
            self.closed = True

    def _finish_unit(self, name: str | None) -> None:
        unit = _anchored(self.unit or [])
        if unit is not None and name in _HEADLINES and self.title is None:
            self.title = unit[1]
        self._add(unit)
        self.unit = None

    def _flush_loose(self) -> None:
        texts = [(index, text) for index, text in self.loose if text.strip()]
        base = min((_indent(text) for _, text in texts), default=0)
        paragraph: list[Piece] = []
        for index, text in self.loose:
            if not text.strip() or _indent(text) > base:
                self._add(_anchored(paragraph))
                paragraph = []
            paragraph.append((index, text))
        self._add(_anchored(paragraph))
        self.loose = []

    def _add(self, unit: Piece | None) -> None:
        if unit is not None:
            self.units.append(unit)


def _anchored(pieces: list[Piece]) -> Piece | None:
    """The pieces as one line of text, at the first line that has any; None when blank."""
    text = _joined(pieces)
    if not text:
        return None
    return next(index for index, piece in pieces if piece.strip()), text


def _joined(pieces: list[Piece]) -> str:
    return " ".join(" ".join(text for _, text in pieces).split())


def _indent(text: str) -> int:
    expanded = text.expandtabs(8)
    return len(expanded) - len(expanded.lstrip())
