"""Input limits: each refuses just over its ceiling and reads just under it,
with a message naming the input, the limit and the setting to raise.

Limits are configured low here so inputs stay small; the CLI tests use the
defaults (or a NEWSWEAVE_* variable), as a user meets them, on the fakes of
tests/fakes.py.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.config import Config, load_config
from newsweave.errors import EXIT_PARTIAL, ConfigError
from newsweave.models import RawDoc
from newsweave.readers import LimitExceededError, Limits, discover, expand, load, read_docs

from .conftest import TWO_EVENTS

SENTENCE = "The council of the harbour town approved a new ferry timetable on Tuesday evening."


def text_article(lines: int, width: int = 0) -> bytes:
    """An article of `lines` lines; the last one padded to `width` characters if given."""
    body = [f"{SENTENCE} Line {n}." for n in range(1, lines + 1)]
    if width:
        body[-1] = body[-1].ljust(width, "x")
    return ("\n".join(body) + "\n").encode()


def html_page(depth: int) -> bytes:
    """A page whose paragraph nests `depth` elements below <html> (html > body > divs > p)."""
    divs = depth - 2
    body = "<div>" * divs + f"<p>{SENTENCE}</p>" + "</div>" * divs
    return f"<!doctype html><html><head><title>Ferries</title></head><body>{body}</body></html>".encode()


def feed(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Timetable {n}</title><link>https://example.org/{n}</link>"
        f"<description>{SENTENCE} Entry {n}.</description></item>"
        for n in range(1, entries + 1)
    )
    channel = f"<channel><title>Harbour News</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def warc(body: bytes, encoding: str | None = None) -> bytes:
    """A WARC archive of one text response (its payload gzipped for HTTP when `encoding`)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = [("Content-Type", "text/plain")] + ([("Content-Encoding", encoding)] if encoding else [])
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://example.org/ferries", "response", payload=io.BytesIO(body), http_headers=http
    )
    writer.write_record(record)
    return buffer.getvalue()


def reasons(found: object) -> list[tuple[str, str]]:
    return [(s.path, s.reason) for s in found.skipped]  # type: ignore[attr-defined]


# max_file_bytes


def test_a_file_over_max_file_bytes_is_refused_by_its_size(tmp_path: Path) -> None:
    data = text_article(3)
    (tmp_path / "over.txt").write_bytes(data)
    (tmp_path / "under.txt").write_bytes(data[:-1])
    found = discover([str(tmp_path)], max_bytes=len(data) - 1)
    assert [Path(d.path).name for d in found.docs] == ["under.txt"]
    ((path, reason),) = reasons(found)
    assert Path(path).name == "over.txt"
    assert reason == (
        f"{len(data):,} bytes, larger than max_file_bytes ({len(data) - 1:,}); "
        "raise max_file_bytes in newsweave.toml to read it"
    )


def test_stdin_over_max_file_bytes_is_refused() -> None:
    data = text_article(3)
    assert discover(["-"], stdin=io.BytesIO(data), max_bytes=len(data)).docs[0].data == data
    found = discover(["-"], stdin=io.BytesIO(data), max_bytes=len(data) - 1)
    assert found.docs == []
    assert reasons(found)[0][0] == "-"
    assert "or more, larger than max_file_bytes" in reasons(found)[0][1]


# max_lines


def test_a_text_article_over_max_lines_is_refused() -> None:
    limits = Limits(max_lines=5)
    assert len(load(RawDoc("under.txt", text_article(5)), limits=limits).lines) == 5
    with pytest.raises(LimitExceededError) as caught:
        load(RawDoc("over.txt", text_article(6)), limits=limits)
    assert str(caught.value) == (
        "over.txt: 6 lines, more than max_lines (5); raise max_lines in newsweave.toml to read it"
    )
    assert caught.value.setting == "max_lines"


def test_json_lines_past_max_lines_are_listed_as_not_read() -> None:
    data = b"".join(b'{"text": "%s %d."}\n' % (SENTENCE.encode(), n) for n in range(1, 8))
    assert len(expand(RawDoc("all.jsonl", data), limits=Limits(max_lines=7)).records) == 7
    found = expand(RawDoc("many.jsonl", data), limits=Limits(max_lines=5))
    assert [r.raw.path for r in found.records] == [f"many.jsonl:{n}" for n in range(1, 6)]
    assert reasons(found) == [
        (
            "many.jsonl:6",
            "lines 6 to 7 not read: 7 lines, more than max_lines (5); "
            "raise max_lines in newsweave.toml to read them",
        )
    ]
    one_over = expand(RawDoc("one.jsonl", data), limits=Limits(max_lines=6))
    assert reasons(one_over)[0][1].startswith("line 7 not read: 7 lines")


