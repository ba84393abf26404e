"""Attribution: a speaker and a cue for each quoted passage.

The parse is used for what it is good at: the reporting verb next to the marks and
its subject. For each passage, the first layout that fits: a cue after it ("…,” said
X), before it (X said: “…”), "according to X", a colon introduction, a split quote,
a floating paragraph (the previous speaker), or the clause it is embedded in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis import Span
from .phrases import RELATIVE, phrase_span, subject_of
from .cues import (
    ADDRESSING, CUE_VERBS, NAMING_VERBS, SPEAKING_LABELS, SPEECH_VERBS, document_source, other_sense, writes,
)
from .quotemarks import ALL_MARKS, Passage
from .scare import is_mention, tokens_in

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .context import Context

CUE_WINDOW = 12  # tokens between a cue verb and the quote it introduces
#: Tokens of an introducing sentence searched for its cue. Every cue verb there may
#: scan the sentence for a subject, so an unbounded one (a paragraph with no period)
#: was quadratic; no news sentence is this long.
MAX_WINDOW = 200


def attribute(ctx: Context, passages: list[Passage], paras: Sequence[tuple[int, int]]) -> None:
    """Give each passage a speaker and cue by the first layout that fits."""
    _by_layout(ctx, passages, paras)
    _share_in_groups(passages)
    _by_neighbours(ctx, passages, paras)


def _by_layout(ctx: Context, passages: list[Passage], paras: Sequence[tuple[int, int]]) -> None:
    """A cue after the passage, before it, or a colon introduction; mentions are dropped."""
    for k, p in enumerate(passages):
        ctx.check()
        if is_mention(ctx, p):
            p.drop, p.how = True, "mention"
            continue
        prev_close = _prev_close(passages, k)
        next_open = _next_open(passages, k, paras[p.para][1])
        before = _cue_before(ctx, p, max(paras[p.para][0], prev_close)) or _colon_intro(ctx, p, paras)
        if ctx.text[p.end - 1] == ".":  # “… noon.” The report states …: the sentence ended in the marks
            found = before or _cue_after(ctx, p, next_open)
        else:
            found = _cue_after(ctx, p, next_open) or before
        within = p.extra.get("within")
        if within:
            found = _inner_cue(ctx, p, within)
            if not found:
                p.drop, p.how = True, "inner"  # words inside a quote are the quoter's, unless said there
                continue
        if found:
            p.speaker, p.cue, p.how = found


def _inner_cue(ctx: Context, p: Passage, within: tuple[int, int]) -> tuple[Span, Span, str] | None:
    """“Voters will say, ‘Fix the roads first’”: a speech verb and its subject inside the
    outer quote, right before the inner marks, speak the inner words."""
    window = tokens_in(ctx.doc, within[0] + 1, p.outer[0])[-CUE_WINDOW:]
    while window and window[-1].is_punct and window[-1].text in ",:":
        window.pop()
    if not window or not _is_cue_verb(window[-1]):
        return None
    verb = window[-1]
    subj = subject_of(verb)
    if subj is None or not within[0] < subj.idx < p.outer[0]:
        return None
    return speaker_span(ctx, subj), cue_span(ctx, verb, within[0], p.outer[0]), "inner"


def _share_in_groups(passages: list[Passage]) -> None:
    """Quote pieces over paragraphs share what any piece found."""
    by_group: dict[int, list[Passage]] = {}
    for p in passages:
        by_group.setdefault(p.group, []).append(p)
    for group in by_group.values():
        known = next((p for p in group if p.speaker is not None), None)
        if known is not None:
            for p in group:
                if p.speaker is None:
                    p.speaker, p.cue, p.how = known.speaker, known.cue, "continued"


def _by_neighbours(ctx: Context, passages: list[Passage], paras: Sequence[tuple[int, int]]) -> None:
    """The passages still without a speaker: the previous quote's, or the embedding clause's."""
    for k, p in enumerate(passages):
        ctx.check()
        if p.speaker is not None or p.drop:
            continue
        prev = passages[k - 1] if k > 0 else None
        if _follows_previous(ctx, p, prev, paras[p.para]):
            continue
        found = _embedded(ctx, p) or _previous_sentence(ctx, p, paras[p.para])
        if found:
            p.speaker, p.cue, p.how = found


def _previous_sentence(ctx: Context, p: Passage, para: tuple[int, int]) -> tuple[Span, None, str] | None:
    """A quote that is a sentence of its own, right after a sentence whose subject is a
    named person: "Union chief Ana Ruiz gave her reasons. “We waited two years.”"."""
    lo, _ = para
    if p.outer[0] != lo and _last_char(ctx.text, lo, p.outer[0]) not in ".!?":
        return None
    inner = tokens_in(ctx.doc, p.start, p.end)
    if len(inner) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in inner) or inner[0].i == 0:
        return None
    prev = ctx.doc[inner[0].i - 1]
    while prev.i > 0 and (prev.is_space or prev.text in ALL_MARKS):
        prev = ctx.doc[prev.i - 1]
    if prev.idx >= p.outer[0] or prev.text not in ".!?" or ctx.in_quote(prev.idx):
        return None  # the sentence before must be narration, not another quote
    sent = ctx.sent(prev)
    subj = ctx.active_subject(sent.root)
    if subj is None or ctx.in_quote(subj.idx):
        return None
    sp = speaker_span(ctx, subj)
    named = ctx.label_of.get(sp.entity) == "PERSON" if sp.entity else subj.pos_ == "PROPN" and not subj.ent_type_
    if not named:
        return None  # a person, or a name the model did not label
    return sp, None, "previous"


def _follows_previous(ctx: Context, p: Passage, prev: Passage | None, para: tuple[int, int]) -> bool:
    """Whether `p` is settled by its layout after `prev`: a coordinated quote or a floating
    one takes the previous speaker; a paragraph-long quote with none stays unattributed."""
    lo, hi = para
    known = prev is not None and prev.speaker is not None
    if prev is not None and known and _only_joiners(ctx.text[prev.outer[1] : p.outer[0]]):
        p.speaker, p.cue, p.how = prev.speaker, prev.cue, "coordinated"  # “dangerous” and “ideological”
        return True
    if p.outer[0] == lo and p.outer[1] >= hi - 1:
        if prev is not None and known and prev.para >= p.para - 1:
            p.speaker, p.how = prev.speaker, "floating"
        return True
    if prev is not None and known and prev.para == p.para and _last_char(ctx.text, lo, p.outer[0]) in ".!?":
        p.speaker, p.how = prev.speaker, "floating"  # “…,” Berg said. “More words.”: the same speaker goes on
        return True
    return False


def _last_char(text: str, lo: int, end: int) -> str:
    """The last non-space character of text[lo:end] ("" if none), without copying the
    slice: in a one-paragraph dialogue that copy made each quote cost the paragraph."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end > lo else ""


