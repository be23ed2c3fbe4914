"""Input limits: time and peak memory of reading (and cleaning) 50 MB inputs.

Each case runs in a fresh Python process, so its memory is its own: the input
file is written first, then the child reads it through the public path
(`discover` -> `read_docs` with `Limits`), optionally cleans what it read
(`clean_corpus`, with spaCy's organisation test), and reports

    seconds     wall time of reading (+ cleaning)
    tracemalloc peak of Python allocations during the case (lxml's C heap is not seen)
    rss delta   growth of the process's peak resident memory over its size before the case
    multiple    rss delta / input size: "bounded" means a small constant here

Cases: a 50 MiB text file (refused by max_file_bytes before it is read; and
read with the limits raised), a 50 MiB JSON Lines dump of many records (read;
and read + cleaned), a gzip bomb (50 MiB of zeros packed into ~50 kB, refused
past max_decompression_ratio), and a deeply nested HTML page (50 MiB refused
by max_html_bytes; 5 MB read at the defaults, where the parser caps the depth;
5 MB refused by a lowered max_html_depth).

    .venv/bin/python benchmarks/bench_limits.py [--clean]

Prints one table; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

MB = 1024 * 1024
SIZE = 50 * MB
SENTENCE = "The council of the harbour town approved a new ferry timetable on Tuesday evening"
RAISED = {"max_file_bytes": 60 * MB, "max_lines": 2_000_000, "max_html_bytes": 60 * MB}

# name -> (file name, limits, clean afterwards)
CASES: dict[str, tuple[str, dict[str, int], bool]] = {
    "text 50 MiB, default limits": ("big.txt", {}, False),
    "text 50 MiB, limits raised": ("big.txt", RAISED, False),
    "text 50 MiB, raised, + clean": ("big.txt", RAISED, True),
    "jsonl 50 MiB (25k records)": ("dump.jsonl", RAISED, False),
    "jsonl 50 MiB, + clean": ("dump.jsonl", RAISED, True),
    "gzip bomb (50 MiB of zeros)": ("bomb.warc.gz", {}, False),
    "deep HTML 50 MiB, file limit raised": ("deep.html", {"max_file_bytes": 60 * MB}, False),
    "deep HTML 5 MB, defaults": ("deep5.html", {}, False),
    "deep HTML 5 MB, depth 64": ("deep5.html", {"max_html_depth": 64}, False),
}


def write_inputs(folder: Path) -> None:
    line = f"{SENTENCE}, officials said in a statement.\n".encode()
    (folder / "big.txt").write_bytes(line * (SIZE // len(line) + 1))
    article = "\n".join(f"{SENTENCE}, paragraph {n}." for n in range(1, 24))
    records = []
    for n in range(25_000):
        records.append(json.dumps({"title": f"Timetable {n}", "text": article}).encode())
    (folder / "dump.jsonl").write_bytes(b"\n".join(records)[:SIZE].rsplit(b"\n", 1)[0] + b"\n")
    (folder / "bomb.warc.gz").write_bytes(gzip.compress(b"\0" * SIZE))
    for name, size in (("deep.html", SIZE), ("deep5.html", 5_000_000)):
        depth = (size - 200) // 11
        page = (
            "<!doctype html><html><body><p>" + SENTENCE + ".</p>" + "<div>" * depth + "x" + "</div>" * depth
        )
        (folder / name).write_bytes((page + "</body></html>").encode())


def run_case(name: str, folder: Path) -> dict[str, object]:
    """One case, in this process: read (and clean) one input, measure it."""
    from newsweave.clean import clean_corpus
    from newsweave.readers import Limits, discover, read_docs

    file_name, settings, clean = CASES[name]
    nlp = None
    if clean:
        from newsweave.analyze import SpacyNlp

        nlp = SpacyNlp()
        nlp.is_organization("Harbour Council")  # load the model before measuring
    limits = Limits(**settings)
    path = folder / file_name
    before = _reset_peak_rss()
    tracemalloc.start()
    started = time.perf_counter()
    found = discover([str(path)], max_bytes=limits.max_file_bytes)
    read = read_docs(found.docs, limits=limits)
    if nlp is not None:
        clean_corpus([record.doc for record in read.records], nlp.is_organization)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_delta = max(0, _peak_rss() - before)
    skipped = [*found.skipped, *read.skipped]
    if read.records:
        outcome = f"read {len(read.records):,} article(s)"
        if skipped:
            outcome += f", {len(skipped)} skipped"
    elif skipped:
        outcome = "refused: " + skipped[0].reason.split(";")[0][:60]
    else:
        outcome = "nothing"
    return {
        "size": path.stat().st_size,
        "outcome": outcome + (" + cleaned" if clean and read.records else ""),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak / MB, 1),
        "rss_mb": round(rss_delta / MB, 1),
    }


def _reset_peak_rss() -> int:
    """The resident size now, after resetting the kernel's peak (VmHWM) to it.

    ru_maxrss cannot serve: Linux carries it over from the parent across exec.
    """
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
    return _status_kb("VmRSS") * 1024


def _peak_rss() -> int:
    return _status_kb("VmHWM") * 1024


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--clean", action="store_true", help="also run the cases that clean (slow)")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, Path(args.folder))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_inputs(folder)
        print("| input | size | outcome | seconds | tracemalloc peak MB | RSS delta MB | RSS / size |")
        print("|---|---:|---|---:|---:|---:|---:|")
        for name, (_, _, clean) in CASES.items():
            if clean and not args.clean:
                continue
            child = subprocess.run(
                [sys.executable, __file__, "--case", name, "--folder", str(folder)],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(child.stdout.strip().splitlines()[-1])
            size = int(str(row["size"]))
            multiple = float(str(row["rss_mb"])) * MB / size
            print(
                f"| {name} | {size / MB:,.2f} MiB | {row['outcome']} | {row['seconds']} | "
                f"{row['peak_mb']} | {row['rss_mb']} | {multiple:.2f}x |"
            )


if __name__ == "__main__":
    main()