# max_line_chars


def test_a_text_line_over_max_line_chars_is_refused_with_its_number() -> None:
    limits = Limits(max_line_chars=200)
    assert load(RawDoc("under.txt", text_article(3, width=200)), limits=limits).lines[2].endswith("x")
    with pytest.raises(LimitExceededError) as caught:
        load(RawDoc("over.txt", text_article(3, width=201)), limits=limits)
    assert caught.value.problem == (
        "201 characters on line 3, more than max_line_chars (200); "
        "raise max_line_chars in newsweave.toml to read it"
    )


def test_a_json_line_over_max_line_chars_is_skipped_and_the_others_read() -> None:
    short = b'{"text": "%s"}' % SENTENCE.encode()
    limits = Limits(max_line_chars=len(short))
    data = short + b"\n" + short[:-2] + b'!"}' + b"\n" + short + b"\n"  # line 2 is one character longer
    found = read_docs([RawDoc("dump.jsonl", data)], limits=limits)
    assert [r.raw.path for r in found.records] == ["dump.jsonl:1", "dump.jsonl:3"]
    assert reasons(found) == [
        (
            "dump.jsonl:2",
            f"{len(short) + 1} characters, more than max_line_chars ({len(short)}); "
            "raise max_line_chars in newsweave.toml to read it",
        )
    ]


def test_max_line_chars_counts_characters_not_bytes() -> None:
    line = '{"text": "%s"}' % ("Fähre " * 20)
    found = expand(RawDoc("umlaut.jsonl", line.encode()), limits=Limits(max_line_chars=len(line)))
    assert len(found.records) == 1 and len(line.encode()) > len(line)


# max_html_depth


def test_html_nested_over_max_html_depth_is_refused() -> None:
    limits = Limits(max_html_depth=20)
    assert load(RawDoc("under.html", html_page(20)), limits=limits).lines == (SENTENCE,)
    with pytest.raises(LimitExceededError) as caught:
        load(RawDoc("over.html", html_page(21)), limits=limits)
    assert str(caught.value) == (
        "over.html: 21 elements deep, more than max_html_depth (20); "
        "raise max_html_depth in newsweave.toml to read it"
    )


def test_html_depth_applies_to_pages_inside_containers() -> None:
    found = expand(RawDoc("crawl.warc", _html_warc(html_page(30))), limits=Limits(max_html_depth=20))
    assert found.records == []
    assert reasons(found)[0][0] == "crawl.warc#1"
    assert "more than max_html_depth (20)" in reasons(found)[0][1]


def _html_warc(page: bytes) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://example.org/", "response", payload=io.BytesIO(page), http_headers=http
    )
    writer.write_record(record)
    return buffer.getvalue()


# max_html_bytes


def test_a_page_over_max_html_bytes_is_refused() -> None:
    page = html_page(5)
    assert load(RawDoc("under.html", page), limits=Limits(max_html_bytes=len(page))).lines == (SENTENCE,)
    with pytest.raises(LimitExceededError, match=r"raise max_html_bytes in newsweave.toml"):
        load(RawDoc("over.html", page), limits=Limits(max_html_bytes=len(page) - 1))


# max_decompression_ratio


def test_gzip_expanding_past_max_decompression_ratio_is_refused() -> None:
    archive = warc(text_article(40))
    packed = gzip.compress(archive)
    ratio = len(archive) / len(packed)
    under = Limits(max_decompression_ratio=int(ratio) + 1)
    assert len(expand(RawDoc("crawl.warc.gz", packed), limits=under).records) == 1
    found = expand(RawDoc("crawl.warc.gz", packed), limits=Limits(max_decompression_ratio=int(ratio)))
    assert found.records == []
    ((path, reason),) = reasons(found)
    assert path == "crawl.warc.gz"
    assert reason.startswith(f"gzip data expands more than {int(ratio)}:1")
    assert reason.endswith("raise max_decompression_ratio in newsweave.toml to read it if you trust it")


def test_a_bomb_costs_no_more_than_the_limit_allows() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)  # about 5 kB
    found = expand(RawDoc("bomb.warc.gz", bomb))
    assert found.records == []
    assert "expands more than 100:1" in reasons(found)[0][1]


