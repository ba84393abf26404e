"""Which events a reader would list: the article's main actions.

Every action clause is an event, but a reader asked what happened names a handful:
acts told as fact (or reported by a source), each once, in a clause of the sentence's
own line. Not main: states and sayings, gerund and purpose fragments, what a noun is
described by ("the clock he made"), how things stand in the present tense, the
obligation put on someone ("were required to …": the act is the complement), a
question someone asked ("asked how the papers wound up there"), the headline (the
body tells it with its roles) and a second telling of an act already listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from .cues import CUE_VERBS, SPEECH_VERBS
from .event_clauses import ASPECTUAL, given_or_withheld
from .modality import FUTURE_HEADS
from .phrases import RELATIVE
from .words import root_of

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from ..analysis import Event, Span
    from .context import Context

#: Verbs whose to-complement happened: "was forced to resign", "managed to escape".
IMPLICATIVE = frozenset({"force", "compel", "oblige", "manage", "begin", "start", "continue", "proceed"})
#: Verbs of saying, stating, urging and judging ("pleaded with him", "characterised it as
#: quackery") a reader finds on the Quotes panel, not among actions; of the quote cues,
#: not those with a sense of acting ("posted to Twitter", "began", "put").
SAYING = (SPEECH_VERBS | CUE_VERBS | frozenset(
    """reaffirm reiterate urge stress emphasise emphasize express pledge vow promise warn
    insist argue suggest propose demand appeal call ask comment characterise characterize""".split()
)) - {"post", "continue", "begin", "put"}
#: Verbs that describe a standing state, a view or a perception more than an act.
STATES = frozenset("share lie sit stand remain face hold_view agree disagree depend hear see notice".split())
#: Verbs whose that-clause is true when they are ("it became known that he left the papers").
FACTIVE = frozenset("know learn discover reveal emerge find confirm show prove".split())
#: Verbs of asking: their wh-clause is a question, not a told act.
ASKING = frozenset("ask wonder question inquire enquire query".split())
#: Prepositions whose gerund tells an act done before or at another ("after meeting Bogdanov").
TEMPORAL = frozenset({"after", "before", "upon", "since"})


def is_main(verb: "Word", modality: str, agent: object, patient: object) -> bool:
    """One of the article's main actions: told as fact, a finite clause of its own, not
    a state, not a saying, and with someone acting or something acted on."""
    if modality not in ("asserted", "reported") or (agent is None and patient is None):
        return False
    lemma = verb.lemma_.lower()
    if (lemma in SAYING and not given_or_withheld(verb)) or lemma in STATES:
        return False
    if verb.tag_ in ("VBG", "VB", "TO") and not _has_aux(verb) and not _implied(verb) and not _told_gerund(verb):
        return False  # "killing at least 1,400", "to help Israel fight Hamas"
    if lemma in FUTURE_HEADS:
        return False  # "plans to hold", "is scheduled to take place": an intention
    if simple_present(verb):
        return False  # "the ban covers Syria", "said the lapses raise questions": how things stand
    if modality == "reported" and verb.tag_ == "VBG" and _has_aux(verb):
        return False  # "said he was taking his family to New York": a plan or what was going on
    if _directed(verb) or _asked(verb) or _next_step(verb):
        return False
    return _main_clause(verb)


def headline_events(events: Sequence["Event"], headline: tuple[int, int] | None) -> set[str]:
    """Ids of the headline's events, when the body has events of its own: a headline
    sums the body up in shorthand ("Parents prosecuted after …"), and the body tells the
    same acts with their roles and times."""
    if headline is None or not any(v.start >= headline[1] for v in events):
        return set()
    return {v.id for v in events if v.end <= headline[1]}


def headline_of(text: str, paras: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The first paragraph when it reads as a title: one short line without a full stop."""
    if len(paras) < 2:
        return None
    start, end = paras[0]
    line = text[start:end].strip()
    if not line or "\n" in line or len(line) > 160 or line[-1] in ".!?\"”'’":
        return None
    return paras[0]


def retold(ctx: "Context", found: Sequence[tuple["Event", "Word"]]) -> set[str]:
    """Ids of main events that tell again an act listed already: the same verb with the
    same doer or the same thing done, and no role that differs ("was arrested by police"
    … "Police arrested the student"). Of two tellings the one heading its sentence is
    kept, else the first."""
    drop: set[str] = set()
    kept: dict[str, list[tuple[Event, Word]]] = {}  # by lemma: a long article has thousands
    for v, verb in found:
        if not v.main:
            continue
        same = kept.setdefault(v.lemma, [])
        twin = next((k for k in same if _same_act(ctx, k[0], v)), None)
        if twin is None:
            same.append((v, verb))
        elif verb.dep_ == "ROOT" and twin[1].dep_ != "ROOT":
            drop.add(twin[0].id)
            same[same.index(twin)] = (v, verb)
        else:
            drop.add(v.id)
    return drop


