"""Reported speech: a speech verb with a clause under it is an indirect quote.

Marks inside that clause make it a mixed quote, which absorbs the direct passage;
a clause that is itself a marked passage only attributes it. The clause is found where
the parser hangs it (a ccomp after the verb) and where it misplaces it: an aside ("she
said"), a pseudo-cleft ("what I stress is that …"), a paragraph after "X observed:".
Inside a quote, only a report with a named source is a quote of its own.
`reported_clauses` reads the passages and returns what it found and what it changed,
never editing them.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..analysis import Span
from .cues import ADDRESSING, REPORTING_VERBS, SPEECH_VERBS, document_source, other_sense
from .speakers import cue_span, name_before, not_punct, sentence_subject, speaker_span
from .phrases import subject_of
from .quotemarks import ALL_MARKS, Passage, paragraph_of

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from .context import Context

#: Wh-words that open a time or place adverbial the parser may take for a reported clause
#: ("said when he arrived"); "said why", "say whether" report what was (or was not) said.
WH_WORDS = frozenset({"where", "when"})
#: Verbs whose wh-clause is what was asked or told ("asked how the papers got out"):
#: reported speech, where "said when he arrived" is not.
ASKING = frozenset({"ask", "explain", "question", "wonder", "reveal", "disclose", "tell", "describe", "discuss"})


#: A quote before it has an id: start, end, kind, speaker, cue.
RawQuote = tuple[int, int, str, "Span | None", "Span | None"]


@dataclass(frozen=True)
class Reported:
    """What `reported_clauses` found, and what it would change in the passages it read."""

    quotes: tuple[RawQuote, ...]  # the indirect and mixed quotes, by verb order
    attributed: dict[int, tuple[Span, Span, str]] = field(default_factory=dict)  # passage index -> speaker, cue, how
    absorbed: frozenset[int] = frozenset()  # indices of the passages a mixed quote took in

    def apply(self, passages: Sequence[Passage]) -> list[Passage]:
        """New passages with the attributions and absorptions made; `passages` is left alone."""
        out = []
        for k, p in enumerate(passages):
            if k in self.attributed:
                speaker, cue, how = self.attributed[k]
                p = replace(p, speaker=speaker, cue=cue, how=how)
            if k in self.absorbed:
                p = replace(p, drop=True)
            out.append(p)
        return out


def reported_clauses(ctx: Context, passages: Sequence[Passage]) -> Reported:
    """Indirect quotes ("X said the Y …"), and mixed ones that absorb marks inside them.

    Reads `passages` without editing them: the passages a clause attributes or a mixed
    quote absorbs are in the result, for `Reported.apply`.
    """
    text = ctx.text
    out: list[RawQuote] = []
    attributed: dict[int, tuple[Span, Span, str]] = {}
    absorbed: set[int] = set()
    marked = _Intervals()  # the passages by their marks, for "which lie in this clause"
    for k, p in enumerate(passages):
        marked.add(p.outer[0], p.outer[1], k)
    taken = _Intervals()
    for verb in ctx.words:
        ctx.check()
        if ctx.in_quote(verb.idx):
            nested = _quoted_report(ctx, verb)
            if nested is not None:
                out.append(nested)
            continue
        found = _speech_clause(ctx, verb)
        if found is None:
            continue
        toks, i, start, end = found
        inside = [k for k in sorted(marked.overlapping(start, end)) if not passages[k].drop and k not in absorbed]
        body = _strip_marks(text, start, end)
        if inside and any(passages[k].outer[0] <= body[0] and body[1] <= passages[k].outer[1] for k in inside):
            # the clause is the quote itself: its attribution, not a new quote
            _attribute_clause(ctx, verb, i, passages, inside, attributed)
            if not _after_that(ctx, toks):
                continue
        subj = _reporter(ctx, verb)
        if subj is None or taken.overlapping(start, end):
            continue
        kind = "indirect"
        if inside:
            kind = "mixed"
            start, end = _absorb(start, end, [passages[k] for k in inside])
            absorbed.update(inside)
        taken.add(start, end, None)
        speaker: Span | None = speaker_span(ctx, subj)
        if speaker is not None and speaker.entity is None and _expletive_it(subj, verb):
            speaker = None  # "It is important to note that …": said, by no one named
        out.append((start, end, kind, speaker, cue_span(ctx, verb, 0, len(text))))
    return Reported(tuple(out), attributed, frozenset(absorbed))


def _speech_clause(ctx: Context, verb: "Word") -> tuple[list["Word"], int, int, int] | None:
    """A speech verb's reported clause: its tokens, first token kept and character range."""
    if verb.lemma_.lower() not in REPORTING_VERBS or not verb.tag_.startswith("VB"):
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in clauses if c.i > verb.i]
    clause = after[0] if after else clauses[0] if clauses and _frames(ctx, verb, clauses[0]) else None
    if clause is None:
        clause = _misattached(verb) or _pseudo_cleft(verb)
    if clause is None:
        toks = _interrupted(verb) or _that_misparsed(verb)
        if not toks:
            return _colon_paragraph(ctx, verb)
    else:
        # 'That resulted in …, as Judge Gass said the jury had to …': a clause after the verb is
        # what it reports; several after it ("explains what it is, why he made it") are one
        ccomps = after[:1] or [clause]
        for c in after[1:]:
            if any(t.lemma_.lower() in SPEECH_VERBS and any(d.dep_ == "nsubj" for d in t.children) for t in c.subtree):
                break  # '…,' I say, '…' / '…, he said, no, …': a new source, not more of the same clause
            ccomps.append(c)
        toks = _own_source_cut(sorted({t for c in ccomps for t in c.subtree if not t.is_space}, key=lambda t: t.i), clause)
    if not toks:
        return None
    if toks[0].lower_ in WH_WORDS and clause is not None and toks[0].head == clause and verb.lemma_.lower() not in ASKING:
        return None  # "said when he arrived"; "said, if you apply the factors, that's …" is reported
    if toks[0].lower_ == "which" and toks[0].dep_ == "nsubj" and clause is not None and toks[0].head == clause \
            and verb.lemma_.lower() not in ASKING:
        return None  # "asserted his influence (which resulted in …)": a relative clause, parsed as said
    found = _clause_range(ctx, verb, toks)
    if found is None:
        return None
    i, j = found
    words = ctx.words
    start, end = words[i].idx, words[j].idx + len(words[j].text)
    if "\n" in ctx.text[start:end]:
        return None
    return toks, i, start, end