def test_an_http_compressed_payload_is_held_to_the_same_ratio() -> None:
    text = text_article(40)
    payload = gzip.compress(text)
    archive = warc(payload, encoding="gzip")
    generous = expand(RawDoc("crawl.warc", archive), limits=Limits(max_decompression_ratio=100))
    assert generous.records[0].doc.lines[0].startswith(SENTENCE)
    bomb = warc(zlib.compress(b" " * 2_000_000), encoding="deflate")
    found = expand(RawDoc("crawl.warc", bomb), limits=Limits(max_decompression_ratio=100))
    assert found.records == []
    assert reasons(found)[0][0] == "crawl.warc#1"
    assert "past max_decompression_ratio" in reasons(found)[0][1]


# max_feed_entries


def test_feed_entries_past_max_feed_entries_are_listed_as_not_read() -> None:
    data = feed(5)
    assert len(expand(RawDoc("news.rss", data), limits=Limits(max_feed_entries=5)).records) == 5
    found = expand(RawDoc("news.rss", data), limits=Limits(max_feed_entries=3))
    assert [r.raw.path for r in found.records] == ["news.rss#1", "news.rss#2", "news.rss#3"]
    assert reasons(found) == [
        (
            "news.rss#4",
            "entries 4 to 5 not read: 5 entries, more than max_feed_entries (3); "
            "raise max_feed_entries in newsweave.toml to read them",
        )
    ]


# Settings


@pytest.mark.parametrize(
    "setting",
    [
        "max_file_bytes",
        "max_html_bytes",
        "max_line_chars",
        "max_lines",
        "max_html_depth",
        "max_decompression_ratio",
        "max_feed_entries",
    ],
)
def test_each_limit_is_a_setting(tmp_path: Path, setting: str) -> None:
    (tmp_path / "newsweave.toml").write_text(f"{setting} = 7\n")
    assert getattr(load_config(environ={}, cwd=tmp_path).limits(), setting) == 7
    environ = {f"NEWSWEAVE_{setting.upper()}": "9"}
    assert getattr(load_config(environ=environ, cwd=tmp_path).limits(), setting) == 9
    with pytest.raises(ConfigError, match=f"{setting} must be a positive whole number, not 0"):
        load_config(environ={f"NEWSWEAVE_{setting.upper()}": "0"}, cwd=tmp_path)


def test_defaults_are_the_documented_ones() -> None:
    assert (
        Config().limits()
        == Limits()
        == Limits(
            max_file_bytes=50_000_000,
            max_html_bytes=5_000_000,
            max_line_chars=1_000_000,
            max_lines=200_000,
            max_html_depth=255,
            max_decompression_ratio=100,
            max_feed_entries=10_000,
        )
    )


def test_max_html_depth_cannot_pass_what_the_parser_reads() -> None:
    with pytest.raises(ConfigError, match="max_html_depth must be at most 255"):
        Config().with_settings(max_html_depth=256)


# The command line, with the default limits: exit 3, each refusal on stderr


def test_brief_skips_each_input_over_a_limit_and_exits_3(  # type: ignore[no-untyped-def]
    fake_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-good.txt").write_bytes((TWO_EVENTS / "flood-a.txt").read_bytes())
    (tmp_path / "big.txt").write_bytes(text_article(1) + b"x" * 1_200_000)
    (tmp_path / "long-line.txt").write_bytes(text_article(2, width=1_000_001))
    (tmp_path / "many-lines.txt").write_bytes(b"F\n" * 200_001)
    (tmp_path / "dump.jsonl").write_bytes(b'{"text": "%s"}\n' % (b"y" * 1_000_001))
    (tmp_path / "bomb.warc.gz").write_bytes(gzip.compress(b"\0" * 2_000_000))
    monkeypatch.setenv("NEWSWEAVE_MAX_FILE_BYTES", "1200000")
    result = fake_cli("brief", str(tmp_path), "--quiet")
    assert result.exit_code == EXIT_PARTIAL
    stderr = result.stderr
    size = len(text_article(1)) + 1_200_000
    assert f"skipped {tmp_path / 'big.txt'}: {size:,} bytes, larger than max_file_bytes" in stderr
    assert f"{tmp_path / 'long-line.txt'}: 1,000,001 characters on line 2, more than max_line_chars" in stderr
    assert f"{tmp_path / 'many-lines.txt'}: 200,001 lines, more than max_lines (200,000)" in stderr
    assert f"{tmp_path / 'dump.jsonl'}:1: 1,000,013 characters, more than max_line_chars" in stderr
    assert f"{tmp_path / 'bomb.warc.gz'}: gzip data expands more than 100:1" in stderr
    assert stderr.count("newsweave.toml") == 5
    assert "Kessel" in result.stdout
