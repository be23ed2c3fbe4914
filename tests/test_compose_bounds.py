"""A composition has a known cost: sentence budgets per article and per story, and a
time limit, each of which leaves a partial brief that says what it left out.
The briefs are composed with the fakes of tests/fakes.py."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from newsweave.analyze import Models
from newsweave.compose.bounds import MIN_READ_LINES, head, shares
from newsweave.config import Config
from newsweave.contract import brief_document
from newsweave.models import DecodedDoc
from newsweave.pipeline import run
from newsweave.render import render
from newsweave.vocabulary import FlagKind

from .conftest import EXAMPLE, ROOT

SCHEMA = json.loads((ROOT / "src" / "newsweave" / "schema" / "brief-1.schema.json").read_text())
TOWNS = ("Harlow", "Denton", "Marsh", "Kerby", "Selwyn", "Tarrow", "Ebbing", "Colne")


def _long_article(path: Path, lines: int) -> Path:
    """An article of `lines` one-sentence paragraphs, each about a different town and figure."""
    body = [
        f"Officials in {TOWNS[n % len(TOWNS)]} said {n + 3} people attended meeting number {n} on Monday."
        for n in range(lines)
    ]
    path.write_text("Council meetings draw crowds across the county\n\n" + "\n".join(body) + "\n")
    return path


def test_shares_keep_short_sources_whole_and_cut_long_ones_to_one_level() -> None:
    assert shares([10, 100, 100], 110) == [10, 50, 50]
    assert shares([5, 7], 100) == [5, 7]
    assert shares([40, 40, 40, 40], 100) == [25, 25, 25, 25]
    assert sum(shares([3, 900, 17, 250], 500)) <= 500


def test_a_long_article_is_read_only_up_to_its_sentence_cap(tmp_path: Path, fake_models: Models) -> None:
    path = _long_article(tmp_path / "long.txt", 3000)
    config = Config(max_article_sentences=40)
    (brief,) = run([str(path)], config, fake_models, one_story=True).briefs
    assert brief.truncated and "S1" in brief.truncated[0]
    cited = {cite.line for item in brief.summary for cite in item.cite}
    assert cited and max(cited) <= 45  # only the first 40 sentences (one a line, after the title) were read
    document = brief_document([brief])
    jsonschema.validate(document, SCHEMA)
    assert document["stories"][0]["truncated_composition"] == list(brief.truncated)
    (source,) = document["stories"][0]["sources"]
    unread = "lines 1,001-3,002 not read: too long to brief whole"
    assert {"kind": FlagKind.READ_IN_PART, "detail": unread} in source["flags"]
    assert max(line["n"] for line in source["lines"]) == MIN_READ_LINES  # the rest was never cleaned


def test_a_source_is_cleaned_only_as_far_as_its_sentence_share_reaches() -> None:
    lines = tuple(f"Line {n} of a very long dump." for n in range(1, 6001))
    doc = DecodedDoc("dump.txt", "utf-8", lines, line_encodings=((3, "cp1252"), (2500, "cp1252")))
    cut = head(doc, 300)
    assert cut.lines == lines[:1200] and cut.unread == 4800
    assert cut.line_encodings == ((3, "cp1252"),)
    assert head(doc, 10).lines == lines[:MIN_READ_LINES]  # an ordinary article is read whole
    assert head(doc, None) is doc
    short = DecodedDoc("short.txt", "utf-8", lines[:800])
    assert head(short, 300) is short


def test_a_story_over_its_sentence_budget_is_cut_and_says_so(fake_models: Models) -> None:
    config = Config(max_compose_sentences=30)
    (brief,) = run([str(EXAMPLE)], config, fake_models, one_story=True).briefs
    assert any("max_compose_sentences" in reason for reason in brief.truncated)
    whole = run([str(EXAMPLE)], Config(), fake_models, one_story=True).briefs[0]
    assert whole.truncated == ()
    assert "truncated_composition" not in brief_document([whole])["stories"][0]


def test_a_spent_time_limit_leaves_the_later_sections_empty(fake_models: Models) -> None:
    config = Config(max_compose_seconds=1e-9)
    (brief,) = run([str(EXAMPLE)], config, fake_models, one_story=True).briefs
    assert brief.summary and brief.entities  # composed before the clock is read
    assert (brief.consensus, brief.divergences, brief.timeline, brief.attributions) == ((), (), (), ())
    (reason,) = brief.truncated
    assert "max_compose_seconds" in reason and "timeline" in reason
    for form in ("text", "md"):
        assert "Partial brief" in render([brief], form, color=False, width=100)
    jsonschema.validate(brief_document([brief]), SCHEMA)


@pytest.mark.parametrize("setting", ["max_article_sentences", "max_compose_sentences", "max_compose_seconds"])
def test_bounds_must_be_positive(setting: str) -> None:
    from newsweave.errors import ConfigError

    with pytest.raises(ConfigError, match=setting):
        Config(**{setting: 0})


def test_an_article_borrows_dates_from_its_nearest_siblings_only() -> None:
    from newsweave.dating.story import MAX_SIBLINGS, siblings

    assert siblings(4, 1) == [0, 2, 3]
    assert len(siblings(MAX_SIBLINGS + 1, 0)) == MAX_SIBLINGS
    many = siblings(1000, 500)
    assert len(many) == MAX_SIBLINGS and many == sorted(many)
    assert max(abs(i - 500) for i in many) <= MAX_SIBLINGS // 2 + 1
    assert siblings(1000, 0) == list(range(1, MAX_SIBLINGS + 1))
