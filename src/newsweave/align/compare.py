"""Divergences between independent sources, from the values their sentences state.

A divergence is two independent voices stating *different* values in the
*same slot*: the same preposition before a place, the same counted noun,
the same happening measured, the same kind of institution named. Inside a
claim group (sentences that say the same thing) every slot is compared.
Across the whole story only slots that identify one fact by themselves are
compared: where the subject departed from, how long a trip lasted, and
institutions whose names share their head and most of their words (one
university spelled two ways), because those facts are told in different
sentences by different sources.

Being wrong here is costly (a reader is told sources disagree when they do
not), so the rules are conservative: a value one side states and the other
does not is never a conflict; an approximate value ("nearly a week") that
is within a fifth of an exact one ("six days") agrees with it; two values
spoken by the same voice (an article and its copy) never conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsweave.align.claims import ClaimGroup
from newsweave.align.values import (
    DATE,
    DEPARTURE,
    DURATION,
    NAME,
    NUMBER,
    OFFER,
    PLACE,
    Value,
    numerals,
)

_APPROX_TOLERANCE = 0.2
Cited = tuple[int, int]  # (source, sentence)


@dataclass(frozen=True)
class Side:
    """One distinct value of a disputed slot and the sentences stating it."""

    key: str
    written: str
    kind: str
    stated_by: tuple[Cited, ...]


@dataclass(frozen=True)
class Dispute:
    """A slot on which independent voices state different values."""

    topic: str
    kind: str
    sides: tuple[Side, ...]


def _amount(key: str) -> tuple[float, str] | None:
    parts = key.split(" ", 1)
    for number, unit in ((parts[0], parts[-1]), (parts[-1], parts[0])):
        try:
            return float(number), unit
        except ValueError:
            continue
    return None


def compatible(left: Value, right: Value) -> bool:
    """Same key, or an approximate figure close enough to the other one."""
    if left.key == right.key:
        return True
    if not (left.approx or right.approx) or left.kind not in {NUMBER, DURATION, OFFER}:
        return False
    a, b = _amount(left.key), _amount(right.key)
    if a is None or b is None or a[1] != b[1]:
        return False
    return abs(a[0] - b[0]) <= _APPROX_TOLERANCE * max(a[0], b[0])


def similar_names(left: str, right: str) -> bool:
    """Two institution names that are one place spelled differently: same
    head, same first word, and most other words shared."""
    a, b = left.split(), right.split()
    if a == b or a[-1] != b[-1] or a[0] != b[0]:
        return False
    rest_a, rest_b = set(a[:-1]), set(b[:-1])
    return len(rest_a & rest_b) / len(rest_a | rest_b) >= 0.5


def consistent(
    kind: str,
    left: Sequence[tuple[Cited, Value]],
    right: Sequence[tuple[Cited, Value]],
    said: Callable[[Cited], str] | None = None,
) -> bool:
    """Two values of one slot that need not contradict each other.

    The same words resolved to different days ("Thursday" in articles of
    different weeks); one duration in two units ("90-day", "three-month");
    a place inside the other ("Banstead", "Banstead High Street"). With the
    sentences' text (`said`), also a sentence of one side that names the
    other's place or states the other's count: "shot three, killing two" and "killed two"
    count different things, "from Huntsville to Beaumont" names both ends.
    """
    if {v.written.casefold() for _, v in left} & {v.written.casefold() for _, v in right}:
        return True
    a, b = left[0][1], right[0][1]
    if kind == DURATION:
        return _same_span(a.key, b.key)
    if kind == PLACE:
        words_a, words_b = set(a.key.split()), set(b.key.split())
        if words_a <= words_b or words_b <= words_a:
            return True
    if said is None or kind not in {PLACE, NUMBER}:
        return False
    return _names(kind, left, b, said) or _names(kind, right, a, said)


def _names(
    kind: str, stating: Sequence[tuple[Cited, Value]], other: Value, said: Callable[[Cited], str]
) -> bool:
    """Some sentence of `stating` also names `other` (a place) or states its number."""
    for cited, _ in stating:
        text = said(cited)
        if kind == PLACE and re.search(rf"\b{re.escape(other.written)}\b", text, re.IGNORECASE):
            return True
        amount = _amount(other.key)
        if kind == NUMBER and amount is not None and amount[0] in numerals(text):
            return True
    return False


_DAYS = {"day": 1.0, "month": 30.44, "year": 365.25}
_SPAN_TOLERANCE = 0.05


def _same_span(left: str, right: str) -> bool:
    """Durations in different units that are one span ("90 day", "3 month")."""
    a, b = _amount(left), _amount(right)
    if a is None or b is None or a[1] == b[1] or a[1] not in _DAYS or b[1] not in _DAYS:
        return False
    days_a, days_b = a[0] * _DAYS[a[1]], b[0] * _DAYS[b[1]]
    return abs(days_a - days_b) <= _SPAN_TOLERANCE * max(days_a, days_b)


def dispute(
    topic: str,
    kind: str,
    stated: Sequence[tuple[Cited, Value]],
    voice: Callable[[int], int],
    said: Callable[[Cited], str] | None = None,
) -> Dispute | None:
    """The sides of a slot, or None when independent voices do not disagree.

    Exact values are sides; an approximate value joins nothing and is left
    out when it agrees with some exact one (it neither backs nor contradicts).
    Sides that are `consistent` with each other make one camp; only camps
    that independent voices split between are a dispute.
    """
    exact = [(cited, value) for cited, value in stated if not value.approx]
    rough = [(cited, value) for cited, value in stated if value.approx]
    keep = exact + [(c, v) for c, v in rough if not any(compatible(v, e) for _, e in exact)]
    sides: dict[str, list[tuple[Cited, Value]]] = {}
    for cited, value in keep:
        sides.setdefault(value.key, []).append((cited, value))
    if len(sides) < 2:
        return None
    voices = {key: {voice(cited[0]) for cited, _ in items} for key, items in sides.items()}
    keys = sorted(sides, key=lambda k: (-len(voices[k]), min(c for c, _ in sides[k])))
    parent = {key: key for key in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if consistent(kind, sides[a], sides[b], said):
                parent[_root(parent, b)] = _root(parent, a)
    camps: dict[str, set[int]] = {}
    for key in keys:
        camps.setdefault(_root(parent, key), set()).update(voices[key])
    disagree = any(a - b or b - a for a in camps.values() for b in camps.values() if a is not b)
    if not disagree:
        return None
    built = []
    for key in keys:
        items = sorted(sides[key], key=lambda item: item[0])
        stating = tuple(dict.fromkeys(c for c, _ in items))
        built.append(Side(key, items[0][1].written, items[0][1].kind, stating))
    return Dispute(topic, kind, tuple(built))


def story_disputes(values: dict[Cited, tuple[Value, ...]], voice: Callable[[int], int]) -> list[Dispute]:
    """Slots that name one fact wherever they are told: departure place,
    duration of a happening, an institution's name."""
    by_slot: dict[tuple[str, str], list[tuple[Cited, Value]]] = {}
    names: list[tuple[Cited, Value]] = []
    for cited in sorted(values):
        for value in values[cited]:
            if value.kind == NAME:
                names.append((cited, value))
            elif value.slot == DEPARTURE or value.kind == DURATION:
                by_slot.setdefault((value.slot, value.kind), []).append((cited, value))
    found = [
        d for (slot, kind), stated in sorted(by_slot.items()) if (d := dispute(slot, kind, stated, voice))
    ]
    found.extend(_name_disputes(names, voice))
    return found


