"""`newsweave clean`: the cleaned article on its own, in every format, on the fakes of tests/fakes.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.clean.stream import clean_in_parts
from newsweave.cli import main
from newsweave.cli.clean import out_name, unique_name
from newsweave.config import Config
from newsweave.errors import EXIT_PARTIAL, EXIT_USER_ERROR
from newsweave.models import RawDoc
from newsweave.pipeline import run
from newsweave.readers import Limits, read_docs, read_in_parts
from newsweave.vocabulary import Reason, Role

from .conftest import EXAMPLE, ROOT

SITE = ROOT / "tests" / "data" / "clean" / "site.jsonl"
SLOGAN = "Harbour Ledger | Local news since 1887"
INPUTS = [EXAMPLE, SITE]


def _json(fake_cli, *args: str) -> Any:  # type: ignore[no-untyped-def]
    result = fake_cli("clean", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("source", INPUTS, ids=["example", "jsonl"])
def test_txt_is_the_text_with_a_header_per_article(fake_cli, source: Path) -> None:  # type: ignore[no-untyped-def]
    documents = _json(fake_cli, str(source))
    text = fake_cli("clean", str(source)).stdout
    assert text.count("==> ") == len(documents) > 1
    for document in documents:
        assert f"==> {document['path']} <==" in text
        for line in document["text"]:
            assert line["text"] in text
        for line in document["removed"]:
            assert f"\n{line['text']}\n" not in text


def test_txt_of_one_article_is_its_paragraphs_alone(fake_cli) -> None:  # type: ignore[no-untyped-def]
    path = EXAMPLE / "003_2d19e963f671df68.txt"
    document = _json(fake_cli, str(path))
    text = fake_cli("clean", str(path)).stdout
    assert text == "\n\n".join(line["text"] for line in document["text"]) + "\n"
    assert "Advertisement" not in text


@pytest.mark.parametrize("source", INPUTS, ids=["example", "jsonl"])
def test_md_has_title_metadata_then_text(fake_cli, source: Path) -> None:  # type: ignore[no-untyped-def]
    documents = _json(fake_cli, str(source))
    text = fake_cli("clean", str(source), "--format", "md").stdout
    articles = text.split("\n---\n\n")
    assert len(articles) == len(documents)
    for article, document in zip(articles, documents, strict=True):
        assert article.startswith("# ")
        assert "- **Source:** " in article
        if document["published"]:
            assert f"- **Published:** {document['published']['date']} (confidence " in article
        assert article.index("- **") < article.index("\n\n", article.index("- **"))


def test_md_gives_what_the_record_declares(fake_cli) -> None:  # type: ignore[no-untyped-def]
    text = fake_cli("clean", str(SITE), "--format", "md").stdout.split("\n---\n\n")[0]
    assert text.startswith("# Council approves new tram line after long debate\n\n")
    for expected in (
        "- **Byline:** Ana Ruiz",
        "- **Outlet:** Harbour Ledger",
        "- **Published:** 2031-05-02 (confidence",
        "- **URL:** <https://ledger.example.org/tram>",
        "- **Language:** en",
    ):
        assert expected in text


@pytest.mark.parametrize("source", INPUTS, ids=["example", "jsonl"])
def test_json_is_a_list_of_articles_with_every_removed_line(fake_cli, source: Path) -> None:  # type: ignore[no-untyped-def]
    documents = _json(fake_cli, str(source))
    assert isinstance(documents, list) and len(documents) > 1
    for document in documents:
        assert list(document) == [
            "path", "title", "byline", "outlet", "published", "dateline", "language", "url", "flags",
            "text", "removed",
        ]  # fmt: skip
        assert document["text"] and all(line["text"] for line in document["text"])
        assert all(line["reason"] for line in document["removed"])
        if document["published"] is not None:
            assert set(document["published"]) == {"date", "confidence", "evidence"}


def test_json_of_the_jsonl_fixture_removes_the_sites_slogan(fake_cli) -> None:  # type: ignore[no-untyped-def]
    documents = _json(fake_cli, str(SITE))
    assert [d["path"] for d in documents] == [f"{SITE}:{n}" for n in range(1, 5)]
    for document in documents[:3]:
        assert {"n": 1, "text": SLOGAN, "reason": Reason.BOILERPLATE} in document["removed"]
        assert document["outlet"] == "Harbour Ledger"
    assert documents[0]["published"]["date"] == "2031-05-02"
    assert documents[0]["byline"] == "Ana Ruiz"


def test_json_of_one_article_is_one_object(fake_cli) -> None:  # type: ignore[no-untyped-def]
    document = _json(fake_cli, str(EXAMPLE / "000_3c2a0e6df8cea51f.txt"))
    assert isinstance(document, dict)
    assert document["path"].endswith("000_3c2a0e6df8cea51f.txt")


@pytest.mark.parametrize("source", INPUTS, ids=["example", "jsonl"])
def test_jsonl_is_one_article_a_line(fake_cli, source: Path) -> None:  # type: ignore[no-untyped-def]
    documents = _json(fake_cli, str(source))
    lines = fake_cli("clean", str(source), "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == documents


def test_clean_keeps_the_body_lines_the_brief_keeps(fake_cli, fake_models: Models) -> None:  # type: ignore[no-untyped-def]
    result = run([str(EXAMPLE), str(SITE)], Config(), models=fake_models)
    kept = {
        source.article.path: [line.content for line in source.article.lines if line.role == Role.BODY]
        for brief in result.briefs
        for source in brief.sources
    }
    documents = _json(fake_cli, str(EXAMPLE), str(SITE))
    assert len(documents) == len(kept) == 9
    for document in documents:
        assert [line["text"] for line in document["text"]] == kept[document["path"]]


def test_cleaning_in_parts_equals_cleaning_all_at_once(fake_models: Models) -> None:
    raws = [RawDoc(str(SITE), SITE.read_bytes()), RawDoc("dup.jsonl", SITE.read_bytes())]
    docs = [record.doc for record in read_docs(raws).records]
    at_once = clean_corpus(docs, fake_models.nlp.is_organization)

    def parts() -> list[list[Any]]:
        return [[record.doc for record in part.records] for part in read_in_parts(raws, 1, Limits())]

    assert [len(part) for part in parts()] == [1] * 8 + [0]
    for keep in (0, 100):  # read twice, or held from the first reading
        in_parts = [article for _doc, article in clean_in_parts(parts, fake_models.nlp.is_organization, keep)]
        assert in_parts == at_once
    assert any(line.reason == Reason.BOILERPLATE for line in at_once[0].lines)


def test_out_writes_one_file_per_article_named_after_its_input(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    twin = tmp_path / "twin"
    twin.mkdir()
    shutil.copy(EXAMPLE / "000_3c2a0e6df8cea51f.txt", twin / "000_3C2A0E6DF8CEA51F.txt")
    out = tmp_path / "out"
    result = fake_cli("clean", str(EXAMPLE), str(twin), str(SITE), "--format", "md", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    names = sorted(path.name for path in out.iterdir())
    stems = sorted(path.stem for path in EXAMPLE.iterdir())
    assert names == sorted(
        [f"{stem}.md" for stem in stems]
        + ["000_3C2A0E6DF8CEA51F-2.md"]
        + [f"site-{n}.md" for n in range(1, 5)]
    )
    assert (out / "site-1.md").read_text(encoding="utf-8").startswith("# Council approves new tram line")


@pytest.mark.parametrize("fmt", ["txt", "json", "jsonl"])
def test_out_files_hold_what_stdout_gives_for_the_article(fake_cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    article = EXAMPLE / "001_161a4bd4408ac520.txt"
    assert fake_cli("clean", str(article), "--format", fmt, "--out", str(tmp_path)).exit_code == 0
    written = (tmp_path / f"001_161a4bd4408ac520.{fmt}").read_text(encoding="utf-8")
    assert written == fake_cli("clean", str(article), "--format", fmt).stdout


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("news/000_3c2a.txt", "000_3c2a"),
        ("/srv/in/dump.jsonl:12", "dump-12"),
        ("feeds/world.xml#3", "world-3"),
        ("crawl.warc.gz#5", "crawl-5"),
        ("news.sgml#APW2031.0042", "news-APW2031.0042"),
        ("https://example.org/news/a.html?id=1", "example.org-news-a.html-id-1"),
        ("-", "stdin"),
        ("../..", "article"),
        ("dir/.hidden.txt", "hidden"),
        ("a b\x1b[31m.html", "a-b-31m"),
    ],
)
def test_out_names_are_safe(path: str, name: str) -> None:
    assert out_name(path) == name


def test_out_names_never_collide() -> None:
    taken: set[str] = set()
    assert [unique_name(name, taken) for name in ("a", "A", "a", "a-2")] == ["a", "A-2", "a-3", "a-2-2"]


def test_show_removed_prints_removed_lines_in_place_dimmed(fake_default_models: Models) -> None:
    runner = CliRunner()
    article = str(EXAMPLE / "003_2d19e963f671df68.txt")
    plain = runner.invoke(main, ["clean", article, "--show-removed"]).stdout
    colored = runner.invoke(main, ["clean", article, "--show-removed"], color=True).stdout
    assert plain.startswith("[removed: ad] - Advertisement -\n\n")
    assert "\x1b[2m[removed: ad] - Advertisement -\x1b[0m" in colored
    text = runner.invoke(main, ["clean", article]).stdout
    kept = [part for part in plain.rstrip("\n").split("\n\n") if not part.startswith("[removed: ")]
    assert kept == text.rstrip("\n").split("\n\n")
    md = runner.invoke(main, ["clean", str(SITE), "--format", "md", "--show-removed"]).stdout
    assert f"[removed: boilerplate] {SLOGAN.replace('|', chr(92) + '|')}" in md


@pytest.mark.parametrize("extra", [["--format", "json"], ["--format", "jsonl"], ["--out", "somewhere"]])
def test_show_removed_elsewhere_is_a_usage_error(fake_cli, extra: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("clean", str(SITE), "--show-removed", *extra)
    assert result.exit_code == EXIT_USER_ERROR
    assert "--show-removed applies to txt and md on standard output only" in result.stderr


def test_a_skipped_input_exits_3_after_writing_the_rest(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(SITE.read_bytes().splitlines()[0] + b"\nthis line is not JSON\n")
    missing = tmp_path / "missing.txt"
    result = fake_cli("clean", str(bad), str(missing), "--format", "jsonl")
    assert result.exit_code == EXIT_PARTIAL
    assert len(result.stdout.splitlines()) == 1
    assert f"skipped {missing}: no such file or directory" in result.stderr
    assert f"skipped {bad}:2: " in result.stderr
    assert result.stderr == fake_cli("brief", str(bad), str(missing), "--format", "json").stderr


def test_nothing_readable_is_a_user_error_as_for_brief(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = fake_cli("clean", str(empty))
    assert result.exit_code == EXIT_USER_ERROR
    assert result.stdout == ""
    assert result.stderr == fake_cli("brief", str(empty)).stderr
    assert result.stderr.startswith("error: no readable article in ")


def test_help_explains_with_an_example(fake_cli) -> None:  # type: ignore[no-untyped-def]
    text = fake_cli("clean", "--help").output
    assert "newsweave clean page.html" in text
    assert "3 done, but some inputs were skipped" in " ".join(text.split())
