"""An event as a short sentence in the article's own words and order.

The Events panel shows each event as a row a reader can take in at a glance: the agent,
the verb group with its auxiliaries and negation ("has not been guaranteed", "was
forced to resign"), the patient and the place with the preposition that ties them to the
verb ("met with his counterpart", "landed in Qatar"), a passive's "by" before its agent,
and the time ("on Thursday"), each a stretch of the article and in its order. The parse
knows where these stretches start; the screen only joins them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import Phrase, Span, TimeSpan
from .words import root_of

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from .context import Context

#: The verb's own words: auxiliaries, negation, the infinitive "to" and the particle.
GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})


def event_words(
    ctx: "Context",
    verb: "Word",
    trigger: list[int],
    sentence: tuple[int, int],
    roles: dict[str, Span | TimeSpan | None],
) -> tuple[Phrase, ...]:
    """The parts of the event's sentence, in text order; a role outside the sentence (a
    dateline city, an agent found in another clause of another sentence) is left out, as
    is one inside another part ("stormed into southern Israel" holds the place)."""
    text = ctx.text
    parts: list[tuple[int, int, str]] = []
    lo, hi = verb_group(verb, trigger)
    parts.append((lo, hi, "verb"))
    for c in verb.children:  # a particle after the object: "wound the operation down"
        if c.dep_ == "prt" and c.idx >= hi:
            parts.append((c.idx, c.idx + len(c.text), "verb"))
    for role in ("agent", "patient", "place", "time"):
        span = roles.get(role)
        if span is None:
            continue
        start = _preposition(ctx, span, verb, trigger, role == "place") if role != "time" else span.start
        parts.append((start, span.end, role))
    kept: list[tuple[int, int, str]] = []
    for s, e, role in sorted(parts, key=lambda p: (p[0], -p[1])):
        if not (sentence[0] <= s and e <= sentence[1]) and role != "verb":
            continue
        if kept and s < kept[-1][1]:
            continue  # inside (or across) the part before it
        kept.append((s, e, role))
    return tuple(Phrase(s, e, text[s:e], role) for s, e, role in kept)


def verb_group(verb: "Word", trigger: list[int]) -> tuple[int, int]:
    """Character range of the verb group: the trigger with its auxiliaries and negation,
    and for a completing verb the verb it completes ("was forced to resign"), when the
    words stand together (adverbs between them are kept: "has recently cracked down")."""
    words = verb.words
    group = set(trigger)
    heads = [verb]
    if verb.dep_ == "xcomp" and verb.head.i < verb.i and verb.head.pos_ in ("VERB", "AUX"):
        heads.append(verb.head)
        group.add(verb.head.i)
    for h in heads:
        group |= {c.i for c in h.children if c.dep_ in GROUP_DEPS}
    first = min(trigger)
    lo = first
    for i in range(first - 1, min(group) - 1, -1):
        t = words[i]
        if i in group:
            lo = i
        elif not (t.pos_ == "ADV" and t.head.i in group):
            break
    hi = max(trigger)
    while hi + 1 in group:  # a particle right after the verb; "kept it up" keeps "kept"
        hi += 1
    return words[lo].idx, words[hi].idx + len(words[hi].text)


def _preposition(ctx: "Context", span: Span | TimeSpan, verb: "Word", trigger: list[int], place: bool) -> int:
    """Where the role's part starts: at the preposition that ties its phrase to the verb
    or the trigger's noun ("with his “dear friend” President Xi Jinping"), or for a place
    at its own ("his counterpart in Qatar"), else the span."""
    holders = {verb.i, *trigger}
    found = ctx.char_words(span.start, span.end)
    if found is None:
        return span.start
    first, t = found[0], root_of(ctx.words, *found)
    while t.dep_ == "appos" and t.head.i < t.i:  # a span reduced to the name: "his friend President Xi"
        t = t.head
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and (place or t.head.head.i in holders) and t.head.i < first:
        return t.head.idx
    if t.dep_ == "pobj" and t.head.dep_ == "agent" and t.head.head.i in holders and t.head.i < first:
        return t.head.idx  # "crushed by the wave of people" (not the "by" of another verb: "found by someone who gave it")
    return span.start
