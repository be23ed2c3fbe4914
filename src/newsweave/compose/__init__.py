"""Composition: from a story's analyzed articles to a cited brief."""

from newsweave.compose.brief import compose_brief

__all__ = ["compose_brief"]
