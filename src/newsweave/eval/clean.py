"""`newsweave eval clean PATH`: pick the evaluation that fits the folder's layout.

* A folder with `ground-truth.json` and `html/` pages: body text of HTML
  pages, newsweave against trafilatura alone (see `html_bodies.py`).
* Any other folder: line roles of `X.txt` articles against hand labels in
  `X.roles.tsv` beside them (see `line_roles.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import RenderableType
from rich.text import Text

from newsweave.errors import UserError
from newsweave.eval import html_bodies, line_roles
from newsweave.render.terminal import terminal_safe


def evaluate_clean(
    path: Path,
    is_organization: Callable[[str], bool],
    errors: int = 0,
    limit: int | None = None,
) -> list[RenderableType]:
    """Tables (and optionally mismatches) for the evaluation that `path` holds data for."""
    if (path / "ground-truth.json").is_file():
        result = html_bodies.evaluate_html_bodies(path, is_organization, limit=limit)
        return [html_bodies.render_table(result)]
    if not any(path.rglob("*.roles.tsv")):
        raise UserError(
            f"{path} holds neither ground-truth.json (HTML pages) nor *.roles.tsv label files",
            hint="see `newsweave eval clean --help` for the two layouts",
        )
    try:
        roles = line_roles.evaluate_line_roles(path, is_organization)
    except ValueError as error:
        raise UserError(str(error)) from error
    shown: list[RenderableType] = [line_roles.render_table(roles)]
    shown += [Text(terminal_safe(line)) for line in line_roles.error_lines(roles, limit=errors)]
    return shown
