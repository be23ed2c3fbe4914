"""`newsweave clean`: the cleaned article as a product of its own, without a brief.

PATH... is read as `brief` reads it (`discover`, then the readers, under the
same input limits from newsweave.toml and NEWSWEAVE_*), and each article is
cleaned as the brief cleans it: its lines get the same roles, and a site's
boilerplate is found across every article of the run. Nothing that only the
brief needs is loaded: no sentence encoder, and spaCy only if a line must be
recognised as an outlet's name (cleaning asks it whether a short line names
an organization), on first use.

A corpus of any size is cleaned in bounded memory (`clean.stream`): the
inputs' bytes are read once, as for `brief`, but what they decode to is held
`PART` articles at a time (a JSON Lines file is decoded record by record).
The run reads the parts twice, first to sum each article up as a page of its
site, then to clean each knowing its site's boilerplate and write it; the
articles are the ones cleaning all of them at once gives. The output is
written as it comes: a JSON list one item at a time, JSON Lines one line at a
time, or one file per article under --out.

The publication date is the article's own (`date_article`: its declared date
and its content, with the evidence), as the brief's JSON gives a source's
before its story's other sources corroborate it. The brief also cuts an
article of many thousands of lines to the part its first sentences come
from; `clean` keeps it whole.

Exit codes, error messages and the list of skipped inputs are the brief's:
the output goes to stdout (or --out), progress to stderr.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import click

from newsweave.analyze import default_models
from newsweave.clean import content_farm
from newsweave.clean.stream import clean_in_parts
from newsweave.cli.options import EXIT_CODES, QUIET_OPTION, format_option, report_leftovers
from newsweave.config import load_config
from newsweave.dating import date_article
from newsweave.errors import EXIT_PARTIAL, NoArticlesError, UserError
from newsweave.models import Article, DecodedDoc, Skipped
from newsweave.pipeline import nothing_usable
from newsweave.readers import ARTICLE_SUFFIXES, Limits, discover, input_suffix, is_url, read_in_parts
from newsweave.render.article import (
    Style,
    article_markdown,
    article_object,
    article_text,
    json_block,
    json_line,
)
from newsweave.render.common import file_name

PART = 500  # articles decoded at a time
FORMATS = ("txt", "md", "json", "jsonl")
MAX_NAME = 100  # characters of an output file's name, before its number and suffix


@click.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(
    *FORMATS,
    default="txt",
    help="txt: the text; md: title, what is known of the article, then the text; json: "
    "metadata, body lines and every removed line with its reason (a list for several "
    "articles); jsonl: the same, one article a line.",
)
@click.option(
    "--out",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write one file per article into DIR (made when missing), named after its input, "
    "instead of standard output.",
)
@click.option(
    "--show-removed",
    is_flag=True,
    help="txt and md on standard output: show each removed line in place, dimmed, with the "
    "reason it was removed.",
)
@QUIET_OPTION
def clean(paths: tuple[str, ...], fmt: str, out: Path | None, show_removed: bool, quiet: bool) -> None:
    """Clean the articles in PATH...: each article's text, without page furniture.

    PATH... is read as `brief` reads it: article files, directories (read
    recursively), URLs, or - for stdin; a JSON Lines file, feed, web archive
    or SGML news file gives one article per record. Each body line is one
    paragraph. Input limits are the settings of newsweave.toml and
    NEWSWEAVE_* variables, as for `brief`.

    \b
    Examples:
      newsweave clean page.html                        # the article's text
      newsweave clean page.html --show-removed         # and what was removed, and why
      newsweave clean news/ --format md --out clean/   # one Markdown file per article
      newsweave clean dump.jsonl --format jsonl > clean.jsonl
    """
    if show_removed and (out is not None or fmt not in ("txt", "md")):
        raise click.UsageError("--show-removed applies to txt and md on standard output only")
    config = load_config({})
    say = _progress(quiet)
    say("reading inputs")
    inputs = _Inputs(paths, config.limits())
    is_organization = default_models().nlp.is_organization
    cleaned = clean_in_parts(inputs.parts, is_organization, keep=PART, report=say)
    articles = (_dated(doc, article) for doc, article in cleaned)
    first = next(articles, None)
    if first is None:
        raise NoArticlesError(nothing_usable(paths, inputs.skipped, inputs.ignored))
    everything = itertools.chain([first], articles)
    if out is None:
        dimmed: Style | None = (lambda text: click.style(text, dim=True)) if show_removed else None
        for text in _stdout_texts(everything, fmt, dimmed):
            click.echo(text, nl=False)
    else:
        say(f"wrote {_write_files(everything, fmt, out)} files to {out}")
    report_leftovers(inputs.skipped, inputs.ignored)
    if inputs.skipped:
        sys.exit(EXIT_PARTIAL)


class _Inputs:
    """PATH... read as `brief` reads it, a part at a time, as often as asked; what
    was skipped or ignored is listed once."""

    def __init__(self, paths: Iterable[str], limits: Limits) -> None:
        found = discover(paths, max_bytes=limits.max_file_bytes)
        self.docs = found.docs
        self.limits = limits
        self.skipped: list[Skipped] = list(found.skipped)
        self.ignored: list[str] = list(found.ignored)
        self._read = False

    def parts(self) -> Iterator[list[DecodedDoc]]:
        first, self._read = not self._read, True
        for part in read_in_parts(self.docs, PART, self.limits):
            if first:
                self.skipped.extend(part.skipped)
                self.ignored.extend(part.ignored)
            yield [record.doc for record in part.records]


def _dated(doc: DecodedDoc, article: Article) -> Article:
    """The article with its own publication date and date flags (and the content-farm
    verdict they may complete), as the brief dates a source of its own."""
    published, flags = date_article(article, doc.meta.date)
    every = article.flags + flags
    farm = content_farm(every)
    return replace(article, published=published, flags=every + ((farm,) if farm else ()))


def _stdout_texts(articles: Iterator[Article], fmt: str, style: Style | None = None) -> Iterator[str]:
    """The articles as one output, piece by piece: several are told apart by a header
    line (txt), a rule (md), a JSON list (json); JSON Lines are one article a line."""
    first = next(articles)
    second = next(articles, None)
    several = second is not None
    rest = itertools.chain([first], [second] if second is not None else [], articles)
    for number, article in enumerate(rest):
        if fmt == "jsonl":
            yield json_line(article_object(article))
        elif fmt == "json":
            if not several:
                yield json_block(article_object(article)) + "\n"
                continue
            yield ("[\n  " if number == 0 else ",\n  ") + json_block(article_object(article), indent="  ")
        elif fmt == "md":
            yield ("\n---\n\n" if number else "") + article_markdown(article, style)
        else:
            header = f"==> {_one_line(article.path)} <==\n" if several else ""
            yield ("\n" if number else "") + header + article_text(article, style)
    if fmt == "json" and several:
        yield "\n]\n"


def _write_files(articles: Iterable[Article], fmt: str, out: Path) -> int:
    """Each article into a file of its own under `out`; how many were written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot write {out}: {error.strerror or error}") from error
    taken: set[str] = set()
    written = 0
    for article in articles:
        name = unique_name(out_name(article.path), taken) + "." + fmt
        if fmt == "jsonl":
            text = json_line(article_object(article))
        elif fmt == "json":
            text = json_block(article_object(article)) + "\n"
        else:
            text = article_markdown(article) if fmt == "md" else article_text(article)
        try:
            (out / name).write_text(text, encoding="utf-8")
        except OSError as error:
            raise UserError(f"cannot write {out / name}: {error.strerror or error}") from error
        written += 1
    return written


