"""The words that mark speech: cue verbs, and the documents that speak.

A lexicon apart from the layouts that use it (`attribution`, `reported`), because both
read it and a verb's sense ("added to the list", "agreed to disarm") is decided here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .phrases import ORG_NOUNS, PERSON_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

#: Verbs that report speech with a clause under them ("said the talks failed").
SPEECH_VERBS = frozenset(
    """say tell declare state warn urge claim add insist deny announce vow pledge assert note
    observe remark comment explain report reply respond answer argue admit acknowledge confirm
    stress emphasise emphasize reiterate concede contend allege predict promise write tweet
    quote testify recall caution complain boast agree disclose reveal ask""".split()
)
#: Verbs that may introduce or follow quoted words but rarely take a reported clause.
CUE_VERBS = SPEECH_VERBS | frozenset(
    """reason call condemn describe praise criticise criticize dismiss label brand term dub
    post continue conclude begin put wonder exclaim shout cry joke plead suggest""".split()
)
#: Nouns that present quoted text as a word or a name, not as someone's speech.
MENTION_NOUNS = frozenset(
    """word words term terms phrase name names title slogan label hashtag headline stamp motto
    caption sign banner nickname tag""".split()
)
#: Cue verbs whose object is the one spoken to, never the speaker.
ADDRESSING = frozenset({"tell", "ask", "urge", "warn", "answer", "reply", "assure", "inform", "remind"})
#: Entity labels that can speak: a pronoun or bare noun under "called it …" is more often a label.
SPEAKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
NAMING_VERBS = frozenset({"name", "call", "dub", "title", "christen", "nickname", "entitle", "brand", "label"})
#: Verbs that report a view or a ruling with a clause under them ("studies suggest that …", "we propose that …",
#: "the court ruled that …"): reported speech, but kept apart from SPEECH_VERBS, which
#: the events stage reads as "not an event".
REPORTING_VERBS = SPEECH_VERBS | frozenset(
    """suggest rule mention propose conclude maintain recommend discuss""".split()
)
#: Things that carry words without a person saying them: "the memo reads", "the report states".
DOCUMENT_NOUNS = frozenset(
    """memo memorandum report letter statement website site page notice sign banner message note email
    e-mail post tweet document release communique communiqué telegram text leaflet poster placard
    ruling judgment verdict filing petition survey study paper editorial column article
    bulletin announcement declaration resolution order decree law bill""".split()
)
#: Verbs only documents speak with: "the sign reads", "the letter goes on".
DOCUMENT_VERBS = frozenset({"read"})


def is_cue_verb(tok: "Word") -> bool:
    """A verb that can introduce or follow quoted words, in its speech sense."""
    lemma = tok.lemma_.lower()
    if lemma in CUE_VERBS and not other_sense(tok):
        return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
    return writes(tok)


def writes(verb: "Word") -> bool:
    """"The memo reads: …": a document's own verb, a cue only with a document for subject."""
    if verb.lemma_.lower() not in DOCUMENT_VERBS or not verb.tag_.startswith("VB"):
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in verb.children)


def other_sense(verb: "Word") -> bool:
    """A speech verb used in another sense: "items added to the list" (a participle on a
    noun, or "add … to"), "stopping families from claiming benefits" (a gerund under
    "from"), "agreed to disarm"."""
    if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
        return True
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("from", "against"):
        return True
    to = [c for c in verb.children if c.dep_ in ("prep", "aux") and c.lower_ == "to" and c.i > verb.i]
    to += [a for x in verb.children if x.dep_ == "xcomp" for a in x.children if a.dep_ == "aux" and a.lower_ == "to"]
    return bool(to) and not any(c.dep_ in ("ccomp", "dobj") for c in verb.children) and verb.lemma_.lower() in ("add", "agree")


def document_source(verb: "Word") -> "Word | None":
    """The document a passive or subjectless speech verb reports from: "It is stated on
    the ministry's website that …" (the website), "a message stating that …" (the message)."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        head = verb.head  # "a message stating that …"; in "we find evidence suggesting that …" we do
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_NOUNS | PERSON_NOUNS | ORG_NOUNS or head.pos_ == "PROPN" or head.ent_type_:
            return head
        return None
    if not any(c.dep_ in ("nsubjpass", "expl") for c in verb.children) and any(
        c.dep_ == "nsubj" for c in verb.children
    ):
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "in"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in DOCUMENT_NOUNS:
                    return obj
    return None


__all__ = [
    "SPEECH_VERBS", "CUE_VERBS", "MENTION_NOUNS", "NAMING_VERBS", "ADDRESSING", "SPEAKING_LABELS",
    "DOCUMENT_NOUNS", "REPORTING_VERBS", "is_cue_verb", "writes", "other_sense", "document_source",
]
