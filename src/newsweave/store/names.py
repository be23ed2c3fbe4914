"""Names in the store: those each article uses, recorded as it is filed, and the
stories found by a name.

The story list is filtered by a name (`GET /api/stories?entity=`, the list
page's filter). A story's brief lists its entities, but a brief is composed
only when the story is first read, so a story nobody has opened yet would
never match. Filing therefore records the names each article uses
(`group.features.ArticleFeatures.names`: the capitalized runs of its title
and text, as first written) in `article_names`, in the filing transaction;
each is kept as written and casefolded, its spaces collapsed, to match.

A story is named by a text when one of its articles' names, or an entity
name or alias of its stored brief, contains the text, both casefolded. The
articles' names are matched in SQL, a LIKE with the text's `%` and `_`
escaped, whatever the backend. Articles filed before their names were
recorded have none, and their stories are found through their composed
briefs, as before: a LIKE on the lowered brief text picks the briefs that
may name the text (those holding its ASCII parts in order), and only those
are read and their entities checked. A brief whose entity is written with a
character that casefolds to ASCII letters ("ß", a ligature) is missed by
that LIKE, while the same name in an article's recorded names is not.

What `naming` answers is a condition on the `stories` table, so the story
list is filtered, counted and paged by the database (`reading.story_page`):
the articles' names as a subquery, the stories found through their briefs
as a list of ids.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, false, func, insert, or_, select

from newsweave.store import tables as t

NAME_CHARS = 200  # longer capitalized runs are headlines written in title case, not names
_ESCAPE = "/"
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_CHUNK = 500


def folded(name: str) -> str:
    """A name as matched: casefolded, its spaces collapsed."""
    return " ".join(name.casefold().split())


def name_rows(article_id: str, names: Iterable[str]) -> list[dict[str, str]]:
    """The `article_names` rows of an article: each name once by its folded form,
    as first written; blank names and runs over `NAME_CHARS` left out."""
    kept: dict[str, str] = {}
    for name in names:
        key = folded(name)
        if key and len(key) <= NAME_CHARS and len(name) <= NAME_CHARS:
            kept.setdefault(key, name)
    return [{"article_id": article_id, "folded": key, "name": name} for key, name in kept.items()]


def record_names(connection: Connection, article_id: str, names: Iterable[str], replace: bool = False) -> int:
    """Write the names an article uses (within the caller's transaction), with `replace`
    instead of any it has (an article stored earlier, filed again); how many rows."""
    if replace:
        connection.execute(delete(t.article_names).where(t.article_names.c.article_id == article_id))
    rows = name_rows(article_id, names)
    if rows:
        connection.execute(insert(t.article_names), rows)
    return len(rows)


def naming(connection: Connection, text: str) -> ColumnElement[bool]:
    """The condition a `stories` row meets when `text` names the story (see the module
    docstring); no story meets it for a blank text. The stored briefs that may name
    `text` are read and checked here, those of the stories its articles' names match
    left out."""
    wanted = folded(text)
    if not wanted:
        return false()
    names, members, briefs = t.article_names.c, t.memberships.c, t.briefs.c
    named = (
        select(members.story_id)
        .join(t.article_names, names.article_id == members.article_id)
        .where(names.folded.contains(wanted, autoescape=True))
    )
    candidates = select(briefs.story_id, briefs.document).where(
        func.lower(briefs.document).like(_brief_pattern(wanted), escape=_ESCAPE),
        briefs.story_id.not_in(named),
    )
    rows = connection.execution_options(yield_per=_CHUNK).execute(candidates)
    by_brief = [row.story_id for row in rows if _mentions(json.loads(row.document), wanted)]
    return or_(t.stories.c.id.in_(named), t.stories.c.id.in_(by_brief))


def _brief_pattern(wanted: str) -> str:
    """A LIKE pattern that a lowered brief text matches whenever one of its entity names
    contains `wanted`: the ASCII parts of `wanted` as the JSON text writes them, in order.
    (SQLite lowers ASCII letters only; the rest is left to the check in Python.)"""
    written = json.dumps(wanted, ensure_ascii=False)[1:-1]
    parts = [_escaped(part) for part in _NOT_ASCII.split(written) if part]
    return "%" + "%".join(parts) + "%" if parts else "%"


def _escaped(text: str) -> str:
    for special in (_ESCAPE, "%", "_"):
        text = text.replace(special, _ESCAPE + special)
    return text


def _mentions(document: dict[str, Any], wanted: str) -> bool:
    """Whether an entity name or alias of a stored brief contains `wanted` (folded)."""
    for item in document.get("entities", []):
        written = [item.get("name", ""), *item.get("aliases", [])]
        if any(wanted in folded(str(name)) for name in written):
            return True
    return False
