"""The command line as a user meets it: help, outputs, and bad input (on the fakes of tests/fakes.py)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click
import pytest

from newsweave.errors import EXIT_PARTIAL, EXIT_USER_ERROR

from .conftest import TWO_EVENTS

ARTICLE = (TWO_EVENTS / "flood-a.txt").read_bytes()


def test_help_documents_every_exit_code(fake_cli) -> None:  # type: ignore[no-untyped-def]
    for args in (["--help"], ["brief", "--help"], ["ingest", "--help"]):
        text = " ".join(fake_cli(*args).output.split())
        assert "Exit codes: 0 success; 1 the run failed" in text
        assert "2 user error" in text
        assert "3 done, but some inputs were skipped" in text


def test_every_option_of_brief_is_explained(fake_cli) -> None:  # type: ignore[no-untyped-def]
    from newsweave.cli.brief import brief

    text = fake_cli("brief", "--help").output
    for param in brief.params:
        if param.param_type_name == "option":
            assert param.help, f"{param.name} has no help text"
            assert param.opts[0] in text


def test_version(fake_cli) -> None:  # type: ignore[no-untyped-def]
    assert fake_cli("--version").output.startswith("newsweave, version ")


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_each_format_renders(fake_cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("brief", str(TWO_EVENTS), "--format", fmt)
    assert result.exit_code == 0
    assert "Kessel" in result.stdout


def test_markdown_has_the_brief_sections(fake_cli) -> None:  # type: ignore[no-untyped-def]
    text = fake_cli("brief", str(TWO_EVENTS), "--format", "md").stdout
    assert text.count("## Summary") == 2
    assert "## Sources" in text


def test_stdin_article(fake_cli) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("brief", "-", "--format", "json", stdin=ARTICLE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["stories"][0]["sources"][0]["path"] == "-"


def test_out_writes_the_file_and_nothing_to_stdout(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "brief.md"
    result = fake_cli("brief", str(TWO_EVENTS), "--format", "md", "--out", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_words_limits_a_summary_beyond_its_minimum(fake_cli) -> None:  # type: ignore[no-untyped-def]
    def summary_words(*extra: str) -> list[int]:
        document = json.loads(fake_cli("brief", str(TWO_EVENTS), "--format", "json", *extra).stdout)
        return [sum(len(i["text"].split()) for i in s["summary"]) for s in document["stories"]]

    short, default = summary_words("--words", "60"), summary_words()
    assert all(s <= d for s, d in zip(short, default, strict=True))
    assert short != default


def _one_line_error(result, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == EXIT_USER_ERROR
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert needle in lines[0]
    assert "Traceback" not in result.stderr


def test_empty_file_is_a_clear_error(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty.txt").write_bytes(b"")
    _one_line_error(fake_cli("brief", str(tmp_path / "empty.txt")), "empty file")


def test_binary_file_is_a_clear_error(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    _one_line_error(fake_cli("brief", str(tmp_path / "photo.txt")), "binary")


def test_missing_path_is_a_clear_error(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _one_line_error(fake_cli("brief", str(tmp_path / "nope.txt")), "no such file or directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_clear_error(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked.txt"
    locked.write_bytes(ARTICLE)
    locked.chmod(0)
    _one_line_error(fake_cli("brief", str(locked)), "ermission denied")


def test_unreadable_directory_entry_is_reported(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "good.txt").write_bytes(ARTICLE)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    result = fake_cli("brief", str(tmp_path), "--format", "json")
    assert result.exit_code == EXIT_PARTIAL
    assert "dangling.txt" in result.stderr


def test_directory_without_articles_is_a_clear_error(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    _one_line_error(fake_cli("brief", str(tmp_path)), "no article files")


def test_one_bad_file_is_skipped_and_the_rest_briefed(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("flood-a.txt", "flood-b.txt"):
        (tmp_path / name).write_bytes((TWO_EVENTS / name).read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    result = fake_cli("brief", str(tmp_path), "--format", "json")
    assert result.exit_code == EXIT_PARTIAL
    assert f"skipped {tmp_path / 'broken.txt'}: binary" in result.stderr
    story = json.loads(result.stdout)["stories"][0]
    assert len(story["sources"]) == 2


def test_bad_option_values_are_user_errors(fake_cli) -> None:  # type: ignore[no-untyped-def]
    assert fake_cli("brief", str(TWO_EVENTS), "--words", "0").exit_code == 2
    assert fake_cli("brief", str(TWO_EVENTS), "--format", "pdf").exit_code == 2


def test_bad_config_file_is_a_clear_error(fake_cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "newsweave.toml").write_text("colour = 'blue'\n")
    monkeypatch.chdir(tmp_path)
    _one_line_error(fake_cli("brief", str(TWO_EVENTS)), "unknown setting 'colour'")


def test_short_untitled_text_still_gets_a_summary_that_heads_it(fake_cli) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("brief", "-", "--format", "json", stdin=b"Fire hit the store. Crews came fast.\n")
    story = json.loads(result.stdout)["stories"][0]
    assert [item["text"] for item in story["summary"]] == ["Fire hit the store.", "Crews came fast."]
    assert story["headline"] == "Fire hit the store."


def test_eval_clean_scores_hand_labels(fake_cli) -> None:  # type: ignore[no-untyped-def]
    from .conftest import ROOT

    result = fake_cli(
        "eval", "clean", str(ROOT / "tests" / "data" / "roles" / "kim-russia-2023"), "--errors", "5"
    )
    assert result.exit_code == 0, result.output
    assert "Line roles vs hand labels: 5 documents" in result.stdout
    assert "noise (any label)" in result.stdout


def test_eval_clean_rejects_a_folder_without_labels(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _one_line_error(fake_cli("eval", "clean", str(tmp_path)), "neither ground-truth.json")


# Options: one spelling per option, defaults shown from the real settings


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--workers", "2"], "--workers applies"),
        (["--one-story"], "--one-story applies"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler applies"),
        (["--one-story", "--workers", "2"], "--one-story and --workers apply"),
    ],
)
def test_brief_story_refuses_the_options_it_would_ignore(  # type: ignore[no-untyped-def]
    fake_cli, tmp_path: Path, extra: list[str], named: str
) -> None:
    db = tmp_path / "store.db"
    result = fake_cli("brief", "--story", "story-000000000000", "--db", f"sqlite:///{db}", *extra)
    assert result.exit_code == EXIT_USER_ERROR
    assert f"{named} to briefing PATH..., not to --story ID" in result.stderr
    assert not db.exists()  # refused before the store is opened


def test_brief_of_paths_refuses_a_database(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "store.db"
    result = fake_cli("brief", str(TWO_EVENTS), "--db", f"sqlite:///{db}")
    assert result.exit_code == EXIT_USER_ERROR
    assert "--db applies to --story ID only" in result.stderr
    assert result.stdout == "" and not db.exists()


def _commands() -> dict[str, click.Command]:
    """Every command of `newsweave` by its name ("eval clusters")."""
    from newsweave.cli import main

    found: dict[str, click.Command] = {}

    def walk(command: click.Command, name: str) -> None:
        found[name] = command
        if isinstance(command, click.Group):  # its commands load on first use
            context = click.Context(command)
            for child_name in command.list_commands(context):
                child = command.get_command(context, child_name)
                assert child is not None, child_name
                walk(child, f"{name} {child_name}".strip())

    walk(main, "")
    return found


def test_json_is_asked_for_one_way_by_every_command() -> None:
    printing_json = {
        name
        for name, command in _commands().items()
        for param in command.params
        if isinstance(param, click.Option) and "--format" in param.opts
    }
    assert printing_json == {"brief", "clean", "stories", "eval summaries", "eval clusters"}
    for name in printing_json:
        (option,) = (p for p in _commands()[name].params if "--format" in p.opts)
        assert isinstance(option.type, click.Choice) and "json" in option.type.choices, name
    shown_json_flags = [
        name
        for name, command in _commands().items()
        for param in command.params
        if isinstance(param, click.Option) and "--json" in param.opts and not param.hidden
    ]
    assert shown_json_flags == []


def test_every_command_that_prints_json_takes_format_json(  # type: ignore[no-untyped-def]
    fake_cli, tmp_path: Path
) -> None:
    from .conftest import ROOT

    clusters = tmp_path / "gold.jsonl"
    records = [
        {"id": name, "text": (TWO_EVENTS / name).read_text(encoding="utf-8"), "story": name[:5]}
        for name in ("flood-a.txt", "flood-b.txt")
    ]
    clusters.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    runs = {
        "brief": ["brief", "-"],
        "clean": ["clean", "-"],
        "stories": ["stories", "--db", f"sqlite:///{tmp_path / 'store.db'}"],
        "eval summaries": ["eval", "summaries", str(ROOT / "tests" / "data" / "summaries"), "--words", "40"],
        "eval clusters": ["eval", "clusters", str(clusters)],
    }
    for name, args in runs.items():
        result = fake_cli(*args, "--format", "json", stdin=ARTICLE)
        assert result.exit_code == 0, (name, result.output)
        assert isinstance(json.loads(result.stdout), dict), name
    old_spelling = fake_cli("eval", "clusters", str(clusters), "--json")
    assert json.loads(old_spelling.stdout) == json.loads(
        fake_cli(*runs["eval clusters"], "--format", "json").stdout
    )


def test_help_shows_the_real_default_of_each_setting(fake_cli) -> None:  # type: ignore[no-untyped-def]
    from newsweave.cli.brief import brief
    from newsweave.config import Config

    options = {param.name: param for param in brief.params if isinstance(param, click.Option)}
    for option, setting in (("words", "words"), ("fmt", "format")):
        assert options[option].default == getattr(Config(), setting)
        assert options[option].show_default
    text = " ".join(fake_cli("brief", "--help").output.split())
    assert re.search(rf"always kept\)\. \[default: {Config().words}[;\]]", text)
    assert f"newsweave.brief/1 contract. [default: {Config().format}]" in text
    assert text.count("[default: ") == 2 + text.count("[default: $NEWSWEAVE_DB")


def test_settings_from_the_file_still_win_over_shown_defaults(  # type: ignore[no-untyped-def]
    fake_cli, tmp_path: Path, monkeypatch
) -> None:
    given = json.loads(fake_cli("brief", str(TWO_EVENTS), "--format", "json", "--words", "40").stdout)
    (tmp_path / "newsweave.toml").write_text('format = "json"\nwords = 40\n')
    monkeypatch.chdir(tmp_path)
    assert json.loads(fake_cli("brief", str(TWO_EVENTS)).stdout) == given
    text = fake_cli("brief", str(TWO_EVENTS), "--format", "text").stdout
    assert "Kessel" in text and not text.lstrip().startswith("{")
