"""Filing articles one at a time: features, the story index, and the store's filing.

Features come from the real static encoder; cleaning and briefs run on the
fakes of tests/fakes.py, and the PostgreSQL runs are integration tests.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.config import Config
from newsweave.filing import file_article, load_index
from newsweave.group.features import ArticleFeatures, describe_articles, distinctive, vocabulary_ranks
from newsweave.group.names import split_sentences
from newsweave.group.scoring import StoryConfig
from newsweave.group.state import STATE_KEYS, state_from_json, state_to_json
from newsweave.group.stories import StoryIndex
from newsweave.group.table import StateTable
from newsweave.ingest import content_id, ingest
from newsweave.models import Article, PublishedDate, RawDoc
from newsweave.readers import load
from newsweave.store import open_store, tables

HARBOUR = (
    "Crane collapse closes the Port Ellis harbour\n\n"
    "A container crane collapsed at the Port Ellis harbour on Tuesday, injuring 4 dock workers.\n"
    "Harbour master Ana Ruiz said the 60-metre crane fell during a storm and blocked berth 7.\n"
    "Ruiz said the berth would stay closed while engineers from Delmar Cranes inspect the wreck.\n"
)
HARBOUR_AGAIN = (
    "Port Ellis berth shut after crane falls\n\n"
    "Four dock workers were hurt when a 60-metre crane toppled at Port Ellis harbour on Tuesday.\n"
    "Ana Ruiz, the harbour master, said berth 7 was blocked and Delmar Cranes engineers were called.\n"
)
VOTE = (
    "Tessaly council approves new tram line\n\n"
    "The Tessaly city council voted 31 to 12 on Thursday to build a tram line to the university.\n"
    "Mayor Jonas Brill said construction of the 9-kilometre line would begin next spring.\n"
)


def _articles(models: Models, *texts: str, day: str | None = None) -> list[Article]:
    docs = [load(RawDoc(f"{n}.txt", text.encode())) for n, text in enumerate(texts)]
    cleaned = clean_corpus(docs, models.nlp.is_organization)
    if day is None:
        return cleaned
    return [replace(a, published=PublishedDate(day, 1.0, ("given",))) for a in cleaned]


def test_sentences_split_after_end_marks_before_capitals() -> None:
    text = 'He left at 3 p.m. on Friday. "We are done," she said! Was it 2.5 km? Yes.'
    assert split_sentences(text) == [
        "He left at 3 p.m. on Friday.",
        '"We are done," she said!',
        "Was it 2.5 km?",
        "Yes.",
    ]


def test_titles_and_initials_do_not_end_a_sentence() -> None:
    text = "He met Mr. Brill in the U.S. Capitol. J. Okafor agreed. Then he left."
    expected = ["He met Mr. Brill in the U.S. Capitol.", "J. Okafor agreed.", "Then he left."]
    assert split_sentences(text) == expected


def test_names_inside_sentences_and_acronyms_count_but_not_capitalized_openers(fake_models: Models) -> None:
    text = (
        "Flood Warning For Two Towns\n\n"
        "Rain fell for three days on the valley near Tessaly, the weather service said on Monday.\n"
        "Several roads were closed. UNHCR sent tents to the valley.\n"
        "Families left Łódź on Friday. Crews pumped water from the tunnel.\n"
    )
    (features,) = describe_articles(_articles(fake_models, text), fake_models.static)
    assert {"tessaly", "łódź", "unhcr"} <= set(features.entities)
    assert not {"several", "crews", "flood", "warning", "monday"} & set(features.entities)


def test_describe_articles_read_names_figures_and_salient_people(fake_models: Models) -> None:
    (features,) = describe_articles(_articles(fake_models, HARBOUR), fake_models.static)
    assert {"ana ruiz", "ruiz", "port ellis", "delmar cranes"} <= set(features.entities)
    assert "tuesday" not in features.entities and "a" not in features.entities
    assert "ana ruiz" in features.people and "port ellis" in features.people
    assert "4" in features.numbers and "7" in features.numbers
    assert abs(float(np.linalg.norm(features.vector)) - 1.0) < 1e-5


def test_the_same_event_joins_and_another_opens_its_own_story(fake_models: Models) -> None:
    ranks = vocabulary_ranks(fake_models.static)
    articles = _articles(fake_models, HARBOUR, VOTE, HARBOUR_AGAIN)
    features = [distinctive(f, ranks) for f in describe_articles(articles, fake_models.static)]
    index = StoryIndex(fake_models.static.dimension)
    labels = []
    for seq, feature in enumerate(features, start=1):
        labels.append(index.file(feature, f"story-{seq}"))
    assert labels == ["story-1", "story-2", "story-1"]
    assert index.states["story-1"].size == 2


def test_a_story_is_closed_to_an_article_weeks_outside_its_dates(fake_models: Models) -> None:
    ranks = vocabulary_ranks(fake_models.static)
    (early,) = describe_articles(_articles(fake_models, HARBOUR, day="2031-03-04"), fake_models.static)
    (late,) = describe_articles(_articles(fake_models, HARBOUR_AGAIN, day="2031-04-20"), fake_models.static)
    (near,) = describe_articles(_articles(fake_models, HARBOUR_AGAIN, day="2031-03-06"), fake_models.static)
    index = StoryIndex(fake_models.static.dimension)
    index.file(distinctive(early, ranks), "harbour")
    assert index.choose(distinctive(late, ranks)).story_id is None
    assert index.choose(distinctive(near, ranks)).story_id == "harbour"


def test_a_story_stops_growing_its_span_past_the_limit(fake_models: Models) -> None:
    """Reports a week apart keep joining, until the story would span more than `span_days`."""
    ranks = vocabulary_ranks(fake_models.static)
    (harbour,) = describe_articles(_articles(fake_models, HARBOUR), fake_models.static)
    harbour = distinctive(harbour, ranks)
    start = date(2031, 3, 4)
    index = StoryIndex(fake_models.static.dimension)
    labels = []
    for week in range(7):
        article = replace(harbour, published=start + timedelta(days=6 * week))
        labels.append(index.file(article, f"story-{week}"))
    assert StoryConfig().span_days == 30
    assert labels == ["story-0"] * 6 + ["story-6"]


def test_a_story_state_survives_the_store_unchanged(fake_models: Models) -> None:
    ranks = vocabulary_ranks(fake_models.static)
    features = [
        distinctive(f, ranks)
        for f in describe_articles(_articles(fake_models, HARBOUR, HARBOUR_AGAIN), fake_models.static)
    ]
    state = StateTable(fake_models.static.dimension).joined(None, features[0])
    state.add(features[1])
    text = state_to_json(state)
    back = state_from_json(text, state.total.tobytes(), fake_models.static.dimension)
    assert state_to_json(back) == text
    assert np.array_equal(back.total, state.total)


def test_a_large_storys_state_stays_bounded_and_keeps_its_heaviest_keys() -> None:
    """Filing into a story costs the same at its 5th article and its 500th."""
    vector = np.ones(8, dtype=np.float32) / np.sqrt(8)
    index = StateTable(8)
    sizes = []
    for n in range(500):
        article = ArticleFeatures(
            vector=vector,
            entities={"ana ruiz": 1.0, f"name {n}": 0.5},
            people=frozenset({"ana ruiz"}),
            numbers=frozenset({"7", f"{n}00"}),
            terms={"crane": 2.0, **{f"word{n}x{k}": 0.1 for k in range(20)}},
        )
        index.put("story", index.joined("story" if n else None, article))
        sizes.append(len(state_to_json(index.states["story"])))
    state = index.states["story"]
    assert state.size == 500
    assert len(state.terms) <= 2 * STATE_KEYS and len(state.entities) <= 2 * STATE_KEYS
    assert state.terms["crane"] == 1000.0 and state.entities["ana ruiz"] == 500.0
    assert state.numbers["7"] == 500
    assert max(sizes[200:]) < 2 * sizes[100]
    # The index counts each word once per story that keeps it.
    assert index.spread["crane"] == 1 and sum(index.spread.values()) == len(state.terms)


def test_a_state_written_with_its_member_list_reads_as_its_size(fake_models: Models) -> None:
    ranks = vocabulary_ranks(fake_models.static)
    (features,) = describe_articles(_articles(fake_models, HARBOUR), fake_models.static)
    state = StateTable(fake_models.static.dimension).joined(None, distinctive(features, ranks))
    old = json.loads(state_to_json(state))
    del old["size"]
    old["members"] = [4, 9, 11]
    back = state_from_json(json.dumps(old), state.total.tobytes(), fake_models.static.dimension)
    assert back.size == 3 and back.terms == state.terms


def test_look_alike_events_naming_different_people_and_places_stay_apart(fake_models: Models) -> None:
    ranks = vocabulary_ranks(fake_models.static)
    other = (
        HARBOUR.replace("Port Ellis", "Kelso Bay")
        .replace("Ana Ruiz", "Tomas Berg")
        .replace("Ruiz", "Berg")
        .replace("Delmar Cranes", "Vantor Lifts")
        .replace("injuring 4", "injuring 9")
        .replace("60-metre", "45-metre")
        .replace("berth 7", "berth 2")
    )
    articles = _articles(fake_models, HARBOUR, VOTE, other)
    harbour, vote, look_alike = [
        distinctive(f, ranks) for f in describe_articles(articles, fake_models.static)
    ]
    for config, expected in ((StoryConfig(), None), (StoryConfig(disjoint=0.0, novel=0.0), "harbour")):
        index = StoryIndex(fake_models.static.dimension, config)
        index.file(harbour, "harbour")
        index.file(vote, "vote")
        assert index.choose(look_alike).story_id == expected


def test_ingest_files_each_article_and_a_reloaded_index_agrees(tmp_path: Path, fake_models: Models) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate([HARBOUR, VOTE, HARBOUR_AGAIN]):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        report = ingest([str(folder)], store, Config(), fake_models)
        assert (report.added, report.stories) == (3, 2)
        assert store.unfiled() == []
        rows = {row.headline: row for row in store.stories()}
        harbour = rows["Crane collapse closes the Port Ellis harbour"]
        assert harbour.sources == 2
        members = store.story_members(harbour.id)
        assert [m.id for m in members] == [
            content_id(HARBOUR.encode()),
            content_id(HARBOUR_AGAIN.encode()),
        ]
        fresh = load_index(store, StoryIndex(fake_models.static.dimension))
        assert sorted(fresh.states) == sorted(row.id for row in store.stories())
        assert fresh.states[harbour.id].size == 2


def test_a_writer_with_an_old_index_rereads_the_story_it_joins(db_url: str, fake_models: Models) -> None:
    """Two writers on one store: the second's index is out of date when it files,
    yet its article joins the story the first grew, and the state counts all three."""
    ranks = vocabulary_ranks(fake_models.static)
    texts = [HARBOUR, HARBOUR_AGAIN, HARBOUR_AGAIN + "Crews expect to clear the berth by Friday.\n"]
    articles = _articles(fake_models, *texts)
    features = [distinctive(f, ranks) for f in describe_articles(articles, fake_models.static)]
    raws = [RawDoc(f"{n}.txt", text.encode()) for n, text in enumerate(texts)]
    with open_store(db_url) as store:
        first = StoryIndex(fake_models.static.dimension)
        assert file_article(store, content_id(raws[0].data), raws[0], articles[0], features[0], first)
        second = load_index(store, StoryIndex(fake_models.static.dimension))
        assert file_article(store, content_id(raws[1].data), raws[1], articles[1], features[1], first)
        assert second.states[next(iter(second.states))].size == 1  # out of date now
        assert file_article(store, content_id(raws[2].data), raws[2], articles[2], features[2], second)
        (row,) = store.stories()
        assert row.sources == 3
        (state,) = load_index(store, StoryIndex(fake_models.static.dimension)).states.values()
        assert state.size == 3
        assert state_to_json(state) == state_to_json(second.states[row.id])


def test_articles_stored_without_a_story_are_filed_by_the_next_ingest(
    tmp_path: Path, fake_models: Models
) -> None:
    """As after an upgrade from a store grouped in batch: the migration clears the
    stories, and the next ingest files every stored article again, in input order."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate([HARBOUR, VOTE, HARBOUR_AGAIN]):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        ingest([str(folder)], store, Config(), fake_models)
        before = sorted((row.headline, row.sources) for row in store.stories())
        with store.engine.begin() as connection:
            for table in (
                tables.story_states,
                tables.arc_states,
                tables.briefs,
                tables.memberships,
                tables.stories,
            ):
                connection.execute(table.delete())
        assert len(store.unfiled()) == 3
        report = ingest([str(folder)], store, Config(), fake_models)
        assert (report.added, report.already, report.filed) == (0, 3, 3)
        assert store.unfiled() == []
        assert sorted((row.headline, row.sources) for row in store.stories()) == before


