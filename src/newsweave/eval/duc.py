"""The DUC layout: documents, references and peers in separate trees, matched by topic.

NIST ships DUC 2006/2007 as three trees, and `eval summaries DOCS --refs
REFS [--peers PEERS]` reads them where they are (the data is licensed and
stays outside the repository):

* DOCS holds one folder per cluster, named by topic and assessor letter
  (`D0601A`); the topic is the name without its trailing letter (`D0601`).
* REFS holds human summaries named `TOPIC.M.250.A.X` (`D0601.M.250.A.A`):
  the topic before the first dot, the summarizer's id after the last one.
  DUC 2007 has no such folder; its references are the four summaries inside
  each pyramid file (`D0701-AGHI.pyr`), in `<text><line>` elements, each
  after a header line naming it (`D0701.M.250.A.A` between rules of dashes).
* PEERS holds the official submissions, named like the references; an id
  that is also a reference id is a human, any other a system (`1` is NIST's
  baseline, `2`..`35` participants in 2006).

Topics match case-insensitively. A cluster with no references is skipped
with a note, as are references or peers whose topic has no cluster folder,
so a partial copy of the data still runs and says what it left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from newsweave.eval.layouts import Cluster, Summary, SummaryDataError, cluster_folders, read_text


class DucDataError(SummaryDataError):
    """The DUC trees given to `eval summaries` do not match the DUC layout."""

    hint = (
        "DOCS holds one folder per cluster (D0601A); --refs and --peers hold summaries named "
        "like D0601.M.250.A.A, or --refs pyramid files D0701-*.pyr; see eval summaries --help"
    )


PYRAMID_SUFFIX = ".pyr"
_TOPIC = re.compile(r"[A-Za-z]+\d+")
_FOLDER = re.compile(r"(?P<topic>[A-Za-z]+\d+)[A-Za-z]?")
_LINE = re.compile(r"<line>(.*?)</line>", re.DOTALL)
_TEXT = re.compile(r"<text>(.*?)</text>", re.DOTALL)
_RULE = re.compile(r"\s*-{3,}\s*")
_HEADER = re.compile(r"\s*(?P<topic>[A-Za-z]+\d+)\.\S*\.(?P<id>[A-Za-z0-9]+)\s*")
_NIST_AVERAGE = re.compile(r"\s*(?P<id>\S+)\s+(?P<score>\d+(?:\.\d+)?)\b")
EXPECTED = "names like D0601.M.250.A.A (topic first, summarizer id last) or pyramid files D0701-*.pyr"


def folder_topic(name: str) -> str | None:
    """The topic a cluster folder belongs to (`D0601A` -> `d0601`), or None for other names."""
    match = _FOLDER.fullmatch(name)
    return match.group("topic").lower() if match else None


def summary_name(name: str) -> tuple[str, str] | None:
    """(topic, summarizer id) of a DUC summary file name, or None when it is not one."""
    if name.startswith(".") or "." not in name:
        return None
    topic, _, rest = name.partition(".")
    summarizer = rest.rpartition(".")[2]
    if not _TOPIC.fullmatch(topic) or not summarizer:
        return None
    return topic.lower(), summarizer


def pyramid_summaries(text: str) -> list[Summary]:
    """The human summaries a pyramid file holds in `<text>`: one per header, in order.

    Each summary starts after a header line `TOPIC.M.250.A.X` (the id is X)
    set between rules of dashes; lines before the first header ("#4") and
    blank lines are not text. A file without headers is read as blocks
    between rules, numbered ref1, ref2, ...
    """
    block = _TEXT.search(text)
    lines = [html.unescape(line) for line in _LINE.findall(block.group(1) if block else text)]
    summaries: list[tuple[str, list[str]]] = []
    headed = any(_HEADER.fullmatch(line) for line in lines)
    current: list[str] | None = None if headed else []
    for line in lines:
        header = _HEADER.fullmatch(line)
        if header:
            current = []
            summaries.append((header.group("id"), current))
        elif _RULE.fullmatch(line):
            if not headed and current:
                summaries.append((f"ref{len(summaries) + 1}", current))
                current = []
        elif line.strip() and current is not None:
            current.append(line.strip())
    if not headed and current:
        summaries.append((f"ref{len(summaries) + 1}", current))
    return [Summary(summary_id, "\n".join(body)) for summary_id, body in summaries if body]


def _pyramid_topic(path: Path, text: str) -> str | None:
    """The topic in a pyramid file's name (`D0701-AGHI.pyr`), else in its first summary header."""
    match = _TOPIC.match(path.name)
    if match:
        return match.group().lower()
    headers = (_HEADER.fullmatch(html.unescape(line)) for line in _LINE.findall(text))
    header = next((found for found in headers if found), None)
    return header.group("topic").lower() if header else None


