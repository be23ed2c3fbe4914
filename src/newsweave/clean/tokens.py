"""Injected tokens: brand or tracking strings glued into an article's text.

Content farms stamp their brand into copied articles ("BrandNameon his way",
"BrandName|Headline"). Such a token is found from its statistics alone:

* it is a CamelCase string (two or more capitalized parts run together);
* it stands on its own, between non-letters, at least once (so its extent is
  known, e.g. at the start of a title followed by "|");
* it occurs at least twice in the document;
* at least once it is glued to letters of a neighbouring word, and what is
  left of that word is a word the document also uses on its own.

Real names do not behave that way: "McDonald's" or "LinkedIn" occur with
spaces around them and are never fused into the next word. A token is
removed from every line it appears in, and each repair is listed, so the
reader can see exactly what was changed and why.

The other repair is a character entity ("&amp;", "&AMP;", "&#8217;") left in
a plain-text file by the markup it was cut from (SGML newswire archives print
them in capitals). A reader should see "&", not "&AMP;", so an entity the
HTML standard knows (in its own case or in lower case) is decoded and listed
as a `decoded_entity` flag; an unknown one ("&QL;", a typesetting code) is
left as it is, since nothing says what it stands for.

The third repair is made by decoding (`ingest.decode`): a mostly UTF-8 file
whose odd line was read in a legacy charset. Here such a line is marked
repaired, its text as read in that charset, and the source is flagged
`encoding_mixed` with the lines and the charsets, so a reader can check them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace

from newsweave.models import Flag, Line
from newsweave.vocabulary import FlagKind

_CAMEL_RUN = re.compile(r"(?:[A-Z][a-z]+){2,}")
_WORD = re.compile(r"[A-Za-z]+")
_LEADING_SEPARATOR = re.compile(r"^\s*[|:\-–—]+\s*")
_SPACES = re.compile(r"[ \t]{2,}")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
MIN_OCCURRENCES = 2


def find_injected_tokens(texts: Sequence[str]) -> list[str]:
    """Tokens that meet every condition above, sorted."""
    vocabulary = {word.lower() for text in texts for word in _WORD.findall(text)}
    standalone = {
        token
        for text in texts
        for token in _CAMEL_RUN.findall(text)
        if re.search(rf"(?<![A-Za-z]){token}(?![A-Za-z])", text)
    }
    found = []
    for token in sorted(standalone):
        occurrences = [m for text in texts if token in text for m in _occurrences(token, text)]
        if len(occurrences) >= MIN_OCCURRENCES and any(_glued(token, m, vocabulary) for m in occurrences):
            found.append(token)
    return found


def _occurrences(token: str, text: str) -> list[str]:
    """The whole letter run around each occurrence of `token` in `text`."""
    return [m.group(0) for m in re.finditer(rf"[A-Za-z]*{token}[A-Za-z]*", text)]


def _glued(token: str, run: str, vocabulary: set[str]) -> bool:
    if run == token:
        return False
    before, _, after = run.partition(token)
    return all(part.lower() in vocabulary for part in (before, after) if part)


def remove_tokens(lines: Sequence[Line], tokens: Sequence[str]) -> tuple[tuple[Line, ...], tuple[Flag, ...]]:
    """Lines with the tokens cut out (as `repaired`), and one flag per token.

    Each flag's detail is the token itself; the repaired lines are marked in
    the brief's line list.
    """
    if not tokens:
        return tuple(lines), ()
    pattern = re.compile("|".join(re.escape(token) for token in tokens))
    repaired = []
    for line in lines:
        if pattern.search(line.text):
            text = _SPACES.sub(" ", _LEADING_SEPARATOR.sub("", pattern.sub("", line.text))).strip()
            repaired.append(replace(line, repaired=text))
        else:
            repaired.append(line)
    return tuple(repaired), tuple(Flag(FlagKind.INJECTED_TOKEN, token) for token in tokens)


def mark_mixed_encoding(
    lines: Sequence[Line], line_encodings: Sequence[tuple[int, str]], encoding: str
) -> tuple[tuple[Line, ...], tuple[Flag, ...]]:
    """Lines read in another charset than their file's `encoding` marked
    `repaired`, and one `encoding_mixed` flag naming them (none when there are none)."""
    if not line_encodings:
        return tuple(lines), ()
    numbers = {number for number, _other in line_encodings}
    marked = tuple(replace(line, repaired=line.content) if line.n in numbers else line for line in lines)
    by_encoding: dict[str, list[int]] = {}
    for number, other in sorted(line_encodings):
        by_encoding.setdefault(other, []).append(number)
    read_as = [f"{_numbered(found)} read as {other}" for other, found in by_encoding.items()]
    return marked, (Flag(FlagKind.ENCODING_MIXED, "; ".join([*read_as, f"the other lines as {encoding}"])),)


def _numbered(numbers: Sequence[int]) -> str:
    """'line 3' or 'lines 3, 7, 12'."""
    return f"line {numbers[0]}" if len(numbers) == 1 else f"lines {', '.join(map(str, numbers))}"


def decode_entities(lines: Sequence[Line]) -> tuple[tuple[Line, ...], tuple[Flag, ...]]:
    """Lines with known character entities decoded (as `repaired`), and one flag per entity.

    Works on each line's `content`, so it composes with token removal.
    """
    decoded: dict[str, str] = {}
    repaired = []
    for line in lines:
        text = _ENTITY.sub(lambda match: _decode(match.group(0), decoded), line.content)
        repaired.append(line if text == line.content else replace(line, repaired=text))
    flags = tuple(
        Flag(FlagKind.DECODED_ENTITY, f"{entity} as {value}") for entity, value in sorted(decoded.items())
    )
    return tuple(repaired), flags


def _decode(entity: str, decoded: dict[str, str]) -> str:
    for candidate in (entity, entity.lower()):
        value = html.unescape(candidate)
        if value != candidate and value.isprintable():
            decoded[entity] = value
            return value
    return entity
