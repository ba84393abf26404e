"""Who said what: direct, indirect and mixed quotes with speaker and cue.

Quote marks are found in the text itself, paragraph by paragraph, because the
parser is least reliable exactly around them (it splits sentences at marks and
hangs quoted clauses on the wrong verb). The parse is used for what it is good at:
the reporting verb next to the marks, its subject, and reported clauses ("X said
the Y …"). The steps:

1. `marked_passages`: every passage between quote marks (straight or curly, double
   or single, apostrophes left alone), including a quote carried over paragraphs.
2. `attribute`: for each passage, a cue after it ("…,” said X), before it (X said:
   “…”), "according to X", a colon introduction, a split quote, a floating
   paragraph (the previous speaker), or the clause it is embedded in.
3. `reported_clauses`: a speech verb with a clause under it is an indirect quote;
   marks inside that clause make it mixed and absorb the direct passage.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..analysis import Quote, Span
from .cancel import NEVER, Checkpoint
from .phrases import RELATIVE, Context, is_name_like, phrase_span, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .entities import EntityIndex

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
DOUBLE_OPEN, DOUBLE_CLOSE = "“„«", "”»"
SINGLE_OPEN, SINGLE_CLOSE = "‘‹", "’›"
STRAIGHT = "\"'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT
_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + '"') + "]")
_SINGLE_MARK = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE + "'") + "]")
_APOSTROPHES = SINGLE_CLOSE + "'"
_LEADING = SINGLE_CLOSE + "'" + SINGLE_OPEN
_OPENING = DOUBLE_OPEN + SINGLE_OPEN
_CLOSING = DOUBLE_CLOSE + SINGLE_CLOSE
#: Nouns that present quoted text as a word or a name, not as someone's speech.
MENTION_NOUNS = frozenset(
    """word words term terms phrase name names title slogan label hashtag headline stamp motto
    caption sign banner nickname tag""".split()
)
NAMING_VERBS = frozenset({"name", "call", "dub", "title", "christen", "nickname", "entitle", "brand", "label"})
OPENERS = " \t([{—–-/…"
WH_WORDS = frozenset({"why", "how", "whether", "if", "where", "when"})
CUE_WINDOW = 12  # tokens between a cue verb and the quote it introduces
#: Tokens of an introducing sentence searched for its cue. Every cue verb there may
#: scan the sentence for a subject, so an unbounded one (a paragraph with no period)
#: was quadratic; no news sentence is this long.
MAX_WINDOW = 200


@dataclass
class Passage:
    """Text between quote marks: `start`/`end` is the content, `outer` includes the marks."""

    start: int
    end: int
    outer: tuple[int, int]
    para: int
    closed: bool = True
    group: int = -1  # pieces of one quote over several paragraphs share a group
    speaker: Span | None = None
    cue: Span | None = None
    how: str = ""  # which rule attributed it, for debugging and tests
    kind: str = "direct"
    drop: bool = False
    extra: dict = field(default_factory=dict)


def prepare(doc: "Doc", index: "EntityIndex", *, text: str | None = None, check: Checkpoint = NEVER) -> Context:
    """The Context both extractors need, with paragraphs and quote marks found once."""
    ctx = Context.build(doc, index, text=text, check=check)
    ctx.paras = paragraphs(ctx.text, check)
    ctx.passages = marked_passages(ctx.text, ctx.paras, check)
    ctx.quoted = sorted((p.start, p.end) for p in ctx.passages)
    return ctx


def extract_quotes(doc: "Doc", index: "EntityIndex", ctx: Context | None = None) -> tuple[Quote, ...]:
    """Every quote of the article in text order, ids Q1, Q2, …"""
    ctx = ctx or prepare(doc, index)
    paras, passages = ctx.paras, [replace(p) for p in ctx.passages]  # attribute() edits its own copies
    attribute(ctx, passages, paras)
    mixed = reported_clauses(ctx, passages)
    quotes: list[tuple[int, int, str, Span | None, Span | None]] = []
    for p in passages:
        if p.drop or not _worth_keeping(ctx, p):
            continue
        quotes.append((p.start, p.end, p.kind, p.speaker, p.cue))
    quotes.extend(mixed)
    quotes.sort(key=lambda q: (q[0], q[1]))
    text = ctx.text
    return tuple(
        Quote(f"Q{i}", kind, s, e, text[s:e], speaker, cue)
        for i, (s, e, kind, speaker, cue) in enumerate(quotes, 1)
    )


# ---------------------------------------------------------------------------
# 1. Finding the marks


def paragraphs(text: str, check: Checkpoint = NEVER) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: news paragraphs are lines."""
    out, pos = [], 0
    for line in text.split("\n"):
        check()
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def paragraph_of(paras: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The paragraph holding `offset`, by bisection: a per-verb scan is quadratic on long texts."""
    i = bisect.bisect_right(paras, (offset, float("inf"))) - 1
    if i >= 0 and paras[i][0] <= offset < paras[i][1]:
        return paras[i]
    return None


def mark_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """"open", "close", "either" or None (an apostrophe) for the mark at `i`."""
    c = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if c in _APOSTROPHES and prev.isalnum() and nxt.isalnum():
        return None  # don’t, Israel’s, O'Neil
    if c in _LEADING and nxt.isdigit() and not prev.isalnum():
        return None  # '90s
    if c == "`":
        return None
    can_open = (prev.isspace() or prev in OPENERS or prev in ALL_MARKS) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if c in _OPENING:
        return "close" if (can_close and not can_open and c in DOUBLE_OPEN) else "open"
    if c in _CLOSING:
        if can_open and not can_close:
            return "open" if c in DOUBLE_CLOSE else None
        return "close"
    if can_open and can_close:
        return "either"
    if can_open:
        return "open"
    if can_close:
        return "close"
    return None


def marked_passages(text: str, paras: list[tuple[int, int]], check: Checkpoint = NEVER) -> list[Passage]:
    """Quoted passages paragraph by paragraph; odd counts of marks are tolerated.

    A quote left open at the end of a paragraph runs to its end; when the next
    paragraph opens with a mark, that paragraph continues the same quote.
    """
    out: list[Passage] = []
    group = 0
    carry = False  # the previous paragraph ended inside an open quote
    for pi, (lo, hi) in enumerate(paras):
        found, open_at = [], None
        for m in _DOUBLE_MARK.finditer(text, lo, hi):  # the marks only, not every character
            check()
            i = m.start()
            role = mark_role(text, i, lo, hi)
            if role is None:
                continue
            if open_at is None:
                if role in ("open", "either"):
                    open_at = i
            elif role in ("close", "either"):
                found.append((open_at, i + 1, True))
                open_at = None
            else:  # a second opening mark: the first quote was never closed
                found.append((open_at, _rstrip(text, open_at, i), False))
                open_at = i
        if open_at is not None:
            found.append((open_at, hi, False))
        for k, (a, b, closed) in enumerate(found):
            if not (k == 0 and carry and a == lo):
                group += 1  # a new quote, unless it carries on the last paragraph's
            cs, ce = _content(text, a + 1, b - 1 if closed else b)
            if ce > cs:
                out.append(Passage(cs, ce, (a, b), pi, closed, group))
        carry = bool(found) and not found[-1][2]
        for q in _single_passages(text, pi, lo, hi, [(a, b) for a, b, _ in found], check):
            group += 1
            q.group = group
            out.append(q)
    out.sort(key=lambda p: p.start)
    return out


def _single_passages(
    text: str, pi: int, lo: int, hi: int, doubles: list[tuple[int, int]], check: Checkpoint = NEVER
) -> list[Passage]:
    """‘…’ and '…' passages outside double-quoted ones (nested ones belong to the outer quote).

    `doubles` are in text order and do not overlap, so one pointer that moves with
    the marks says whether a mark is inside one: testing each mark against every
    range was quadratic (120 KB of quote marks took 23 s).
    """
    out, open_at = [], None
    d = 0
    for m in _SINGLE_MARK.finditer(text, lo, hi):
        check()
        i = m.start()
        c = text[i]
        while d < len(doubles) and doubles[d][1] <= i:
            d += 1
        if d < len(doubles) and doubles[d][0] <= i:
            continue
        role = mark_role(text, i, lo, hi)
        if role is None:
            continue
        if open_at is None:
            if role == "open" or (role == "either" and c != "’"):
                open_at = i
        elif role in ("close", "either"):
            cs, ce = _content(text, open_at + 1, i)
            if ce - cs > 1:  # rock 'n' roll
                out.append(Passage(cs, ce, (open_at, i + 1), pi, True))
            open_at = None
    return out


def _content(text: str, a: int, b: int) -> tuple[int, int]:
    """Inside the marks: no surrounding spaces and no trailing comma."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


# ---------------------------------------------------------------------------
# 2. Attribution


def attribute(ctx: Context, passages: list[Passage], paras: list[tuple[int, int]]) -> None:
    """Give each passage a speaker and cue by the first layout that fits."""
    doc = ctx.doc
    check = ctx.check
    for k, p in enumerate(passages):
        check()
        if _is_mention(ctx, p):
            p.drop, p.how = True, "mention"
            continue
        prev_close = _prev_close(passages, k)
        next_open = _next_open(passages, k, paras[p.para][1])
        found = (
            _cue_after(ctx, p, next_open)
            or _cue_before(ctx, p, max(paras[p.para][0], prev_close))
            or _colon_intro(ctx, p, paras)
        )
        if found:
            p.speaker, p.cue, p.how = found
    # Quote pieces over paragraphs share what any piece found.
    by_group: dict[int, list[Passage]] = {}
    for p in passages:
        by_group.setdefault(p.group, []).append(p)
    for group in by_group.values():
        known = next((p for p in group if p.speaker is not None), None)
        if known is not None:
            for p in group:
                if p.speaker is None:
                    p.speaker, p.cue, p.how = known.speaker, known.cue, "continued"
    for k, p in enumerate(passages):
        check()
        if p.speaker is not None or p.drop:
            continue
        lo, hi = paras[p.para]
        prev = passages[k - 1] if k > 0 else None
        if prev is not None and prev.speaker is not None and _only_joiners(ctx.text[prev.outer[1] : p.outer[0]]):
            p.speaker, p.cue, p.how = prev.speaker, prev.cue, "coordinated"  # “dangerous” and “ideological”
            continue
        if p.outer[0] == lo and p.outer[1] >= hi - 1:
            if prev is not None and prev.speaker is not None and prev.para >= p.para - 1:
                p.speaker, p.how = prev.speaker, "floating"
            continue
        if (
            prev is not None
            and prev.speaker is not None
            and prev.para == p.para
            and _last_char(ctx.text, lo, p.outer[0]) in ".!?"
        ):  # “…,” Berg said. “More words.”: the same speaker goes on
            p.speaker, p.how = prev.speaker, "floating"
            continue
        found = _embedded(ctx, p)
        if found:
            p.speaker, p.cue, p.how = found


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


def _tokens(doc: "Doc", start: int, end: int) -> list["Token"]:
    """Tokens lying wholly inside [start, end)."""
    if end <= start:
        return []
    span = doc.char_span(start, end, alignment_mode="contract")
    return [t for t in span if not t.is_space] if span is not None else []


def _is_cue_verb(tok: "Token") -> bool:
    return tok.lemma_.lower() in CUE_VERBS and tok.pos_ in ("VERB", "AUX") or (
        tok.lemma_.lower() in CUE_VERBS and tok.tag_.startswith("VB")
    )


def _cue_span(ctx: Context, verb: "Token", lo: int, hi: int) -> Span:
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
                return _speaker(ctx, obj), cue, "according"
        if t.lower_ == "words" and toks[n + 1].lower_ == "of" and n >= 1 and toks[n - 1].lower_ in ("the", "his", "her", "their"):
            obj = _first_noun(toks[n + 2 :])
            if obj is not None:
                first = toks[n - 2] if n >= 2 and toks[n - 2].lower_ == "in" else toks[n - 1]
                end = toks[n + 1].idx + 2
                return _speaker(ctx, obj), Span(first.idx, end, ctx.text[first.idx : end]), "words-of"
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


def _speaker(ctx: Context, head: "Token") -> Span:
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
    """The verb's subject from the parse, else the noun phrase next to it."""
    subj = subject_of(verb)
    if subj is not None and not subj.is_punct:
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
    toks = _tokens(doc, p.outer[1], limit)
    window = []
    for t in toks:
        if t.text in ".!?;" or t.text in ALL_MARKS:
            break
        window.append(t)
    while window and window[0].is_punct:
        window.pop(0)
    if not window:
        return None
    if any(t.lower_ == "according" for t in window[:2]):
        return _according(ctx, window)
    for n, t in enumerate(window[:CUE_WINDOW]):
        if _is_cue_verb(t):
            if any(w.pos_ == "VERB" and not _is_cue_verb(w) for w in window[:n]):
                return None
            subj = _subject(t, window)
            if subj is None or subj.i < window[0].i or ctx.in_quote(subj.idx):
                subj = _subject_near(window, t)
            if subj is None:
                return None
            return _speaker(ctx, subj), _cue_span(ctx, t, p.outer[1], limit), "after"
        if t.pos_ in ("VERB",) and not _is_cue_verb(t):
            return None
    return None


def _subject_near(window: list["Token"], verb: "Token") -> "Token | None":
    before = [t for t in window if t.i < verb.i and t.pos_ in ("NOUN", "PROPN", "PRON")]
    if before:
        return before[-1]
    return _first_noun([t for t in window if t.i > verb.i])


def _cue_before(ctx: Context, p: Passage, lo: int) -> tuple[Span, Span, str] | None:
    """X said: “…” / X said, “…” / declared that “…” / X told the court that, …, “…”."""
    doc = ctx.doc
    toks = _tokens(doc, lo, p.outer[0])
    window = []
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
            subj = _sentence_subject(ctx, window, t)
        if subj is None:
            return None
        return _speaker(ctx, subj), _cue_span(ctx, t, lo, p.outer[0]), "before"
    return None


def _sentence_subject(ctx: Context, window: list["Token"], verb: "Token") -> "Token | None":
    """For a parse broken by marks: the nearest subject before the verb, outside quotes."""
    for t in reversed([w for w in window if w.i < verb.i]):
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in RELATIVE and not ctx.in_quote(t.idx):
            return t
    return None


def _colon_intro(ctx: Context, p: Passage, paras: list[tuple[int, int]]) -> tuple[Span, Span, str] | None:
    """A paragraph-long quote after a paragraph (or sentence) that ends with a colon."""
    lo, _ = paras[p.para]
    text = ctx.text
    if p.outer[0] != lo or p.para == 0:
        return None
    plo, phi = paras[p.para - 1]
    if _last_char(text, plo, phi) != ":":
        return None
    toks = _tokens(ctx.doc, plo, phi)
    window = []
    for t in reversed(toks[:-1]):
        if t.text in ".!?;" or len(window) == MAX_WINDOW:
            break
        window.append(t)
    window.reverse()
    for t in reversed(window):
        if _is_cue_verb(t):
            subj = _subject(t, window) or _sentence_subject(ctx, window, t)
            if subj is not None and not ctx.in_quote(subj.idx):
                return _speaker(ctx, subj), _cue_span(ctx, t, plo, phi), "colon"
    roots = [t for t in window if t.dep_ == "ROOT"]
    if roots:
        subj = subject_of(roots[0])
        if subj is not None:
            sp = _speaker(ctx, subj)
            if sp.entity is not None:
                return sp, None, "colon"  # type: ignore[return-value]
    return None


def _embedded(ctx: Context, p: Passage) -> tuple[Span, Span | None, str] | None:
    """A short quote inside a sentence: 'his “dear friend”', 'called it “dangerous”',
    or words in a clause whose subject is a named speaker."""
    doc = ctx.doc
    inner = _tokens(doc, p.start, p.end)
    if not inner:
        return None
    inner_ids = {t.i for t in inner}
    roots = [t for t in inner if t.head.i not in inner_ids or t.head is t]
    if not roots:
        return None
    root = roots[0]
    for c in root.children:
        if c.dep_ == "poss" and c.i not in inner_ids and c.lower_ in ("his", "her", "its", "their"):
            sp = _speaker(ctx, c)
            if sp.entity is not None:
                return Span(c.idx, c.idx + len(c.text), c.text, sp.entity), None, "possessive"
    t = root
    for _ in range(10):
        if t.head is t:
            break
        t = t.head
        if t.pos_ not in ("VERB", "AUX"):
            continue
        subj = ctx.active_subject(t)
        if subj is not None and not ctx.in_quote(subj.idx) and subj.i not in inner_ids:
            sp = _speaker(ctx, subj)
            if sp.entity is not None:
                cue = _cue_span(ctx, t, 0, len(ctx.text)) if _is_cue_verb(t) else None
                return sp, cue, "embedded"
            if _is_cue_verb(t):
                return sp, _cue_span(ctx, t, 0, len(ctx.text)), "embedded"
    # "while condemning “all acts …”": a cue verb right before the marks
    before = _tokens(doc, max(0, p.outer[0] - 40), p.outer[0])[-3:]
    for t in reversed(before):
        if _is_cue_verb(t):
            sent = [w for w in ctx.sent(t) if w.i < t.i]
            subj = _sentence_subject(ctx, sent, t)
            if subj is not None:
                return _speaker(ctx, subj), _cue_span(ctx, t, 0, len(ctx.text)), "embedded"
    return None


def _only_joiners(between: str) -> bool:
    words = between.replace(",", " ").split()
    return all(w.lower() in ("and", "or", "but", "nor") for w in words) and len(words) <= 2


def _is_mention(ctx: Context, p: Passage) -> bool:
    """“and Emergency” after "the words", a robot named “Robogee”: a name, not speech."""
    doc = ctx.doc
    before = _tokens(doc, max(0, p.outer[0] - 30), p.outer[0])
    if before and before[-1].lower_ in MENTION_NOUNS:
        return True
    if before and before[-1].lemma_.lower() in NAMING_VERBS and before[-1].tag_ in ("VBN", "VBD"):
        return True  # a team named “Better Idea of Afghan Girls”
    return False


def _worth_keeping(ctx: Context, p: Passage) -> bool:
    """Unattributed short passages are scare quotes or names; keep sentence-like ones."""
    inner = _tokens(ctx.doc, p.start, p.end)
    name_like = is_name_like(inner) and len([t for t in inner if t.is_alpha]) <= 6 and not any(
        t.pos_ in ("VERB", "AUX") for t in inner
    )
    if p.speaker is not None:
        return not name_like or p.how in ("after", "before", "colon", "floating", "continued", "clause")
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in inner)
    return has_verb and len([t for t in inner if t.is_alpha]) >= 4 and not name_like


