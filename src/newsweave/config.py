"""Settings, layered: defaults < newsweave.toml < environment < command-line flags.

`newsweave.toml` is read from the working directory (or the file named by
NEWSWEAVE_CONFIG). Environment variables are NEWSWEAVE_<SETTING> in upper
case, e.g. NEWSWEAVE_WORDS=150. Unknown keys and bad values are errors that
name the setting, never silently ignored.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsweave.compose.summary import SummaryConfig
from newsweave.errors import ConfigError
from newsweave.group.scoring import StoryConfig
from newsweave.readers.limits import Limits

CONFIG_FILE = "newsweave.toml"
FORMATS = ("text", "md", "json")


@dataclass(frozen=True)
class Config:
    format: str = "text"
    words: int = SummaryConfig.words
    min_sentences: int = SummaryConfig.min_sentences
    max_sentences: int = SummaryConfig.max_sentences
    story_threshold: float = StoryConfig.threshold
    support_similarity: float = SummaryConfig.support_similarity
    redundant_similarity: float = SummaryConfig.redundant_similarity
    # Input limits (see newsweave.readers.limits): inputs over one are skipped and listed.
    max_file_bytes: int = Limits.max_file_bytes
    max_html_bytes: int = Limits.max_html_bytes
    max_line_chars: int = Limits.max_line_chars
    max_lines: int = Limits.max_lines
    max_html_depth: int = Limits.max_html_depth
    max_decompression_ratio: int = Limits.max_decompression_ratio
    max_feed_entries: int = Limits.max_feed_entries
    # Composition bounds (see newsweave.compose.bounds): a brief over one is flagged partial.
    max_article_sentences: int = 300
    max_compose_sentences: int = 3000
    max_compose_seconds: float = 60.0

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ConfigError(f"format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if self.words < 1:
            raise ConfigError(f"words must be a positive number, not {self.words}")
        if not 1 <= self.min_sentences <= self.max_sentences:
            raise ConfigError("need 1 <= min_sentences <= max_sentences")
        if not 0.0 < self.story_threshold <= 2.0:
            raise ConfigError(f"story_threshold must lie in (0, 2], not {self.story_threshold}")
        for name in ("support_similarity", "redundant_similarity"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ConfigError(f"{name} must lie in (0, 1], not {getattr(self, name)}")
        for name in ("max_article_sentences", "max_compose_sentences"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be a positive number, not {getattr(self, name)}")
        if self.max_compose_seconds <= 0:
            raise ConfigError(f"max_compose_seconds must be positive, not {self.max_compose_seconds}")
        self.limits()  # raises a ConfigError naming the limit that is out of range

    def limits(self) -> Limits:
        """The input limits these settings set, for the ingest layer."""
        return Limits(
            max_file_bytes=self.max_file_bytes,
            max_html_bytes=self.max_html_bytes,
            max_line_chars=self.max_line_chars,
            max_lines=self.max_lines,
            max_html_depth=self.max_html_depth,
            max_decompression_ratio=self.max_decompression_ratio,
            max_feed_entries=self.max_feed_entries,
        )

    def stories(self) -> StoryConfig:
        """The story clusterer's settings, for `brief` and `ingest` alike."""
        return StoryConfig(threshold=self.story_threshold)

    def summary(self) -> SummaryConfig:
        return SummaryConfig(
            words=self.words,
            min_sentences=self.min_sentences,
            max_sentences=self.max_sentences,
            support_similarity=self.support_similarity,
            redundant_similarity=self.redundant_similarity,
        )


def load_config(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """The effective settings; `overrides` (command-line flags) win, None values are unset."""
    environ = os.environ if environ is None else environ
    config = Config()
    path = Path(environ.get("NEWSWEAVE_CONFIG") or (cwd or Path.cwd()) / CONFIG_FILE)
    if path.is_file():
        config = _apply(config, _read_toml(path), str(path))
    from_env = {
        f.name: environ[f"NEWSWEAVE_{f.name.upper()}"]
        for f in fields(Config)
        if f"NEWSWEAVE_{f.name.upper()}" in environ
    }
    config = _apply(config, from_env, "environment")
    return _apply(config, {k: v for k, v in (overrides or {}).items() if v is not None}, "options")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error


def _apply(config: Config, values: Mapping[str, Any], origin: str) -> Config:
    types = {f.name: f.type for f in fields(Config)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in types:
            raise ConfigError(f"unknown setting {key!r} in {origin}")
        kind = {"int": int, "float": float, "str": str}[str(types[key])]
        try:
            changes[key] = kind(value)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"setting {key!r} in {origin}: {error}") from error
    return replace(config, **changes)