def _files(path: Path, option: str) -> list[Path]:
    if not path.is_dir():
        raise DucDataError(f"{option} {path} is not a directory")
    return sorted(child for child in path.iterdir() if child.is_file() and not child.name.startswith("."))


def read_summaries(path: Path, option: str) -> dict[str, list[Summary]]:
    """Summaries in `path` by topic: DUC-named files, and pyramid files' summaries.

    Raises a user error when `path` holds none, naming the file names it expects.
    """
    by_topic: dict[str, dict[str, Summary]] = {}

    def add(topic: str, summaries: Iterable[Summary]) -> None:
        found = by_topic.setdefault(topic, {})
        for summary in summaries:
            found.setdefault(summary.id, summary)  # the first file of an id wins

    for file in _files(path, option):
        if file.suffix.lower() == PYRAMID_SUFFIX:
            text = read_text(file)
            summaries = pyramid_summaries(text)
            topic = _pyramid_topic(file, text)
            if topic is not None and summaries:
                add(topic, summaries)
            continue
        named = summary_name(file.name)
        if named is not None:
            add(named[0], [Summary(named[1], read_text(file))])
    if not by_topic:
        raise DucDataError(f"{option} {path} holds no summary files ({EXPECTED})", hint="")
    return {topic: sorted(found.values(), key=_id_order) for topic, found in by_topic.items()}


def _id_order(summary: Summary) -> tuple[int, int, str]:
    """Systems by number, then humans by letter: the order NIST lists them."""
    return (0, int(summary.id), "") if summary.id.isdigit() else (1, 0, summary.id)


def find_duc_clusters(docs: Path, refs: Path, peers: Path | None = None) -> tuple[list[Cluster], list[str]]:
    """Clusters of the DUC layout and a note for each cluster or topic left out (why)."""
    folders = cluster_folders(docs, DucDataError)
    references = read_summaries(refs, "--refs")
    submitted = read_summaries(peers, "--peers") if peers is not None else {}
    clusters: list[Cluster] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for folder in folders:
        topic = folder_topic(folder.name)
        if topic is None:
            skipped.append(f"cluster {folder.name}: not a topic folder (names like D0601A)")
            continue
        seen.add(topic)
        if topic not in references:
            skipped.append(f"cluster {folder.name}: no references for topic {topic.upper()} in {refs}")
            continue
        if not any(child.is_file() for child in folder.rglob("*")):
            skipped.append(f"cluster {folder.name}: no documents")
            continue
        clusters.append(
            Cluster(folder.name, folder, tuple(references[topic]), tuple(submitted.get(topic, ())))
        )
    for option, topics in (("references", references), ("peers", submitted)):
        orphans = [topic.upper() for topic in sorted(set(topics) - seen)]
        if orphans:
            shown = ", ".join(orphans[:5]) + (f" and {len(orphans) - 5} more" if len(orphans) > 5 else "")
            plural = "s" if len(orphans) != 1 else ""
            skipped.append(
                f"{option} of {len(orphans)} topic{plural} with no cluster folder in {docs}: {shown}"
            )
    if not clusters:
        raise DucDataError(
            f"no cluster folder in {docs} matches a reference topic in {refs} "
            f"(folders like D0601A match references named like D0601.M.250.A.A)",
            hint="",
        )
    if peers is not None and not any(cluster.peers for cluster in clusters):
        raise DucDataError(f"no peer in {peers} matches a cluster folder in {docs}", hint="")
    return clusters, skipped


def read_nist_averages(path: Path) -> dict[str, float]:
    """NIST's average score per summarizer id from a ROUGE `.avg` file (`24 0.09505 (95%-conf.int. ...)`)."""
    if not path.is_file():
        raise DucDataError(f"--nist-avg {path} is not a file", hint="")
    averages: dict[str, float] = {}
    for line in read_text(path).splitlines():
        match = _NIST_AVERAGE.match(line)
        if match:
            averages.setdefault(match.group("id"), float(match.group("score")))
    if not averages:
        raise DucDataError(f"--nist-avg {path} has no lines like '24 0.09505 (95%-conf.int. ...)'", hint="")
    return averages