FRENCH = (
    "Une grue s'effondre dans le port de Port Ellis\n\n"
    "Une grue s'est effondrée mardi dans le port de Port Ellis, blessant quatre dockers.\n"
    "Selon Ana Ruiz, la capitaine du port, la grue de 60 mètres est tombée pendant une tempête.\n"
    "Le poste 7 restera fermé pendant que les ingénieurs de Delmar Cranes inspectent l'épave.\n"
)


def test_an_article_no_one_can_read_is_a_story_of_its_own_that_nothing_joins(fake_models: Models) -> None:
    """Another language, or no text left: filed alone, flagged, and the English
    reports of the same event go on into their own story, not into it."""
    ranks = vocabulary_ranks(fake_models.static)
    articles = _articles(fake_models, FRENCH, HARBOUR, "Share on Facebook\nSubscribe\n", HARBOUR_AGAIN)
    assert "not_english" in {flag.kind for flag in articles[0].flags}
    features = [distinctive(f, ranks) for f in describe_articles(articles, fake_models.static)]
    assert [f.alone for f in features] == [True, False, True, False]
    index = StoryIndex(fake_models.static.dimension)
    labels = [index.file(feature, f"story-{n}") for n, feature in enumerate(features)]
    assert labels == ["story-0", "story-1", "story-2", "story-1"]
    assert index.arc_of["story-0"] == "story-0" and index.arc_of["story-2"] == "story-2"
    state = index.states["story-0"]
    assert (
        state.alone
        and state_from_json(state_to_json(state), state.total.tobytes(), fake_models.static.dimension).alone
    )
