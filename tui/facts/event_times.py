"""When: the time expression of an event's own clause, as an ISO date where the rules allow.

A time belongs to the clause that holds it in the parse, never to the nearest verb of
another clause; ages, durations and offsets from another time ("a day after …") are no
times. The date itself is `dates.normalise`'s, against the article's date.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..analysis import TimeSpan
from . import dates
from .event_clauses import ASPECTUAL, clause_words
from .main_events import simple_present
from .modality import is_future

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan

    from .words import Word

    from .context import Context


TIME_PREPS = frozenset({
    "on", "in", "at", "by", "since", "during", "until", "before", "after", "from", "of", "over", "through",
    "throughout", "as",
})
#: A bare length of time ("only two weeks", "roughly four months"): how long, not when.
DURATION = re.compile(
    r"(?:(?:only|about|roughly|nearly|almost|some|just|around|over|under|more than|less than)\s+)?"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few)\s+"
    r"(?:minute|hour|day|night|week|fortnight|month|year|decade)s?",
    re.I,
)
TIME_ADVERBS = frozenset({"recently", "later", "earlier", "previously", "lately", "formerly", "afterwards"})

def time_of(
    ctx: Context, verb: "Word", article_date: str | None, previous: str | None, future: bool | None = None
) -> TimeSpan | None:
    """The clause's DATE or TIME, with its preposition, as an ISO date where the rules allow."""
    found = when(ctx, verb)
    if found is None:
        return None
    start, end, dated = found
    text = ctx.text[start:end]
    if not dated:
        return TimeSpan(start, end, text, None)
    future = is_future(verb) if future is None else future
    return TimeSpan(start, end, text, dates.normalise(text, article_date, previous, future=future))


def when(ctx: Context, verb: "Word") -> tuple[int, int, bool] | None:
    """Where the clause's time is written, and whether it is one to date (an offset from
    another event is not); kept per verb, as a clause sharing its head's time asks the
    head's again."""
    if verb.i not in ctx.whens:
        ctx.whens[verb.i] = _when(ctx, verb)
    return ctx.whens[verb.i]


def _when(ctx: Context, verb: "Word") -> tuple[int, int, bool] | None:
    under = _times_under(ctx, verb)  # most clauses hold no time: their words need no sets
    own: set[int] = set()
    if under:
        own = {t.i for t in clause_words(ctx, verb) if t.i in under} - _subject_words(verb)
        if verb.lemma_.lower() in ASPECTUAL:  # "failed to pass on Monday"
            for c in verb.children:
                if c.dep_ == "xcomp":
                    own |= {t.i for t in clause_words(ctx, c) if t.i in under}
    found = _time_in(ctx, verb, own)
    if found is None and under:
        # a time inside the object's phrase, but not in a clause of its own ("the car that
        # thieves stole on Sunday" is the stealing's Sunday)
        extra = {
            t.i for c in verb.children if c.dep_ in ("dobj", "prep") and c.i > verb.i
            for t in clause_words(ctx, c) if t.i in under
        }
        found = _time_in(ctx, verb, extra)
    if found is not None:
        return (*found, True)
    if _shares_clause(verb):
        return when(ctx, verb.head)  # "was forced to resign" in May
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        fronted = when(ctx, verb.head)
        if fronted is not None and fronted[1] <= verb.head.idx:
            return fronted  # "On Friday, fishermen rescued 700 and the navy saved 200": both on Friday
    return _offset(verb)


def _times_under(ctx: Context, verb: "Word") -> set[int]:
    """The roots of the DATE and TIME entities among the verb's descendants, which lie
    between its subtree's edges: the only words of its clauses a time can be read from."""
    roots = ctx.time_roots
    lo = bisect.bisect_left(roots, verb.left_edge.i)
    hi = bisect.bisect_right(roots, verb.right_edge.i)
    return set(roots[lo:hi])


def _subject_words(verb: "Word") -> set[int]:
    """The subject's words: a time in them dates the thing the subject names ("news of the
    arrest last week has inspired a movement": the arrest was last week, the inspiring not)."""
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}


