"""Reading inputs: find article files, read their bytes, decode them to lines."""

from newsweave.ingest.decode import decode
from newsweave.ingest.discover import ARTICLE_SUFFIXES, Discovery, discover

__all__ = ["ARTICLE_SUFFIXES", "Discovery", "decode", "discover"]
