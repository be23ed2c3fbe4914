"""How well line roles match hand labels: noise and meta detection, per reason.

Layout: any folder (searched recursively) holding article files `X.txt` next
to their labels `X.roles.tsv`, one row per non-blank line:
`<line>\\t<role>\\t<reason or field>`. Articles in one folder are cleaned
together, as one corpus, so evidence across documents counts as it would in
a real run. The report gives precision, recall and F1 of noise detection and
of meta detection (role right, whatever the label), and per label (role and
label both right).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.table import Table

from newsweave.clean import clean_corpus
from newsweave.models import Line
from newsweave.readers import decode, discover
from newsweave.vocabulary import Role

Label = tuple[str, str]  # (role, reason or field); ("body", "") for article text


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        self.tp += gold and predicted
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class LineRoleResult:
    documents: int = 0
    lines: int = 0
    by_role: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_label: dict[Label, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[tuple[str, int, Label, Label]] = field(default_factory=list)


def read_labels(path: Path) -> dict[int, Label]:
    labels: dict[int, Label] = {}
    for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not row.strip():
            continue
        parts = row.split("\t")
        if len(parts) != 3 or not parts[0].isdigit():
            raise ValueError(f"{path}:{number}: expected '<line>\\t<role>\\t<label>', got {row!r}")
        labels[int(parts[0])] = (parts[1], parts[2])
    return labels


def evaluate_line_roles(folder: Path, is_organization: Callable[[str], bool]) -> LineRoleResult:
    result = LineRoleResult()
    label_files = sorted(folder.rglob("*.roles.tsv"))
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for label_file in label_files:
        by_folder[label_file.parent].append(label_file)
    for files in by_folder.values():
        articles = [str(f.with_name(f.name.removesuffix(".roles.tsv") + ".txt")) for f in files]
        docs = [decode(raw) for raw in discover(articles).docs]
        for label_file, article in zip(files, clean_corpus(docs, is_organization), strict=True):
            _score(result, article.path, read_labels(label_file), article.lines)
    return result


def _score(result: LineRoleResult, path: str, gold: dict[int, Label], lines: Sequence[Line]) -> None:
    result.documents += 1
    predicted = {line.n: (line.role, line.reason or line.field or "") for line in lines}
    if set(predicted) != set(gold):
        raise ValueError(f"{path}: labels cover lines {sorted(set(gold) ^ set(predicted))} wrongly")
    for n in sorted(gold):
        want, got = gold[n], predicted[n]
        result.lines += 1
        for role in (Role.NOISE, Role.META):
            result.by_role[role].add(want[0] == role, got[0] == role)
        for label in {want, got}:
            if label[0] != Role.BODY:
                result.by_label[label].add(want == label, got == label)
        if want != got:
            result.errors.append((path, n, want, got))


def render_table(result: LineRoleResult) -> Table:
    table = Table(
        title=f"Line roles vs hand labels: {result.documents} documents, {result.lines} lines",
        title_justify="left",
    )
    for column in ("what", "gold", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "what" else "right")
    for role in (Role.NOISE, Role.META):
        counts = result.by_role[role]
        table.add_row(f"{role} (any label)", *_figures(counts), style="bold")
    for (kind, label), counts in sorted(result.by_label.items()):
        table.add_row(f"  {kind}: {label}", *_figures(counts))
    return table


def _figures(counts: Counts) -> list[str]:
    gold = counts.tp + counts.fn
    return [str(gold), f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}"]


def error_lines(result: LineRoleResult, limit: int = 40) -> list[str]:
    """`path:line gold -> predicted`, for reading what went wrong."""
    return [f"{path}:{n} {'/'.join(want)} -> {'/'.join(got)}" for path, n, want, got in result.errors[:limit]]
