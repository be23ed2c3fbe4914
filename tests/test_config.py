"""Settings layer as documented: defaults < newsweave.toml < environment < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import Config, load_config
from newsweave.errors import ConfigError


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
