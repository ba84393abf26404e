"""Whether an event happened as told, and whether a reader would list it.

A clause can be an action and still not be news: "the council may close the bridge"
has not happened, "did not attend" says what did not, and "to help Israel fight
Hamas" is a purpose. Such events are kept, with their modality, but only the main
ones (asserted or reported, finite, with someone doing or something done) fill the
Events panel by default.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from .attribution import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..analysis import Event
    from .context import Context

FUTURE = frozenset({"will", "shall", "'ll", "wo"})
MODAL = frozenset({"may", "might", "could", "would", "should", "can", "must", "'d", "ca"})
#: "plans to", "is set to", "is expected to": what is to come.
FUTURE_HEADS = frozenset({
    "plan", "intend", "expect", "schedule", "aim", "prepare", "set", "due", "go", "be",
    "agree", "promise", "pledge", "vow", "threaten", "want", "hope",
})
#: Verbs whose to-complement happened: "was forced to resign", "managed to escape".
IMPLICATIVE = frozenset({"force", "compel", "oblige", "manage", "begin", "start", "continue", "proceed"})
CONDITIONS = frozenset({"if", "unless", "whether"})
#: Verbs of saying, stating and urging a reader finds on the Quotes panel, not among actions.
SAYING = SPEECH_VERBS | frozenset(
    """reaffirm reiterate urge stress emphasise emphasize express pledge vow promise warn
    insist argue suggest propose demand appeal call ask comment""".split()
)
#: Verbs that describe a standing state or a view more than an act.
STATES = frozenset("share lie sit stand remain face hold_view agree disagree depend".split())
#: Verbs read with their to-complement as one trigger ("failed to pass").
ASPECTUAL = frozenset({"fail", "refuse", "decline", "try", "attempt", "manage", "begin", "start", "continue", "cease", "stop"})


def modality_of(ctx: "Context", verb: "Token", negated: bool) -> str:
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


def is_future(verb: "Token") -> bool:
    """Will, would, may, "plans to": a clause about what has not (surely) happened, which
    no past day may be resolved for."""
    chain = _chain(verb)
    auxes = {c.lower_ for v in chain for c in v.children if c.dep_ == "aux"}
    if auxes & (FUTURE | MODAL) or any(c.dep_ == "aux" and c.tag_ == "MD" for v in chain for c in v.children):
        return True
    return any(v.dep_ == "xcomp" and v.head.lemma_.lower() in FUTURE_HEADS for v in chain)


def is_main(verb: "Token", modality: str, agent: object, patient: object) -> bool:
    """One of the article's main actions: told as fact, a finite clause of its own, not
    a state, not a saying, and with someone acting or something acted on."""
    if modality not in ("asserted", "reported") or (agent is None and patient is None):
        return False
    lemma = verb.lemma_.lower()
    if lemma in SAYING or lemma in STATES:
        return False
    if verb.tag_ in ("VBG", "VB", "TO") and not _has_aux(verb) and not _implied(verb):
        return False  # "killing at least 1,400", "to help Israel fight Hamas"
    if lemma in FUTURE_HEADS:
        return False  # "plans to hold", "is scheduled to take place": an intention
    if modality == "asserted" and _simple_present(verb):
        return False  # "the ban covers Syria", "teams are arranged in groups": how things are
    return _main_clause(verb)


def headline_repeats(events: Sequence["Event"], headline: tuple[int, int] | None) -> set[str]:
    """Ids of the headline's events that the body tells again (the body's are kept)."""
    if headline is None:
        return set()
    body = {v.lemma for v in events if v.start >= headline[1]}
    return {v.id for v in events if v.end <= headline[1] and v.lemma in body}


def headline_of(text: str, paras: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The first paragraph when it reads as a title: one short line without a full stop."""
    if len(paras) < 2:
        return None
    start, end = paras[0]
    line = text[start:end].strip()
    if not line or "\n" in line or len(line) > 160 or line[-1] in ".!?\"”'’":
        return None
    return paras[0]


def _chain(verb: "Token") -> list["Token"]:
    """The verb and the verbs it completes or is joined to ("would seek", "plans to
    reopen"), up to three steps."""
    out, t = [verb], verb
    for _ in range(3):
        if t.dep_ not in ("xcomp", "conj") or t.head is t:
            break
        t = t.head
        out.append(t)
    return out


def _conditional(verb: "Token") -> bool:
    """In an if-clause, or the main clause of one."""
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
        return True
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
        for c in verb.children
    )


def _under_speech(verb: "Token") -> bool:
    """The clause a speech verb reports: "the agency said troops had withdrawn"."""
    t = verb
    for _ in range(4):
        if t.dep_ not in ("ccomp", "conj", "xcomp") or t.head is t:
            return False
        t = t.head
        if t.lemma_.lower() in SPEECH_VERBS and t.dep_ != "conj":
            return True
    return False


def _main_clause(verb: "Token") -> bool:
    """A clause of the sentence's own line, not one hung on a noun or another clause:
    the root, its conjuncts, what a speech verb reports, and implied complements."""
    t = verb
    for _ in range(6):
        dep = t.dep_
        if dep == "ROOT" or t.head is t:
            return True
        if dep == "ccomp" or (dep == "xcomp" and t.head.lemma_.lower() in SPEECH_VERBS):
            return t.head.lemma_.lower() in SPEECH_VERBS  # "said troops withdrew", "were reported killed"
        if dep == "xcomp" and not _implied(t):
            return False
        if dep in ("advcl", "relcl") and t.tag_ == "VBD" and _subject(t):
            return True  # "after Putin held talks", "whose boat sank": a told past action
        if dep == "relcl" and t.head.dep_ == "ROOT" and t.head.pos_ in ("NOUN", "PROPN") and not _subject(t):
            return True  # a verbless root: the parser took "the resolution ... failed" for a relative clause
        if dep not in ("conj", "xcomp", "parataxis"):
            return False
        t = t.head
    return False


def _simple_present(verb: "Token") -> bool:
    """A present-tense statement of how things stand ("shows", "are covered"), not a
    told action; the present perfect ("has retaliated") tells one."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        return not auxes
    return verb.tag_ == "VBN" and bool(auxes) and all(a.lower_ in ("is", "are", "'s", "'re") for a in auxes)


def _subject(verb: "Token") -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _implied(verb: "Token") -> bool:
    """The complement of a verb that entails it: "was forced to resign" did resign."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in IMPLICATIVE | ASPECTUAL


def _has_aux(verb: "Token") -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)
