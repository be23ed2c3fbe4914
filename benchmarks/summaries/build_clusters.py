"""Build the `newsweave eval summaries` layout from ECB+ records and the team's references.

    .venv/bin/python benchmarks/summaries/build_clusters.py ../shared/data/ecbplus-dev.jsonl OUT_DIR
    .venv/bin/newsweave eval summaries OUT_DIR

For every reference `refs/STORY.txt` beside this script, writes the story's
documents as OUT_DIR/STORY/docs/ID.txt (title line, blank line, text; no title
line when the record has none) and copies the reference to
OUT_DIR/STORY/refs/team.txt. The bundled example corpus becomes one more
cluster, with `example-ref.txt` as its reference. OUT_DIR is replaced.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REFS = HERE / "refs"
EXAMPLE = HERE.parent.parent / "examples" / "kim-russia-2023"
EXAMPLE_REF = HERE / "example-ref.txt"


def read_stories(jsonl: Path, wanted: set[str]) -> dict[str, list[dict[str, Any]]]:
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if record["story"] in wanted:
                    stories[record["story"]].append(record)
    return stories


def document_text(record: dict[str, Any]) -> str:
    title = (record.get("title") or "").strip()
    text = record["text"].strip()
    return f"{title}\n\n{text}\n" if title else f"{text}\n"


def build(jsonl: Path, out: Path) -> list[tuple[str, int]]:
    """Writes the clusters; returns (cluster, number of documents) for each."""
    refs = {path.stem: path for path in sorted(REFS.glob("*.txt"))}
    stories = read_stories(jsonl, set(refs))
    missing = sorted(set(refs) - set(stories))
    if missing:
        raise SystemExit(f"stories with a reference but no documents in {jsonl}: {', '.join(missing)}")
    if out.exists():
        shutil.rmtree(out)
    built: list[tuple[str, int]] = []
    for story, ref in refs.items():
        docs = out / story / "docs"
        docs.mkdir(parents=True)
        for record in stories[story]:
            (docs / f"{record['id']}.txt").write_text(document_text(record), encoding="utf-8")
        (out / story / "refs").mkdir()
        shutil.copyfile(ref, out / story / "refs" / "team.txt")
        built.append((story, len(stories[story])))
    example = out / EXAMPLE.name
    (example / "docs").mkdir(parents=True)
    for path in sorted(EXAMPLE.glob("*.txt")):  # contents only: the bundled files are read-only
        (example / "docs" / path.name).write_bytes(path.read_bytes())
    (example / "refs").mkdir()
    shutil.copyfile(EXAMPLE_REF, example / "refs" / "team.txt")
    built.append((EXAMPLE.name, len(list(EXAMPLE.glob("*.txt")))))
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl", type=Path, help="ECB+ records, one JSON object per line")
    parser.add_argument("out", type=Path, help="folder to (re)create with one folder per cluster")
    args = parser.parse_args(argv)
    for name, count in build(args.jsonl, args.out):
        print(f"{name}: {count} docs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
