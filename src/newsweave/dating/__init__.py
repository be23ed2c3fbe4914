"""Publication dates a reader can trust, with their confidence and evidence.

Dates are evidence. A publication date comes with the lines that support it;
weekday references resolve against it; conflicts between a stated date and the
content are flagged, not trusted. Nothing here reads the clock: the same
articles give the same dates, byte for byte, on any day.

    date_article(article, page_date=None) -> (PublishedDate | None, flags)
    date_story(articles, page_dates=None) -> [(PublishedDate | None, flags), ...]

Modules, in the order evidence flows: `mentions` (calendar expressions in a
line), `tense` (how each is told), `cues` (an article's evidence, by line
role), `score` (pricing candidate days), `years` (which year, when several
fit), `solve` (one article: declared date against content), `story` (articles
of one story lend each other evidence), `explain` (the evidence strings).
"""

from newsweave.dating.solve import date_article
from newsweave.dating.story import date_story

__all__ = ["date_article", "date_story"]
