"""Grouping: which articles report the same story, and which are copies of another."""

from newsweave.group.copies import CopyLink, find_copies, voices
from newsweave.group.features import ArticleFeatures, article_features
from newsweave.group.online import OnlineConfig, cluster_online, stories_from_labels

__all__ = [
    "ArticleFeatures",
    "CopyLink",
    "OnlineConfig",
    "article_features",
    "cluster_online",
    "find_copies",
    "stories_from_labels",
    "voices",
]
