"""The store on SQLite and on PostgreSQL: schema, idempotent ingest, and surviving SIGKILL.

Every test here runs once per backend (see `db_url`). The kill test runs a
real ingest in a subprocess and kills it twice: once from inside, in the
middle of one article's transaction (its row written, its lines not yet),
and once from outside with SIGKILL while it is storing; the store must hold
whole articles only, and a third run must finish with every article stored
exactly once. It is an integration test (the subprocess loads the real
models), as are the PostgreSQL runs; the rest run on the fakes of
tests/fakes.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.config import Config
from newsweave.filing import story_document
from newsweave.ingest import content_id, ingest
from newsweave.readers import decode, discover
from newsweave.store import open_store, tables
from newsweave.store.engine import MIGRATIONS
from newsweave.vocabulary import MetaField, Reason, Role

from .store_corpus import article, write_corpus

KILL_CORPUS = 80
KILL_SCRIPT = """
import os, signal, sys, time
from sqlalchemy import event
from newsweave.config import Config
from newsweave.ingest import ingest
from newsweave.analyze import default_models
from newsweave.store import open_store

folder, url, mode = sys.argv[1], sys.argv[2], sys.argv[3]
store = open_store(url)
rows = 0

def kill_inside(conn, cursor, statement, parameters, context, executemany):
    # After the article row of the 25th new article is written, before its lines: die.
    global rows
    if statement.lstrip().upper().startswith("INSERT INTO ARTICLES "):
        rows += 1
        if rows == 25:
            os.kill(os.getpid(), signal.SIGKILL)

class Slow:
    def begin(self, total): pass
    def advance(self): time.sleep(0.05)
    def note(self, message): pass

if mode == "inside":
    event.listen(store.engine, "after_cursor_execute", kill_inside)
ingest([folder], store, Config(), default_models(), Slow())
"""


def test_migrations_create_exactly_the_declared_tables(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata

    with open_store(db_url) as store, store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert context.get_current_revision() == "0004"
        assert compare_metadata(context, tables.metadata) == []
        assert set(inspect(connection).get_table_names()) >= {
            "articles",
            "article_lines",
            "stories",
            "memberships",
            "briefs",
            "story_states",
            "arc_states",
            "article_names",
            "state",
        }


def test_stories_stored_before_arcs_become_arcs_of_their_own(
    db_url: str, tmp_path: Path, fake_models: Models
) -> None:
    """Downgrade a filled store to the schema before arcs, upgrade it again: each
    story is its own arc, with its story state as the arc's, and filing goes on."""
    write_corpus(tmp_path / "in", 3)
    with open_store(db_url) as store:
        ingest([str(tmp_path / "in")], store, Config(), fake_models)
        stories = {row.id: row.sources for row in store.stories()}
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
        assert "arc_states" not in inspect(store.engine).get_table_names()
    with open_store(db_url) as store, store.engine.connect() as connection:
        arcs = dict(connection.execute(select(tables.stories.c.id, tables.stories.c.arc_id)).all())
        assert arcs == {story_id: story_id for story_id in stories}
        copied = connection.execute(select(tables.arc_states.c.arc_id, tables.arc_states.c.state)).all()
        states = connection.execute(select(tables.story_states.c.story_id, tables.story_states.c.state)).all()
        assert sorted(copied) == sorted(states)
    write_corpus(tmp_path / "more", 5)
    with open_store(db_url) as store:
        ingest([str(tmp_path / "more")], store, Config(), fake_models)
        assert store.unfiled() == []


def test_opening_twice_keeps_the_data(db_url: str, tmp_path: Path, fake_models: Models) -> None:
    write_corpus(tmp_path / "in", 2)
    with open_store(db_url) as store:
        ingest([str(tmp_path / "in")], store, Config(), fake_models)
    with open_store(db_url) as store:
        assert store.article_count() == 2
        assert store.unfiled() == []


def test_reingest_is_a_no_op_and_same_text_is_stored_once(
    db_url: str, tmp_path: Path, fake_models: Models
) -> None:
    paths = write_corpus(tmp_path / "in", 3)
    twin = tmp_path / "elsewhere" / "renamed.txt"
    twin.parent.mkdir()
    twin.write_bytes(paths[0].read_bytes())
    with open_store(db_url) as store:
        first = ingest([str(tmp_path / "in"), str(twin)], store, Config(), fake_models)
        assert (first.added, first.already, first.filed) == (3, 1, 0)
        stories = store.stories()
        again = ingest([str(twin), str(tmp_path / "in")], store, Config(), fake_models)
        assert (again.added, again.already, again.filed) == (0, 4, 0)
        assert store.stories() == stories
        assert store.article_count() == 3
        assert sorted(item.id for item in store.articles()) == sorted(
            content_id(path.read_bytes()) for path in paths
        )
        assert store.articles()[0].raw.path == str(paths[0])


