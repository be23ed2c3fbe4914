"""The static encoder distilled from MiniLM: shape, normalization, determinism, meaning.

The full table takes one to two minutes to build on two cores, so the tests
distill only the first word pieces of the vocabulary (its most frequent
words come first), once per session, through the session's loaded MiniLM:
the tests that read such a table are integration tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsweave.analyze import Models
from newsweave.analyze.distill import (
    DIMENSIONS,
    META_FILE,
    TABLE_FILE,
    build_table,
    cache_root,
    ensure_table,
    main,
    table_dir,
)
from newsweave.analyze.static import StaticEncoder
from newsweave.errors import ModelUnavailableError

VOCABULARY = 8000


@pytest.fixture(scope="session")
def folder(models: Models, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_table(tmp_path_factory.mktemp("cache"), vocabulary=VOCABULARY, model=models.encoder.model)


@pytest.fixture(scope="session")
def encoder(folder: Path) -> StaticEncoder:
    return StaticEncoder(folder=folder)


@pytest.mark.integration
def test_rows_are_unit_length_with_the_table_dimension(encoder: StaticEncoder) -> None:
    vectors = encoder.encode(["The council approved the new budget on Tuesday.", "Rain is expected later."])
    assert vectors.shape == (2, DIMENSIONS) and encoder.dimension == DIMENSIONS
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.integration
def test_empty_texts_get_zero_rows(encoder: StaticEncoder) -> None:
    assert encoder.encode([]).shape == (0, DIMENSIONS)
    vectors = encoder.encode(["", "   ", "A fire broke out."])
    assert vectors.shape == (3, DIMENSIONS)
    assert not vectors[:2].any()
    assert np.isclose(np.linalg.norm(vectors[2]), 1.0, atol=1e-5)


@pytest.mark.integration
def test_two_encoders_agree_and_batches_do_not_matter(folder: Path) -> None:
    texts = [f"The river rose {n} metres after the storm hit the valley." for n in range(10)]
    first = StaticEncoder(folder=folder).encode(texts)
    second = StaticEncoder(folder=folder).encode(list(reversed(texts)))[::-1]
    assert np.array_equal(first, second)
    assert np.array_equal(first[3:4], StaticEncoder(folder=folder).encode(texts[3:4]))


@pytest.mark.integration
def test_builds_write_the_same_bytes(models: Models, tmp_path: Path) -> None:
    one = build_table(tmp_path / "one", vocabulary=2500, model=models.encoder.model)
    two = build_table(tmp_path / "two", vocabulary=2500, model=models.encoder.model)
    assert (one / TABLE_FILE).read_bytes() == (two / TABLE_FILE).read_bytes()
    assert json.loads((one / META_FILE).read_text()) == {
        "dimensions": DIMENSIONS,
        "format": 1,
        "rows": 30522,
        "vocabulary": 2500,
    }


@pytest.mark.integration
def test_similar_sentences_are_closer_than_unrelated_ones(encoder: StaticEncoder) -> None:
    flood, rain, bank, goal = encoder.encode(
        [
            "The storm flooded the town and water filled the streets.",
            "Heavy rain caused a flood in the town, and streets were under water.",
            "The central bank raised interest rates to fight high prices.",
            "The team scored a late goal to win the football match.",
        ]
    )
    close = float(flood @ rain)
    assert close > float(flood @ bank) + 0.1
    assert close > float(flood @ goal) + 0.1
    assert close > float(rain @ bank) and close > float(rain @ goal)


@pytest.mark.integration
def test_static_cosines_rank_like_minilm(encoder: StaticEncoder, models: Models) -> None:
    texts = [
        "Hundreds of men fought a big fire near the village for two days.",
        "The fire burned through the hills and many homes were lost.",
        "The company said its profit rose in the last three months.",
        "The firm's shares went up after it said sales were strong.",
        "The minister resigned after the election defeat.",
        "Voters chose a new parliament in the national election.",
    ]
    full, static = models.encoder.encode(texts), encoder.encode(texts)
    pairs = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    expected = np.array([float(full[i] @ full[j]) for i, j in pairs])
    found = np.array([float(static[i] @ static[j]) for i, j in pairs])
    # the three pairs MiniLM rates highest are the three same-topic pairs; so must the static ones
    assert set(np.argsort(-expected)[:3]) == set(np.argsort(-found)[:3])


@pytest.mark.integration
def test_wrong_dimension_or_version_is_a_clear_error(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="dimensions"):
        StaticEncoder(folder=folder, dimensions=128).encode(["Some words here."])
    other = tmp_path / "other"
    other.mkdir()
    (other / TABLE_FILE).write_bytes((folder / TABLE_FILE).read_bytes())
    (other / META_FILE).write_text(json.dumps({"format": 0, "dimensions": DIMENSIONS}))
    with pytest.raises(ModelUnavailableError, match="another version"):
        StaticEncoder(folder=other).encode(["Some words here."])
    with pytest.raises(ModelUnavailableError, match="unreadable"):
        StaticEncoder(folder=tmp_path / "missing").encode(["Some words here."])


@pytest.mark.integration
def test_cache_location_and_reuse(folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    assert cache_root() == tmp_path
    assert table_dir() == tmp_path / f"static-minilm-v1-d{DIMENSIONS}"
    # a complete table already in the cache is used as it is, not rebuilt
    target = table_dir()
    target.mkdir(parents=True)
    for name in (TABLE_FILE, META_FILE):
        (target / name).write_bytes((folder / name).read_bytes())
    stamp = (target / TABLE_FILE).stat().st_mtime_ns
    assert ensure_table() == target
    assert (target / TABLE_FILE).stat().st_mtime_ns == stamp
    assert StaticEncoder().encode(["The bridge reopened."]).shape == (1, DIMENSIONS)


def test_main_rejects_unknown_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--no-such-option"])
    assert stop.value.code == 2
    assert "--dimensions" in capsys.readouterr().err
