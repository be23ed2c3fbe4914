"""Quality measurements of newsweave's stages against public gold data.

Each evaluation is a library function that returns a result object and a
`rich` table for it, so a CLI command, a benchmark script or a test can drive
it without re-implementing the scoring.
"""

from newsweave.eval.html_bodies import HtmlBodyEvaluation, evaluate_html_bodies, render_table

__all__ = ["HtmlBodyEvaluation", "evaluate_html_bodies", "render_table"]
