"""Noun phrases and what they refer to: the shared ground of quotes and events.

Speakers, agents and patients are all noun phrases that a reader wants whole ("U.S.
Secretary of State Antony Blinken", "a spokesperson at the Chinese foreign ministry")
and linked to an entity, even when the text only says "he", "it" or "the minister".
Everything here is a small pure function over spaCy tokens plus an `EntityIndex`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Callable, Iterable

from ..analysis import Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan
    from .words import Word

    from .context import Context

#: Dependents that end a noun phrase: clauses hanging off it are facts of their own.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "mark", "dep", "prt"})
#: Prepositions that belong to a name-like phrase ("spokesperson at the ministry").
NP_PREPS = frozenset({"of", "at", "for", "from", "on"})
#: Edge tokens that never start or end a phrase span.
EDGE_PUNCT = frozenset(",;:.-–—()[]\"'“”‘’«»")
RELATIVE = frozenset({"that", "which", "who", "whom", "whose", "what"})

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
#: Pronouns whose coreference chain (tui.facts.coref) names a speaker or an agent.
CHAIN_PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | frozenset({"they", "them", "their", "themselves"})
#: Definite descriptions that point back to a named entity of a kind.
PERSON_NOUNS = frozenset(
    """minister president spokesman spokeswoman spokesperson official ambassador envoy secretary
    prosecutor judge senator governor mayor chairman chairwoman chair director chief leader premier
    chancellor lawyer attorney officer general commander king queen prince princess emir sheikh
    undersecretary diplomat founder executive ceo coach captain pope bishop cardinal professor
    doctor author researcher scientist student teacher boy girl man woman""".split()
)
ORG_NOUNS = frozenset(
    """agency ministry department company firm party organisation organization council committee
    court union association newspaper broadcaster network group bank corporation
    commission institute office army military navy police""".split()
)
PLACE_NOUNS = frozenset({"city", "town", "village", "country", "nation", "municipality", "capital", "region", "province"})
KIND_LABELS = {
    "person": frozenset({"PERSON"}),
    "org": frozenset({"ORG"}),
    "place": frozenset({"GPE"}),
}


def phrase_tokens(head: "Word") -> tuple[int, int]:
    """Word range [i, j) of the noun phrase headed by `head`, without clauses hung on it.

    Keeps determiners, modifiers, compounds, possessors, appositions, conjuncts and
    of/at/for/from phrases; stops at relative and participle clauses, other
    prepositions and line breaks. The result is contiguous around the head.
    """
    # a walk with a stack, not a recursive closure: each such closure is a reference cycle
    # the garbage collector must find, thousands per article
    keep: set[int] = set()
    stack = [(head, True)]
    while stack:
        tok, top = stack.pop()
        keep.add(tok.i)
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS or child.is_space:
                continue
            if child.dep_ == "prep" and (
                child.lower_ not in NP_PREPS or any(g.ent_type_ in ("DATE", "TIME") for g in child.children)
            ):
                continue  # "at the ministry" belongs to the phrase, "on Thursday" does not
            if top and child.dep_ == "punct" and child.i > tok.i and child.text in ".!?":
                continue
            stack.append((child, False))
    words = head.words
    i = j = head.i
    while i - 1 in keep and "\n" not in words[i - 1].text:
        i -= 1
    while j + 1 in keep and "\n" not in words[j + 1].text:
        j += 1
    while i < j and (words[i].text in EDGE_PUNCT or words[i].dep_ in ("cc", "punct")) and i != head.i:
        i += 1
    while j > i and (words[j].text in EDGE_PUNCT or words[j].dep_ in ("cc", "punct", "case")) and j != head.i:
        j -= 1
    if i < head.i and _complementiser(words[i], head):
        i += 1  # "told the Courier that trade had fallen": "that" opens the clause, it is no determiner
    opened = sum(t.text == "(" for t in words[i : j + 1]) - sum(t.text == ")" for t in words[i : j + 1])
    if opened > 0 and j + 1 < len(words) and words[j + 1].text == ")":
        j += 1  # "the Korean Central News Agency (KCNA)": close what was opened
    return i, j + 1


def _complementiser(first: "Word", head: "Word") -> bool:
    """"That" at the very start of a reported clause, which the model often takes for the
    subject's determiner."""
    verb = head.head
    return (first.lower_ == "that" and first.dep_ == "det" and head.dep_ in ("nsubj", "nsubjpass")
            and verb.dep_ == "ccomp" and verb.left_edge.i == first.i and verb.head.i < first.i)