def _not_a_time(ctx: Context, ent: "SpacySpan") -> bool:
    """A DATE or TIME entity that says no "when" of the clause it stands in."""
    words = ctx.words
    root = words[ent.root.i]
    head = root.head
    if root.dep_ in ("amod", "compound", "nummod", "poss") or re.search(r"\bold\b|-year", ent.text):
        return True  # ages and "14-year-old" describe someone
    if _in_brackets(ctx, ent):
        return True  # "(Smith, 2013)", "(1981 [22])": a citation or an aside, not when it happened
    if root.dep_ == "conj" and head.dep_ in ("amod", "compound", "nummod"):
        return True  # "the 2011 and 2017 censuses"
    if re.fullmatch(r"\d{1,3}", ent.text.strip()):
        return True  # "Manju Sam, 36,": an age, not a time
    after = words[ent.end] if ent.end < len(words) else None
    if after is not None and after.lower_ in ("after", "before") and after.dep_ in ("mark", "prep"):
        return True  # "a day after Putin held talks": an offset from another time, not a time
    if (root.dep_ == "pobj" and head.lower_ in ("for", "after", "within")) and DURATION.fullmatch(ent.text):
        return True  # a duration: "for two years", "after 23 years at Berkeley"
    if (root.dep_ == "pobj" and head.lower_ == "for") or (root.dep_ != "pobj" and DURATION.fullmatch(ent.text)):
        return True  # a duration: "for the summer", "leaving them only two weeks"
    return root.dep_ == "pobj" and head.lower_ not in TIME_PREPS


def _in_brackets(ctx: Context, ent: "SpacySpan") -> bool:
    """Whether a time stands inside parentheses opened earlier in its sentence."""
    depth = 0
    for t in ctx.words[ctx.sent(ctx.words[ent.start]).start : ent.start]:
        depth += (t.text == "(") - (t.text == ")")
    return depth > 0


def _offset(verb: "Word") -> tuple[int, int, bool] | None:
    """"shortly before her death", "hours after the vote": a time told against another
    event. It has no date of its own."""
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in ("before", "after") or c.i < verb.i:
            continue
        near = [m for m in c.children if m.dep_ in ("advmod", "npadvmod") and m.i < c.i]
        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if near and obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return near[0].left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text), False
    return None


def _shares_clause(verb: "Word") -> bool:
    """An xcomp, or a conjoined verb with no subject of its own ("was arrested and charged
    on Monday"), takes its head's time; "the council voted on Monday and the mayor
    resigned" is two clauses, and the second has no time."""
    head = verb.head
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return False
    if verb.dep_ == "xcomp":
        return True
    return verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _time_in(ctx: Context, verb: "Word", roots: set[int]) -> tuple[int, int] | None:
    """Where the first time whose root is among `roots` (keys of `ctx.times`) is written,
    one the verb governs directly first, else a time adverb's."""
    words = ctx.words
    best = None
    found = sorted((e for i in roots for e in ctx.times[i]), key=lambda e: e.start)
    present = simple_present(verb) if found else False
    # entities never share a start, so the order is the text's whichever way the roots are found
    for ent in found:
        root = words[ent.root.i]
        head = root.head
        direct = head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i)
        if _not_a_time(ctx, ent) or (present and not direct):
            continue  # "results from the ruling of the court on July 8": the ruling's day, not a state's
        first = ent.start
        while first > 0 and words[first - 1].ent_type_ in ("DATE", "TIME"):
            first -= 1  # "Monday" + "morning": one time, read by its day
        start, end = words[first].idx, ent.end_char
        before = words[first - 1] if first > 0 else None
        if before is not None and before.pos_ == "ADP" and before.lower_ == "of":
            start = _part_of_day(before) or start  # "in the morning of 30 May 1832", not "of 30 May 1832"
        elif before is not None and before.pos_ == "ADP" and before.lower_ in TIME_PREPS:
            start = before.idx  # "On Oct. 7", "on Monday"
        best = (start, end)
        if direct:
            break
    if best is None:
        best = _time_adverb(verb)
    if best is None:
        return None
    start, end = best
    while end > start and ctx.text[end - 1] in " ,.;:\n":
        end -= 1
    return start, end


#: Nouns a date is "of": "the morning of 30 May", "the end of 2014".
_PART_OF = frozenset(
    "morning afternoon evening night day dawn week weekend end beginning start middle spring summer autumn fall "
    "winter month year".split()
)


def _part_of_day(of: "Word") -> int | None:
    """Where "in the morning of …" starts, with its own preposition; None when "of" ties the
    date to some other noun ("the ruling of July 8"): the date alone is the time then."""
    noun = of.head
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _PART_OF or noun.i > of.i:
        return None
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in TIME_PREPS and prep.i < noun.i:
        return prep.idx
    return noun.left_edge.idx


def _time_adverb(verb: "Word") -> tuple[int, int] | None:
    """"recently", "later": a time the text gives without a date (it resolves to none)."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in TIME_ADVERBS:
            return c.idx, c.idx + len(c.text)
    return None