def _frames(ctx: Context, verb: "Word", clause: "Word") -> bool:
    """Whether the verb after a clause reports it ("Talks failed, he said"), or has words of
    its own: an object ("…, he wrote a letter"), a complement ("…: he agreed to let …"),
    or a colon or semicolon between them, which opens a new statement."""
    between = ctx.words[clause.right_edge.i + 1 : verb.i]
    if any(t.text in (":", ";") for t in between):
        return False
    if other_sense(verb) or any(c.dep_ == "xcomp" and c.i > verb.i and c.lemma_.lower() not in SPEECH_VERBS
                                for c in verb.children):  # "…, Zhai was quoted saying" reports it
        return False
    if verb.lemma_.lower() in ADDRESSING:
        return True  # "…, she told the crowd": the one spoken to
    return not any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.ent_type_ not in ("DATE", "TIME") for c in verb.children)


def _quoted_report(ctx: Context, verb: "Word") -> RawQuote | None:
    """Reported speech inside someone's quote ("… it is asserted by the Crown that both
    parents knew"): its own quote when the one reporting is named there, a name or a "by"
    agent; "we said that …" inside a quote stays the quoter's words."""
    found = _speech_clause(ctx, verb)
    if found is None:
        return None
    _, _, start, end = found
    subj = not_punct(subject_of(verb))
    if subj is None or not ctx.in_quote(subj.idx) or not (subj.pos_ == "PROPN" or subj.head.dep_ == "agent"):
        return None
    if not (ctx.in_quote(start) and ctx.in_quote(end - 1)) or any(c in ALL_MARKS for c in ctx.text[start:end]):
        return None
    return start, end, "indirect", speaker_span(ctx, subj), cue_span(ctx, verb, 0, len(ctx.text))


def _pseudo_cleft(verb: "Word") -> "Word | None":
    """"What I wish to emphasise is that …", "the best the experts could say was that …": the
    speech verb's object is "what" (or a relative), and the clause it stands for is the
    complement of the "is" the verb's clause is (or qualifies) the subject of."""
    path = [verb]
    while path[-1].dep_ in ("xcomp", "ccomp") and path[-1].head != path[-1]:
        path.append(path[-1].head)  # "what I wish to emphasise": "what" may hang on "wish"
    t = path[-1]
    if t.dep_ == "csubj":
        be = t.head  # "what I wish to emphasise is …"
    elif t.dep_ == "relcl" and t.head.dep_ == "nsubj":
        be = t.head.head  # "the best that the experts could say was …"
    else:
        return None
    said = ("what", "that", "which")  # the thing said; the parser may call a relative "that" a subject
    if be.lemma_ != "be" or not any(c.lower_ in said and c.tag_ in ("WP", "WDT") for v in path for c in v.children):
        return None
    return next((c for c in be.children if c.dep_ == "ccomp" and c.i > be.i), None)


