"""Articles about different events become different stories.

The clusterer reads the real static encoder; the briefs are composed on the
fakes of tests/fakes.py.
"""

from __future__ import annotations

import json

from click.testing import Result

from .conftest import EXAMPLE, TWO_EVENTS


def _stories(result: Result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    return [sorted(s["path"].rsplit("/", 1)[-1] for s in story["sources"]) for story in document["stories"]]


def test_two_unrelated_events_make_two_stories(fake_cli) -> None:  # type: ignore[no-untyped-def]
    stories = _stories(fake_cli("brief", str(TWO_EVENTS), "--format", "json"))
    assert sorted(stories) == [["bank-a.txt", "bank-b.txt"], ["flood-a.txt", "flood-b.txt"]]


def test_mixed_corpora_keep_their_stories_apart(fake_cli) -> None:  # type: ignore[no-untyped-def]
    stories = _stories(fake_cli("brief", str(TWO_EVENTS), str(EXAMPLE), "--format", "json"))
    assert len(stories) == 3
    assert sorted(len(s) for s in stories) == [2, 2, 5]


def test_single_article_is_one_story(fake_cli) -> None:  # type: ignore[no-untyped-def]
    stories = _stories(fake_cli("brief", str(TWO_EVENTS / "flood-a.txt"), "--format", "json"))
    assert stories == [["flood-a.txt"]]
