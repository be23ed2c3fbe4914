"""A UTF-8 file with a stray line in a legacy charset is read line by line:
its UTF-8 lines stay UTF-8, the odd line is read in cp1252, marked repaired,
and the source flagged `encoding_mixed`, rather than the whole file turning
into mojibake ("Â© 2024", "RÃ©sumÃ©")."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema

from newsweave.clean import clean
from newsweave.models import Flag, RawDoc
from newsweave.readers import decode

from .conftest import TWO_EVENTS

SCHEMA = json.loads((files("newsweave") / "schema" / "brief-1.schema.json").read_text())
MIXED = (
    "Résumé of the talks in Genève, where the ministers met on Tuesday.\n".encode()
    + b"The minister said the deal was close.\r\n"
    + b"\x93We are nearly there,\x94 she told reporters.\n"
    + "© 2024 The Paper\n".encode()
)


def test_the_odd_line_is_read_as_cp1252_and_the_rest_as_utf8() -> None:
    doc = decode(RawDoc("mixed.txt", MIXED))
    assert doc.lines == (
        "Résumé of the talks in Genève, where the ministers met on Tuesday.",
        "The minister said the deal was close.",
        "“We are nearly there,” she told reporters.",
        "© 2024 The Paper",
    )
    assert doc.encoding == "utf-8"
    assert doc.line_encodings == ((3, "cp1252"),)


def test_line_numbers_hold_across_line_break_conventions() -> None:
    data = "Café one\r".encode() + b"caf\xe9 two\r\n" + "naïve three\r\n".encode() + b"\x93four\x94\n\nsix"
    doc = decode(RawDoc("breaks.txt", data))
    assert doc.lines == ("Café one", "café two", "naïve three", "“four”", "", "six")
    assert doc.line_encodings == ((2, "cp1252"), (4, "cp1252"))


def test_the_odd_line_is_marked_repaired_and_the_source_flagged() -> None:
    article = clean(decode(RawDoc("mixed.txt", MIXED)), lambda _name: False)
    assert Flag("encoding_mixed", "line 3 read as cp1252; the other lines as utf-8") in article.flags
    repaired = {line.n: line.repaired for line in article.lines if line.repaired is not None}
    assert repaired == {3: "“We are nearly there,” she told reporters."}


def test_a_pure_cp1252_file_is_still_read_wholesale() -> None:
    text = "Le président a déclaré que l'été serait chaud.\nPlain words here.\nÀ Genève, à Zürich.\n"
    doc = decode(RawDoc("legacy.txt", (text * 3).encode("cp1252")))
    assert doc.lines == tuple((text * 3).splitlines())
    assert doc.encoding == "cp1252"
    assert doc.line_encodings == ()
    assert not [f for f in clean(doc, lambda _name: False).flags if f.kind == "encoding_mixed"]


def test_a_legacy_file_with_one_line_that_passes_as_utf8_is_read_wholesale() -> None:
    """Lines that fail UTF-8 outnumber the ones that prove it: not mostly UTF-8."""
    data = (
        "L'été à Genève.\nLe café du matin.\n".encode("cp1252")
        + "déjà vu\n".encode()
        + "Très bien.\n".encode("cp1252")
    )
    doc = decode(RawDoc("legacy.txt", data))
    assert doc.encoding != "utf-8"
    assert doc.line_encodings == ()


def test_a_pure_utf8_file_has_no_flag() -> None:
    doc = decode(RawDoc("utf8.txt", "Résumé.\n“Quoted,” she said.\n© 2024\n".encode()))
    assert doc.line_encodings == ()
    article = clean(doc, lambda _name: False)
    assert not [f for f in article.flags if f.kind == "encoding_mixed"]
    assert all(line.repaired is None for line in article.lines)


def test_the_brief_json_carries_the_flag_and_the_mark(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lines = (TWO_EVENTS / "flood-a.txt").read_bytes().splitlines(keepends=True)
    odd = b"\x93We will rebuild every house,\x94 the mayor said on Tuesday.\n"
    (tmp_path / "flood.txt").write_bytes(b"".join([*lines[:3], odd, *lines[3:], "© 2024\n".encode()]))
    result = fake_cli("brief", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    (source,) = document["stories"][0]["sources"]
    assert {"kind": "encoding_mixed", "detail": "line 4 read as cp1252; the other lines as utf-8"} in source[
        "flags"
    ]
    (marked,) = [line for line in source["lines"] if "repaired" in line]
    assert marked["n"] == 4
    assert marked["repaired"] == "“We will rebuild every house,” the mayor said on Tuesday."