def phrase_span(ctx: Context, head: "Word", *, resolve: bool = True, speaker: bool = False) -> Span:
    """The whole noun phrase of `head` as a Span carrying the entity it names."""
    i, j = phrase_tokens(head)
    words = ctx.words
    start, end = words[i].idx, words[j - 1].idx + len(words[j - 1].text)
    entity = phrase_entity(ctx, head, resolve=resolve, speaker=speaker)
    for t in words[i:j]:
        if t.dep_ == "cc" and t.head.i != head.i and ctx.index.of_token(t) != entity and _names_group(t):
            entity = None  # "North and South Korea": two places, not the one the head names
            break
    return Span(start, end, ctx.text[start:end], entity)


def _names_group(cc: "Word") -> bool:
    """A coordination of names inside a phrase ("North and South Korea", "Mr. and Mrs. Sam")."""
    return cc.head.pos_ == "PROPN" or any(c.pos_ == "PROPN" for c in cc.head.children if c.dep_ == "conj")


def phrase_entity(ctx: Context, head: "Word", *, resolve: bool = True, speaker: bool = False) -> str | None:
    """The entity a phrase names: its head's name, an apposed name, or what a pronoun or title points to."""
    conjuncts = [c for c in head.children if c.dep_ == "conj"]
    if conjuncts:
        # "American academic and professor Marc Lamont Hill" is one person; "China and
        # Russia" is a group, which is no single entity.
        group = [head, *conjuncts]
        named = [t for t in group if name_entity(ctx, t) is not None]
        rest = [t for t in group if t not in named]
        if len(named) == 1 and all(
            t.pos_ == "NOUN" and t.text.islower() and not any(c.dep_ in ("det", "poss") for c in t.children) for t in rest
        ):  # bare titles only: "his father" is someone else
            return name_entity(ctx, named[0])
        return None
    name = name_entity(ctx, head) if head.pos_ != "NOUN" else ctx.index.of_token(head)
    if name is not None:
        return name
    for child in head.children:
        if child.dep_ == "appos":
            eid = name_entity(ctx, child)
            if eid is not None:
                return eid
    if head.dep_ == "appos" and head.head.i < head.i:  # "the minister, Wang Yi": the pair is one phrase
        eid = name_entity(ctx, head.head)
        if eid is not None:
            return eid
    if resolve:
        return _chain_or_resolve(ctx, head, speaker)
    return None


def _chain_or_resolve(ctx: Context, head: "Word", speaker: bool) -> str | None:
    """A pronoun's entity from the coreference chains (which know gender and agreement),
    else from the speaker-tuned look-back below."""
    if speaker and head.lower_ in ("it", "they"):
        # "… the news agency reported. '…,' it said": the one who spoke last, which the
        # speaker look-back knows and the chains (which prefer the last subject) do not
        eid = resolve_reference(ctx, head, speaker=True)
        if eid is not None:
            return eid
    if head.pos_ == "PRON" and head.lower_ in CHAIN_PRONOUNS:
        eid = ctx.index.of_token(head)
        if eid is not None:
            return eid
    return resolve_reference(ctx, head, speaker=speaker)


