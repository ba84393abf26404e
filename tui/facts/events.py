"""What happened: action clauses with agent, patient, time and place.

An event is a clause whose verb is an action: not a speech act (those are quotes),
not an auxiliary, not a bare copula or a verb of state or thought. Each role is read
from the dependency parse with a few rules a reader would apply:

- agent: the subject, or the "by" phrase of a passive, looking through controlled
  and conjoined verbs ("Zhai was quoted saying after meeting Bogdanov": Zhai met);
- patient: the object, or the object of the preposition that completes a motion or
  contact verb ("stormed into southern Israel", "met with his counterpart"); a light
  verb takes its noun into the trigger ("held talks with Xi": trigger "held talks");
- time: a DATE/TIME in the clause, normalised by `dates.normalise`;
- place: a GPE/LOC/FAC in an in/at/into/to/from phrase, or the dateline city for the
  article's lead event;
- negated: "not", "never", or a failure verb ("failed to pass").
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from ..analysis import Event, Span, TimeSpan
from ..sources.meta import DATELINE
from . import dates
from .attribution import SPEECH_VERBS
from .context import Context, build_context
from .modality import headline_of, headline_repeats, is_future, is_main, modality_of
from .phrases import phrase_span, phrase_tokens, subject_of
from .quotemarks import paragraph_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .entities import EntityIndex

_S = TypeVar("_S", Span, TimeSpan)

#: Verbs of being, having, thinking and wanting: states, not events.
STATIVE = frozenset(
    """be have seem appear become remain stay consist include contain know think believe feel
    want wish hope need like love hate mean resemble exist belong lack deserve involve concern
    regard suppose tend matter cost equal own possess prefer understand recognize recognise
    seem sound look""".split()
)
#: Speech acts that never count as events, whether or not they carry a quote.
NOT_EVENTS = SPEECH_VERBS | frozenset({"call", "quote", "describe", "name", "let"})
#: Verbs whose "to"-complement is the action, read together: "failed to pass".
ASPECTUAL = frozenset({"fail", "refuse", "decline", "try", "attempt", "manage", "begin", "start", "continue", "cease", "stop"})
#: Light verbs whose object noun names the action ("held talks", "took action").
LIGHT_VERBS = frozenset({
    "hold", "take", "make", "give", "pay", "conduct", "launch", "stage", "carry", "deliver", "issue", "reach",
    "sign",
})
EVENT_NOUNS = frozenset(
    """talk talks meeting negotiation negotiations action step steps measure measures decision visit
    trip tour call statement speech attack attacks strike strikes raid vote part place
    election elections interview appearance agreement deal ceasefire truce offensive operation
    operations protest protests rally march search investigation inquiry review""".split()
)
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
TIME_PREPS = frozenset({
    "on", "in", "at", "by", "since", "during", "until", "before", "after", "from", "of", "over", "through",
    "throughout", "as",
})
TIME_ADVERBS = frozenset({"recently", "later", "earlier", "previously", "lately", "formerly", "afterwards"})
#: Children that start a clause of their own, with its own event and roles.
OWN_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "parataxis", "csubj", "pcomp"})


def extract_events(
    doc: "Doc", index: "EntityIndex", article_date: str | None = None, ctx: Context | None = None
) -> tuple[Event, ...]:
    """Every action clause of the article in text order, ids V1, V2, …"""
    ctx = ctx or build_context(doc, index)
    text, paras = ctx.text, ctx.paras
    found = []
    check = ctx.check
    for tok in doc:
        check()
        if is_trigger(ctx, tok):
            found.append(tok)
    dateline = dateline_place(ctx, paras)
    events: list[Event] = []
    previous_date: tuple[int, str] | None = None  # (sentence start, day) of the last dated event
    lead_para = dateline[1] if dateline else None
    lead_told = False  # an event of the lead paragraph is listed: only the first takes the dateline
    for verb in found:
        check()
        trigger = trigger_tokens(verb)
        start, end = doc[trigger[0]].idx, doc[trigger[-1]].idx + len(doc[trigger[-1]].text)
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
                lemma=_lemma(doc, trigger),
                sentence=sentence,
                agent=agent,
                patient=patient,
                time=time,
                place=place,
                negated=negated,
                modality=modality,
                # inside quote marks it is the speaker's words, which the Quotes panel lists
                main=is_main(verb, modality, agent, patient) and not ctx.in_quote(verb.idx),
            )
        )
    repeats = headline_repeats(events, headline_of(text, paras))
    return tuple(replace(v, main=False) if v.id in repeats else v for v in events)


def _within(span: _S | None, para: tuple[int, int]) -> _S | None:
    """The role span if it lies in the paragraph: the parser may join paragraphs; roles never cross them."""
    return span if span is not None and para[0] <= span.start and span.end <= para[1] else None


def _lemma(doc: "Doc", trigger: list[int]) -> str:
    """Lemmas of the trigger's words, a split hyphenated word kept whole ("de-escalate")."""
    parts = []
    for i in trigger:
        t = doc[i]
        if t.dep_ == "aux":
            continue
        glue = t.whitespace_ == "" and i + 1 in trigger
        parts.append(t.lemma_.lower() + ("" if glue else " "))
    return "".join(parts).strip()


