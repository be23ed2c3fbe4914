"""Grouping: which articles report the same story, and which are copies of another."""

from newsweave.group.copies import CopyLink, find_copies, voices
from newsweave.group.features import ArticleFeatures, describe_articles, distinctive
from newsweave.group.scoring import StoryConfig
from newsweave.group.stories import StoryIndex, cluster, story_labels

__all__ = [
    "ArticleFeatures",
    "CopyLink",
    "StoryConfig",
    "StoryIndex",
    "cluster",
    "describe_articles",
    "distinctive",
    "find_copies",
    "story_labels",
    "voices",
]
