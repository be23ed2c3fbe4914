"""HTML pages to text blocks and the metadata a page declares about itself
(title, byline, site name, date and URL as trafilatura finds them; the
language from the `lang` attribute of <html>).

trafilatura finds the main content of a page (it is among the best open-source
extractors on the article-extraction benchmark), but it removes what it
dislikes silently. newsweave must explain every removal, so trafilatura only
narrows the page down to its main text; each paragraph, heading, list item,
quote or table row it keeps becomes one block, and newsweave's own line rules
(`newsweave.clean`) then judge every block and say why one is not article
text. Blocks play the part lines play in a text file: numbered from 1, in
reading order, one block per entry, with whitespace collapsed. Reader comments
are left out (they are not the article; keeping them cost 0.2 point of F1 on
the article-extraction benchmark); trafilatura's other settings stay at their
defaults, which measured best there (favoring precision or recall, or
splitting blocks more finely, each lost 0.1 to 0.6 point).

A page is recognised by its name, or by bytes that open with a doctype or an
<html> tag, so a saved page read from stdin is not taken for a text article.

Pages come as bytes of unknown honesty, so decoding trusts a byte-order mark,
then valid UTF-8 (legacy text is practically never valid UTF-8, while pages
that declare latin-1 and hold UTF-8 are common), then the declared charset if
it decodes cleanly, and only then charset detection (`decode`). Bad pages
raise an `InputError` subclass with the reason, never anything else: one bad
page is skipped and reported, the rest of a run goes on.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import PurePath
from typing import Any

import trafilatura
from lxml.html import HtmlElement

from newsweave.errors import BinaryInputError, EmptyInputError, InputError
from newsweave.models import HTML, DecodedDoc, PageMeta, RawDoc
from newsweave.readers.containers import HTML_SUFFIXES
from newsweave.readers.decode import decode, has_binary_controls
from newsweave.readers.fields import language_code
from newsweave.readers.limits import PARSER_MAX_DEPTH, LimitExceededError, Limits, raise_hint

MAX_HTML_BYTES = Limits.max_html_bytes
# libxml2 (without XML_PARSE_HUGE) stops nesting elements at this depth and drops
# the text below it; such a page is reported rather than read half-empty.
MAX_DEPTH = PARSER_MAX_DEPTH
# Where a declared charset must appear: the WHATWG prescan reads 1024 bytes; a little
# more catches pages with long comments or scripts before their <meta>.
_PRESCAN_BYTES = 4096

# trafilatura's own output elements that start a new block; any other element
# (hi, ref, del, cell...) is inline and its text joins the block around it.
_BLOCKS = frozenset(
    {"body", "doc", "main", "div", "p", "head", "list", "item", "quote", "code", "table", "row", "lb"}
)
# A table row is one block (its cells are separated by a space): a cell alone is
# often a bare number, which line rules would rightly read as furniture (a block
# per cell cost 0.6 point of F1 on the benchmark).
_INLINE_BREAK = frozenset({"cell"})
# A <lb/> inside a paragraph stays inside its block: measured on the
# article-extraction benchmark, splitting there cost newsweave 0.4 point of F1.
_SPLIT_AT_LINE_BREAK = False

# Page dates from htmldate: the original publication date rather than the last
# update, and only from markup and URL, not from patterns found in the prose.
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([a-z0-9_.:-]{2,40})"
    rb"|<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([a-z0-9_.:-]{2,40})",
    re.IGNORECASE,
)
# WHATWG reads pages labelled latin-1 or ASCII as windows-1252 and gb2312 as GBK, and
# ignores a UTF-16 label in markup (bytes readable as markup cannot be UTF-16).
_WEB_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gbk",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
_C1_CONTROL = re.compile(r"[\x80-\x9f]")
# How far into a file to look for its first tag, past a byte-order mark, blank
# space, comments and an XML declaration (XHTML).
_SNIFF_BYTES = 65_536
_PROLOGUE = re.compile(rb"\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*", re.DOTALL)
_HTML_START = re.compile(rb"<!doctype\s+html[\s>]|<html[\s>]", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# trafilatura logs every page it cannot read; without a handler Python would print
# those to stderr, where the CLI keeps its own messages. Callers can still opt in.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("htmldate").addHandler(logging.NullHandler())


def is_html(raw: RawDoc) -> bool:
    """An HTML name (.html, .htm), or bytes that open with a doctype or <html> tag.

    The bytes matter for stdin and oddly named files: a saved page piped in must
    not be read as a text article full of tags.
    """
    if PurePath(raw.path).suffix.lower() in HTML_SUFFIXES:
        return True
    return starts_like_html(raw.data)


def starts_like_html(data: bytes) -> bool:
    """Whether `data` begins, after a BOM, blanks and comments, with `<!doctype html` or `<html`."""
    head = data[:_SNIFF_BYTES]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(encoding, errors="ignore").encode("utf-8")
            break
    head = head.removeprefix(codecs.BOM_UTF8)
    prologue = _PROLOGUE.match(head)
    start = prologue.end() if prologue else 0
    return _HTML_START.match(head, start) is not None


def extract_html(raw: RawDoc, max_bytes: int = MAX_HTML_BYTES, limits: Limits | None = None) -> DecodedDoc:
    """The text blocks and declared metadata of one HTML page.

    Raises an `InputError` subclass for a page that is too large, binary, not
    parseable, nested too deeply to read, or without any text. `limits`, when
    given, sets the size limit (`max_html_bytes`, instead of `max_bytes`) and
    how deep elements may nest (`max_html_depth`).

    Depth is measured on the parsed tree, iteratively: the parser itself is
    safe (measured: 800,000 nested elements, 8.8 MB, parse in 0.06 s and nest
    no deeper than `MAX_DEPTH`), and it knows which tags close which, where a
    scan of the raw tags would count every unclosed <p> as a level.
    """
    limits = limits or Limits(max_html_bytes=max_bytes)
    check_html_size(raw, limits)
    text, encoding = html_text(raw)
    tree = _parse(raw.path, text)
    language = language_code(tree.get("lang") or tree.get(_XML_LANG))
    if limits.max_html_depth < MAX_DEPTH:
        limits.check(raw.path, "max_html_depth", tree_depth(tree))
    document = _extract(raw.path, tree)
    blocks = text_blocks(document.body) if document is not None else ()
    if not blocks:
        if tree_depth(tree) >= MAX_DEPTH:
            raise InputError(
                raw.path,
                f"HTML nested more than {MAX_DEPTH} elements deep; no text found above that depth",
                hint="the parser stops at that depth; is this page generated or damaged?",
            )
        raise EmptyInputError(raw.path, "no article text found in the HTML page")
    assert document is not None
    meta = PageMeta(
        title=_clean(document.title),
        byline=_clean(document.author),
        outlet=_clean(document.sitename),
        date=_clean(document.date),
        url=_clean(document.url),
        language=language,
    )
    return DecodedDoc(path=raw.path, encoding=encoding, lines=blocks, kind=HTML, meta=meta)


def check_html_size(raw: RawDoc, limits: Limits) -> None:
    """Refuse a page larger than `max_html_bytes` before a byte of it is decoded."""
    if len(raw.data) > limits.max_html_bytes:
        raise LimitExceededError(
            raw.path,
            f"HTML page of {len(raw.data):,} bytes is larger than the {limits.max_html_bytes:,}-byte "
            f"limit (max_html_bytes); save the article text alone, or {raise_hint('max_html_bytes')}",
            "max_html_bytes",
        )


def html_text(raw: RawDoc) -> tuple[str, str]:
    """The page as a string and the charset it was read with."""
    data = raw.data
    if not data.strip():
        raise EmptyInputError(raw.path, "empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(raw.path, _strict(data, name), name.removesuffix("-sig"))
    if b"\x00" in data[:8192]:
        raise BinaryInputError(raw.path, "binary data (NUL bytes), not HTML")
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(raw.path, text, "utf-8")
    declared = declared_charset(data)
    if declared is not None:
        text = _strict(data, declared)
        if text is not None and not _C1_CONTROL.search(text):
            return _checked(raw.path, text, declared)
    detected = decode(raw)
    return "\n".join(detected.lines), detected.encoding


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in a <meta> tag or XML declaration, if Python knows it."""
    match = _DECLARED.search(data[:_PRESCAN_BYTES])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").strip(" \"';").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(path: str, text: str | None, encoding: str) -> tuple[str, str]:
    if text is None:
        raise BinaryInputError(path, f"bytes do not decode as the {encoding} their byte-order mark declares")
    if has_binary_controls(text):
        raise BinaryInputError(path, "binary data (control characters), not HTML")
    return text.lstrip("\ufeff"), encoding


