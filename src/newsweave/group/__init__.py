"""Grouping: which articles report the same story, and which are copies of another."""

from newsweave.group.copies import CopyLink, find_copies, voices
from newsweave.group.stories import article_vector, group_stories

__all__ = ["CopyLink", "article_vector", "find_copies", "group_stories", "voices"]
