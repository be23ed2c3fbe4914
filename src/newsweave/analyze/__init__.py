"""Analysis: sentences and entities of body lines, entity linking, time expressions,
sentence embeddings, and the models they are made with."""

from newsweave.analyze.embeddings import Encoder, MiniLMEncoder
from newsweave.analyze.models import Models, default_models
from newsweave.analyze.nlp import Nlp, SpacyNlp
from newsweave.analyze.sentences import analyze_articles

__all__ = ["Encoder", "MiniLMEncoder", "Models", "Nlp", "SpacyNlp", "analyze_articles", "default_models"]