def _prev_close(passages: list[Passage], k: int) -> int:
    """Where the nearest earlier quote of the paragraph closes (0 if none).

    Passages are in text order, so a paragraph's are consecutive: the walk stops at
    the paragraph's edge instead of copying and scanning the whole list each time.
    """
    p = passages[k]
    for j in range(k - 1, -1, -1):
        q = passages[j]
        if q.para != p.para:
            break
        if q.outer[1] <= p.outer[0]:
            return q.outer[1]
    return 0


def _next_open(passages: list[Passage], k: int, para_end: int) -> int:
    p = passages[k]
    for j in range(k + 1, len(passages)):
        q = passages[j]
        if q.para != p.para:
            break
        if q.outer[0] >= p.outer[1]:
            return q.outer[0]
    return para_end


def _is_cue_verb(tok: "Token") -> bool:
    lemma = tok.lemma_.lower()
    if lemma in CUE_VERBS and not other_sense(tok):
        return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
    return writes(tok)


def cue_span(ctx: Context, verb: "Token", lo: int, hi: int) -> Span:
    """The reporting verb with its auxiliaries and "saying": "was quoted saying"."""
    toks = [verb]
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3:
            toks.append(c)
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in SPEECH_VERBS and 0 < c.i - verb.i <= 2:
            toks.append(c)
    toks = [t for t in toks if lo <= t.idx and t.idx + len(t.text) <= hi] or [verb]
    i, j = min(t.i for t in toks), max(t.i for t in toks)
    start, end = ctx.doc[i].idx, ctx.doc[j].idx + len(ctx.doc[j].text)
    return Span(start, end, ctx.text[start:end])