def _same_act(ctx: "Context", u: "Event", v: "Event") -> bool:
    agents, patients = _same(ctx, u.agent, v.agent), _same(ctx, u.patient, v.patient)
    return (agents is True or patients is True) and agents is not False and patients is not False


def _same(ctx: "Context", a: "Span | None", b: "Span | None") -> bool | None:
    """Whether two role spans name the same thing: one entity, or one head word; None
    when either is missing."""
    if a is None or b is None:
        return None
    if a.entity is not None and a.entity == b.entity:
        return True
    return _head_lemma(ctx, a) == _head_lemma(ctx, b)


def _head_lemma(ctx: "Context", span: "Span") -> str:
    found = ctx.char_words(span.start, span.end)
    return root_of(ctx.words, *found).lemma_.lower() if found is not None else span.text.lower()


def _main_clause(verb: "Word") -> bool:
    """A clause of the sentence's own line, not one hung on a noun or another clause:
    the root, its conjuncts, what a speech verb reports, what a factive verb takes as
    true, and implied complements."""
    t = verb
    for _ in range(6):
        dep = t.dep_
        if dep == "ROOT" or t.head.i == t.i:
            return True
        head = t.head.lemma_.lower()
        if dep == "ccomp" or (dep == "xcomp" and head in SPEECH_VERBS):
            # "said troops withdrew", "were reported killed", "it became known that he left"
            return head in SPEECH_VERBS or (dep == "ccomp" and head in FACTIVE)
        if dep == "xcomp" and not _implied(t):
            return False
        if dep == "advcl" and t.tag_ == "VBD" and _subject(t):
            return True  # "after Putin held talks": a told past action
        if dep == "relcl" and t.tag_ == "VBD" and _subject_relative(t):
            return True  # "asylum seekers whose boat sank", "someone who gave it to the paper"
        if dep == "relcl" and t.head.dep_ == "ROOT" and t.head.pos_ in ("NOUN", "PROPN") and not _subject(t):
            return True  # a verbless root: the parser took "the resolution ... failed" for a relative clause
        if _told_gerund(t):
            t = t.head.head  # "after meeting with Bogdanov": as main as the clause it hangs on
            continue
        if dep not in ("conj", "xcomp", "parataxis"):
            return False
        t = t.head
    return False


def _subject_relative(verb: "Word") -> bool:
    """A relative clause about what its noun did ("who gave", "whose boat sank"), not
    one that describes the noun by what someone did to it ("the clock he made")."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c.lower_ in RELATIVE or any(g.lower_ == "whose" for g in c.children)
    return False


def _told_gerund(verb: "Word") -> bool:
    """A gerund after "after", "before", "upon" or "since": an act done, as in "was
    quoted saying after meeting with Bogdanov"."""
    return verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in TEMPORAL


def _next_step(verb: "Word") -> bool:
    """A verb joined to another with no subject of its own ("Police arrested and
    questioned the student", "made the trip and were turned down"): the same actor's
    next step, told in the same breath; the row of the first act stands for both.
    A joined verb of another form ("pick up, carry and deposit balls colored blue") is
    the parser taking a description for a verb."""
    if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if verb.tag_ in ("VBD", "VBZ", "VBP") and verb.head.tag_ == "VB":
        return True  # a told verb joined to an infinitive: a misread description
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _directed(verb: "Word") -> bool:
    """An obligation or push with no one named doing it: "were required to recognise
    the balls", "was forced to resign". The complement is the act, when there is one."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    return (
        passive
        and not any(c.dep_ == "agent" for c in verb.children)
        and any(c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) for c in verb.children)
    )


def _asked(verb: "Word") -> bool:
    """The wh-clause of a verb of asking: "asked officials how the papers wound up on
    the street" is a question, not a told act."""
    return (
        verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in ASKING
        and any(c.tag_ in ("WRB", "WP", "WP$") for c in verb.subtree if c.i < verb.i)
    )


def simple_present(verb: "Word") -> bool:
    """A present-tense statement of how things stand ("shows", "are covered"), not a
    told action; the present perfect ("has retaliated") tells one."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        return not auxes
    return verb.tag_ == "VBN" and bool(auxes) and all(a.lower_ in ("is", "are", "'s", "'re") for a in auxes)


def _subject(verb: "Word") -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _implied(verb: "Word") -> bool:
    """The complement of a verb that entails it: "was forced to resign" did resign."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in IMPLICATIVE | ASPECTUAL


def _has_aux(verb: "Word") -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)
