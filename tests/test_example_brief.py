"""The bundled example, end to end through the CLI, checked against its own input."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from newsweave.analyze import Models
from newsweave.cli import main

from .conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.integration  # the real example brief, from the real models


def _file_lines(path: str) -> list[str]:
    return (ROOT / path).read_text(encoding="utf-8").splitlines()


def _roles(source: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {entry["n"]: entry for entry in source["lines"]}


def _shown_text(source: dict[str, Any], n: int) -> str:
    """The line as read, or its repaired text when the brief lists a repair for it."""
    return _roles(source)[n].get("repaired") or _file_lines(source["path"])[n - 1]


def test_example_is_one_story_of_five_sources(example_json: dict[str, Any]) -> None:
    assert example_json["schema"] == "newsweave.brief/1"
    assert len(example_json["stories"]) == 1
    story = example_json["stories"][0]
    assert [s["id"] for s in story["sources"]] == ["S1", "S2", "S3", "S4", "S5"]
    assert [s["path"] for s in story["sources"]] == [
        f"examples/kim-russia-2023/{p.name}" for p in sorted(EXAMPLE.glob("*.txt"))
    ]


def test_example_validates_against_the_published_schema(example_json: dict[str, Any]) -> None:
    schema = json.loads(
        resources.files("newsweave").joinpath("schema/brief-1.schema.json").read_text("utf-8")
    )
    jsonschema.validate(example_json, schema)


def test_summary_has_five_to_eight_sentences(example_json: dict[str, Any]) -> None:
    assert 5 <= len(example_json["stories"][0]["summary"]) <= 8


def test_every_citation_points_at_a_body_line_holding_its_sentence(example_json: dict[str, Any]) -> None:
    story = example_json["stories"][0]
    sources = {s["id"]: s for s in story["sources"]}
    for item in story["summary"]:
        origin = item["cite"][0]
        assert origin["text"] == item["text"]
        cited_sources = [c["source"] for c in item["cite"]]
        assert len(cited_sources) == len(set(cited_sources)), "one citation per source"
        for cite in item["cite"]:
            source = sources[cite["source"]]
            assert _roles(source)[cite["line"]]["role"] == "body"
            assert cite["text"] in _shown_text(source, cite["line"])


def test_summary_sentences_are_verbatim_body_text(example_json: dict[str, Any]) -> None:
    story = example_json["stories"][0]
    sources = {s["id"]: s for s in story["sources"]}
    for item in story["summary"]:
        origin = item["cite"][0]
        assert item["text"] in _shown_text(sources[origin["source"]], origin["line"])


def test_repairs_only_remove_the_flagged_tokens(example_json: dict[str, Any]) -> None:
    for source in example_json["stories"][0]["sources"]:
        tokens = [f["detail"] for f in source["flags"] if f["kind"] == "injected_token"]
        for entry in source["lines"]:
            original = _file_lines(source["path"])[entry["n"] - 1]
            if "repaired" not in entry:
                assert not any(token in original for token in tokens)
                continue
            for token in tokens:
                original = original.replace(token, "")
            squeezed = "".join(original.split()).lstrip("|:-–—")
            assert "".join(entry["repaired"].split()) == squeezed


def test_the_content_farm_token_is_repaired_everywhere_and_nothing_else(example_json: dict[str, Any]) -> None:
    flagged = {
        source["id"]: [f["detail"] for f in source["flags"] if f["kind"] == "injected_token"]
        for source in example_json["stories"][0]["sources"]
    }
    assert flagged == {"S1": [], "S2": [], "S3": ["TrendPulse"], "S4": [], "S5": []}
    spam = example_json["stories"][0]["sources"][2]
    repaired = [entry["n"] for entry in spam["lines"] if "repaired" in entry]
    assert repaired == [n for n, text in enumerate(_file_lines(spam["path"]), 1) if "TrendPulse" in text]
    assert "TrendPulse" not in json.dumps(example_json["stories"][0]["summary"])
    assert "TrendPulse" not in (spam["title"] or "")


def test_no_noise_line_leaks_into_the_summary(example_json: dict[str, Any]) -> None:
    story = example_json["stories"][0]
    noise_texts = [
        _file_lines(source["path"])[entry["n"] - 1].strip()
        for source in story["sources"]
        for entry in source["lines"]
        if entry["role"] == "noise"
    ]
    summary = " ".join(item["text"] for item in story["summary"]) + story["headline"]
    for noise in noise_texts:
        assert noise not in summary


def test_summary_sentences_are_backed_by_several_sources(example_json: dict[str, Any]) -> None:
    summary = example_json["stories"][0]["summary"]
    assert sum(len(item["cite"]) >= 2 for item in summary) >= 3


def test_every_nonblank_line_has_a_role(example_json: dict[str, Any]) -> None:
    for source in example_json["stories"][0]["sources"]:
        lines = _file_lines(source["path"])
        expected = [n for n, text in enumerate(lines, start=1) if text.strip()]
        assert [entry["n"] for entry in source["lines"]] == expected


def test_output_is_byte_identical_across_runs(models: Models, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for name in ("first.json", "second.json"):
        out = tmp_path / name
        result = runner.invoke(main, ["brief", str(EXAMPLE), "--format", "json", "--out", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_publication_dates_and_the_fake_date_is_flagged(example_json: dict[str, Any]) -> None:
    sources = example_json["stories"][0]["sources"]
    assert [s["published"]["date"] for s in sources] == [
        "2023-09-18",
        "2023-09-17",
        "2023-09-17",
        "2023-09-17",
        "2023-09-18",
    ]
    kinds = [[f["kind"] for f in s["flags"]] for s in sources]
    assert [("date_mismatch" in k, "content_farm" in k) for k in kinds] == [
        (False, False),
        (False, False),
        (True, True),
        (False, False),
        (False, False),
    ]
    assert all(s["published"]["evidence"] for s in sources)
