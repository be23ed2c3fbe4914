"""The example's cross-source sections, checked against the input files.

Every sentence shown under any heading must be a sentence some source wrote,
at the line it cites; nothing may come from a removed line; a count of
independent sources may never exceed the sources cited.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.integration  # the real example brief, from the real models

PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i"}


def _story(example_json: dict[str, Any]) -> dict[str, Any]:
    story: dict[str, Any] = example_json["stories"][0]
    return story


def _line_text(source: dict[str, Any], n: int) -> str:
    entry = next(e for e in source["lines"] if e["n"] == n)
    assert entry["role"] == "body", (source["id"], n, entry)
    return entry.get("repaired") or (ROOT / source["path"]).read_text(encoding="utf-8").splitlines()[n - 1]


def _items(story: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(section, shown text, cites) for every item of every cross-source section."""
    found = [("timeline", i["text"], i["cite"]) for i in story["timeline"]]
    found += [("consensus", i["text"], i["cite"]) for i in story["consensus"]]
    found += [("attributions", i["text"], i["cite"]) for i in story["attributions"]]
    found += [("unique", i["text"], i["cite"]) for i in story["unique"]]
    found += [("divergences", v["text"], v["cite"]) for d in story["divergences"] for v in d["values"]]
    return found


def test_every_section_is_filled_for_the_example(example_json: dict[str, Any]) -> None:
    story = _story(example_json)
    for section in ("timeline", "consensus", "divergences", "attributions", "unique"):
        assert story[section], section


def test_every_shown_sentence_is_written_by_a_cited_source(example_json: dict[str, Any]) -> None:
    story = _story(example_json)
    sources = {s["id"]: s for s in story["sources"]}
    for section, text, cites in _items(story):
        assert cites, (section, text)
        assert any(c["text"] == text for c in cites), (section, text)
        for cite in cites:
            assert cite["text"] in _line_text(sources[cite["source"]], cite["line"]), (section, cite)


def test_consensus_counts_no_more_voices_than_sources(example_json: dict[str, Any]) -> None:
    for item in _story(example_json)["consensus"]:
        assert 2 <= item["independent"] <= len(item["sources"])
        assert {c["source"] for c in item["cite"]} == set(item["sources"])


def test_divergences_show_distinct_values_each_with_sources(example_json: dict[str, Any]) -> None:
    for divergence in _story(example_json)["divergences"]:
        values = [v["value"] for v in divergence["values"]]
        assert len(values) >= 2 and len(set(values)) == len(values)
        for value in divergence["values"]:
            assert value["sources"] and {c["source"] for c in value["cite"]} <= set(value["sources"])


def test_the_departure_place_disagreement_is_reported_with_both_sides(example_json: dict[str, Any]) -> None:
    places = [d for d in _story(example_json)["divergences"] if d["kind"] == "place"]
    assert places
    sides = [set(v["sources"]) for v in places[0]["values"]]
    assert len(sides) == 2 and not sides[0] & sides[1]


def test_speakers_are_never_bare_pronouns(example_json: dict[str, Any]) -> None:
    for item in _story(example_json)["attributions"]:
        assert item["speaker"].casefold() not in PRONOUNS


def test_main_timeline_is_in_date_order_inside_the_news_window(example_json: dict[str, Any]) -> None:
    story = _story(example_json)
    main = [item["date"] for item in story["timeline"] if not item["background"]]
    assert main == sorted(main)
    published = sorted(s["published"]["date"] for s in story["sources"] if s["published"])
    assert all(len(day) == 10 and day <= published[-1] for day in main)


def test_named_speakers_come_before_anonymous_ones(example_json: dict[str, Any]) -> None:
    story = _story(example_json)
    names = {entity["name"].casefold().removeprefix("the ") for entity in story["entities"]}
    speakers = [item["speaker"].casefold().removeprefix("the ") for item in story["attributions"]]
    named = [speaker in names for speaker in speakers]
    assert named == sorted(named, reverse=True) or all(named)
    assert "kremlin" in speakers