def _colon_paragraph(ctx: Context, verb: "Word") -> tuple[list["Word"], int, int, int] | None:
    """"In it, Norton observed:" closing a paragraph, and a paragraph with no quote marks
    after it: that paragraph is what was observed."""
    words = ctx.words
    k = verb.i + 1
    if k + 1 >= len(words) or words[k].text != ":" or not words[k + 1].is_space or "\n" not in words[k + 1].text:
        return None
    para = paragraph_of(ctx.paras, words[k + 1].idx + len(words[k + 1].text))
    if para is None or ctx.text[para[0]] in ALL_MARKS:
        return None
    toks = [t for t in words[k + 2 :] if t.idx < para[1] and not t.is_space]
    if not toks or any(t.text in ALL_MARKS for t in toks):
        return None
    return toks, toks[0].i, para[0], para[1]


def _that_misparsed(verb: "Word") -> list["Word"]:
    """"claiming that because he was ill he should not be blamed": the parser makes "that"
    an object and the clause an adverbial one; together they are the reported clause."""
    that = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "that" and c.i == verb.i + 1), None)
    clause = next((c for c in verb.children if c.dep_ == "advcl" and that is not None and c.i > that.i), None)
    if that is None or clause is None:
        return []
    return [that] + [t for t in clause.subtree if not t.is_space]


def _misattached(verb: "Word") -> "Word | None":
    """"with the Courier reporting it stays shut": the parser hangs the reported clause on
    the verb before "with"; it is the one that follows this speech verb with a subject."""
    if verb.dep_ != "pcomp" or verb.head.dep_ != "prep" or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    anchor = verb.head.head
    return next((c for c in anchor.children if c.dep_ == "ccomp" and c.left_edge.i > verb.i), None)


def _interrupted(verb: "Word") -> list["Word"]:
    """"Investors, she said, had expected a cut", "as the Chief Justice said, …": a speech
    verb set aside in the clause it reports (or in a phrase of it), with a subject of its
    own and no marks about."""
    head = verb.head
    as_said = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    aside = verb.dep_ == "parataxis" or as_said
    while aside and head.pos_ in ("NOUN", "PROPN", "ADP") and head.head != head:
        head = head.head  # "the new cause of action, we say, of disgorgement": the clause around the phrase
    if not aside or head.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "nsubj" for c in verb.children):
        return []
    toks = [t for t in head.subtree if not t.is_space]
    if any(t.text in ALL_MARKS for t in toks) or not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return []
    if verb.left_edge.i == toks[0].i:  # "As the minister said, the budget …": the words follow the aside
        toks = [t for t in toks if t.i > verb.right_edge.i]
    return toks


def _own_source_cut(toks: list["Word"], clause: "Word") -> list["Word"]:
    """The clause up to a second source inside it: "said it would reopen, with the
    Courier reporting it stays shut" reports the police only as far as "reopen"."""
    for t in toks:
        if t == clause or t.lemma_.lower() not in SPEECH_VERBS or not any(c.dep_ == "nsubj" for c in t.children):
            continue
        top = t
        while top.head != clause and top.head.dep_ in ("prep", "pcomp", "advcl") and top.head.i > clause.i:
            top = top.head
        if top.head != clause and top.head.dep_ in ("prep", "pcomp"):
            top = top.head
        if top.i > clause.i and top.dep_ in ("prep", "pcomp", "advcl"):
            return [w for w in toks if w.i < top.left_edge.i]
    return toks


def _clause_range(ctx: Context, verb: "Word", toks: list["Word"]) -> tuple[int, int] | None:
    """First and last token of the clause, without a leading "that" or edge punctuation."""
    words = ctx.words
    i, j = toks[0].i, toks[-1].i
    if verb.i < i:  # a clause after its verb ends at the sentence
        sent_end = ctx.sent(verb).end
        j = min(j, sent_end - 1)
        semi = next((t.i for t in words[i : j + 1] if t.text == ";"), None)
        if semi is not None:  # 'said, “…”; the video had …': what follows a semicolon is narration
            j = semi - 1
    while i <= j and (words[i].is_punct or words[i].is_space or (words[i].lower_ == "that" and words[i].tag_ in ("IN", "WDT"))):
        if words[i].text in ALL_MARKS:
            break
        i += 1
    while j >= i and (words[j].is_space or (words[j].is_punct and words[j].text not in ALL_MARKS)):
        j -= 1
    return None if j < i else (i, j)


