"""How much one input may hold before newsweave refuses to read it.

Inputs come from scrapers, feeds and archives nobody has checked, so every
dimension that costs memory or time has a ceiling: the bytes of a file (also
after decompression), the lines of a text article and the records of a JSON
Lines file, the characters of one line, how deep HTML elements nest, how far
gzip data may expand, and how many entries of a feed are read. The defaults
sit far above real news articles (a long article is some 50 kB, a few hundred
lines, elements nested a few dozen deep) and far below what would exhaust a
machine; each can be raised in newsweave.toml or by a NEWSWEAVE_* variable.

`Limits` is the one place that knows the ceilings and words the refusal: an
input over one is refused with a `LimitExceededError` whose message names the
input (and line or entry), the value, the limit and the setting to raise, e.g.

    big.txt: 1,234,567 lines, more than max_lines (200,000); raise max_lines in
    newsweave.toml to read it

The readers call `check` (or `rest`, for the part of a container beyond a
ceiling) and report the error as a skipped input, so the rest of a run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from newsweave.errors import ConfigError, InputError

# libxml2 (without its XML_PARSE_HUGE option, which newsweave never sets) nests
# elements no deeper than this and drops what lies below, so a deeper page costs
# no more than this one; a larger max_html_depth could never be honoured.
PARSER_MAX_DEPTH = 255

# What each setting counts, as its refusal words it.
_UNITS = {
    "max_file_bytes": "bytes",
    "max_html_bytes": "bytes",
    "max_line_chars": "characters",
    "max_lines": "lines",
    "max_html_depth": "elements deep",
    "max_decompression_ratio": "times its compressed size",
    "max_feed_entries": "entries",
}


class LimitExceededError(InputError):
    """An input over one of the `Limits`; `setting` names the limit to raise."""

    def __init__(self, path: str, problem: str, setting: str) -> None:
        self.setting = setting
        super().__init__(path, problem)


@dataclass(frozen=True)
class Limits:
    """The ceilings on one input; every field is also a setting of `Config`."""

    max_file_bytes: int = 50_000_000
    max_html_bytes: int = 5_000_000
    max_line_chars: int = 1_000_000
    max_lines: int = 200_000
    max_html_depth: int = PARSER_MAX_DEPTH
    max_decompression_ratio: int = 100
    max_feed_entries: int = 10_000

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{item.name} must be a positive whole number, not {value!r}")
        if self.max_html_depth > PARSER_MAX_DEPTH:
            raise ConfigError(
                f"max_html_depth must be at most {PARSER_MAX_DEPTH} (the HTML parser reads no "
                f"deeper), not {self.max_html_depth}"
            )

    def check(self, path: str, setting: str, value: int, where: str = "") -> None:
        """Raise `LimitExceededError` when `value` is over the limit named `setting`.

        `where` locates the excess inside the input (", line 17"), for limits
        that one line or entry breaks.
        """
        limit = getattr(self, setting)
        if value > limit:
            raise LimitExceededError(path, _over(setting, value, limit, where), setting)

    def gzip_refusal(self, path: str, compressed: int) -> LimitExceededError:
        """The error for gzip data of `compressed` bytes that would expand past
        `gzip_output_limit`: a likely bomb, or just more than a file may hold."""
        by_ratio = self.max_decompression_ratio * compressed
        if by_ratio <= self.max_file_bytes:
            problem = (
                f"gzip data expands more than {self.max_decompression_ratio}:1 (over {by_ratio:,} "
                f"bytes), past max_decompression_ratio; refused as a likely decompression bomb; "
                f"{raise_hint('max_decompression_ratio', 'it')} if you trust it"
            )
            return LimitExceededError(path, problem, "max_decompression_ratio")
        problem = (
            f"gzip data expands to more than the {self.max_file_bytes:,}-byte file limit "
            f"(max_file_bytes); {raise_hint('max_file_bytes', 'it')}"
        )
        return LimitExceededError(path, problem, "max_file_bytes")

    def gzip_output_limit(self, compressed: int) -> int:
        """How many bytes gzip data of `compressed` bytes may expand to."""
        return min(self.max_file_bytes, self.max_decompression_ratio * compressed)

    def rest(self, container: str, separator: str, setting: str, total: int) -> LimitExceededError:
        """The error for a container's parts beyond a count limit: its `total`
        lines or entries, of which the first `setting` ones were read. The path
        names the first part not read (`data.jsonl:5`, `feed.xml#5`)."""
        limit = getattr(self, setting)
        noun = _UNITS[setting]
        first = limit + 1
        what = f"{noun[:-1]} {first:,}" if first == total else f"{noun} {first:,} to {total:,}"
        problem = (
            f"{what} not read: {total:,} {noun}, more than {setting} ({limit:,}); "
            f"{raise_hint(setting, 'them')}"
        )
        return LimitExceededError(f"{container}{separator}{first}", problem, setting)


def _over(setting: str, value: int, limit: int, where: str) -> str:
    """'N units[where], more than setting (limit); raise setting ...'."""
    comparison = "larger than" if _UNITS[setting] == "bytes" else "more than"
    over = f"{value:,} {_UNITS[setting]}{where}, {comparison} {setting} ({limit:,})"
    return f"{over}; {raise_hint(setting)}"


def raise_hint(setting: str, pronoun: str = "it") -> str:
    """How the user reads an input refused by `setting`."""
    return f"raise {setting} in newsweave.toml to read {pronoun}"
