"""What `eval summaries` scores: clusters of articles with reference and peer summaries.

Two layouts on disk become the same `Cluster` objects, so scoring never
cares where a summary came from:

* the folder layout (this module): `DIR/CLUSTER/docs/*.txt` with the
  cluster's references in `DIR/CLUSTER/refs/*.txt`, each reference's id
  its file stem; no official peers. The team's benchmark clusters and the
  test fixtures use it.
* the DUC layout (`duc.py`): documents, references and peers in three
  separate trees, matched by topic id, as NIST distributes DUC 2006/2007.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import UserError


class SummaryDataError(UserError):
    """The evaluation folders do not have a layout `eval summaries` reads."""

    hint = "DIR needs one folder per cluster, each with docs/*.txt and refs/*.txt (or give --refs)"


@dataclass(frozen=True)
class Summary:
    """One reference or official peer summary: its id (letter for humans, number for systems)."""

    id: str
    text: str


@dataclass(frozen=True)
class Cluster:
    """A set of articles about one topic (`folder`, read as the pipeline reads a
    directory) and the summaries it is scored against or beside."""

    name: str
    folder: Path
    refs: tuple[Summary, ...]
    peers: tuple[Summary, ...] = ()


def read_text(path: Path) -> str:
    """A summary file's text; a file that cannot be read is a user error naming it."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise SummaryDataError(f"cannot read {path}: {error.strerror or error}") from error


def cluster_folders(path: Path, error: type[SummaryDataError] = SummaryDataError) -> list[Path]:
    """The visible sub-folders of `path`, sorted; `error` (with its layout's hint) when there are none."""
    if not path.is_dir():
        raise error(f"{path} is not a directory")
    folders = sorted(child for child in path.iterdir() if child.is_dir() and not child.name.startswith("."))
    if not folders:
        raise error(f"{path} holds no cluster folders")
    return folders


def find_clusters(path: Path) -> tuple[list[Cluster], list[str]]:
    """The usable clusters of the folder layout under `path`, and a note for each folder skipped (why)."""
    clusters: list[Cluster] = []
    skipped: list[str] = []
    for folder in cluster_folders(path):
        docs = sorted((folder / "docs").glob("*.txt"))
        refs = sorted((folder / "refs").glob("*.txt"))
        missing = [name for name, found in (("docs/*.txt", docs), ("refs/*.txt", refs)) if not found]
        if missing:
            skipped.append(f"cluster {folder.name}: no {' and no '.join(missing)}")
            continue
        summaries = tuple(Summary(ref.stem, read_text(ref)) for ref in refs)
        clusters.append(Cluster(folder.name, folder / "docs", summaries))
    if not clusters:
        raise SummaryDataError(f"no usable cluster in {path} ({'; '.join(skipped)})")
    return clusters, skipped
