"""DUC document sets as one labelled stream, for `bench_clusters.py` and `newsweave eval clusters`.

    .venv/bin/python benchmarks/duc_labelled.py --out /tmp/duc-stream.jsonl \\
        DUC_data/DUC2006/duc2006_docs DUC_data/DUC2007/duc2007_testdocs/main

Each folder holds one subfolder per topic (`D0601A`, ...), each of LDC SGML
files. Every document is read with newsweave's own SGML reader and written
as one JSON line: `id` (topic/DOCNO), `title` (the headline), `published`
(the wire date), `text` (the article's lines) and the gold `story`: its
topic, five characters (`D0601`). Lines are sorted by date, then id: a
stream as a wire desk would have received it. DUC text is licensed: write
the file outside the repository.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsweave.models import RawDoc
from newsweave.readers.sgml import read_sgml


def topic_records(folder: Path) -> list[dict[str, str | None]]:
    """One record per document of every topic folder under `folder`."""
    records = []
    for topic in sorted(path for path in folder.iterdir() if path.is_dir()):
        for path in sorted(file for file in topic.iterdir() if file.is_file()):
            for record in read_sgml(RawDoc(str(path), path.read_bytes())).records:
                doc = record.doc
                lines = [line.strip() for line in doc.lines if line.strip()]
                published = doc.meta.date[:10] if doc.meta.date else None
                name = Path(record.raw.path).name.split("#")[-1]
                records.append(
                    {
                        "id": f"{topic.name}/{name}",
                        "title": doc.meta.title,
                        "published": published,
                        "text": "\n".join(line for line in lines if line != doc.meta.title),
                        "story": topic.name[:5],
                    }
                )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="DUC docs folders (one subfolder per topic)")
    parser.add_argument("--out", type=Path, required=True, help="the JSON Lines file to write")
    args = parser.parse_args()
    records = [record for folder in args.folders for record in topic_records(folder)]
    records.sort(key=lambda r: (r["published"] or "9999", r["id"] or ""))
    with args.out.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")
    print(f"{len(records)} documents in {len({r['story'] for r in records})} topics -> {args.out}")


if __name__ == "__main__":
    main()
