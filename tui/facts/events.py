"""What happened: action clauses with agent, patient, time and place, in text order.

The stages run in one order: the clauses that are events (event_clauses), their roles
(event_roles), their time (event_times), then their modality and whether a reader
would list them (modality, main_events). A lead event without a place of its own
takes the wire dateline's city.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from ..analysis import Event, Span, TimeSpan
from ..sources.meta import DATELINE
from .context import Context, build_context
from .event_clauses import is_negated, is_trigger, trigger_tokens
from .event_roles import PLACE_LABELS, agent_of, patient_of, place_of
from .event_times import time_of
from .event_words import event_words
from .main_events import headline_events, headline_of, is_main, retold
from .modality import modality_of
from .quotemarks import paragraph_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .entities import EntityIndex
    from .words import Word

_S = TypeVar("_S", Span, TimeSpan)


def extract_events(
    doc: "Doc", index: "EntityIndex", article_date: str | None = None, ctx: Context | None = None
) -> tuple[Event, ...]:
    """Every action clause of the article in text order, ids V1, V2, …"""
    ctx = ctx or build_context(doc, index)
    text, paras = ctx.text, ctx.paras
    found = []
    check = ctx.check
    for tok in ctx.words:
        check()
        if is_trigger(ctx, tok):
            found.append(tok)
    dateline = dateline_place(ctx, paras)
    events: list[Event] = []
    verbs: list[Word] = []
    previous_date: tuple[int, str] | None = None  # (sentence start, day) of the last dated event
    lead_para = dateline[1] if dateline else None
    lead_told = False  # an event of the lead paragraph is listed: only the first takes the dateline
    for verb in found:
        check()
        trigger = trigger_tokens(verb)
        first, last = ctx.words[trigger[0]], ctx.words[trigger[-1]]
        start, end = first.idx, last.idx + len(last.text)
        sentence = sentence_of(ctx, verb, paras)
        para = paragraph_of(paras, verb.idx) or sentence

        agent, patient = _within(agent_of(ctx, verb), para), _within(patient_of(ctx, verb), para)
        anchor = previous_date[1] if previous_date and previous_date[0] == sentence[0] else None  # own sentence only
        time = _within(time_of(ctx, verb, article_date, anchor), para)
        place = _within(place_of(ctx, verb), para)
        if agent is None and patient is None and time is None and place is None:
            continue  # "to be stored": no one and nothing to show
        if time is not None and time.date and len(time.date) == 10:
            previous_date = (sentence[0], time.date)
        if place is None and dateline is not None and lead_para is not None and lead_para[0] <= verb.idx < lead_para[1]:
            if not lead_told:
                place = dateline[0]
        if lead_para is not None and lead_para[0] <= start < lead_para[1]:
            lead_told = True
        negated = is_negated(verb)
        modality = modality_of(ctx, verb, negated)
        events.append(
            Event(
                id=f"V{len(events) + 1}",
                start=start,
                end=end,
                text=text[start:end],
                lemma=_lemma(ctx.words, trigger),
                sentence=sentence,
                agent=agent,
                patient=patient,
                time=time,
                place=place,
                negated=negated,
                modality=modality,
                # inside quote marks it is the speaker's words, which the Quotes panel lists
                main=is_main(verb, modality, agent, patient) and not ctx.in_quote(verb.idx),
                words=event_words(
                    ctx, verb, trigger, sentence, {"agent": agent, "patient": patient, "place": place, "time": time}
                ),
            )
        )
        verbs.append(verb)
    minor = headline_events(events, headline_of(text, paras))
    events = [replace(v, main=False) if v.id in minor else v for v in events]
    minor = retold(ctx, list(zip(events, verbs, strict=True)))
    return tuple(replace(v, main=False) if v.id in minor else v for v in events)


def _within(span: _S | None, para: tuple[int, int]) -> _S | None:
    """The role span if it lies in the paragraph: the parser may join paragraphs; roles never cross them."""
    return span if span is not None and para[0] <= span.start and span.end <= para[1] else None


def _lemma(words: "Sequence[Word]", trigger: list[int]) -> str:
    """Lemmas of the trigger's words, a split hyphenated word kept whole ("de-escalate")."""
    parts = []
    for i in trigger:
        t = words[i]
        if t.dep_ == "aux":
            continue
        glue = t.whitespace_ == "" and i + 1 in trigger
        parts.append(t.lemma_.lower() + ("" if glue else " "))
    return "".join(parts).strip()


def sentence_of(ctx: Context, verb: "Word", paras: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The sentence around the verb, cut to its paragraph (the parser joins headline and lead)."""
    sent = ctx.sent(verb)
    start, end = sent.start_char, sent.end_char
    para = paragraph_of(paras, verb.idx)
    if para is not None:
        start, end = max(start, para[0]), min(end, para[1])
    text = ctx.text
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and (text[start].isspace() or text[start] in _CLOSERS and start and not text[start - 1].isspace()):
        start += 1  # (a closing mark the parser began this sentence with is the last one's)
    stop = para[1] if para is not None else len(text)
    while end < stop and text[end] in _CLOSERS and end > start:  # '… of our city."': the parser
        end += 1  # leaves the closing mark to the next sentence
    return start, end


#: Marks that close what a sentence opened, kept with it when they follow it directly.
_CLOSERS = frozenset("”\"’')]»")


def dateline_place(ctx: Context, paras: Sequence[tuple[int, int]]) -> tuple[Span, tuple[int, int]] | None:
    """The city of a wire dateline ("BEIJING (Reuters) :") and the paragraph it opens."""
    text = ctx.text
    for lo, hi in paras[:3]:
        m = DATELINE.match(text, lo, hi)
        if not m:
            continue
        start, end = m.span(1)
        city = text[start:end]
        eid = ctx.index.at(start, end)
        if eid is None:
            for s, e, mid in ctx.mentions:
                if text[s:e].lower() == city.lower() and ctx.label_of.get(mid) in PLACE_LABELS:
                    eid = mid
                    break
        return Span(start, end, city, eid), (lo, hi)
    return None
