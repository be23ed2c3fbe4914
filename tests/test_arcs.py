"""Arcs in a brief: each story lists every story of its affair, in JSON, text and Markdown.

The affair is invented (`arc_corpus`): a trial's opening and its verdict two
months later are two stories of one arc, a council vote between them an arc
of its own. The real clusterer decides that, so the first test pins it; the
briefs are composed with the fakes of tests/fakes.py (the clusterer reads the
real static encoder).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import Result

from newsweave.analyze import Models
from newsweave.compose.arcs import link_arcs
from newsweave.config import Config
from newsweave.contract import brief_from_story
from newsweave.models import ArcStory, Article, Brief, Line, PublishedDate, Source, SummaryItem
from newsweave.pipeline import group, prepare, read_inputs
from newsweave.render import render

from .arc_corpus import OPENING, TRAM, VERDICT, write_affair
from .conftest import models_everywhere

SCHEMA = json.loads((files("newsweave") / "schema" / "brief-1.schema.json").read_text())


@pytest.fixture(scope="module")
def affair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_affair(tmp_path_factory.mktemp("affair") / "in")


@pytest.fixture(scope="module")
def affair_json(affair: Path, fake_models: Models) -> dict[str, Any]:
    """`newsweave brief AFFAIR --format json`, once."""
    from click.testing import CliRunner

    from newsweave.cli import main

    with models_everywhere(fake_models):
        result = CliRunner().invoke(main, ["brief", str(affair), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_the_trial_is_two_stories_of_one_arc_and_the_vote_an_arc_of_its_own(
    affair: Path, fake_models: Models
) -> None:
    config = Config()
    inputs = read_inputs([str(affair)], config)
    stories = group(prepare([item.doc for item in inputs.loaded], fake_models), config, fake_models.static)
    names = [[Path(inputs.loaded[i].doc.path).name for i in story.members] for story in stories]
    assert names == [["1-opening.txt", "2-opening.txt"], ["3-verdict.txt", "4-verdict.txt"], ["5-tram.txt"]]
    assert [story.arc for story in stories] == [0, 0, 1]


def test_brief_json_lists_the_other_story_of_the_arc(affair_json: dict[str, Any]) -> None:
    opening, verdict, tram = affair_json["stories"]
    assert [opening["headline"], verdict["headline"], tram["headline"]] == [OPENING, VERDICT, TRAM]
    trial = {
        "id": opening["id"],
        "stories": [
            {"id": opening["id"], "headline": OPENING, "first_date": "2024-03-04", "last_date": "2024-03-04"},
            {"id": verdict["id"], "headline": VERDICT, "first_date": "2024-05-03", "last_date": "2024-05-03"},
        ],
    }
    assert opening["arc"] == verdict["arc"] == trial
    alone = {"id": tram["id"], "stories": [{"id": tram["id"], "headline": TRAM}]}
    assert tram["arc"]["id"] == alone["id"]
    assert [{k: s[k] for k in ("id", "headline")} for s in tram["arc"]["stories"]] == alone["stories"]
    assert list(opening)[-1] == "arc"  # the added key comes last, after every older one
    jsonschema.validate(affair_json, SCHEMA)


def test_brief_json_is_the_same_twice(
    affair: Path, affair_json: dict[str, Any], fake_cli: Callable[..., Result]
) -> None:
    again = fake_cli("brief", str(affair), "--format", "json")
    assert json.loads(again.stdout) == affair_json


def test_text_and_markdown_show_the_same_affair_only_beside_the_trial(
    affair: Path, affair_json: dict[str, Any], fake_cli: Callable[..., Result]
) -> None:
    opening, verdict, _ = affair_json["stories"]
    md = fake_cli("brief", str(affair), "--format", "md").stdout
    stories = md.split("\n# ")
    assert len(stories) == 3 and "Tessaly" in stories[2]
    assert f"## Same affair\n\n*Other stories of arc {opening['id']}, by date.*" in stories[0]
    assert f"- **2024-05-03**: {VERDICT} ({verdict['id']})" in stories[0]
    assert f"- **2024-03-04**: {OPENING} ({opening['id']})" in stories[1]
    assert "Same affair" not in stories[2]
    text = fake_cli("brief", str(affair), "--format", "text").stdout
    parts = text.split("Story 2 of 3")
    assert "Same affair" in parts[0] and "2024-05-03" in parts[0] and VERDICT in parts[0]
    assert parts[1].count("Same affair") == 1  # the verdict's; the vote has none
    assert "Same affair" not in parts[1].split("Story 3 of 3")[1]


def test_a_document_without_arc_still_validates_and_reads_back_without_one(
    affair_json: dict[str, Any],
) -> None:
    """Documents written before arcs (stored briefs among them) stay valid `newsweave.brief/1`."""
    old = json.loads(json.dumps(affair_json))
    for story in old["stories"]:
        del story["arc"]
    jsonschema.validate(old, SCHEMA)
    brief = brief_from_story(old["stories"][0])
    assert (brief.arc_id, brief.arc, brief.same_affair()) == (None, (), ())
    assert "Same affair" not in render([brief], "md")
    read = brief_from_story(affair_json["stories"][0])
    assert read.arc_id == affair_json["stories"][0]["id"]
    assert [story.headline for story in read.same_affair()] == [VERDICT]


@pytest.mark.parametrize(
    "arc",
    [
        {"stories": []},
        {"id": "story-1", "stories": []},
        {"id": "story-1", "stories": [{"id": "story-1", "headline": "x", "first_date": "May 3"}]},
        {"id": "story-1", "stories": [{"id": "x", "headline": "x", "first_date": None, "last_date": None}]},
        {"id": "story-1", "stories": [], "extra": 1},
    ],
)
def test_the_schema_rejects_a_malformed_arc(affair_json: dict[str, Any], arc: dict[str, Any]) -> None:
    document = json.loads(json.dumps(affair_json))
    document["stories"][0]["arc"] = arc
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def _brief(story_id: str, *dates: str) -> Brief:
    sources = tuple(
        Source(
            f"S{n}",
            Article(
                path=f"{story_id}-{n}.txt",
                encoding="utf-8",
                lines=(Line(1, "Text.", "body"),),
                published=PublishedDate(day, 1.0, ("given",)),
            ),
        )
        for n, day in enumerate(dates, start=1)
    ) or (Source("S1", Article(path=f"{story_id}.txt", encoding="utf-8", lines=())),)
    return Brief(story_id, f"Headline <{story_id}> *", sources, (SummaryItem("Text.", ()),))


def test_link_arcs_lists_each_arc_by_date_undated_last_then_by_id() -> None:
    briefs = [
        _brief("story-c", "2024-05-03", "2024-05-01"),
        _brief("story-a"),
        _brief("story-b", "2024-03-04"),
        _brief("story-z", "2024-05-01"),
        _brief("story-d"),
    ]
    linked = link_arcs(briefs, [0, 0, 0, 0, 1])
    first = linked[0]
    assert [story.id for story in first.arc] == ["story-b", "story-c", "story-z", "story-a"]
    assert first.arc[1] == ArcStory("story-c", "Headline <story-c> *", "2024-05-01", "2024-05-03")
    assert first.arc[3] == ArcStory("story-a", "Headline <story-a> *", None, None)
    assert {brief.arc_id for brief in linked[:4]} == {"story-c"}  # the first story names the arc
    assert all(brief.arc == first.arc for brief in linked[:4])
    assert (linked[4].arc_id, [story.id for story in linked[4].arc]) == ("story-d", ["story-d"])
    with pytest.raises(ValueError):
        link_arcs(briefs, [0])


def test_renderers_escape_the_other_stories_and_skip_a_lone_story() -> None:
    linked = link_arcs([_brief("story-a", "2024-01-02"), _brief("story-b")], [0, 0])
    md = render(linked[:1], "md")
    assert "- **undated**: Headline \\<story-b\\> \\* (story-b)" in md
    assert "story-a>" not in md.split("## Same affair")[1].split("## Sources")[0]
    text = render(linked[1:], "text")
    assert "2024-01-02 Headline <story-a> *  (story-a)" in text
    alone = link_arcs([_brief("story-a", "2024-01-02")], [0])
    for fmt in ("md", "text"):
        assert "Same affair" not in render(alone, fmt)
    document = json.loads(render(alone, "json"))
    assert document["stories"][0]["arc"] == {
        "id": "story-a",
        "stories": [
            {
                "id": "story-a",
                "headline": "Headline <story-a> *",
                "first_date": "2024-01-02",
                "last_date": "2024-01-02",
            }
        ],
    }
    unlinked = json.loads(render([replace(alone[0], arc_id=None, arc=())], "json"))
    assert unlinked == document  # a brief composed on its own is an arc of its own
