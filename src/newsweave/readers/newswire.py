"""What the conventions of LDC newswire text mean: entities, quotes, dates, DOCNOs.

The SGML reader (`sgml`) finds a DOC's structure; the text and fields inside
it follow conventions of the news agencies' feeds that are worth reading right
rather than passing on as written:

- Entities: the five of HTML (`&AMP;` as often as `&amp;`) and numeric ones
  stand for characters. The feeds' typesetting codes (`&QL;` quad left,
  `&QC;`, `&QR;`, `&UR;`, `&LR;`, `&HT;` a tab, `&Cx1f;`-style control codes)
  mark layout, not words: a tab becomes a space, the others go, so they never
  end up inside a quoted sentence. Any other entity is kept as written.
  A numeric entity for a line break or control character is kept as written
  too, so an article's lines stay lines.
- Quotes: AP and NYT typed ``...'' for double quotes and ` for an opening
  single one; they become curly quotes, which quotation finding reads.
- Dates: `<DATE_TIME>` and `<DATE>` hold `2031-03-04 08:30:27`, `20310304` or
  `03/04/2031 08:30:00` (month first); read as ISO 8601, with the time when given.
- DOCNOs: a standard one (`APW20310304.0042`, Gigaword's `AFP_ENG_20310304.0007`)
  opens with the agency's source code and holds the day; the code names the
  outlet and the day stands in for a missing date field.
"""

from __future__ import annotations

import re
from datetime import datetime

_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,15});")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_TYPESETTING = re.compile(r"Q[LCR]|[UL]R|Cx[0-9A-Fa-f]{2}")
_KEPT_CONTROLS = "\t\xa0"  # characters not printable but harmless in a line: spaces, once split

_DATE_FORMATS = (
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?"), (1, 2, 3)),
    (re.compile(r"(\d{4})(\d\d)(\d\d)(?:[ T]?(\d\d):?(\d\d)(?::?(\d\d))?)?"), (1, 2, 3)),
    (re.compile(r"(\d\d?)/(\d\d?)/(\d{4})(?:[ T](\d\d?):(\d\d)(?::(\d\d))?)?"), (3, 1, 2)),
)
# Source code, Gigaword's language code, then a day and a serial number.
_LDC_DOCNO = re.compile(r"([A-Z]{2,4})(?:_[A-Z]{3})?_?(?=\d)(?:(\d{8})\.\d+)?")
_OUTLETS = {
    "AFP": "Agence France-Presse",
    "AP": "Associated Press",
    "APW": "Associated Press Worldstream",
    "CNA": "Central News Agency",
    "LTW": "Los Angeles Times-Washington Post News Service",
    "NYT": "New York Times News Service",
    "WSJ": "The Wall Street Journal",
    "XIE": "Xinhua News Agency",
    "XIN": "Xinhua News Agency",
}


def newswire_text(text: str) -> str:
    """`text` with its entities decoded, typesetting codes dropped and typewriter quotes curled."""
    text = _ENTITY.sub(_entity, text)
    return text.replace("``", "\u201c").replace("''", "\u201d").replace("`", "\u2018")


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#"):
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return match.group(0)
        char = chr(code)
        return char if char.isprintable() or char in _KEPT_CONTROLS else match.group(0)
    if name.lower() in _NAMED:
        return _NAMED[name.lower()]
    if name == "HT":
        return " "
    return "" if _TYPESETTING.fullmatch(name) else match.group(0)


def iso_date(text: str) -> str | None:
    """`2099-01-01`, `20990101` or `01/01/2099`, with a time when given, as ISO 8601;
    None for any other form, or a day that does not exist."""
    for pattern, order in _DATE_FORMATS:
        found = pattern.fullmatch(text.strip())
        if found is None:
            continue
        year, month, day = (int(found.group(n)) for n in order)
        clock = [int(part) for part in found.groups()[3:] if part is not None]
        hour, minute, second = (*clock, 0, 0, 0)[:3]
        try:
            when = datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
        if not clock:
            return when.date().isoformat()
        return when.isoformat(timespec="seconds" if len(clock) == 3 else "minutes")
    return None


def from_docno(docno: str | None) -> tuple[str | None, str | None]:
    """The outlet a standard LDC DOCNO's source code names, and the day it holds (ISO)."""
    found = _LDC_DOCNO.match(docno or "")
    if found is None:
        return None, None
    day = found.group(2) if _LDC_DOCNO.fullmatch(docno or "") else None
    return _OUTLETS.get(found.group(1)), iso_date(day) if day else None