_UNSAFE = re.compile(r"[^\w.-]+")
_RECORD = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+)|#(?P<entry>[^#]+))$")


def out_name(path: str) -> str:
    """A safe file name (no folders, no suffix) for the article read from `path`:
    `000_3c2a` for `news/000_3c2a.txt`, `dump-12` for `dump.jsonl:12` (line 12),
    `feed-3` for `feed.xml#3`, `example.org-news-a` for `https://example.org/news/a`,
    `stdin` for `-`. Only letters, digits, `.`, `_` and `-`; never hidden, never empty."""
    if path == "-":
        return "stdin"
    if is_url(path):
        name, record = re.sub(r"^[a-z]+://", "", path, flags=re.IGNORECASE), ""
    else:
        name, record = file_name(path), ""
        if found := _RECORD.match(name):
            name, record = found["file"], found["line"] or found["entry"]
        suffix = input_suffix(name)
        if suffix in ARTICLE_SUFFIXES:
            name = name[: -len(suffix)]
    if record:
        name = f"{name}-{record}"
    safe = _UNSAFE.sub("-", name).strip(".-")[:MAX_NAME].strip(".-")
    return safe or "article"


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`, ... when taken (in any case, for file systems
    that ignore it); the chosen name is then taken."""
    chosen, number = name, 1
    while chosen.casefold() in taken:
        number += 1
        chosen = f"{name}-{number}"
    taken.add(chosen.casefold())
    return chosen


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _progress(quiet: bool) -> Callable[[str], None]:
    """Progress lines on stderr, when someone is watching it."""
    if quiet or not sys.stderr.isatty():
        return lambda _message: None
    return lambda message: click.echo(message, err=True)
