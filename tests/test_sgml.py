"""LDC/TIPSTER SGML news files: naming, line numbers, metadata, bad DOCs, and a brief (on the fakes)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.models import RawDoc
from newsweave.pipeline import run
from newsweave.readers import Limits, discover, expand, read_docs, reload
from newsweave.readers.containers import SGML, container_kind

FERRY = """\

<DOC>
<DOCNO> APW20310304.0042 </DOCNO>
<DATE_TIME> 2031-03-04 08:30:27 </DATE_TIME>
<BODY>
<CATEGORY> regional </CATEGORY>
<HEADLINE> Ferry Service Resumes Across Quillan Sound </HEADLINE>
<TEXT>
<P>
\tHARROWGATE, Ore. (AP) -- Ferry service across Quillan Sound resumed··
Tuesday after a three-week halt for hull repairs, the county transit··
office said.·
</P>
<P>
\tThe two vessels carry about 4,000 riders a day &AMP; most of the··
island's freight, officials said.·
</P>
<P>
\t``We are relieved to have the boats back,'' said harbor master··
Odile Farrant.·
</P>
</TEXT>
</BODY>
<TRAILER> AP-NY-03-04-31 0830EST </TRAILER>
</DOC>
""".replace("·", " ")  # LDC lines end in spaces

# The same event told by a second agency, with a headline over two lines and no <P>.
FERRY_NYT = """\
<DOC>
<DOCNO> NYT20310304.0117 </DOCNO>
<DATE_TIME> 2031-03-04 19:02 </DATE_TIME>
<BODY>
<SLUG> BC-FERRY-RESUMES </SLUG>
<HEADLINE>
QUILLAN SOUND FERRIES
SAIL AGAIN AFTER REPAIRS
</HEADLINE>
<TEXT>
   Ferries returned to Quillan Sound on Tuesday after three weeks in dry
dock, ending long detours for island commuters. &QL;
   The county transit office said the two vessels had new hull plating
and would keep their usual timetable of a crossing every 40 minutes.

   Harbor master Odile Farrant said the island's grocers had run short of