def test_stored_article_keeps_raw_bytes_lines_and_roles(
    db_url: str, tmp_path: Path, fake_models: Models
) -> None:
    path = tmp_path / "one.txt"
    notice = "Copyright 2031 The Daily Lantern. All rights reserved."
    path.write_text(article(0, 0) + notice + "\n", encoding="utf-8")
    with open_store(db_url) as store:
        ingest([str(path)], store, Config(), fake_models)
        (stored,) = store.articles()
        assert stored.raw.data == path.read_bytes()
        assert store.incomplete_articles() == []
        with store.engine.connect() as connection:
            roles = dict(
                connection.execute(
                    select(tables.article_lines.c.text, tables.article_lines.c.role).where(
                        tables.article_lines.c.article_id == stored.id
                    )
                ).all()
            )
        assert roles[notice] == "noise"
        assert roles["The river struck on Monday and damaged the old stone bridge, officials said."] == "body"
        assert store.story_document(store.stories()[0].id) is None  # composed when first asked for
        document = story_document(store, store.stories()[0].id, Config(), fake_models)
        assert document is not None and document["sources"][0]["path"] == str(path)


def test_stored_lines_read_back_as_freshly_cleaned_ones_enums_and_all(
    db_url: str, tmp_path: Path, fake_models: Models
) -> None:
    """A line read back from the store is the line cleaning made: its role, reason and
    field are the vocabulary's members, not the bare strings the columns hold."""
    path = tmp_path / "one.txt"
    notice = "Copyright 2031 The Daily Lantern. All rights reserved."
    path.write_text(article(0, 0) + notice + "\n", encoding="utf-8")
    docs = [decode(raw) for raw in discover([str(path)]).docs]
    (fresh,) = clean_corpus(docs, fake_models.nlp.is_organization)
    with open_store(db_url) as store:
        ingest([str(path)], store, Config(), fake_models)
        (stored,) = store.articles()
        record = store.article(stored.id)
    assert record is not None and record.lines == fresh.lines
    assert {line.role for line in record.lines} == set(Role)  # a body, a meta and a noise line
    for line in record.lines:
        assert type(line.role) is Role
        assert type(line.reason) is (Reason if line.role == Role.NOISE else type(None))
        assert type(line.field) is (MetaField if line.role == Role.META else type(None))


@pytest.mark.integration  # a second process, with the real models
def test_sigkill_mid_ingest_loses_nothing_and_doubles_nothing(
    db_url: str, tmp_path: Path, models: Models
) -> None:
    folder = tmp_path / "many"
    paths = write_corpus(folder, KILL_CORPUS)
    (folder / "copy-of-first.txt").write_bytes(paths[0].read_bytes())
    script = tmp_path / "ingest_slowly.py"
    script.write_text(KILL_SCRIPT, encoding="utf-8")
    command = [sys.executable, str(script), str(folder), db_url]

    inside = subprocess.run([*command, "inside"], capture_output=True, timeout=300)
    assert inside.returncode == -signal.SIGKILL, inside.stderr.decode()[-2000:]
    with open_store(db_url) as store:
        assert store.article_count() == 24  # the 25th died between its row and its lines
        assert store.incomplete_articles() == []

    process = subprocess.Popen([*command, "outside"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        with open_store(db_url) as store:
            deadline = time.monotonic() + 240
            while store.article_count() < 40 and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            assert process.poll() is None, "the ingest ended before it could be killed"
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            killed_at = store.article_count()
            assert 40 <= killed_at < KILL_CORPUS
            assert store.incomplete_articles() == []
            assert store.unfiled() == []  # each article is stored and filed together
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    with open_store(db_url) as store:
        report = ingest([str(folder)], store, Config(), models)
        assert report.added == KILL_CORPUS - killed_at
        assert report.already == killed_at + 1
        assert store.article_count() == KILL_CORPUS
        assert store.incomplete_articles() == []
        assert {item.id for item in store.articles()} == {content_id(p.read_bytes()) for p in paths}
        with store.engine.connect() as connection:
            members = connection.execute(
                select(tables.memberships.c.article_id, func.count()).group_by(
                    tables.memberships.c.article_id
                )
            ).all()
        assert len(members) == KILL_CORPUS and {count for _id, count in members} == {1}
        assert sum(row.sources for row in store.stories()) == KILL_CORPUS
        assert store.unfiled() == []