def name_entity(ctx: Context, tok: "Word") -> str | None:
    """The entity of a name token, counting the compound name parts around it."""
    if tok.pos_ not in ("PROPN", "NOUN", "X") and not tok.ent_type_:
        return None
    eid = ctx.index.of_token(tok)
    if eid is not None:
        return eid
    parts = [c for c in tok.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    for p in parts:
        eid = ctx.index.of_token(p)
        if eid is not None:
            return eid
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        return ctx.surnames.get(tok.text)  # "Memon" that the tagger missed, after "Sehar Memon"
    return None


def reference_kind(tok: "Word", speaker: bool = False) -> str | None:
    """person / org / place when `tok` is a pronoun or a definite title that points back.

    "it" counts only as a speaker ("…,” it said): anywhere else it is usually a thing.
    """
    low = tok.lower_
    if low in PERSON_PRONOUNS:
        return "person"
    if low in THING_PRONOUNS:
        return "org" if speaker else None
    if not speaker or tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ not in ("NN", "NNP"):
        return None  # "the town" in a narrated clause is too often a new place
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    if not dets or dets[0] not in ("the", "this", "that"):
        return None
    if any(c.dep_ in ("compound", "amod") and (c.ent_type_ or c.pos_ == "PROPN") for c in tok.children):
        return None  # "the Chinese foreign ministry" is a description, not a back-reference
    lemma = tok.lemma_.lower()
    if lemma in PERSON_NOUNS:
        return "person"
    if lemma in ORG_NOUNS:
        return "org"
    if lemma in PLACE_NOUNS:
        return "place"
    return None


def resolve_reference(ctx: Context, tok: "Word", speaker: bool = False) -> str | None:
    """The entity a pronoun or definite title most likely points back to.

    Gender-free, Hobbs-style: first the subject of the pronoun's own clause (for
    "his"/"him"/"its"), then earlier names in the same sentence, shallowest in the
    parse first, then the sentences before it, nearest first. Mentions inside quoted
    speech are passed over unless the pronoun is itself inside the quote.
    """
    kind = reference_kind(tok, speaker)
    if kind is None:
        return None
    labels = KIND_LABELS[kind]
    if tok.lower_ in THING_PRONOUNS:
        return _resolve_it(ctx, tok)
    inside = ctx.in_quote(tok.idx)
    noun = tok.lemma_.lower() if kind == "org" else None

    def ok(eid: str | None, pos: int) -> bool:
        if eid is None or ctx.label_of.get(eid) not in labels:
            return False
        if noun is not None and not _names_with(ctx, eid, noun):
            return False  # "the agency" is an agency named so before, not just any organisation
        return inside or not ctx.in_quote(pos)

    found = _own_clause_subject(ctx, tok, ok)
    if found is not None:
        return found
    sent = ctx.sent(tok)
    same = [t for t, _ in ctx.name_tokens(sent) if t.i < tok.i]  # shallowest first
    for t in same:
        eid = ctx.index.of_token(t)
        if ok(eid, t.idx) and not _bound(tok, t):
            return eid
    for s in _sentences_before(ctx, sent, 4 if kind == "person" else 12):
        cands = [t for t, space in ctx.name_tokens(s) if not space]
        for t in cands:
            eid = ctx.index.of_token(t)
            if ok(eid, t.idx):
                return eid
    return None


def _own_clause_subject(ctx: Context, tok: "Word", ok: Callable[[str | None, int], bool]) -> str | None:
    """For "his"/"him"/"its": the subject of the pronoun's own clause, when `ok` takes it."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return None
    verb = _clause_head(tok)
    if verb is None:
        return None
    for subj in verb.children:
        if subj.dep_ == "nsubj" and subj.i < tok.i and subj.lower_ not in RELATIVE:
            eid = phrase_entity(ctx, subj, resolve=False)
            if ok(eid, subj.idx):
                return eid
    return None


def _sentences_before(ctx: Context, sent: "SpacySpan", horizon: int) -> list["SpacySpan"]:
    """Up to `horizon` sentences before `sent`, nearest first."""
    out: list[SpacySpan] = []
    start = sent.start
    words = ctx.words
    while start > 0 and len(out) < horizon:
        s = ctx.sent(words[start - 1])
        out.append(s)
        start = s.start
    return out


def _names_with(ctx: Context, eid: str, noun: str) -> bool:
    """Whether a name of `eid` has the word `noun`, from a table built on first use
    (scanning every mention for every "the agency" was quadratic)."""
    if not ctx.mention_words:
        words: dict[str, set[str]] = defaultdict(set)
        for s, e, m in ctx.mentions:
            words[m].update(ctx.text[s:e].lower().split())
        ctx.mention_words.update(words)
    return noun in ctx.mention_words.get(eid, ())


def _resolve_it(ctx: Context, tok: "Word") -> str | None:
    """"…,” it said: the subject of the nearest earlier sentence, when that is an
    organisation or a country; anything else there (a person, a thing) blocks it."""
    words = ctx.words
    sent = ctx.sent(tok)
    sents = [sent]
    while len(sents) < 3 and sents[-1].start > 0:
        sents.append(ctx.sent(words[sents[-1].start - 1]))
    for s in sents:
        subjects = [
            t for t in words[s.start : s.end]
            if t.dep_ in ("nsubj", "nsubjpass") and t.i != tok.i and (s is not sent or t.i < tok.i)
        ]
        subjects = [t for t in subjects if t.lower_ not in RELATIVE and not ctx.in_quote(t.idx)]
        subjects.sort(key=lambda t: (_depth(t), -t.i))
        for t in subjects:
            if t.lower_ in THING_PRONOUNS:
                continue
            eid = phrase_entity(ctx, t, resolve=False)
            if eid is None:
                if t.pos_ in ("PROPN", "NOUN") and s is not sent:
                    return None  # a thing or an unnamed body said it: no guess
                continue
            return eid if ctx.label_of.get(eid) in ("ORG", "GPE") else None
    return None


def _clause_head(tok: "Word") -> "Word | None":
    t = tok
    for _ in range(12):
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _bound(pronoun: "Word", cand: "Word") -> bool:
    """"He" is not the subject of its own clause's object: "Zhai met him" ≠ Zhai."""
    verb = _clause_head(pronoun)
    if verb is None or pronoun.dep_ in ("nsubj", "nsubjpass", "poss"):
        return False
    return cand.head.i == verb.i and cand.dep_ in ("nsubj", "nsubjpass")


def _depth(tok: "Word") -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def subject_of(verb: "Word") -> "Word | None":
    """The active subject of a verb, or the "by" agent of a passive one, looking
    through conjoined, controlled and participle verbs to the clause that has one."""
    t = verb
    climbed = False
    for _ in range(8):
        for child in t.children:
            if child.dep_ == "agent":  # "by Thursday night" is a deadline, not a doer
                objs = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")]
                if objs:
                    return objs[0]
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            # Two subjects are a misparsed apposition ("Malaysia's Prime Minister, Najib
            # Razak said"): the one next to the verb is the name.
            before = [c for c in subjects if c.i < t.i]
            child = before[-1] if before else subjects[0]
            if child.lower_ not in RELATIVE:
                return child
            if t.dep_ == "relcl":
                return t.head
        elif (
            t.dep_ == "relcl"
            and not any(c.dep_ in ("nsubjpass", "expl") for c in t.children)
            and t.head.dep_ == "ROOT"
            and t.head.pos_ in ("NOUN", "PROPN")
        ):
            return t.head  # "A … resolution that called for … failed to pass": a misparsed main clause
        passive = [c for c in t.children if c.dep_ == "nsubjpass" and c.lower_ not in RELATIVE]
        if passive and climbed:
            return passive[0]  # "Zhai was quoted saying after meeting …": Zhai met
        if passive or any(c.dep_ == "nsubjpass" for c in t.children):
            return None  # a passive without "by": no agent
        if t.dep_ in ("conj", "xcomp", "advcl", "pcomp") and t.head.i != t.i:
            climbed = t.dep_ != "conj"
            t = t.head if t.dep_ != "pcomp" else t.head.head
            continue
        if t.dep_ == "prep" and t.head.i != t.i:
            t = t.head
            climbed = True
            continue
        return None
    return None


def title_entity(ctx: Context, tok: "Word") -> str | None:
    """The person a capitalised title with "the" points back to ("The President later took
    action"), looked for as a speaker's title is: such a title names one known person."""
    if tok.pos_ != "PROPN" or tok.lower_ not in PERSON_NOUNS:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    return resolve_reference(ctx, tok, speaker=True)


def is_name_like(tokens: Iterable["Word"]) -> bool:
    """Every content word capitalised: a title or a name, not someone's words."""
    words = [t for t in tokens if t.is_alpha]
    if not words:
        return False
    return all(t.text[0].isupper() or t.lower_ in ("of", "the", "and", "a", "an", "for", "in", "on", "to") for t in words)