fresh produce during the halt.
</TEXT>
</BODY>
</DOC>
"""


def _doc(docno: str, body: str, extra: str = "") -> str:
    return f"<DOC>\n<DOCNO> {docno} </DOCNO>\n{extra}<TEXT>\n{body}\n</TEXT>\n</DOC>\n"


MANY = (
    _doc("XIE20310301.0001", "<P>\nThe first report of the day.\n</P>")
    + "\n"
    + _doc("XIE20310301.0002", "<P>\nA second report, wrapped\nover two lines.\n</P>")
    + _doc("XIE20310301.0001", "<P>\nThe same number again.\n</P>")
    + "<DOC>\n<TEXT>\n<P>\nA report without a number.\n</P>\n</TEXT>\n</DOC>\n"
)


def _expand(name: str, text: str, limits: Limits | None = None) -> tuple[list[RawDoc], list, list[str]]:
    found = expand(RawDoc(name, text.encode()), limits=limits)
    return [record.raw for record in found.records], found.records, [s.reason for s in found.skipped]


# finding and naming


def test_files_without_suffix_that_open_a_doc_are_walked_and_read_as_themselves(tmp_path: Path) -> None:
    (tmp_path / "APW20310304.0042").write_text(FERRY)
    (tmp_path / "NYT20310304.0117").write_text(FERRY_NYT)
    (tmp_path / "README").write_text("Notes about this folder, not a news file.\n")
    found = discover([str(tmp_path)])
    assert [Path(doc.path).name for doc in found.docs] == ["APW20310304.0042", "NYT20310304.0117"]
    assert [Path(name).name for name in found.ignored] == ["README"]
    read = read_docs(found.docs)
    assert read.skipped == []
    assert [record.raw for record in read.records] == found.docs  # path and bytes: the file itself
    assert read.records[0].doc.lines[:3] == ("", "", "")  # the blank first line, <DOC>, <DOCNO>


def test_a_fifo_in_a_walked_folder_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "APW20310304.0043")
    (tmp_path / "APW20310304.0042").write_text(FERRY)
    found = discover([str(tmp_path)])
    assert [Path(doc.path).name for doc in found.docs] == ["APW20310304.0042"]


def test_sgml_is_recognised_by_suffix_and_on_stdin() -> None:
    assert container_kind(RawDoc("news.sgml", b"")) == SGML
    assert container_kind(RawDoc("news.SGM", b"")) == SGML
    assert container_kind(RawDoc("APW20310304.0042", FERRY.encode())) == SGML
    assert container_kind(RawDoc("notes.txt", FERRY.encode())) is None  # a known suffix decides
    found = read_docs(discover(["-"], stdin=io.BytesIO(MANY.encode())).docs)
    assert [record.raw.path for record in found.records][:2] == ["-#XIE20310301.0001", "-#XIE20310301.0002"]


def test_several_docs_are_named_by_docno_deterministically() -> None:
    raws, records, skipped = _expand("news.sgml", MANY)
    assert [raw.path for raw in raws] == [
        "news.sgml#XIE20310301.0001",
        "news.sgml#XIE20310301.0002",
        "news.sgml#XIE20310301.0001~2",
        "news.sgml#4",
    ]
    assert skipped == []
    assert raws[0].data == _doc("XIE20310301.0001", "<P>\nThe first report of the day.\n</P>").encode()
    second = records[1].doc
    assert second.path == "news.sgml#XIE20310301.0002"
    assert second.lines == ("", "", "", "", "A second report, wrapped over two lines.", "", "", "", "")


# lines


def test_wrapped_paragraphs_are_joined_on_their_first_line() -> None:
    (record,) = _expand("APW20310304.0042", FERRY)[1]
    lines = record.doc.lines
    assert len(lines) == len(FERRY.splitlines())
    assert lines[9] == (
        "HARROWGATE, Ore. (AP) -- Ferry service across Quillan Sound resumed "
        "Tuesday after a three-week halt for hull repairs, the county transit office said."
    )
    assert lines[10:14] == ("", "", "", "")  # the paragraph's other lines, </P> and <P>
    assert (
        lines[14]
        == "The two vessels carry about 4,000 riders a day & most of the island's freight, officials said."
    )
    assert (
        lines[18] == "\u201cWe are relieved to have the boats back,\u201d said harbor master Odile Farrant."
    )
    nonblank = [n for n, line in enumerate(lines, start=1) if line]
    assert nonblank == [7, 10, 15, 19]  # headline and three paragraphs; tags, DOCNO, date, trailer blank


def test_text_without_paragraph_tags_splits_at_indents_and_blank_lines() -> None:
    (record,) = _expand("NYT20310304.0117", FERRY_NYT)[1]
    lines = record.doc.lines
    assert lines[10] == (
        "Ferries returned to Quillan Sound on Tuesday after three weeks in dry dock, "
        "ending long detours for island commuters."
    )
    assert lines[12].startswith("The county transit office said the two vessels")
    assert lines[12].endswith("a crossing every 40 minutes.")
    assert lines[15].startswith("Harbor master Odile Farrant said")
    assert [n for n, line in enumerate(lines, start=1) if line] == [7, 11, 13, 16]


def test_lower_case_tags_and_crlf_line_ends_read_the_same() -> None:
    lowered = FERRY.replace("\n", "\r\n")
    for tag in ("DOC", "DOCNO", "DATE_TIME", "BODY", "CATEGORY", "HEADLINE", "TEXT", "P", "TRAILER"):
        lowered = lowered.replace(f"<{tag}>", f"<{tag.lower()}>").replace(f"</{tag}>", f"</{tag.lower()}>")
    (upper,) = _expand("a.sgml", FERRY)[1]
    (lower,) = _expand("a.sgml", lowered)[1]
    assert lower.doc.lines == upper.doc.lines
    assert lower.doc.meta == upper.doc.meta


def test_entities_are_decoded_and_unknown_ones_kept() -> None:
    body = (
        "<P>\nTolls &amp; fares &lt;rose&gt; at Caf&#233; Dorn &#x2014; by &QUOT;a lot&quot; &FOO; &QL;\n</P>"
    )
    (record,) = _expand("e.sgml", _doc("E1", body))[1]
    assert record.doc.lines[4] == 'Tolls & fares <rose> at Café Dorn — by "a lot" &FOO;'


# metadata


def test_headline_is_the_title_and_docno_names_the_outlet() -> None:
    (record,) = _expand("NYT20310304.0117", FERRY_NYT)[1]
    assert record.doc.meta.title == "QUILLAN SOUND FERRIES SAIL AGAIN AFTER REPAIRS"
    assert record.doc.lines[6] == record.doc.meta.title  # at the headline's first text line
    assert record.doc.meta.outlet == "New York Times News Service"
    assert record.doc.meta.date == "2031-03-04T19:02"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("<DATE_TIME> 2031-03-04 08:30:27 </DATE_TIME>", "2031-03-04T08:30:27"),
        ("<DATE> 2031-03-04 </DATE>", "2031-03-04"),
        ("<DATE> 20310304 </DATE>", "2031-03-04"),
        ("<DATE> 03/04/2031 08:30:00 </DATE>", "2031-03-04T08:30:00"),
        ("", "2031-03-01"),  # none: the date in a standard DOCNO stands in
    ],
)
def test_date_fields_become_the_declared_iso_date(field: str, expected: str) -> None:
    (record,) = _expand("d.sgml", _doc("XIE20310301.0009", "<P>\nText.\n</P>", field + "\n"))[1]
    assert record.doc.meta.date == expected
    assert "2031" not in " ".join(record.doc.lines)


def test_a_date_this_reader_cannot_read_stays_as_a_line() -> None:
    text = _doc("LOCAL-7", "<P>\nText.\n</P>", "<DATE> Tuesday, March 4 </DATE>\n")
    (record,) = _expand("d.sgml", text)[1]
    assert record.doc.meta.date is None
    assert record.doc.lines[2] == "Tuesday, March 4"


def test_a_doc_without_headline_date_or_text_is_kept_empty() -> None:
    (record,) = _expand("x.sgml", "<DOC>\n<DOCNO> LOCAL-1 </DOCNO>\n<TEXT>\n</TEXT>\n</DOC>\n")[1]
    assert record.doc.meta.title is None and record.doc.meta.date is None
    assert not any(record.doc.lines)


# bad input


def test_a_truncated_or_broken_doc_is_skipped_and_the_others_go_through() -> None:
    broken = _doc("XIE20310301.0005", "<P>\nNever closed.\n").replace("</TEXT>", "")
    cut = "<DOC>\n<DOCNO> XIE20310301.0006 </DOCNO>\n<TEXT>\n<P>\nCut off in the mid"
    found = expand(RawDoc("news.sgml", (MANY + broken + cut).encode()))
    assert len(found.records) == 4
    reasons = {skipped.path: skipped.reason for skipped in found.skipped}
    assert reasons == {
        "news.sgml#XIE20310301.0005": "<TEXT> opened on line 3 is not closed before </DOC>",
        "news.sgml#XIE20310301.0006": "the DOC ends before </DOC> (is the file cut short?)",
    }


def test_a_single_broken_doc_is_skipped_by_the_file_name() -> None:
    found = expand(RawDoc("APW20310304.0042", FERRY[:300].encode()))
    assert found.records == []
    assert [skipped.path for skipped in found.skipped] == ["APW20310304.0042"]


def test_limits_skip_a_long_doc_and_the_docs_past_max_lines() -> None:
    long_doc = _doc("LONG-1", "\n".join(["<P>", *["line"] * 40, "</P>"]))  # 47 lines, from line 34
    _, records, reasons = _expand("news.sgml", MANY + long_doc + MANY, Limits(max_lines=40))
    assert [record.raw.path for record in records] == [f"news.sgml#{n}" for n in MANY_NAMES]
    assert reasons[0].startswith("47 lines, more than max_lines (40)")
    assert reasons[1].startswith("lines 41 to 113 not read")
    assert len(reasons) == 2


MANY_NAMES = ("XIE20310301.0001", "XIE20310301.0002", "XIE20310301.0001~2", "4")


# stored records


@pytest.mark.parametrize(("name", "text"), [("APW20310304.0042", FERRY), ("news.sgml", MANY), ("-", MANY)])
def test_stored_records_reload_to_the_same_article(name: str, text: str) -> None:
    found = expand(RawDoc(name, text.replace("\n", "\r\n").encode()))
    assert found.records
    for record in found.records:
        assert reload(record.raw) == record.doc


# through the pipeline


def test_a_brief_from_sgml_keeps_titles_dates_and_cites_verbatim(tmp_path: Path, fake_models: Models) -> None:
    (tmp_path / "APW20310304.0042").write_text(FERRY)
    (tmp_path / "NYT20310304.0117").write_text(FERRY_NYT)
    result = run([str(tmp_path)], Config(), fake_models, one_story=True)
    assert result.skipped == []
    (brief,) = result.briefs
    sources = {source.id: source.article for source in brief.sources}
    assert sorted((a.title, a.published.date if a.published else None) for a in sources.values()) == [
        ("Ferry Service Resumes Across Quillan Sound", "2031-03-04"),
        ("QUILLAN SOUND FERRIES SAIL AGAIN AFTER REPAIRS", "2031-03-04"),
    ]
    lines = {
        source.id: reload(RawDoc(source.article.path, Path(source.article.path).read_bytes())).lines
        for source in brief.sources
    }
    assert brief.summary
    for item in brief.summary:
        assert item.text in lines[item.cite[0].source][item.cite[0].line - 1]
        for cite in item.cite:
            assert cite.text in lines[cite.source][cite.line - 1]
