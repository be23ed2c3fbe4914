"""Reading and decoding inputs: encodings, line numbers, bad files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsweave.errors import BinaryInputError, EmptyInputError
from newsweave.models import RawDoc
from newsweave.readers import decode, discover

TEXT = "Zürich — Die Straße war gesperrt, said the café owner in Genève."


def test_utf8_is_read_as_utf8() -> None:
    doc = decode(RawDoc("a.txt", TEXT.encode("utf-8")))
    assert doc.encoding == "utf-8"
    assert doc.lines == (TEXT,)


def test_byte_order_mark_is_dropped() -> None:
    assert decode(RawDoc("a.txt", "\ufeffHello there.\n".encode())).lines == ("Hello there.",)


def test_legacy_encodings_are_detected() -> None:
    text = "Le président a déclaré que l'été serait chaud à Genève et à Zürich, selon les témoins."
    doc = decode(RawDoc("a.txt", (text * 3).encode("cp1252")))
    assert doc.lines == (text * 3,)
    assert doc.encoding != "utf-8"


def test_line_numbers_follow_every_newline_convention() -> None:
    doc = decode(RawDoc("a.txt", b"one\r\ntwo\rthree\n\nfive\n"))
    assert doc.lines == ("one", "two", "three", "", "five")


def test_form_feed_and_unicode_separators_do_not_split_lines() -> None:
    doc = decode(RawDoc("a.txt", "one\u2028still one\x0cand more\ntwo".encode()))
    assert len(doc.lines) == 2


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\n\n"])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(EmptyInputError, match=r"a\.txt"):
        decode(RawDoc("a.txt", data))


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4, b"\x01\x02\x03\x04" * 100]
)
def test_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError, match=r"binary|encoding"):
        decode(RawDoc("a.bin", data))


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "c.TXT").write_text("three")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("hidden")
    found = discover([str(tmp_path)])
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in found.docs] == [
        "a.txt",
        "b/2.txt",
        "c.TXT",
    ]
    assert [Path(p).name for p in found.ignored] == ["notes.pdf"]
    assert found.skipped == []


def test_paths_keep_the_prefix_the_user_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("one")
    monkeypatch.chdir(tmp_path)
    assert [d.path for d in discover(["news"]).docs] == ["news/a.txt"]
    assert [d.path for d in discover(["./news/"]).docs] == ["./news/a.txt"]


def test_missing_paths_are_skipped_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    found = discover([str(tmp_path / "missing.txt"), str(tmp_path / "a.txt")])
    assert len(found.docs) == 1
    assert [s.reason for s in found.skipped] == ["no such file or directory"]


def test_stdin_is_one_article_named_dash() -> None:
    found = discover(["-"], stdin=io.BytesIO(b"An article from a pipe."))
    assert [(d.path, d.data) for d in found.docs] == [("-", b"An article from a pipe.")]


def test_oversized_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 100)
    found = discover([str(tmp_path)], max_bytes=10)
    assert found.docs == []
    assert "larger than" in found.skipped[0].reason