def is_trigger(ctx: Context, tok: "Token") -> bool:
    """An action verb heading a clause (inside quoted speech too: it is then reported)."""
    if tok.pos_ != "VERB" or not tok.tag_.startswith("VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in STATIVE or lemma in NOT_EVENTS or not tok.is_alpha:
        return False
    if tok.dep_ in ("amod", "compound", "nmod", "pobj", "dobj", "nsubj", "prep", "npadvmod", "dep", "preconj"):
        return False  # "the rescued members", "including …": a verb form used as a word
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children):
        return False  # "hostages held in Gaza": a description; "the truce brokered by Egypt" is an act
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ASPECTUAL:
        return False  # read together with its head: "failed to pass"
    if tok.dep_ == "xcomp" and tok.head.pos_ in ("ADJ", "NOUN"):
        return False
    if tok.dep_ == "advcl" and tok.tag_ == "VBN" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return False  # "…, estimated to be in the billions": a side remark
    has_role = subject_of(tok) is not None or any(
        c.dep_ in ("dobj", "nsubjpass", "prep", "prt", "agent", "attr", "dative") for c in tok.children
    )
    return has_role


def trigger_tokens(verb: "Token") -> list[int]:
    """Token indices of the trigger: the verb, its particle, a light verb's noun, or "failed to pass"."""
    doc = verb.doc
    idx = [verb.i]
    if verb.i >= 2 and is_hyphen_prefix(doc[verb.i - 2]):
        idx[:0] = [verb.i - 2, verb.i - 1]  # the whole of "de-escalate"
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            idx.append(c.i)
    if verb.lemma_.lower() in LIGHT_VERBS:
        obj = _dobj(verb)
        if obj is not None and obj.lemma_.lower() in EVENT_NOUNS and obj.i > verb.i:
            between = doc[verb.i + 1 : obj.i]
            if all(t.dep_ in ("det", "amod", "compound", "nummod") for t in between) and obj.i - verb.i <= 3:
                idx.extend(range(verb.i + 1, obj.i + 1))
    if verb.lemma_.lower() in ASPECTUAL:
        for c in verb.children:
            if c.dep_ == "xcomp" and 0 < c.i - verb.i <= 2:
                idx.extend(range(verb.i + 1, c.i + 1))
    return sorted(set(idx))


def _dobj(verb: "Token") -> "Token | None":
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    return None if obj is not None and is_hyphen_prefix(obj) else obj


def is_hyphen_prefix(tok: "Token") -> bool:
    """"de" in "de-escalate": the tokenizer split one word, so it is no role of its own."""
    doc = tok.doc
    return (
        tok.whitespace_ == ""
        and tok.i + 2 < len(doc)
        and doc[tok.i + 1].text in ("-", "‐")
        and doc[tok.i + 1].whitespace_ == ""
        and doc[tok.i + 2].is_alpha
    )


def _role_span(ctx: Context, head: "Token") -> Span:
    """A role's phrase; "his dear friend President Xi Jinping" is reduced to the name."""
    if head.pos_ == "NOUN" and ctx.index.of_token(head) is None:
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and ctx.index.of_token(c) is not None:
                return phrase_span(ctx, c)
    return _clean(ctx, phrase_span(ctx, head))


