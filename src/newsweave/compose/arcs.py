"""Linking the briefs of one arc: the stories of one affair over months.

The clusterer files each story into an arc (`models.Story.arc`): a trial's
opening and its verdict weeks later are two stories of one arc. Once the
briefs of all stories are composed, each brief of an arc lists every story
of it, itself included, with its headline and the span of its sources'
publication dates, so a reader sees the affair's other stories and when
they happened. An arc's id is the id of its first story's brief (stories
come in the order of their first article), as a store names an arc after
its first story.

The list is in date order (`models.ArcStory.order`: by first date, undated
stories last, then by id), so the same stories always list the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsweave.models import ArcStory, Brief


def arc_story(brief: Brief) -> ArcStory:
    """How an arc lists `brief`'s story: its id, headline and the span of its sources' dates."""
    return ArcStory(brief.id, brief.headline, *brief.span())


def with_arc(brief: Brief, arc_id: str, stories: Sequence[ArcStory]) -> Brief:
    """`brief` listing the stories of its arc `arc_id`, in date order."""
    return replace(brief, arc_id=arc_id, arc=tuple(sorted(stories, key=ArcStory.order)))


def link_arcs(briefs: Sequence[Brief], arcs: Sequence[int]) -> list[Brief]:
    """Each brief listing every brief of its arc; `arcs[i]` is the arc number of
    `briefs[i]` (`Story.arc`), and the first brief of an arc gives it its id."""
    if len(briefs) != len(arcs):
        raise ValueError(f"{len(briefs)} briefs but {len(arcs)} arc numbers")
    members: dict[int, list[Brief]] = {}
    for brief, arc in zip(briefs, arcs, strict=True):
        members.setdefault(arc, []).append(brief)
    listed = {arc: [arc_story(brief) for brief in group] for arc, group in members.items()}
    return [with_arc(brief, members[arc][0].id, listed[arc]) for brief, arc in zip(briefs, arcs, strict=True)]
