"""Source files by name, not by path, in everything the service answers.

An article ingested from a file is stored with the path it was read from
(`/home/editor/feeds/2024-05/wire.jsonl:12`), and that path travels: in a
brief's `sources[].path`, in the date evidence (`story: PATH line 3: ...`)
and in flag details that cite another source. On a public server it tells
anyone who reads a page how the machine's disk is laid out. So every story
and source the service answers passes through `SourcePaths` on its way out:
each stored path becomes its file name (`wire.jsonl:12`, see
`render.common.file_name`), wherever it appears in the object except a
`url` (a URL is public already). The stored objects are not changed: the
view is a copy.

`newsweave serve --show-paths` (`create_app(show_paths=True)`) answers the
stored paths unchanged, for a private deployment whose readers want them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsweave.render.common import file_name
from newsweave.store import Store

KEPT = frozenset({"url"})  # keys whose values are never rewritten


@dataclass(frozen=True)
class SourcePaths:
    """How the service names source files: by file name, or by full path with `show`."""

    show: bool = False

    def story(self, story: dict[str, Any]) -> dict[str, Any]:
        """A story object (`newsweave.brief/1`) with its sources' paths as file names."""
        if self.show:
            return story
        paths = [source["path"] for source in story.get("sources", []) if isinstance(source.get("path"), str)]
        return _renamed(story, paths)

    def source(self, store: Store, record: dict[str, Any]) -> dict[str, Any]:
        """A source record (`queries.source_record`) with its path, and those of the
        articles it shares a story with (its date evidence may cite them), as file names."""
        if self.show:
            return record
        return _renamed(record, [record["path"], *store.neighbour_paths(record["id"])])


def _renamed(document: dict[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """A copy of `document` with every occurrence of each path replaced by its file name."""
    names = {path: file_name(path) for path in paths if path and file_name(path) != path}
    if not names:
        return document
    pattern = re.compile("|".join(re.escape(path) for path in sorted(names, key=lambda p: (-len(p), p))))
    renamed: dict[str, Any] = _walk(document, pattern, names)
    return renamed


def _walk(value: Any, pattern: re.Pattern[str], names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(lambda found: names[found.group()], value)
    if isinstance(value, dict):
        return {key: item if key in KEPT else _walk(item, pattern, names) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, pattern, names) for item in value]
    return value