def _clean(ctx: Context, span: Span) -> Span:
    """No quote marks or spaces at the edges of a role span."""
    s, e = span.start, span.end
    text = ctx.text
    while s < e and text[s] in "\"'“”‘’ ":
        s += 1
    while e > s and text[e - 1] in "\"'“”‘’ ,":
        e -= 1
    return Span(s, e, text[s:e], span.entity)


def agent_of(ctx: Context, verb: "Token") -> Span | None:
    """Who did it: the subject, or the "by" phrase of a passive."""
    if _reported_participle(verb):
        return None  # "three soldiers were reported killed": they are the patient
    subj = subject_of(verb)
    if subj is None or subj.is_punct:
        return None
    return _role_span(ctx, subj)


def _reported_participle(verb: "Token") -> bool:
    """A past participle completing a passive report: "were reported killed"."""
    head = verb.head
    return (
        verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "oprd") and head is not verb
        and any(c.dep_ == "nsubjpass" for c in head.children)
    )


def patient_of(ctx: Context, verb: "Token") -> Span | None:
    """What it was done to: the object, a passive subject, or the completing prepositional object."""
    doc = verb.doc
    light = [i for i in trigger_tokens(verb) if doc[i].dep_ in ("dobj", "obj") and not is_hyphen_prefix(doc[i])]
    if light:  # "held talks with Xi": the partner of the talks
        return _light_partner(ctx, verb, doc[light[0]])
    obj = _dobj(verb)
    if obj is not None:
        return _role_span(ctx, obj)
    if _reported_participle(verb):
        return _role_span(ctx, next(c for c in verb.head.children if c.dep_ == "nsubjpass"))
    head = _passive_patient(verb) or _participle_patient(verb)
    if head is None:
        head = _completing_object(verb)
    return None if head is None else _role_span(ctx, head)


def _pobj(prep: "Token") -> "Token | None":
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _light_partner(ctx: Context, verb: "Token", noun: "Token") -> Span | None:
    """The object of "with", "on", "to" or "against" on a light verb's noun or the verb."""
    for holder in (noun, verb):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "on", "to", "against"):
                obj = _pobj(c)
                if obj is not None:
                    return _role_span(ctx, obj)
    return None


def _passive_patient(verb: "Token") -> "Token | None":
    """A passive subject that is no relative pronoun, or the noun a passive relative clause hangs on."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is None:
        return None
    if passive.lower_ not in ("that", "which", "who"):
        return passive
    is_passive = any(c.dep_ in ("agent", "auxpass") for c in verb.children)
    return verb.head if is_passive and verb.dep_ == "relcl" else None


def _participle_patient(verb: "Token") -> "Token | None":
    """The noun a passive participle hangs on: "the truce brokered by Egypt"."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        return verb.head
    return None


def _completing_object(verb: "Token") -> "Token | None":
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


def _own(verb: "Token") -> list["Token"]:
    """The verb's tokens that do not belong to a clause of their own."""
    out, stack = [], [c for c in verb.children if c.dep_ not in OWN_CLAUSE]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "ccomp", "advcl", "acl"))
    return out


def time_of(
    ctx: Context, verb: "Token", article_date: str | None, previous: str | None, future: bool | None = None
) -> TimeSpan | None:
    """The clause's DATE or TIME, with its preposition, as an ISO date where the rules allow."""
    future = is_future(verb) if future is None else future
    own = {t.i for t in _own(verb)}
    if verb.lemma_.lower() in ASPECTUAL:  # "failed to pass on Monday"
        for c in verb.children:
            if c.dep_ == "xcomp":
                own |= {t.i for t in _own(c)}
    found = _time_in(ctx, verb, own, article_date, previous, future)
    if found is None:
        # a time inside the object's phrase, but not in a clause of its own ("the car that
        # thieves stole on Sunday" is the stealing's Sunday)
        extra = {t.i for c in verb.children if c.dep_ in ("dobj", "prep") and c.i > verb.i for t in _own(c)}
        found = _time_in(ctx, verb, extra, article_date, previous, future)
    if found is None and _shares_clause(verb):
        return time_of(ctx, verb.head, article_date, previous, future)  # "was forced to resign" in May
    if found is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        fronted = time_of(ctx, verb.head, article_date, previous, future)
        if fronted is not None and fronted.end <= verb.head.idx:
            return fronted  # "On Friday, fishermen rescued 700 and the navy saved 200": both on Friday
    return found