def _according(ctx: Context, toks: list["Token"]) -> tuple[Span, Span, str] | None:
    """"according to X" or "in the words of X" among `toks`."""
    for n, t in enumerate(toks[:-1]):
        if t.lower_ == "according" and toks[n + 1].lower_ == "to":
            obj = _first_noun(toks[n + 2 :])
            if obj is not None:
                cue = Span(t.idx, toks[n + 1].idx + 2, ctx.text[t.idx : toks[n + 1].idx + 2])
                return speaker_span(ctx, obj), cue, "according"
        if t.lower_ == "words" and toks[n + 1].lower_ == "of" and n >= 1 and toks[n - 1].lower_ in ("the", "his", "her", "their"):
            obj = _first_noun(toks[n + 2 :])
            if obj is not None:
                first = toks[n - 2] if n >= 2 and toks[n - 2].lower_ == "in" else toks[n - 1]
                end = toks[n + 1].idx + 2
                return speaker_span(ctx, obj), Span(first.idx, end, ctx.text[first.idx : end]), "words-of"
    return None


def _first_noun(toks: list["Token"]) -> "Token | None":
    for t in toks:
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            head = t
            while head.head is not head and head.head in toks and head.dep_ in (
                "compound", "amod", "det", "poss", "flat", "nmod", "nummod",
            ):
                head = head.head
            return head
        if t.is_punct and t.text in ".;!?":
            return None
    return None


def speaker_span(ctx: Context, head: "Token") -> Span:
    """The speaker's whole phrase; a misparsed apposition ("Prime Minister, Najib Razak")
    that the parser made a second subject is joined back on.

    Kept per head token: in a dialogue every quote under one verb asks for the same
    subject, and its phrase can be a walk over the whole sentence."""
    found = ctx.speakers.get(head.i)
    if found is None:
        found = ctx.speakers[head.i] = _speaker_phrase(ctx, head)
    return found


def _speaker_phrase(ctx: Context, head: "Token") -> Span:
    sp = phrase_span(ctx, head, speaker=True)
    if head.dep_ == "nsubj":
        for other in sorted((c for c in head.head.children if c.dep_ == "nsubj" and c.i < head.i), reverse=True):
            o = phrase_span(ctx, other, resolve=False)
            between = ctx.text[o.end : sp.start]
            if o.end > sp.start or between.strip() not in (",", "", "-"):
                break
            sp = Span(o.start, sp.end, ctx.text[o.start : sp.end], sp.entity or o.entity)
    return sp


def _subject(verb: "Token", toks: list["Token"]) -> "Token | None":
    """The verb's subject from the parse (or the document it is stated in), else the
    noun phrase next to it."""
    subj = not_punct(document_source(verb) or subject_of(verb))
    if subj is not None:
        return subj
    before = [t for t in toks if t.i < verb.i]
    after = [t for t in toks if t.i > verb.i]
    for t in reversed(before):
        if t.pos_ in ("NOUN", "PROPN", "PRON") and t.lower_ not in RELATIVE:
            head = t
            while head.head is not head and head.head.i < verb.i and head.dep_ in (
                "compound", "flat", "appos", "amod", "poss", "nmod", "pobj", "prep",
            ) and head.head in before:
                head = head.head
            return head
        if t.pos_ in ("VERB",) or t.text in ".;!?":
            break
    return _first_noun(after)


