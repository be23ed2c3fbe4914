"""`newsweave serve`: a JSON API and server-rendered pages over the store.

Pages (`pages.py`): `/` the story list, `/stories/{id}` a story's brief with
every citation linked to its line on `/sources/{article_id}`, which shows
the article's text with each line's role. Each page links its JSON twin
under `/api` (`api.py`), which also takes new articles (POST /api/articles,
bearer token required, see `writes.py`). OpenAPI docs are at `/docs`.

The app is built by `create_app` (`app.py`) over a store URL; the CLI runs
it with uvicorn on the loopback interface unless told otherwise.
"""

from __future__ import annotations

from newsweave.service.app import create_app
from newsweave.service.writes import DEFAULT_MAX_BODY, TOKEN_ENV

__all__ = ["DEFAULT_MAX_BODY", "TOKEN_ENV", "create_app"]
