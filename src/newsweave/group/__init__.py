"""Grouping: which articles report the same story."""

from newsweave.group.stories import article_vector, group_stories

__all__ = ["article_vector", "group_stories"]