def _cue_after(ctx: Context, p: Passage, limit: int) -> tuple[Span, Span, str] | None:
    """“…,” said X / “…,” X said / “…,” he told Y / “…”, according to X."""
    doc = ctx.doc
    toks = tokens_in(doc, p.outer[1], limit)
    window: list["Token"] = []
    for t in toks:
        if t.text in ".!?;" or t.text in ALL_MARKS:
            break
        window.append(t)
    while window and window[0].is_punct:
        window.pop(0)
    if not window or not _set_off(ctx.text, p):
        return None  # the “comeback” has continued: marked words run on into the sentence
    if any(t.lower_ == "according" for t in window[:2]):
        return _according(ctx, window)
    for n, t in enumerate(window[:CUE_WINDOW]):
        if _is_cue_verb(t):
            if any(w.pos_ == "VERB" and not _is_cue_verb(w) for w in window[:n]):
                return None
            if t.dep_ in ("advcl", "xcomp", "conj", "acl") and t.head.i < window[0].i:
                return None  # ', telling Radio Norte …' goes on the sentence the quote is in
            subj = _subject(t, window)
            if subj is None or subj.i < window[0].i or ctx.in_quote(subj.idx):
                subj = _subject_near(window, t)
            if subj is None:
                return None
            return speaker_span(ctx, subj), cue_span(ctx, t, p.outer[1], limit), "after"
        if t.pos_ in ("VERB",) and not _is_cue_verb(t):
            return None
    return None


def _set_off(text: str, p: Passage) -> bool:
    """Whether the words end where the quote does (“…,” / “…?” / “…” —), as quoted speech
    before its cue does; a bare close mark is followed by the rest of the sentence."""
    if text[p.end - 1] in ".!?…—–-,":
        return True
    tail = text[p.end : p.outer[1] + 2]
    return any(c in tail for c in ",—–-:")


def not_punct(subj: "Token | None") -> "Token | None":
    """A subject that is a word: "Coase [13,14] argues" parses "]" as a second subject
    next to the verb; the other one is the speaker."""
    if subj is None or not subj.is_punct:
        return subj
    return next((c for c in subj.head.children if c.dep_ == "nsubj" and not c.is_punct), None)


def _subject_near(window: list["Token"], verb: "Token") -> "Token | None":
    before = [t for t in window if t.i < verb.i and t.pos_ in ("NOUN", "PROPN", "PRON")]
    if before:
        return before[-1]
    if verb.lemma_.lower() in ADDRESSING:
        return None  # the noun after "told" is the one spoken to
    return _first_noun([t for t in window if t.i > verb.i])


def _cue_before(ctx: Context, p: Passage, lo: int) -> tuple[Span, Span, str] | None:
    """X said: “…” / X said, “…” / declared that “…” / X told the court that, …, “…”."""
    doc = ctx.doc
    toks = tokens_in(doc, lo, p.outer[0])
    window: list["Token"] = []
    for t in reversed(toks):
        if (t.text in ".!?;" and t.is_punct) or t.text in ALL_MARKS:
            break
        window.append(t)
    window.reverse()  # built backwards: inserting at the front was quadratic in a long sentence
    if not window:
        return None
    acc = _according(ctx, window)
    if acc and acc[1].start >= window[max(0, len(window) - 2 * CUE_WINDOW)].idx:
        return acc
    last = window[-1]
    for n in range(len(window) - 1, max(-1, len(window) - 1 - CUE_WINDOW), -1):
        t = window[n]
        if not _is_cue_verb(t):
            continue
        gap = window[n + 1 :]
        introduces = (
            not gap
            or last.text in (":", ",", "—", "–")
            or last.lower_ == "that"
            or (last.head is t and last.dep_ in ("dobj", "dative", "iobj"))
            or (len(gap) <= 3 and all(g.head is t or g.head in gap for g in gap))
        )
        if not introduces:
            continue
        subj = _subject(t, window)
        if subj is None or ctx.in_quote(subj.idx):
            subj = sentence_subject(ctx, window, t)
        if subj is None:
            return None
        return speaker_span(ctx, subj), cue_span(ctx, t, lo, p.outer[0]), "before"
    return None


def sentence_subject(ctx: Context, window: list["Token"], verb: "Token") -> "Token | None":
    """For a parse broken by marks: the nearest subject before the verb, outside quotes."""
    for t in reversed([w for w in window if w.i < verb.i]):
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in RELATIVE and not ctx.in_quote(t.idx):
            return t
    return None