def _attribute_clause(
    ctx: Context,
    verb: "Word",
    i: int,
    passages: Sequence[Passage],
    inside: list[int],
    attributed: dict[int, tuple[Span, Span, str]],
) -> None:
    """The verb's subject speaks the passages its clause is made of (into `attributed`)."""
    for k in inside:
        p = passages[k]
        if p.speaker is not None or k in attributed or (verb.i > i and verb.idx < p.outer[0]):
            continue
        subj = document_source(verb) or subject_of(verb)
        if subj is not None:
            attributed[k] = speaker_span(ctx, subj), cue_span(ctx, verb, 0, len(ctx.text)), "clause"


def _after_that(ctx: Context, toks: list["Word"]) -> bool:
    """Whether the clause opens with "that" (or follows one): said that “…” is reported speech."""
    return toks[0].lower_ == "that" or ctx.words[max(0, toks[0].i - 1)].lower_ == "that"


def _reporter(ctx: Context, verb: "Word") -> "Word | None":
    """The speech verb's subject (or the document it is stated in), or the sentence's
    nearest one outside quotes."""
    subj = not_punct(_fronted_purpose(ctx, verb) or document_source(verb) or subject_of(verb))
    if subj is not None and subj.lower_ == "it" and verb.dep_ == "xcomp" and verb.head.i == subj.head.i:
        subj = _it_is_up_to(verb) or subj
    if subj is None or ctx.in_quote(subj.idx):
        sent = [w for w in ctx.sent_words(verb) if w.i < verb.i]
        subj = name_before(ctx, verb) or sentence_subject(ctx, sent, verb)
    return subj


def _expletive_it(subj: "Word", verb: "Word") -> bool:
    """"It is important to note that …", "It is no exaggeration to say …": an "it" that
    stands for the clause, not for someone (one that does, "it was quick to say", is a
    pronoun the references resolve)."""
    be = subj.head
    if subj.lower_ != "it" or be.lemma_ != "be" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.head.i == be.i or verb.head.head.i == be.i and verb.head.dep_ in ("attr", "acomp")


def _fronted_purpose(ctx: Context, verb: "Word") -> "Word | None":
    """"…, and to discuss what it achieved, Wikinews interviewed …": a "to" infinitive set
    before a clause (the parser may join it to the clause before) is done by that clause's
    subject, the first one after it."""
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" and c.i == verb.i - 1 for c in verb.children):
        return None
    before = ctx.words[verb.i - 2] if verb.i >= 2 else None
    if before is not None and before.lower_ not in (",", "and", ";") and not before.is_sent_start:
        return None
    after = [t for t in ctx.sent_words(verb) if t.i > verb.right_edge.i]
    if len(after) < 3 or after[0].text != ",":
        return None
    subj = next((t for t in after[1:6] if t.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.head.i > subj.i and subj.head.pos_ in ("VERB", "AUX") else None


def _it_is_up_to(verb: "Word") -> "Word | None":
    """"it is incumbent on me to note that …", "it is fair for us to say …": the one the
    adjective names does the saying, not the "it"."""
    for adj in verb.head.children:
        if adj.dep_ == "acomp":
            for prep in adj.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "for", "upon"):
                    return next((o for o in prep.children if o.dep_ == "pobj"), None)
    return None


def _absorb(start: int, end: int, inside: list[Passage]) -> tuple[int, int]:
    """A mixed quote's range: the clause and the marked passages in it; a passage that
    is the whole of it gives its content instead."""
    start = min([start] + [p.outer[0] for p in inside])
    end = max([end] + [p.outer[1] for p in inside])
    whole = [p for p in inside if p.outer == (start, end)]
    if whole:
        return whole[0].start, whole[0].end
    return start, end


class _Intervals:
    """Intervals in layers of disjoint ones, so "which overlap [a, b)" is one bisection a layer.

    Quoted passages nest a level deep at most (a single-quoted passage around double-
    quoted ones), so there are one or two layers; testing every passage for every
    speech verb was quadratic in a long dialogue.
    """

    def __init__(self) -> None:
        self.layers: list[tuple[list[int], list[int], list]] = []  # starts, ends, items: sorted

    def add(self, a: int, b: int, item) -> None:
        for starts, ends, items in self.layers:
            i = bisect.bisect_right(starts, a)
            if (i == 0 or ends[i - 1] <= a) and (i == len(starts) or starts[i] >= b):
                starts.insert(i, a)  # in text order this is an append
                ends.insert(i, b)
                items.insert(i, item)
                return
        self.layers.append(([a], [b], [item]))

    def overlapping(self, a: int, b: int) -> list:
        out = []
        for starts, ends, items in self.layers:
            i = bisect.bisect_right(ends, a)  # disjoint and sorted: the ends are sorted too
            while i < len(starts) and starts[i] < b:
                if ends[i] > a:
                    out.append(items[i])
                i += 1
        return out


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in ALL_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in ALL_MARKS or text[end - 1] in " .,"):
        end -= 1
    return start, end