def _shares_clause(verb: "Token") -> bool:
    """An xcomp, or a conjoined verb with no subject of its own ("was arrested and charged
    on Monday"), takes its head's time; "the council voted on Monday and the mayor
    resigned" is two clauses, and the second has no time."""
    head = verb.head
    if head is verb or head.pos_ not in ("VERB", "AUX"):
        return False
    if verb.dep_ == "xcomp":
        return True
    return verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _time_in(
    ctx: Context, verb: "Token", allowed: set[int], article_date: str | None, previous: str | None, future: bool
) -> TimeSpan | None:
    doc = verb.doc
    best = None
    for ent in sorted((e for i in allowed if i in ctx.times for e in ctx.times[i]), key=lambda e: e.start):
        root = ent.root
        if root.dep_ in ("amod", "compound", "nummod", "poss") or re.search(r"\bold\b|-year", ent.text):
            continue  # ages and "14-year-old" describe someone
        head = root.head
        if re.fullmatch(r"\d{1,3}", ent.text.strip()):
            continue  # "Manju Sam, 36,": an age, not a time
        after = doc[ent.end] if ent.end < len(doc) else None
        if after is not None and after.lower_ in ("after", "before") and after.dep_ in ("mark", "prep"):
            continue  # "a day after Putin held talks": an offset from another time, not a time
        if root.dep_ == "pobj" and head.lower_ == "for":
            continue  # a duration
        if root.dep_ == "pobj" and head.lower_ not in TIME_PREPS:
            continue
        first = ent.start
        while first > 0 and doc[first - 1].ent_type_ in ("DATE", "TIME"):
            first -= 1  # "Monday" + "morning": one time, read by its day
        start, end = doc[first].idx, ent.end_char
        before = doc[first - 1] if first > 0 else None
        if before is not None and before.pos_ == "ADP" and before.lower_ in TIME_PREPS:
            start = before.idx  # "On Oct. 7", "on Monday"
        best = (start, end)
        if head is verb or root.head is verb or (head.dep_ == "prep" and head.head is verb):
            break
    if best is None:
        best = _time_adverb(verb)
    if best is None:
        return None
    start, end = best
    while end > start and ctx.text[end - 1] in " ,.;:\n":
        end -= 1
    text = ctx.text[start:end]
    return TimeSpan(start, end, text, dates.normalise(text, article_date, previous, future=future))


def _time_adverb(verb: "Token") -> tuple[int, int] | None:
    """"recently", "later": a time the text gives without a date (it resolves to none)."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in TIME_ADVERBS:
            return c.idx, c.idx + len(c.text)
    return None


def place_of(ctx: Context, verb: "Token") -> Span | None:
    """A GPE, LOC or FAC in a locative phrase of the clause."""
    candidates = []
    for t in _own(verb):
        if t.dep_ != "prep" or t.lower_ not in PLACE_PREPS:
            continue
        obj = next((g for g in t.children if g.dep_ == "pobj"), None)
        if obj is None or obj.ent_type_ not in PLACE_LABELS:
            continue
        i, j = phrase_tokens(obj)
        for c in obj.children:  # the place itself, not "Qatar, a key go-between"
            if c.dep_ in ("appos", "prep") and c.i > obj.i:
                j = min(j, c.left_edge.i)
        while j - 1 > obj.i and verb.doc[j - 1].is_punct:
            j -= 1
        span = Span(verb.doc[i].idx, verb.doc[j - 1].idx + len(verb.doc[j - 1].text), "", ctx.index.of_token(obj))
        direct = t.head is verb
        candidates.append((not direct, t.lower_ == "from", t.i, span))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[:3])
    s = candidates[0][3]
    return _clean(ctx, Span(s.start, s.end, ctx.text[s.start : s.end], s.entity))


def is_negated(verb: "Token") -> bool:
    """"did not stop", "never met". A failure verb is no negation: "failed to pass" is
    the trigger, and the failing happened ("not failed to pass" would say the opposite)."""
    return any(c.dep_ == "neg" for c in verb.children)


def sentence_of(ctx: Context, verb: "Token", paras: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The sentence around the verb, cut to its paragraph (the parser joins headline and lead)."""
    sent = ctx.sent(verb)
    start, end = sent.start_char, sent.end_char
    para = paragraph_of(paras, verb.idx)
    if para is not None:
        start, end = max(start, para[0]), min(end, para[1])
    text = ctx.text
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


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
