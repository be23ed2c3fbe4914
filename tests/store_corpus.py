"""Invented articles for the store tests: a few made-up events, each told by many outlets."""

from __future__ import annotations

from pathlib import Path

EVENTS = [
    ("Flood closes the old bridge in Marlow Creek", "river", "the old stone bridge", "rescue crews"),
    ("Fire destroys a grain depot near Tessaly", "fire", "the grain depot", "firefighters"),
    ("Storm cuts power to the hill villages of Orn", "storm", "the power lines", "line workers"),
    ("Landslide blocks the mountain road above Vellis", "landslide", "the mountain road", "road crews"),
    ("Chemical leak empties a school in Harrowgate Vale", "leak", "the school", "hazard teams"),
]
OUTLETS = ["The Daily Lantern", "Coastline Post", "Valley Courier", "Morning Ledger", "Northgate Times"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(event: int, version: int) -> str:
    """One outlet's report of one invented event; every (event, version) reads differently."""
    title, cause, place, crews = EVENTS[event % len(EVENTS)]
    outlet = OUTLETS[version % len(OUTLETS)]
    day = WEEKDAYS[(event + version) % len(WEEKDAYS)]
    return (
        f"{title}\n"
        f"{outlet}\n"
        f"By Staff Reporter {version}\n"
        f"\n"
        f"The {cause} struck on {day} and damaged {place}, officials said.\n"
        f"{crews.capitalize()} worked through the night, and {version + 3} people were moved to safety.\n"
        f"Local officials said repairs to {place} would take at least {event + version + 2} weeks.\n"
        f"Residents were told to avoid the area until further notice, report {version} added.\n"
    )


def write_corpus(folder: Path, count: int) -> list[Path]:
    """`count` distinct invented articles as .txt files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{index:04d}.txt"
        path.write_text(article(index % len(EVENTS), index // len(EVENTS)), encoding="utf-8")
        paths.append(path)
    return paths
