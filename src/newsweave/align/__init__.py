"""Claims across sources: which sentences say the same thing, where independent
sources agree, where they state different values, and what only one reports."""

from newsweave.align.alignment import Alignment, align
from newsweave.align.claims import ClaimGroup
from newsweave.align.values import Value, sentence_values

__all__ = ["Alignment", "ClaimGroup", "Value", "align", "sentence_values"]
