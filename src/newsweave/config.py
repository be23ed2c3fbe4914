"""Settings, layered: defaults < newsweave.toml < environment < command-line flags.

`newsweave.toml` is read from the working directory (or the file named by
NEWSWEAVE_CONFIG). Environment variables are NEWSWEAVE_<SETTING> in upper
case, e.g. NEWSWEAVE_WORDS=150. Unknown keys and bad values are errors that
name the setting, never silently ignored.

`Config` holds one section per part of newsweave that takes settings, each
that part's own settings class, so a setting and its default are declared
once, where they are used: the readers' input limits (`readers.limits.Limits`),
the story clusterer's (`group.scoring.StoryConfig`) and the summary's
(`compose.summary.SummaryConfig`). The output format and the composition
bounds (see `compose.bounds`), which no part declares, are `Config`'s own
fields. A user names every setting by one flat name, the same in the file,
the environment and code (`words`, `max_lines`, `story_threshold`):
`SETTINGS` says which section holds it, and `config.words` reads it there.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsweave.compose.summary import SummaryConfig
from newsweave.errors import ConfigError
from newsweave.group.scoring import StoryConfig
from newsweave.readers.limits import Limits

CONFIG_FILE = "newsweave.toml"
FORMATS = ("text", "md", "json")


# The settings a user may set, by flat name: the section of `Config` that holds
# each and its name there ("" is `Config` itself). The summary and the clusterer
# have more knobs than these; the rest are tuned in code, not by users.
SETTINGS: dict[str, tuple[str, str]] = {
    "format": ("", "format"),
    **{
        name: ("summarizing", name)
        for name in ("words", "min_sentences", "max_sentences", "support_similarity", "redundant_similarity")
    },
    "story_threshold": ("grouping", "threshold"),
    **{item.name: ("reading", item.name) for item in fields(Limits)},
    **{
        name: ("", name) for name in ("max_article_sentences", "max_compose_sentences", "max_compose_seconds")
    },
}


@dataclass(frozen=True)
class Config:
    """All settings, by section; `config.NAME` reads the setting NAME of `SETTINGS`."""

    format: str = "text"
    # Composition bounds (see newsweave.compose.bounds): a brief over one is flagged partial.
    max_article_sentences: int = 300
    max_compose_sentences: int = 3000
    max_compose_seconds: float = 60.0
    reading: Limits = field(default_factory=Limits)
    grouping: StoryConfig = field(default_factory=StoryConfig)
    summarizing: SummaryConfig = field(default_factory=SummaryConfig)

    def __post_init__(self) -> None:
        # Limits check themselves; the summary's and the clusterer's settings
        # classes take any value, so they are checked here.
        if self.format not in FORMATS:
            raise ConfigError(f"format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        summary = self.summarizing
        if summary.words < 1:
            raise ConfigError(f"words must be a positive number, not {summary.words}")
        if not 1 <= summary.min_sentences <= summary.max_sentences:
            raise ConfigError("need 1 <= min_sentences <= max_sentences")
        if not 0.0 < self.grouping.threshold <= 2.0:
            raise ConfigError(f"story_threshold must lie in (0, 2], not {self.grouping.threshold}")
        for name in ("support_similarity", "redundant_similarity"):
            if not 0.0 < getattr(summary, name) <= 1.0:
                raise ConfigError(f"{name} must lie in (0, 1], not {getattr(summary, name)}")
        for name in ("max_article_sentences", "max_compose_sentences"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be a positive number, not {getattr(self, name)}")
        if self.max_compose_seconds <= 0:
            raise ConfigError(f"max_compose_seconds must be positive, not {self.max_compose_seconds}")

    def __getattr__(self, name: str) -> Any:
        """A setting by its flat name: `config.words` is `config.summarizing.words`."""
        section, key = SETTINGS.get(name, ("", ""))
        if not section:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(getattr(self, section), key)

    def with_settings(self, **settings: Any) -> Config:
        """These settings, by flat name, in place of this config's:
        `Config().with_settings(words=40)`; bad ones raise `ConfigError`."""
        return _apply(self, settings, "options")

    def limits(self) -> Limits:
        """The input limits, for the readers."""
        return self.reading

    def stories(self) -> StoryConfig:
        """The story clusterer's settings, for `brief` and `ingest` alike."""
        return self.grouping

    def summary(self) -> SummaryConfig:
        """The summary's settings, for composing."""
        return self.summarizing


def load_config(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """The effective settings; `overrides` (command-line flags) win, None values are unset."""
    environ = os.environ if environ is None else environ
    config = Config()
    named = environ.get("NEWSWEAVE_CONFIG")
    path = Path(named or (cwd or Path.cwd()) / CONFIG_FILE)
    if path.is_file():
        config = _apply(config, _read_toml(path), str(path))
    elif named:  # a file the user named is never skipped in silence
        raise ConfigError(f"NEWSWEAVE_CONFIG names {path}, which is not a regular file")
    from_env = {
        name: environ[f"NEWSWEAVE_{name.upper()}"]
        for name in SETTINGS
        if f"NEWSWEAVE_{name.upper()}" in environ
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
    """`config` with `values` (flat names, from `origin`) converted to each setting's type
    (that of its default) and put in their sections."""
    by_section: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        if key not in SETTINGS:
            raise ConfigError(f"unknown setting {key!r} in {origin}")
        kind = type(getattr(_DEFAULTS, key))
        try:
            converted = kind(value)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"setting {key!r} in {origin}: {error}") from error
        section, name = SETTINGS[key]
        by_section.setdefault(section, {})[name] = converted
    own = by_section.pop("", {})
    sections = {section: replace(getattr(config, section), **named) for section, named in by_section.items()}
    return replace(config, **own, **sections)


_DEFAULTS = Config()
