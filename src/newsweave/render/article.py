"""One cleaned article as a product of its own: plain text, Markdown, or a JSON object.

`newsweave clean` writes what cleaning kept of an article, without a brief
around it. Each body line is one paragraph (a line is the unit cleaning
judges, and the readers put a paragraph on one line: an HTML block, an SGML
`<P>`, a line of a text file), so the text and Markdown forms set a blank line
between body lines. Both are for reading and pass the article's text through
`terminal_safe`; the JSON forms keep it as it was read (escaped, as in the
brief's JSON).

The JSON object carries what the brief's JSON says of a source (title,
byline, outlet, the publication date with its confidence and evidence,
language, URL, flags), the body lines with their line numbers, and every
removed line with the reason it was removed, so a corpus built from it can
be audited line by line. An audit view of the text forms (`removed`) shows
each removed line in place, through a style the caller chooses (the command
dims them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from newsweave.contract import flag_objects, published_object
from newsweave.models import Article, Line
from newsweave.render.markdown import escape
from newsweave.render.terminal import terminal_safe
from newsweave.vocabulary import Role

# How a removed line is shown in the audit view (the command dims it).
Style = Callable[[str], str]
# What json.dumps(ensure_ascii=False) leaves unescaped that a reader may take for
# a control or a line break: DEL, C1, and the line and paragraph separators.
_RAW_CONTROLS = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def body_lines(article: Article) -> list[Line]:
    """The lines cleaning kept as the article's text, in order."""
    return [line for line in article.lines if line.role == Role.BODY]


def article_text(article: Article, removed: Style | None = None) -> str:
    """The article's text, a blank line between paragraphs; with `removed`, each
    removed line too, in place, as `[removed: reason] text` in that style."""
    paragraphs = _paragraphs(article, terminal_safe, removed)
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def article_markdown(article: Article, removed: Style | None = None) -> str:
    """`# title`, a list of what is known of the article, then its text; with `removed`,
    each removed line in place, as in `article_text`."""
    published = article.published
    known = [
        ("Byline", _md(article.byline)),
        ("Outlet", _md(article.outlet)),
        (
            "Published",
            _md(f"{published.date} (confidence {published.confidence:.2f})" if published else None),
        ),
        ("URL", _md_url(article.url)),
        ("Language", _md(article.language)),
        ("Source", _md(article.path)),
    ]
    head = [f"# {escape(article.title or 'Untitled')}", ""]
    head += [f"- **{name}:** {value}" for name, value in known if value]
    paragraphs = _paragraphs(article, escape, removed)
    return "\n".join(head) + "\n\n" + "".join(f"{paragraph}\n\n" for paragraph in paragraphs)


def _paragraphs(article: Article, written: Callable[[str], str], removed: Style | None) -> list[str]:
    """Each body line as `written` gives it; with `removed`, each removed line too, in
    place, as `[removed: reason] text` in that style."""
    paragraphs = []
    for line in article.lines:
        if line.role == Role.BODY:
            paragraphs.append(written(line.content))
        elif removed is not None and line.role == Role.NOISE:
            paragraphs.append(removed(f"[removed: {line.reason}] {written(line.text)}"))
    return paragraphs


def _md(value: str | None) -> str | None:
    return escape(value) if value else None


def _md_url(url: str | None) -> str | None:
    """A web address as a link (`<https://...>`), anything else as plain text."""
    if url and url.lower().startswith(("http://", "https://")) and not re.search(r"[\s<>]", url):
        return f"<{terminal_safe(url)}>"
    return _md(url)


def article_object(article: Article) -> dict[str, Any]:
    """The article as one JSON object: its metadata (as the brief's JSON gives a
    source's), its text as numbered body lines, and every removed line with its reason."""
    return {
        "path": article.path,
        "title": article.title,
        "byline": article.byline,
        "outlet": article.outlet,
        "published": published_object(article),
        "dateline": article.dateline,
        "language": article.language,
        "url": article.url,
        "flags": flag_objects(article),
        "text": [{"n": line.n, "text": line.content} for line in body_lines(article)],
        "removed": [
            {"n": line.n, "text": line.text, "reason": line.reason}
            for line in article.lines
            if line.role == Role.NOISE
        ],
    }


def json_line(document: Any) -> str:
    """`document` as one line of JSON Lines, non-ASCII text readable and no raw control
    character or line separator in it."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return _escape_controls(text) + "\n"


def json_block(document: Any, indent: str = "") -> str:
    """`document` as indented JSON, every line after the first indented by `indent`
    (an item of a list written one item at a time), controls escaped as in `json_line`."""
    text = _escape_controls(json.dumps(document, ensure_ascii=False, indent=2))
    return text.replace("\n", "\n" + indent) if indent else text


def _escape_controls(text: str) -> str:
    return _RAW_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
