"""Whether an event happened as told, and whether a reader would list it.

A clause can be an action and still not be news: "the council may close the bridge"
has not happened, "did not attend" says what did not, and "to help Israel fight
Hamas" is a purpose. Such events are kept, with their modality; which of them a
reader would list is main_events' question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from .context import Context

FUTURE = frozenset({"will", "shall", "'ll", "wo"})
MODAL = frozenset({"may", "might", "could", "would", "should", "can", "must", "'d", "ca"})
#: "plans to", "is set to", "is expected to": what is to come.
FUTURE_HEADS = frozenset({
    "plan", "intend", "expect", "schedule", "aim", "prepare", "set", "due", "go", "be",
    "agree", "promise", "pledge", "vow", "threaten", "want", "hope",
})
CONDITIONS = frozenset({"if", "unless", "whether"})

def modality_of(ctx: "Context", verb: "Word", negated: bool) -> str:
    """asserted, negated, hypothetical, future or reported, in that order of weight:
    negation wins so that `negated` and the modality never disagree."""
    if negated:
        return "negated"
    chain = _chain(verb)
    auxes = {c.lower_ for v in chain for c in v.children if c.dep_ in ("aux", "auxpass")}
    if auxes & MODAL or any(_conditional(v) for v in chain):
        return "hypothetical"
    if auxes & FUTURE or any(v.dep_ == "xcomp" and v.head.lemma_.lower() in FUTURE_HEADS for v in chain):
        return "future"
    if ctx.in_quote(verb.idx) or _under_speech(verb):
        return "reported"
    return "asserted"


def is_future(verb: "Word") -> bool:
    """Will, would, may, "plans to": a clause about what has not (surely) happened, which
    no past day may be resolved for."""
    chain = _chain(verb)
    auxes = {c.lower_ for v in chain for c in v.children if c.dep_ == "aux"}
    if auxes & (FUTURE | MODAL) or any(c.dep_ == "aux" and c.tag_ == "MD" for v in chain for c in v.children):
        return True
    return any(v.dep_ == "xcomp" and v.head.lemma_.lower() in FUTURE_HEADS for v in chain)


def _chain(verb: "Word") -> list["Word"]:
    """The verb and the verbs it completes or is joined to ("would seek", "plans to
    reopen"), up to three steps."""
    out, t = [verb], verb
    for _ in range(3):
        if t.dep_ not in ("xcomp", "conj") or t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def _conditional(verb: "Word") -> bool:
    """In an if-clause, or the main clause of one."""
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
        return True
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
        for c in verb.children
    )


def _under_speech(verb: "Word") -> bool:
    """The clause a speech verb reports: "the agency said troops had withdrawn", also
    when the speech verb is joined to another ("visited Doha and told the minister that
    Washington was working …"); a verb joined to the speech verb is no report ("said
    nothing and left")."""
    t = verb
    for _ in range(4):
        if t.dep_ not in ("ccomp", "conj", "xcomp") or t.head.i == t.i:
            return False
        came = t.dep_
        t = t.head
        if t.lemma_.lower() in SPEECH_VERBS and came != "conj":
            return True
    return False


