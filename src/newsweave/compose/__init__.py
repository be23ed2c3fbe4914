"""Composition: from a story's analyzed articles to a cited brief, and the briefs of an arc linked."""

from newsweave.compose.arcs import link_arcs
from newsweave.compose.brief import compose_brief

__all__ = ["compose_brief", "link_arcs"]
