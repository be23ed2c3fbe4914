"""Escape sequences in an article never reach the terminal; JSON keeps them, escaped.

An article carrying a window-title OSC, a colour CSI (in its ESC and its
one-byte C1 form) and a bell goes through `newsweave brief` (text, Markdown,
JSON) and through `newsweave ingest` + `stories` + `brief --story`: the
human-readable outputs hold none of those bytes but every visible word; the
JSON outputs hold them only as JSON escapes, and parse back to the text as read.
The commands run on the fakes of tests/fakes.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from newsweave.render.terminal import terminal_safe

RAW = ("\x1b", "\x07", "\x9b", "\x9c", "\x7f")
HEADLINE = "Harbour crane collapses in Port Edda"
ARTICLE = (
    f"{HEADLINE} \x1b]0;pwned\x07\n"
    "The Daily Lantern\n"
    "By Staff Reporter\n"
    "\n"
    "A harbour crane collapsed on Monday in \x1b[31mPort Edda\x1b[0m, officials said; two were hurt.\n"
    "Rescue crews worked through the night, and \x9b31mthree ships were moved away from the quay.\n"
    "Local officials said repairs to the quay would take at least six weeks, the port authority added.\x07\n"
    "Residents were told to avoid the harbour area until further notice, a spokesman for the port said.\n"
    "The crane operator said the wind had risen quickly before the collapse, according to witnesses.\n"
    "Engineers from the regional authority will inspect the remaining cranes on Tuesday, officials said.\n"
    "Dock workers said the crane had been due for a safety check since the spring, the union said.\n"
    "Shipping companies said two vessels would be diverted to the northern terminal for the week.\n"
    "The mayor of Port Edda said the town would pay for the repairs to the damaged warehouse roof.\n"
)


def _article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "crane.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _assert_clean(output: str) -> None:
    for byte in RAW:
        assert byte not in output, f"{byte!r} reached the output"
    assert "pwned" not in output  # the window title went with its sequence
    assert "31m" not in output  # no parameter debris of a colour sequence


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("a\x1b]0;pwned\x07b", "ab"),
        ("a\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
        ("a\x1b[1;31mred\x1b[0m b", "ared b"),
        ("a\x9b31mb", "ab"),
        ("a\x9d0;title\x9cb", "ab"),
        ("a\x1b(Bb\x1b7c", "abc"),
        ("bell\x07 del\x7f nel\x85 cr\r lone\x1b", "bell del nel cr lone"),
        ("tab\tand\nnewline stay, café — ünïcode too", "tab\tand\nnewline stay, café — ünïcode too"),
        ("killed \u202e21\u202c people", "killed 21 people"),  # an override would show "12"
        ("\u2067isolate\u2069 and \u202aembedding\u202c", "isolate and embedding"),
        ("marks \u200estay\u200f", "marks \u200estay\u200f"),
    ],
)
def test_terminal_safe_removes_whole_sequences_and_controls(given: str, shown: str) -> None:
    assert terminal_safe(given) == shown


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_brief_shows_the_words_without_the_escapes(
    tmp_path: Path, fake_cli: Callable[..., Result], fmt: str
) -> None:
    result = fake_cli("brief", str(_article(tmp_path)), "--format", fmt)
    assert result.exit_code == 0, result.output
    _assert_clean(result.stdout)
    assert HEADLINE in result.stdout
    assert "three ships were moved away" in result.stdout


def test_brief_json_escapes_what_it_keeps(tmp_path: Path, fake_cli: Callable[..., Result]) -> None:
    result = fake_cli("brief", str(_article(tmp_path)), "--format", "json")
    assert result.exit_code == 0, result.output
    for byte in RAW:
        assert byte not in result.stdout, f"{byte!r} is raw in the JSON"
    assert "\\u001b]0;pwned\\u0007" in result.stdout
    assert "\\u009b31m" in result.stdout
    story = json.loads(result.stdout)["stories"][0]
    assert story["headline"] == ARTICLE.splitlines()[0]
    assert any("\x9b31mthree ships" in item["text"] for item in story["summary"])


def test_stored_stories_and_briefs_show_the_words_without_the_escapes(
    tmp_path: Path, fake_cli: Callable[..., Result]
) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    ingested = fake_cli("ingest", str(_article(tmp_path / "in")), "--db", db, "--quiet")
    assert ingested.exit_code == 0, ingested.output
    listed = fake_cli("stories", "--db", db)
    assert listed.exit_code == 0, listed.output
    _assert_clean(listed.stdout)
    assert "Harbour crane" in listed.stdout
    arcs = fake_cli("stories", "--db", db, "--arcs")
    _assert_clean(arcs.stdout)
    assert "Harbour crane" in arcs.stdout

    rows = fake_cli("stories", "--db", db, "--format", "json")
    for byte in RAW:
        assert byte not in rows.stdout
    assert "\\u001b]0;pwned\\u0007" in rows.stdout
    story_id = json.loads(rows.stdout)["stories"][0]["id"]

    for fmt in ("text", "md"):
        shown = fake_cli("brief", "--story", story_id, "--db", db, "--format", fmt)
        assert shown.exit_code == 0, shown.output
        _assert_clean(shown.stdout)
        assert HEADLINE in shown.stdout
        assert "three ships were moved away" in shown.stdout
    stored = fake_cli("brief", "--story", story_id, "--db", db, "--format", "json")
    for byte in RAW:
        assert byte not in stored.stdout
    assert "\\u009b31m" in stored.stdout
    assert json.loads(stored.stdout)["stories"][0]["headline"] == ARTICLE.splitlines()[0]