def _parse(path: str, text: str) -> HtmlElement:
    """The page's element tree; a bare fragment is read as the body of a page."""
    tree = trafilatura.load_html(text)
    if tree is None:
        tree = trafilatura.load_html(f"<html><body>{text}</body></html>")
    if tree is None:
        raise InputError(path, "not parseable as HTML", hint="is this really an HTML page?")
    return tree


def _extract(path: str, tree: HtmlElement) -> Any:
    """trafilatura's main content (a Document) or None when it finds none.

    trafilatura is a large heuristic codebase fed with arbitrary markup; an
    internal failure there is this page's problem, reported as such, and must
    not end a run over many pages.
    """
    try:
        return trafilatura.bare_extraction(
            tree,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except (RecursionError, MemoryError) as error:
        raise InputError(path, f"HTML too complex to extract ({type(error).__name__})") from error
    except Exception as error:
        raise InputError(path, f"HTML extraction failed ({type(error).__name__}: {error})") from error


def text_blocks(body: HtmlElement | None) -> tuple[str, ...]:
    """Blocks of trafilatura's output tree in document order, whitespace collapsed.

    Walks the tree without recursion, so no nesting depth can exhaust the stack.
    """
    if body is None:
        return ()
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        block = _SPACE.sub(" ", "".join(buffer)).strip()
        if block:
            blocks.append(block)
        buffer.clear()

    stack: list[tuple[Any, bool]] = [(body, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        is_block = tag in _BLOCKS and (tag != "lb" or _SPLIT_AT_LINE_BREAK)
        if closing:
            if is_block:
                flush()
            if element.tail and element is not body:
                buffer.append(element.tail)
            continue
        if is_block:
            flush()
        elif tag in _INLINE_BREAK or tag == "lb":
            buffer.append(" ")
        if element.text:
            buffer.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return tuple(blocks)


def tree_depth(tree: HtmlElement) -> int:
    """How deep the elements of `tree` nest (the root alone is 0), without recursion."""
    deepest = 0
    stack = [(tree, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None
