"""Analysis: sentences and entities of body lines, and sentence embeddings."""

from newsweave.analyze.embeddings import Encoder, MiniLMEncoder
from newsweave.analyze.nlp import Nlp, SpacyNlp
from newsweave.analyze.sentences import analyze_articles

__all__ = ["Encoder", "MiniLMEncoder", "Nlp", "SpacyNlp", "analyze_articles"]
