"""Settings layer as documented: defaults < newsweave.toml < environment < flags."""

from __future__ import annotations

import copy
import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.compose.summary import SummaryConfig
from newsweave.config import SETTINGS, Config, load_config
from newsweave.errors import ConfigError
from newsweave.group.scoring import StoryConfig
from newsweave.readers.limits import Limits


def test_defaults_without_file_or_environment(tmp_path: Path) -> None:
    assert load_config(environ={}, cwd=tmp_path) == Config()


def test_each_layer_overrides_the_one_below(tmp_path: Path) -> None:
    (tmp_path / "newsweave.toml").write_text('words = 120\nformat = "md"\nmax_sentences = 6\n')
    environ = {"NEWSWEAVE_WORDS": "90", "NEWSWEAVE_FORMAT": "json"}
    config = load_config({"format": "text", "words": None}, environ=environ, cwd=tmp_path)
    assert (config.words, config.format, config.max_sentences) == (90, "text", 6)


def test_config_file_named_by_environment(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text("words = 77\n")
    assert load_config(environ={"NEWSWEAVE_CONFIG": str(path)}, cwd=tmp_path).words == 77


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("wordz = 5\n", "unknown setting 'wordz'"),
        ('words = "many"\n', "setting 'words'"),
        ("words = 0\n", "words must be a positive number"),
        ('format = "pdf"\n', "format must be one of"),
        ("words = [\n", "cannot read"),
    ],
)
def test_bad_settings_name_the_problem(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "newsweave.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_config(environ={}, cwd=tmp_path)


# One declaration per setting: each lives in its section, read by its flat name


def _sample(name: str) -> object:
    """A valid value of setting `name` other than its default."""
    default = getattr(Config(), name)
    return {str: "md", int: 7, float: 0.5}[type(default)]


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_setting_reaches_its_section_from_file_and_environment(tmp_path: Path, name: str) -> None:
    value = _sample(name)
    section, key = SETTINGS[name]
    (tmp_path / "newsweave.toml").write_text(f"{name} = {value!r}\n".replace("'", '"'))
    from_file = load_config(environ={}, cwd=tmp_path)
    from_env = load_config(environ={f"NEWSWEAVE_{name.upper()}": str(value)}, cwd=tmp_path / "none")
    for config in (from_file, from_env):
        assert getattr(config, name) == value
        assert getattr(getattr(config, section) if section else config, key) == value
        assert config == Config().with_settings(**{name: value})


def test_sections_are_the_parts_own_settings_with_their_defaults(tmp_path: Path) -> None:
    config = Config()
    assert (config.limits(), config.stories(), config.summary()) == (Limits(), StoryConfig(), SummaryConfig())
    assert (config.words, config.story_threshold, config.max_lines) == (
        SummaryConfig.words,
        StoryConfig.threshold,
        Limits.max_lines,
    )
    tuned = load_config(
        {"words": 90, "story_threshold": 1.2, "max_lines": 50}, environ={}, cwd=Path("/nonexistent")
    )
    assert tuned.summary() == replace(SummaryConfig(), words=90)
    assert tuned.stories() == replace(StoryConfig(), threshold=1.2)
    assert tuned.limits() == replace(Limits(), max_lines=50)


@pytest.mark.parametrize("key", ["min_words", "threshold", "window_days", "reading", "summarizing"])
def test_knobs_that_are_not_settings_stay_unknown(tmp_path: Path, key: str) -> None:
    (tmp_path / "newsweave.toml").write_text(f"{key} = 5\n")
    with pytest.raises(ConfigError, match=f"unknown setting '{key}' in "):
        load_config(environ={}, cwd=tmp_path)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"words": 0}, "words must be a positive number, not 0"),
        ({"min_sentences": 9, "max_sentences": 3}, r"need 1 <= min_sentences <= max_sentences"),
        ({"story_threshold": 2.5}, r"story_threshold must lie in \(0, 2\], not 2.5"),
        ({"redundant_similarity": 1.5}, r"redundant_similarity must lie in \(0, 1\], not 1.5"),
        ({"max_lines": 0}, "max_lines must be a positive whole number, not 0"),
        ({"max_compose_seconds": 0}, "max_compose_seconds must be positive, not 0"),
        ({"wordz": 5}, "unknown setting 'wordz' in options"),
        ({"words": "many"}, "setting 'words' in options: invalid literal"),
    ],
)
def test_invalid_settings_name_themselves(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config().with_settings(**settings)


def test_a_config_survives_pickling_for_the_workers() -> None:
    config = Config().with_settings(words=90, max_lines=50)
    copied = pickle.loads(pickle.dumps(config))
    assert copied == config and copied.words == 90 and copied.max_lines == 50
    assert copy.deepcopy(config).words == 90
    with pytest.raises(AttributeError, match="wordz"):
        _ = config.wordz


@pytest.mark.parametrize("kind", ["missing", "folder", "fifo"])
def test_a_named_config_that_is_not_a_file_is_an_error(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "named.toml"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(environ={"NEWSWEAVE_CONFIG": str(path)}, cwd=tmp_path)
