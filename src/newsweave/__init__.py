"""newsweave: one trustworthy, cited brief per news story."""

__version__ = "0.1.0"
