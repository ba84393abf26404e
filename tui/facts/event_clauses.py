"""What an event is: the action verb heading a clause, and the words of its trigger.

An event is a clause whose verb is an action: not a speech act (those are quotes),
not an auxiliary, not a bare copula or a verb of state or thought. The trigger is the
verb with its particle, a light verb's noun ("held talks") or the verb an aspectual
verb completes ("failed to pass"); the roles (event_roles) and the time
(event_times) are read around it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from .context import Context


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
#: Children that start a clause of their own, with its own event and roles.
OWN_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "parataxis", "csubj", "pcomp"})


def is_trigger(ctx: Context, tok: "Word") -> bool:
    """An action verb heading a clause (inside quoted speech too: it is then reported)."""
    if tok.pos_ != "VERB" or not tok.tag_.startswith("VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in STATIVE or (lemma in NOT_EVENTS and not given_or_withheld(tok)) or not tok.is_alpha:
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
    has_role = ctx.subject(tok) is not None or any(
        c.dep_ in ("dobj", "nsubjpass", "prep", "prt", "agent", "attr", "dative") for c in tok.children
    )
    return has_role


def given_or_withheld(verb: "Word") -> bool:
    """"had been denied visas", "was promised a job": a verb of saying whose passive
    subject is given or refused a thing tells an act, not a saying."""
    return any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children
    )


def trigger_tokens(verb: "Word") -> list[int]:
    """Word indices of the trigger: the verb, its particle, a light verb's noun, or "failed to pass"."""
    words = verb.words
    idx = [verb.i]
    if verb.i >= 2 and is_hyphen_prefix(words[verb.i - 2]):
        idx[:0] = [verb.i - 2, verb.i - 1]  # the whole of "de-escalate"
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            idx.append(c.i)
    if verb.lemma_.lower() in LIGHT_VERBS:
        obj = _dobj(verb)
        if obj is not None and obj.lemma_.lower() in EVENT_NOUNS and obj.i > verb.i:
            between = words[verb.i + 1 : obj.i]
            if all(t.dep_ in ("det", "amod", "compound", "nummod") for t in between) and obj.i - verb.i <= 3:
                idx.extend(range(verb.i + 1, obj.i + 1))
    if verb.lemma_.lower() in ASPECTUAL:
        for c in verb.children:
            if c.dep_ == "xcomp" and 0 < c.i - verb.i <= 2:
                idx.extend(range(verb.i + 1, c.i + 1))
    return sorted(set(idx))


def _dobj(verb: "Word") -> "Word | None":
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    return None if obj is not None and is_hyphen_prefix(obj) else obj


def is_hyphen_prefix(tok: "Word") -> bool:
    """"de" in "de-escalate": the tokenizer split one word, so it is no role of its own."""
    words = tok.words
    return (
        tok.whitespace_ == ""
        and tok.i + 2 < len(words)
        and words[tok.i + 1].text in ("-", "‐")
        and words[tok.i + 1].whitespace_ == ""
        and words[tok.i + 2].is_alpha
    )


def is_negated(verb: "Word") -> bool:
    """"did not stop", "never met". A failure verb is no negation: "failed to pass" is
    the trigger, and the failing happened ("not failed to pass" would say the opposite)."""
    return any(c.dep_ == "neg" for c in verb.children)


def own_tokens(verb: "Word") -> list["Word"]:
    """The verb's tokens that do not belong to a clause of their own."""
    out, stack = [], [c for c in verb.children if c.dep_ not in OWN_CLAUSE]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "ccomp", "advcl", "acl"))
    return out


def clause_words(ctx: "Context", verb: "Word") -> tuple["Word", ...]:
    """`own_tokens(verb)`, kept in the Context per verb: the time and place rules ask the
    same verbs again (a clause, then the clause it shares its time with)."""
    found = ctx.own_words.get(verb.i)
    if found is None:
        found = ctx.own_words[verb.i] = tuple(own_tokens(verb))
    return found
