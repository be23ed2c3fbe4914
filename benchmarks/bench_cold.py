"""Where a cold `newsweave brief` spends its time and memory, stage by stage, beside two baselines.

A cold `newsweave brief examples/kim-russia-2023 --format json -q` pays for the
interpreter, the imports, loading spaCy and the MiniLM encoder, and then each
stage of the pipeline. Each figure here is the median of --repeat fresh
subprocesses:

* `newsweave --help`: the command group alone (no command module, no model);
* the whole command, with its peak RSS from the kernel's rusage for that child (`os.wait4`);
* the stages, timed one after the other inside a fresh `python -c` child that runs what
  `pipeline.run` runs (imports; spaCy load; encoder load; read; clean; analyze; embed;
  group; compose; render), with the child's peak RSS after each stage;
* baselines on the same five files, each in a fresh child: sumy's LexRank (import, then a
  five-sentence summary of the five articles as one document, sentences and words split by
  regular expressions so no NLTK data is needed) and trafilatura (import, then `extract` on
  each article wrapped as a minimal HTML page, one <p> per line).

Timings are wall-clock: run on an otherwise idle machine; the caption shows the load average.
Run from the repository root (about a minute per repeat):

    .venv/bin/python benchmarks/bench_cold.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kim-russia-2023"

# Runs the stages of `pipeline.run` one by one; prints [stage, seconds, peak MiB] rows as JSON.
STAGES = r"""
import json, resource, sys, time
rows = []
mark = time.perf_counter()
def done(stage):
    global mark
    now = time.perf_counter()
    rows.append([stage, now - mark, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024])
    mark = time.perf_counter()
from newsweave import pipeline
from newsweave.analyze import analyze_articles, default_models
from newsweave.analyze.embeddings import embed_articles
from newsweave.clean import clean_corpus
from newsweave.compose.bounds import head
from newsweave.config import Config
from newsweave.render import render
done("imports")
config = Config(format="json")
models = default_models()
models.nlp.model
done("spaCy load")
models.encoder.model
done("encoder load")
inputs = pipeline.read_inputs([sys.argv[1]], config)
done("read")
decoded = [head(item.doc, config.max_article_sentences) for item in inputs.loaded]
articles = clean_corpus(decoded, models.nlp.is_organization)
done("clean")
analyzed = analyze_articles(articles, models.nlp, config.max_article_sentences)
done("analyze")
sentence_vectors, title_vectors = embed_articles(analyzed, models.encoder)
prepared = pipeline.Prepared(decoded, analyzed, sentence_vectors, title_vectors)
done("embed")
stories = pipeline.group(prepared, config, models.static)
done("group")
briefs = pipeline.compose(prepared, stories, config, lambda _message: None)
done("compose")
text = render(briefs, "json")
done("render")
print(json.dumps(rows))
"""

LEXRANK = r"""
import re, sys
from pathlib import Path
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words
class Words:
    language = "english"
    def to_words(self, text):
        return re.findall(r"\w+", text)
tokenizer = Words()
paragraphs = []
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    parts = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    paragraphs.append(Paragraph([Sentence(s, tokenizer) for s in parts]))
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
summary = summarizer(ObjectDocumentModel(paragraphs), 5)
assert len(summary) == 5
"""

TRAFILATURA = r"""
import html, sys
from pathlib import Path
import trafilatura
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    lines = path.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    trafilatura.extract(f"<html><body><article>{body}</article></body></html>")
"""


def timed_child(argv: Sequence[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) and stdout of one fresh child process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    out = child.stdout.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0,):
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}")
    return wall, usage.ru_maxrss / 1024, out


def median_child(argv: Sequence[str], repeat: int) -> tuple[float, float]:
    runs = [timed_child(argv) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    newsweave = [python, "-m", "newsweave"]
    table = Table(
        title=f"Cold start on {EXAMPLE.relative_to(ROOT)} (5 articles), median of {args.repeat}",
        caption=f"load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs",
    )
    for column in ("measure", "seconds", "peak RSS MiB"):
        table.add_column(column, justify="left" if column == "measure" else "right")

    wall, rss = median_child([*newsweave, "--help"], args.repeat)
    table.add_row("newsweave --help", f"{wall:.2f}", f"{rss:.0f}")
    wall, rss = median_child([python, "-c", "pass"], args.repeat)
    table.add_row("python -c pass", f"{wall:.2f}", f"{rss:.0f}")
    brief = [*newsweave, "brief", str(EXAMPLE), "--format", "json", "-q"]
    wall, rss = median_child(brief, args.repeat)
    table.add_row("newsweave brief, whole command", f"{wall:.2f}", f"{rss:.0f}", end_section=True)

    runs = [json.loads(timed_child([python, "-c", STAGES, str(EXAMPLE)])[2]) for _ in range(args.repeat)]
    for index, (stage, _, _) in enumerate(runs[0]):
        seconds = statistics.median(run[index][1] for run in runs)
        peak = statistics.median(run[index][2] for run in runs)
        table.add_row(f"  stage: {stage}", f"{seconds:.2f}", f"{peak:.0f}")
    total = statistics.median(sum(row[1] for row in run) for run in runs)
    table.add_row("  stages in all (after interpreter start)", f"{total:.2f}", "", end_section=True)

    wall, rss = median_child([python, "-c", LEXRANK, str(EXAMPLE)], args.repeat)
    table.add_row("sumy LexRank: import + 5-sentence summary", f"{wall:.2f}", f"{rss:.0f}")
    wall, rss = median_child([python, "-c", TRAFILATURA, str(EXAMPLE)], args.repeat)
    table.add_row("trafilatura: import + extract of 5 pages", f"{wall:.2f}", f"{rss:.0f}")
    Console(width=100).print(table)


if __name__ == "__main__":
    main()
