"""The story's timeline: dated happenings, merged across sources, each cited.

Why built from sentences rather than from extracted events: every line a
reader sees must be a sentence some source wrote, so an entry is one source
sentence that carries a resolved date (`Sentence.times`, filled by
`analyze.timerefs`), cited by every other sentence that tells the same
happening on the same date.

Rules, in order:

1. **One date per sentence.** Only English sources are read. A sentence is
   filed under the first day-precise date it tells as past or present (its
   main verb is usually about that one); failing that, the first day it
   tells as reported ("officials said on Monday"); then the first day told as
   the future (a plan); then the first month or year told either way. Dates
   whose tense is unknown are not used. So no sentence appears twice.
2. **Main sequence vs background.** The news window runs from
   `WINDOW_DAYS` before the earliest publication day of the sources to the
   latest one (plus the slack a past-told date may have; see
   `analyze.timerefs`). Day-precise happenings inside it are the main
   sequence. Anything earlier, anything only month- or year-precise, and
   anything told as the future (planned) is background. Without any
   publication day, the window ends on the latest day-precise happening.
3. **Merging.** Sentences with the same date value merge when their
   embeddings are close: cosine at least `MERGE_SIMILARITY`, or
   `MERGE_SIMILARITY_SHARED` when both name a person few other dated
   sentences of the story name (a shared rare name is strong evidence of
   one happening). Linkage is average with a floor, so one bridging
   sentence cannot chain two happenings together. On the
   example corpus same-day sentences about one happening scored 0.51-0.80
   and different happenings of one day 0.23-0.56 once reports are kept
   apart from what happened (below), which is why the plain bar sits at
   0.58, a person's name few dated sentences share lowers it to 0.5, and a
   candidate joins an entry when its margins over the bar, summed over the
   members, are not negative (no single pair below `MERGE_FLOOR`).
   What happened on a day, what was said or reported on it and what is
   planned for it are merged only within their own kind: "officials said on
   Monday" and "the plant closed on Monday" are two happenings.
4. **The sentence shown** is the one backed by most independent voices
   within its entry (a syndicated copy shares its original's voice), then
   the most central one, then the earliest source and line. It is cited
   first with similarity 1.0; the others follow in source and line order.
5. **Trimming and order.** At most `MAX_MAIN` main and `MAX_BACKGROUND`
   background entries are kept, best supported first (voices, then
   citations, then nearest the news window); the main sequence is then
   ordered by date and the first citation's source and line, and
   background follows, by date.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from newsweave.analyze.embeddings import Vectors
from newsweave.analyze.timerefs import SLACK_DAYS
from newsweave.dating.calendar import month_end, month_start
from newsweave.models import AnalyzedArticle, Citation, Sentence, TimelineItem, TimeRef
from newsweave.vocabulary import Granularity, Tense

WINDOW_DAYS = 14
MERGE_SIMILARITY = 0.58
MERGE_SIMILARITY_SHARED = 0.5
MERGE_FLOOR = 0.45  # no two sentences of one entry are less similar than this
RARE_SHARE = 0.4  # a name in at most this share of dated sentences (and at least two) is rare
MAX_MAIN = 12
MAX_BACKGROUND = 6
TOLD = "told"  # happened (or is happening) on the date
REPORTED = "reported"  # someone said or reported something on the date
PLANNED = "planned"  # ahead of the sources
_KINDS = {Tense.REPORT: REPORTED, Tense.FUTURE: PLANNED}
_NAME_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class _Event:
    source: int
    order: int
    sentence: Sentence
    ref: TimeRef
    kind: str
    vector: Vectors
    name_groups: tuple[frozenset[str], ...]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(word for group in self.name_groups for word in group)


def build_timeline(
    source_ids: Sequence[str],
    articles: Sequence[AnalyzedArticle],
    vectors: Sequence[Vectors],
    voices: Sequence[int],
) -> tuple[TimelineItem, ...]:
    """Main sequence then background, each entry one source sentence cited by all that tell it."""
    events = _events(articles, vectors)
    if not events:
        return ()
    start, end = _window(articles, events)
    rare = _rare_names(events)
    groups: dict[tuple[str, str], list[_Event]] = defaultdict(list)
    for event in events:
        groups[(event.ref.value, event.kind)].append(event)
    main: list[tuple[tuple[int, int], TimelineItem]] = []
    background: list[tuple[tuple[int, int], TimelineItem]] = []
    for key in sorted(groups):
        for cluster in _clusters(groups[key], rare):
            first = cluster[0]
            is_background = (
                first.kind == PLANNED
                or first.ref.granularity != Granularity.DAY
                or not start <= _day(first) <= end
            )
            item = _item(cluster, source_ids, voices, is_background)
            support = (len({voices[e.source] for e in cluster}), len(cluster))
            (background if is_background else main).append((support, item))
    index = {source_id: number for number, source_id in enumerate(source_ids)}
    return _keep(main, MAX_MAIN, index, (start, end)) + _keep(background, MAX_BACKGROUND, index, (start, end))


def _events(articles: Sequence[AnalyzedArticle], vectors: Sequence[Vectors]) -> list[_Event]:
    events: list[_Event] = []
    for source, (analyzed, rows) in enumerate(zip(articles, vectors, strict=True)):
        if not analyzed.article.in_english():
            continue
        for order, sentence in enumerate(analyzed.sentences):
            ref = filing_date(sentence.times)
            if ref is not None:
                names = tuple(
                    frozenset(word.casefold() for word in _NAME_WORD.findall(entity.text))
                    for entity in sentence.entities
                    if entity.label == "PERSON"
                )
                kind = _KINDS.get(ref.tense, TOLD)
                events.append(_Event(source, order, sentence, ref, kind, rows[order], names))
    return events


def filing_date(times: Sequence[TimeRef]) -> TimeRef | None:
    """The one date a sentence is filed under (rule 1 of the module docstring)."""
    days = [ref for ref in times if ref.granularity == Granularity.DAY]
    for wanted in ((Tense.PAST, Tense.PRESENT), (Tense.REPORT,), (Tense.FUTURE,)):
        for ref in days:
            if ref.tense in wanted:
                return ref
    for ref in times:
        if ref.granularity != Granularity.DAY and ref.tense != Tense.UNKNOWN:
            return ref
    return None


def _window(articles: Sequence[AnalyzedArticle], events: Sequence[_Event]) -> tuple[date, date]:
    """First and last day of the news window (rule 2)."""
    published = [day for a in articles if a.article.in_english() and (day := a.article.publication_day())]
    if published:
        return min(published) - timedelta(days=WINDOW_DAYS), max(published) + timedelta(days=SLACK_DAYS)
    told = [_day(e) for e in events if e.ref.granularity == Granularity.DAY and e.kind != PLANNED]
    if not told:
        return date.max, date.min  # an empty window: everything is background
    return max(told) - timedelta(days=WINDOW_DAYS), max(told)


def _day(event: _Event) -> date:
    ref = event.ref
    return date.fromisoformat(ref.value) if ref.granularity == Granularity.DAY else date.min


def _rare_names(events: Sequence[_Event]) -> frozenset[str]:
    """Name words few dated sentences use, and only inside names that are all rare.

    A word of a frequent name is not rare even when written less often: the
    given name of a story's protagonist appears only with the surname, which
    is everywhere, so it says nothing about which happening a sentence tells.
    """
    counts = Counter(word for event in events for word in event.names)
    limit = max(2, int(RARE_SHARE * len(events)))
    rare = {word for word, count in counts.items() if count <= limit}
    for event in events:
        for name in event.name_groups:
            if not name <= rare:
                rare -= name
    return frozenset(rare)


def _similar(a: _Event, b: _Event, rare: frozenset[str]) -> tuple[float, float]:
    """Cosine (rounded) and its margin over the bar for this pair (>= 0: close enough)."""
    similarity = round(float(a.vector @ b.vector), 4)
    bar = MERGE_SIMILARITY_SHARED if a.names & b.names & rare else MERGE_SIMILARITY
    return similarity, round(similarity - bar, 4)


def _clusters(group: Sequence[_Event], rare: frozenset[str]) -> list[list[_Event]]:
    """Average-linkage groups with a floor (rule 3).

    Seeds with most close neighbours go first; candidates join closest to
    the seed first, when on average they clear the bar against the members
    and no member is below `MERGE_FLOOR` from them.
    """
    size = len(group)
    close = [[_similar(group[i], group[j], rare) for j in range(size)] for i in range(size)]
    degree = [sum(1 for j in range(size) if j != i and close[i][j][1] >= 0) for i in range(size)]
    seeds = sorted(range(size), key=lambda i: (-degree[i], group[i].source, group[i].order))
    taken: set[int] = set()
    clusters: list[list[_Event]] = []
    for seed in seeds:
        if seed in taken:
            continue
        members = [seed]
        taken.add(seed)
        others = sorted(
            (j for j in range(size) if j not in taken and close[seed][j][1] >= 0),
            key=lambda j: (-close[seed][j][0], group[j].source, group[j].order),
        )
        for other in others:
            margins = [close[member][other][1] for member in members]
            floor = min(close[member][other][0] for member in members)
            if sum(margins) >= 0 and floor >= MERGE_FLOOR:
                members.append(other)
                taken.add(other)
        clusters.append([group[i] for i in members])
    return clusters


def _item(
    cluster: Sequence[_Event], source_ids: Sequence[str], voices: Sequence[int], background: bool
) -> TimelineItem:
    """The entry for one merged happening: its best-backed sentence, cited by all (rule 4)."""

    def backing(event: _Event) -> tuple[int, float, int, int]:
        own = voices[event.source]
        others: dict[int, float] = {}
        for other in cluster:
            if voices[other.source] != own:
                similarity = float(event.vector @ other.vector)
                others[voices[other.source]] = max(others.get(voices[other.source], -1.0), similarity)
        # centrality over other voices only: a copy agreeing with its original adds nothing
        centrality = round(float(np.mean(list(others.values()))), 4) if others else 0.0
        return (-(len(others) + 1), -centrality, event.source, event.order)

    chosen = min(cluster, key=backing)
    rest = sorted((e for e in cluster if e is not chosen), key=lambda e: (e.source, e.order))
    cite = [_cite(chosen, source_ids, 1.0)]
    cite.extend(_cite(e, source_ids, round(float(chosen.vector @ e.vector), 2)) for e in rest)
    return TimelineItem(
        date=chosen.ref.value,
        granularity=chosen.ref.granularity,
        text=chosen.sentence.text,
        cite=tuple(cite),
        background=background,
        phrase=chosen.ref.phrase,
    )


def _cite(event: _Event, source_ids: Sequence[str], similarity: float) -> Citation:
    return Citation(source_ids[event.source], event.sentence.line, event.sentence.text, min(similarity, 1.0))


def _keep(
    entries: Sequence[tuple[tuple[int, int], TimelineItem]],
    limit: int,
    index: dict[str, int],
    window: tuple[date, date],
) -> tuple[TimelineItem, ...]:
    """The `limit` best-supported entries, back in date order (rule 5).

    Among equally supported entries the ones nearest the news window stay:
    last month's launch and next month's visit matter more to the story than
    a founding date decades back.
    """

    def place(item: TimelineItem) -> tuple[str, int, int]:
        first = item.cite[0]
        return (item.date, index[first.source], first.line)

    def rank(entry: tuple[tuple[int, int], TimelineItem]) -> tuple[int, int, int, tuple[str, int, int]]:
        (voices, cites), item = entry
        return (-voices, -cites, _gap(item.date, item.granularity, window), place(item))

    best = sorted(entries, key=rank)[:limit]
    return tuple(sorted((item for _support, item in best), key=place))


def _gap(value: str, granularity: Granularity, window: tuple[date, date]) -> int:
    """Days between the period an ISO value names and the news window (0 when they overlap)."""
    year = int(value[:4])
    if granularity == Granularity.DAY:
        first = last = date.fromisoformat(value)
    elif granularity == Granularity.MONTH:
        month = int(value[5:7])
        first, last = month_start(year, month), month_end(year, month)
    else:
        first, last = date(year, 1, 1), date(year, 12, 31)
    start, end = window
    if start > end:
        return 0  # no window known
    if last < start:
        return (start - last).days
    return max((first - end).days, 0)
