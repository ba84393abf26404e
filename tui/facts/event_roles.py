"""Who did what to whom, and where: an event's agent, patient and place.

Each role is read from the dependency parse with a few rules a reader would apply:

- agent: the subject, or the "by" phrase of a passive, looking through controlled
  and conjoined verbs ("Zhai was quoted saying after meeting Bogdanov": Zhai met);
- patient: the object, or the object of the preposition that completes a motion or
  contact verb ("stormed into southern Israel", "met with his counterpart"); a light
  verb's partner ("held talks with Xi");
- place: a GPE/LOC/FAC in an in/at/into/to/from phrase of the clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import Span
from .event_clauses import _dobj, clause_words, is_hyphen_prefix, trigger_tokens
from .phrases import phrase_span, phrase_tokens, title_entity

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from .context import Context


#: Prepositions whose object completes a verb of motion or contact.
COMPLETING = frozenset({"into", "onto", "on", "upon", "at", "against", "to", "toward", "towards"})
CONTACT_WITH = frozenset({
    "meet", "talk", "clash", "negotiate", "speak", "deal", "cooperate", "fight", "compete", "partner", "merge",
    "side", "break", "consult",
})
PLACE_PREPS = (
    "in", "at", "into", "to", "from", "near", "inside", "outside", "across", "throughout", "off", "onto",
    "within", "toward", "towards",
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

def _role_span(ctx: Context, head: "Word") -> Span:
    """A role's phrase; "his dear friend President Xi Jinping" is reduced to the name."""
    if head.pos_ == "NOUN" and ctx.index.of_token(head) is None:
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and ctx.index.of_token(c) is not None:
                return phrase_span(ctx, c)
    span = _clean(ctx, phrase_span(ctx, head))
    if span.entity is None and span.text.lower() == "the " + head.lower_:
        span = Span(span.start, span.end, span.text, title_entity(ctx, head))
    return span


def _clean(ctx: Context, span: Span) -> Span:
    """No quote marks or spaces at the edges of a role span."""
    s, e = span.start, span.end
    text = ctx.text
    while s < e and text[s] in "\"'“”‘’ ":
        s += 1
    while e > s and text[e - 1] in "\"'“”‘’ ,":
        e -= 1
    return Span(s, e, text[s:e], span.entity)


def agent_of(ctx: Context, verb: "Word") -> Span | None:
    """Who did it: the subject, or the "by" phrase of a passive."""
    if _reported_participle(verb):
        return None  # "three soldiers were reported killed": they are the patient
    subj = ctx.subject(verb)
    if subj is None or subj.is_punct:
        return None
    return _role_span(ctx, subj)


def _reported_participle(verb: "Word") -> bool:
    """A past participle completing a passive report: "were reported killed"."""
    head = verb.head
    return (
        verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "oprd") and head.i != verb.i
        and any(c.dep_ == "nsubjpass" for c in head.children)
    )


def patient_of(ctx: Context, verb: "Word") -> Span | None:
    """What it was done to: the object, a passive subject, or the completing prepositional object."""
    words = verb.words
    light = [i for i in trigger_tokens(verb) if words[i].dep_ in ("dobj", "obj") and not is_hyphen_prefix(words[i])]
    if light:  # "held talks with Xi": the partner of the talks
        return _light_partner(ctx, verb, words[light[0]])
    obj = _dobj(verb)
    if obj is not None:
        return _role_span(ctx, obj)
    if _reported_participle(verb):
        return _role_span(ctx, next(c for c in verb.head.children if c.dep_ == "nsubjpass"))
    head = _passive_patient(verb) or _participle_patient(verb)
    if head is None:
        head = _completing_object(verb)
    return None if head is None else _role_span(ctx, head)


def _pobj(prep: "Word") -> "Word | None":
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _light_partner(ctx: Context, verb: "Word", noun: "Word") -> Span | None:
    """The object of "with", "on", "to" or "against" on a light verb's noun or the verb."""
    for holder in (noun, verb):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "on", "to", "against"):
                obj = _pobj(c)
                if obj is not None:
                    return _role_span(ctx, obj)
    return None


def _passive_patient(verb: "Word") -> "Word | None":
    """A passive subject that is no relative pronoun, or the noun a passive relative clause hangs on."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is None:
        return None
    if passive.lower_ not in ("that", "which", "who"):
        return passive
    is_passive = any(c.dep_ in ("agent", "auxpass") for c in verb.children)
    return verb.head if is_passive and verb.dep_ == "relcl" else None


def _participle_patient(verb: "Word") -> "Word | None":
    """The noun a passive participle hangs on: "the truce brokered by Egypt"."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        return verb.head
    return None


def _completing_object(verb: "Word") -> "Word | None":
    """The object of a preposition completing a motion or contact verb, or of a particle's preposition."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ != "prep" or c.i < verb.i:
            continue
        if c.lower_ in COMPLETING or (c.lower_ == "with" and lemma in CONTACT_WITH):
            obj = _pobj(c)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                return obj
    for c in verb.children:
        if c.dep_ == "prt":
            for p in c.children:
                if p.dep_ == "prep":
                    obj = _pobj(p)
                    if obj is not None:
                        return obj
    return None


def place_of(ctx: Context, verb: "Word") -> Span | None:
    """A GPE, LOC or FAC in a locative phrase of the clause."""
    candidates = []
    for t in clause_words(ctx, verb):
        if t.dep_ != "prep" or t.lower_ not in PLACE_PREPS:
            continue
        obj = next((g for g in t.children if g.dep_ == "pobj"), None)
        if obj is None or obj.ent_type_ not in PLACE_LABELS:
            continue
        i, j = phrase_tokens(obj)
        for c in obj.children:  # the place itself, not "Qatar, a key go-between"
            if (c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ != "of")) and c.i > obj.i:
                j = min(j, c.left_edge.i)
        words = verb.words
        while j - 1 > obj.i and words[j - 1].is_punct:
            j -= 1
        span = Span(words[i].idx, words[j - 1].idx + len(words[j - 1].text), "", ctx.index.of_token(obj))
        direct = t.head.i == verb.i
        candidates.append((not direct, t.lower_ == "from", t.i, span))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[:3])
    s = candidates[0][3]
    return _clean(ctx, Span(s.start, s.end, ctx.text[s.start : s.end], s.entity))