# ---------------------------------------------------------------------------
# 3. Reported speech


def reported_clauses(ctx: Context, passages: list[Passage]) -> list[tuple[int, int, str, Span | None, Span | None]]:
    """Indirect quotes ("X said the Y …"), and mixed ones that absorb marks inside them."""
    doc = ctx.doc
    text = ctx.text
    out = []
    marked = _Intervals()  # the passages by their marks, for "which lie in this clause"
    for k, p in enumerate(passages):
        marked.add(p.outer[0], p.outer[1], k)
    taken = _Intervals()
    check = ctx.check
    for verb in doc:
        check()
        if verb.lemma_.lower() not in SPEECH_VERBS or not verb.tag_.startswith("VB"):
            continue
        if ctx.in_quote(verb.idx) or any(c.dep_ == "neg" for c in verb.children):
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        toks = [t for t in clause.subtree if not t.is_space]
        if toks and toks[0].lower_ in WH_WORDS:
            continue
        i, j = toks[0].i, toks[-1].i
        if verb.i < i:  # a clause after its verb ends at the sentence
            sent_end = ctx.sent(verb).end
            j = min(j, sent_end - 1)
        while i <= j and (doc[i].is_punct or doc[i].is_space or (doc[i].lower_ == "that" and doc[i].tag_ in ("IN", "WDT"))):
            if doc[i].text in ALL_MARKS:
                break
            i += 1
        while j >= i and (doc[j].is_space or (doc[j].is_punct and doc[j].text not in ALL_MARKS)):
            j -= 1
        if j < i:
            continue
        start, end = doc[i].idx, doc[j].idx + len(doc[j].text)
        if "\n" in text[start:end]:
            continue
        inside = [passages[k] for k in sorted(marked.overlapping(start, end)) if not passages[k].drop]
        body = _strip_marks(text, start, end)
        if inside and any(p.outer[0] <= body[0] and body[1] <= p.outer[1] for p in inside):
            for p in inside:  # the clause is the quote itself: its attribution, not a new quote
                if p.speaker is None and not (verb.i > i and verb.idx < p.outer[0]):
                    subj = subject_of(verb)
                    if subj is not None:
                        p.speaker, p.cue, p.how = _speaker(ctx, subj), _cue_span(ctx, verb, 0, len(text)), "clause"
            if not (toks[0].lower_ == "that" or doc[max(0, toks[0].i - 1)].lower_ == "that"):
                continue
        subj = subject_of(verb)
        if subj is None or ctx.in_quote(subj.idx):
            sent = [w for w in ctx.sent(verb) if w.i < verb.i]
            subj = _sentence_subject(ctx, sent, verb)
        if subj is None:
            continue
        if taken.overlapping(start, end):
            continue
        kind = "indirect"
        if inside:
            kind = "mixed"
            start = min([start] + [p.outer[0] for p in inside])
            end = max([end] + [p.outer[1] for p in inside])
            for p in inside:
                p.drop = True
            whole = [p for p in inside if p.outer == (start, end)]
            if whole:
                start, end = whole[0].start, whole[0].end
        speaker = _speaker(ctx, subj)
        cue = _cue_span(ctx, verb, 0, len(text))
        taken.add(start, end, None)
        out.append((start, end, kind, speaker, cue))
    return out


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


__all__ = ["extract_quotes", "prepare", "marked_passages", "paragraphs", "SPEECH_VERBS", "CUE_VERBS", "Passage", "replace"]