def _name_disputes(names: Sequence[tuple[Cited, Value]], voice: Callable[[int], int]) -> list[Dispute]:
    keys = sorted({value.key for _, value in names})
    parent = {key: key for key in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if similar_names(a, b):
                parent[_root(parent, b)] = _root(parent, a)
    clusters: dict[str, list[tuple[Cited, Value]]] = {}
    for cited, value in names:
        clusters.setdefault(_root(parent, value.key), []).append((cited, value))
    found = []
    for root in sorted(clusters):
        head = root.split()[-1]
        if d := dispute(f"name of the {head}", NAME, clusters[root], voice):
            found.append(d)
    return found


def _root(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        key = parent[key]
    return key


def group_disputes(
    group: ClaimGroup,
    values: dict[Cited, tuple[Value, ...]],
    texts: Callable[[Cited], str],
    voice: Callable[[int], int],
) -> list[Dispute]:
    """Values of one claim, told by its members, that conflict slot by slot."""
    by_slot: dict[tuple[str, str], list[tuple[Cited, Value]]] = {}
    for member in group.members:
        for value in values.get(member, ()):
            if value.kind in {PLACE, NUMBER, OFFER, DATE} and value.slot != DEPARTURE:
                by_slot.setdefault((value.slot, value.kind), []).append((member, value))
    found = []
    for (slot, kind), stated in sorted(by_slot.items()):
        stating = {cited for cited, _ in stated}
        if len({voice(c[0]) for c in stating}) < 2 or any(_several(stated, c) for c in stating):
            continue
        if d := dispute(_topic(slot, kind, stated, texts), kind, stated, voice, texts):
            found.append(d)
    return found


def _several(stated: Sequence[tuple[Cited, Value]], cited: Cited) -> bool:
    """A sentence giving two values in one slot lists things; it is not comparable."""
    return len({v.key for c, v in stated if c == cited}) > 1


def _topic(slot: str, kind: str, stated: Sequence[tuple[Cited, Value]], texts: Callable[[Cited], str]) -> str:
    """A short label from the words around the first stated value."""
    if kind in {NUMBER, OFFER}:
        return slot
    if kind == DATE:
        return f"date ({slot} …)" if slot else "date"
    return f"place ({slot} …)"