def _colon_intro(ctx: Context, p: Passage, paras: Sequence[tuple[int, int]]) -> tuple[Span, Span, str] | None:
    """A paragraph-long quote after a paragraph (or sentence) that ends with a colon."""
    lo, _ = paras[p.para]
    text = ctx.text
    if p.outer[0] != lo or p.para == 0:
        return None
    plo, phi = paras[p.para - 1]
    if _last_char(text, plo, phi) != ":":
        return None
    toks = tokens_in(ctx.doc, plo, phi)
    window: list["Token"] = []
    for t in reversed(toks[:-1]):
        if t.text in ".!?;" or len(window) == MAX_WINDOW:
            break
        window.append(t)
    window.reverse()
    for t in reversed(window):
        if _is_cue_verb(t):
            subj = _subject(t, window) or sentence_subject(ctx, window, t)
            if subj is not None and not ctx.in_quote(subj.idx):
                return speaker_span(ctx, subj), cue_span(ctx, t, plo, phi), "colon"
    roots = [t for t in window if t.dep_ == "ROOT"]
    if roots:
        subj = subject_of(roots[0])
        if subj is not None:
            sp = speaker_span(ctx, subj)
            if sp.entity is not None:
                return sp, None, "colon"  # type: ignore[return-value]
    return None


def _embedded(ctx: Context, p: Passage) -> tuple[Span, Span | None, str] | None:
    """A short quote inside a sentence: 'his “dear friend”', 'called it “dangerous”',
    or words in a clause whose subject is a named speaker."""
    doc = ctx.doc
    inner = tokens_in(doc, p.start, p.end)
    if not inner:
        return None
    inner_ids = {t.i for t in inner}
    roots = [t for t in inner if t.head.i not in inner_ids or t.head is t]
    if not roots:
        return None
    root = roots[0]
    found = _possessive(ctx, root, inner_ids)
    if found:
        return found
    t = root
    for _ in range(10):
        if t.head is t:
            break
        t = t.head
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if not _is_cue_verb(t):
            continue  # "saw “real grounds for hope”": only a speech verb makes the words someone's
        subj = ctx.active_subject(t)
        if _names_it(t, inner_ids):
            return None  # what Spang calls “enlace”: a term, not words he said
        if subj is not None and not ctx.in_quote(subj.idx) and subj.i not in inner_ids:
            sp = speaker_span(ctx, subj)
            if sp.entity is not None and ctx.label_of.get(sp.entity) in SPEAKING_LABELS:
                return sp, cue_span(ctx, t, 0, len(ctx.text)), "embedded"
            return None  # "some commentators have called it “gold standard”": a label, not a quote
    return _cue_right_before(ctx, p)


def _possessive(ctx: Context, root: "Token", inner_ids: set[int]) -> tuple[Span, None, str] | None:
    """'his “dear friend”': the owner speaks words of two or more; one word after "his"
    (“reign”, “protégé”) is a label."""
    if len(inner_ids) < 2:
        return None
    for c in root.children:
        if c.dep_ == "poss" and c.i not in inner_ids and c.lower_ in ("his", "her", "its", "their"):
            sp = speaker_span(ctx, c)
            if sp.entity is not None:
                return Span(c.idx, c.idx + len(c.text), c.text, sp.entity), None, "possessive"
    return None


def _cue_right_before(ctx: Context, p: Passage) -> tuple[Span, Span, str] | None:
    """"while condemning “all acts …”": an active cue verb right before the marks."""
    before = tokens_in(ctx.doc, max(0, p.outer[0] - 40), p.outer[0])[-3:]
    for t in reversed(before):
        if _is_cue_verb(t) and not any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
            sent = [w for w in ctx.sent(t) if w.i < t.i]
            subj = sentence_subject(ctx, sent, t)
            if subj is not None:
                return speaker_span(ctx, subj), cue_span(ctx, t, 0, len(ctx.text)), "embedded"
    return None


def _names_it(verb: "Token", inner_ids: set[int]) -> bool:
    """A naming verb whose object is the quoted word itself ("calls “enlace”", "what they
    call “the boat people”"), not one that calls something else a name ("called the
    sentence “dangerous”", which is a judgement someone voiced)."""
    if verb.lemma_.lower() not in NAMING_VERBS | {"describe", "term"}:
        return False
    return not any(c.dep_ == "dobj" and c.i not in inner_ids and c.tag_ not in ("WP", "WDT") for c in verb.children)


def _only_joiners(between: str) -> bool:
    words = between.replace(",", " ").split()
    return all(w.lower() in ("and", "or", "but", "nor") for w in words) and len(words) <= 2
