"""The `wirelens/1` data contract as plain frozen dataclasses.

Everything after extraction (screen, copy, export, cache) reads these and never a
spaCy Doc, so they must round-trip losslessly through `to_dict`/`from_dict`.
Every span is a pair of character offsets into `Article.text`.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import InitVar, dataclass, field
from types import MappingProxyType
from typing import Any, Iterator, Mapping

SCHEMA = "wirelens/1"
#: An event's relation to what happened; old readers ignore the field.
MODALITIES = ("asserted", "negated", "hypothetical", "future", "reported")
#: The parts of an event's short sentence (`Event.words`); old readers ignore the field.
WORD_ROLES = ("agent", "verb", "patient", "place", "time")

#: Labels that name things; everything else (dates, numbers, …) is shown apart.
NAME_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)
VALUE_LABELS = ("DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL")
#: Words that stand in for a name: a reader is shown the entity's name instead.
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "we", "i", "his", "its", "their"})


@dataclass(frozen=True)
class Article:
    """A decoded, sanitised article; `text` is exactly what the screen shows."""

    path: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def name(self) -> str:
        """A short display name: the file name, or the path as given."""
        return self.path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or self.path

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "sha256": self.sha256,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(path=d["path"], text=d["text"], title=d.get("title"), date=d.get("date"))


@dataclass(frozen=True)
class Span:
    """A stretch of the article; `entity` links it to an Entity id when known."""

    start: int
    end: int
    text: str
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "entity": self.entity}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Span | None":
        if d is None:
            return None
        return cls(d["start"], d["end"], d["text"], d.get("entity"))


#: What a mention is: the entity's name, a pronoun ("he"), or a description ("the envoy").
MENTION_KINDS = ("name", "pronoun", "description")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # one of MENTION_KINDS; readers older than the field see only names

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Mention":
        return cls(d["start"], d["end"], d["text"], d.get("kind", "name"))


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    label: str
    salience: float
    mentions: tuple[Mention, ...]

    @property
    def is_name(self) -> bool:
        return self.label not in VALUE_LABELS

    @functools.cached_property
    def names(self) -> tuple[Mention, ...]:
        """The mentions that name it: what its count and salience come from (not "he"). Kept once
        made (the entity is frozen): the Corpus screen's merge asked 98,000 times per refill of
        500 articles, a third of its time."""
        return tuple(m for m in self.mentions if m.kind == "name")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "salience": round(self.salience, 4),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(
            d["id"],
            d["name"],
            d["label"],
            float(d["salience"]),
            tuple(Mention.from_dict(m) for m in d["mentions"]),
        )


@dataclass(frozen=True)
class Quote:
    id: str
    kind: str  # direct | indirect | mixed
    start: int
    end: int
    text: str
    speaker: Span | None = None
    cue: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": _cue_dict(self.cue),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        return cls(
            d["id"],
            d["kind"],
            d["start"],
            d["end"],
            d["text"],
            Span.from_dict(d.get("speaker")),
            Span.from_dict(d.get("cue")),
        )


@dataclass(frozen=True)
class TimeSpan:
    start: int
    end: int
    text: str
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "date": self.date}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "TimeSpan | None":
        if d is None:
            return None
        return cls(d["start"], d["end"], d["text"], d.get("date"))


@dataclass(frozen=True)
class Phrase:
    """One part of an event's short sentence, in the article's words: the agent, the verb
    group with its auxiliaries and negation ("has not been guaranteed"), the patient or
    place with its preposition ("into southern Israel"), or the time ("on Thursday")."""

    start: int
    end: int
    text: str
    role: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "role": self.role}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Phrase":
        return cls(d["start"], d["end"], d["text"], d["role"])


@dataclass(frozen=True)
class Event:
    id: str
    start: int
    end: int
    text: str
    lemma: str
    sentence: tuple[int, int]
    agent: Span | None = None
    patient: Span | None = None
    time: TimeSpan | None = None
    place: Span | None = None
    negated: bool = False
    #: asserted | negated | hypothetical | future | reported; `negated` agrees with it
    modality: str = "asserted"
    #: one of the article's main actions: asserted or reported, concrete, with an agent or patient
    main: bool = True
    #: the event as a short sentence in the article's words and order; () when not known
    words: tuple[Phrase, ...] = ()

    @property
    def place_apart(self) -> Span | None:
        """The place, unless the patient already names it ("stormed into southern Israel")."""
        p, q = self.place, self.patient
        if p is None or (q is not None and q.start <= p.start and p.end <= q.end):
            return None
        return p

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "lemma": self.lemma,
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
            "agent": self.agent.to_dict() if self.agent else None,
            "patient": self.patient.to_dict() if self.patient else None,
            "time": self.time.to_dict() if self.time else None,
            "place": self.place.to_dict() if self.place else None,
            "negated": self.negated,
            "modality": self.modality,
            "main": self.main,
            "words": [w.to_dict() for w in self.words],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        s = d["sentence"]
        return cls(
            d["id"],
            d["start"],
            d["end"],
            d["text"],
            d["lemma"],
            (s["start"], s["end"]),
            Span.from_dict(d.get("agent")),
            Span.from_dict(d.get("patient")),
            TimeSpan.from_dict(d.get("time")),
            Span.from_dict(d.get("place")),
            bool(d.get("negated", False)),
            d.get("modality") or ("negated" if d.get("negated") else "asserted"),
            bool(d.get("main", True)),
            tuple(Phrase.from_dict(w) for w in d.get("words") or ()),
        )


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True)
class Analysis:
    article: Article
    model: ModelInfo
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    #: Accepted and ignored: `dataclasses.replace(analysis, _index={})` from older callers
    #: still works. The index is built from `entities` at construction, never handed in.
    _index: InitVar[object] = None
    #: Entities by id, read-only, built once in `__post_init__` (so nothing inside mutates).
    _by_id: Mapping[str, Entity] = field(init=False, repr=False, compare=False)

    def __post_init__(self, _index: object) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({e.id: e for e in self.entities}))

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from the fields (the read-only index cannot be pickled or deep-copied).
        return (type(self), (self.article, self.model, self.entities, self.quotes, self.events))

    def entity(self, entity_id: str | None) -> Entity | None:
        """Look an entity up by id (ids are what quotes and events carry)."""
        if entity_id is None:
            return None
        return self._by_id.get(entity_id)

    def spans(self) -> Iterator[tuple[int, int]]:
        """Every span offset pair of every fact kind in the table, for validation."""
        from .kinds import all_facts, kind_of  # the table builds on this module: import late

        for fact in all_facts(self):
            for start, end, _role in kind_of(fact).spans(fact):
                yield start, end

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.article.to_dict(),
            "model": self.model.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [v.to_dict() for v in self.events],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Analysis":
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document (schema={d.get('schema')!r})")
        return cls(
            Article.from_dict(d["source"]),
            ModelInfo(d["model"]["name"], d["model"]["version"]),
            tuple(Entity.from_dict(e) for e in d.get("entities", ())),
            tuple(Quote.from_dict(q) for q in d.get("quotes", ())),
            tuple(Event.from_dict(v) for v in d.get("events", ())),
        )


def _cue_dict(cue: Span | None) -> dict[str, Any] | None:
    """The contract's cue has no entity field."""
    if cue is None:
        return None
    return {"start": cue.start, "end": cue.end, "text": cue.text}
