"""Attribution: a speaker and a cue for each quoted passage.

The parse is used for what it is good at: the reporting verb next to the marks and
its subject. For each passage, the first layout that fits: a cue after it ("…,” said
X), before it (X said: “…”), "according to X", a colon introduction, or a cue inside
the quote around it; what is left is settled by `neighbours` (a split quote, a floating
paragraph, the clause it is embedded in). `speakers` gives the phrases.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis import Span
from .cues import CUE_VERBS, NAMING_VERBS, SPEECH_VERBS, is_cue_verb
from .neighbours import by_neighbours, share_in_groups
from .phrases import subject_of
from .quotemarks import ALL_MARKS, Passage, last_char
from .scare import is_mention, tokens_in
from .speakers import according, cue_span, cue_subject, passive, sentence_subject, speaker_span, subject_near

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from .context import Context

#: Nouns that carry someone's words before a colon: "a quote from X:".
QUOTE_NOUNS = frozenset({"quote", "quotation", "statement", "passage", "excerpt", "remark", "remarks"})
CUE_WINDOW = 12  # tokens between a cue verb and the quote it introduces
#: Tokens of an introducing sentence searched for its cue. Every cue verb there may
#: scan the sentence for a subject, so an unbounded one (a paragraph with no period)
#: was quadratic; no news sentence is this long.
MAX_WINDOW = 200


def attribute(ctx: Context, passages: list[Passage], paras: Sequence[tuple[int, int]]) -> None:
    """Give each passage a speaker and cue by the first layout that fits."""
    _by_layout(ctx, passages, paras)
    share_in_groups(passages)
    by_neighbours(ctx, passages, paras)


def _by_layout(ctx: Context, passages: list[Passage], paras: Sequence[tuple[int, int]]) -> None:
    """A cue after the passage, before it, or a colon introduction; mentions are dropped."""
    for k, p in enumerate(passages):
        ctx.check()
        if is_mention(ctx, p):
            p.drop, p.how = True, "mention"
            continue
        if _stray(ctx.text, passages, k, paras[p.para][0]):
            p.drop, p.how = True, "stray"
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
        if not found and not within:
            found = _cue_at_the_end(ctx, p)
        if found:
            p.speaker, p.cue, p.how = found


def _cue_at_the_end(ctx: Context, p: Passage) -> tuple[Span, Span, str] | None:
    """A headline quoted whole, its source inside the marks: “Document not secret, say
    feds”. The words before the comma are the quote (`p.end` moves there)."""
    inner = tokens_in(ctx, p.start, p.end)
    commas = [n for n, t in enumerate(inner) if t.text == ","]
    if not commas or commas[-1] < 2:
        return None
    tail = [t for t in inner[commas[-1] + 1 :] if not (t.is_punct and t.text in ".!?")]
    verbs = [t for t in tail if t.pos_ in ("VERB", "AUX")]
    nouns = [t for t in tail if t.pos_ in ("NOUN", "PROPN")]
    if not 2 <= len(tail) <= 5 or len(verbs) != 1 or not nouns or verbs[0].lemma_.lower() not in SPEECH_VERBS:
        return None
    comma = inner[commas[-1]]
    speaker = nouns[-1] if nouns[-1].i > verbs[0].i else nouns[0]
    p.end = comma.idx
    return speaker_span(ctx, speaker), cue_span(ctx, verbs[0], comma.idx, p.outer[1]), "inside"


def _quote_from(ctx: Context, window: list["Word"]) -> tuple[Span, Span, str] | None:
    """"Reading a quote from Lord Diplock:", "a statement by the ministry:": the source of
    the noun that carries the words, when no verb says who speaks."""
    for t in window:
        if t.lemma_.lower() not in QUOTE_NOUNS:
            continue
        for prep in t.children:
            source = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep.lower_ in ("from", "by") else None
            if source is not None:
                end = prep.idx + len(prep.text)
                return speaker_span(ctx, source), Span(t.idx, end, ctx.text[t.idx : end]), "colon"
    return None


def _stray(text: str, passages: list[Passage], k: int, para_start: int) -> bool:
    """A mark opened inside a phrase and never closed, here or in a paragraph that carries
    the quote on: a stray mark ("the multicultural “hipster' city"), not a quote to the
    paragraph's end. One opened after a sentence, a colon or a comma may be speech whose
    close mark is wrong ("… pieces.” “The way she drew …’")."""
    p = passages[k]
    if p.closed or p.outer[0] == para_start or not last_char(text, para_start, p.outer[0]).isalnum():
        return False
    return not any(q.group == p.group for q in passages[k + 1 : k + 4])


def _inner_cue(ctx: Context, p: Passage, within: tuple[int, int]) -> tuple[Span, Span, str] | None:
    """“Voters will say, ‘Fix the roads first’”: a speech verb and its subject inside the
    outer quote, right before the inner marks, speak the inner words."""
    window = tokens_in(ctx, within[0] + 1, p.outer[0])[-CUE_WINDOW:]
    while window and window[-1].is_punct and window[-1].text in ",:":
        window.pop()
    if not window or not is_cue_verb(window[-1]):
        return None
    verb = window[-1]
    subj = subject_of(verb)
    if subj is None or not within[0] < subj.idx < p.outer[0]:
        return None
    return speaker_span(ctx, subj), cue_span(ctx, verb, within[0], p.outer[0]), "inner"


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


def _cue_after(ctx: Context, p: Passage, limit: int) -> tuple[Span, Span, str] | None:
    """“…,” said X / “…,” X said / “…,” he told Y / “…”, according to X."""
    toks = tokens_in(ctx, p.outer[1], limit)
    window: list["Word"] = []
    for t in toks:
        if t.text in ".!?;" or t.text in ALL_MARKS:
            break
        window.append(t)
    while window and window[0].is_punct:
        window.pop(0)
    if not window or not _set_off(ctx.text, p):
        return None  # the “comeback” has continued: marked words run on into the sentence
    if any(t.lower_ == "according" for t in window[:2]):
        return according(ctx, window)
    for n, t in enumerate(window[:CUE_WINDOW]):
        if is_cue_verb(t):
            if any(w.pos_ == "VERB" and not is_cue_verb(w) for w in window[:n]):
                return None
            if t.dep_ in ("advcl", "xcomp", "conj", "acl") and t.head.i < window[0].i:
                return None  # ', telling Radio Norte …' goes on the sentence the quote is in
            if any(c.dep_ == "ccomp" and c.i > t.i for c in t.children):
                return None  # '“…” Now, the defence says that …': the verb reports its own clause
            subj = cue_subject(t, window)
            if subj is None or subj.i < window[0].i or ctx.in_quote(subj.idx):
                subj = subject_near(window, t)
            if subj is None:
                return None
            return speaker_span(ctx, subj), cue_span(ctx, t, p.outer[1], limit), "after"
        if t.pos_ in ("VERB",) and not is_cue_verb(t):
            return None
    return None


def _set_off(text: str, p: Passage) -> bool:
    """Whether the words end where the quote does (“…,” / “…?” / “…” —), as quoted speech
    before its cue does; a bare close mark is followed by the rest of the sentence."""
    if text[p.end - 1] in ".!?…—–-,":
        return True
    tail = text[p.end : p.outer[1] + 2]
    return any(c in tail for c in ",—–-:")


def _cue_before(ctx: Context, p: Passage, lo: int) -> tuple[Span, Span, str] | None:
    """X said: “…” / X said, “…” / declared that “…” / X told the court that, …, “…”."""
    toks = tokens_in(ctx, lo, p.outer[0])
    window: list["Word"] = []
    for t in reversed(toks):
        if (t.text in ".!?;" and t.is_punct) or t.text in ALL_MARKS:
            break
        window.append(t)
    window.reverse()  # built backwards: inserting at the front was quadratic in a long sentence
    if not window:
        return None
    acc = according(ctx, window)
    if acc and acc[1].start >= window[max(0, len(window) - 2 * CUE_WINDOW)].idx:
        return acc
    last = window[-1]
    for n in range(len(window) - 1, max(-1, len(window) - 1 - CUE_WINDOW), -1):
        t = window[n]
        if not is_cue_verb(t):
            continue
        gap = window[n + 1 :]
        if t.head in gap or any(g.pos_ == "VERB" and not t.is_ancestor(g) for g in gap):
            continue  # "As far as I can tell, the site features “…”": a clause of its own between
        if t.lemma_.lower() in NAMING_VERBS and last.text not in (":", ","):
            continue  # "call it “Nesf-e-Jahan”", "what they call “the boat people”": a name; see neighbours
        introduces = (
            not gap
            or last.text in (":", ",", "—", "–")
            or last.lower_ == "that"
            or (last.head == t and last.dep_ in ("dobj", "dative", "iobj"))
            or (len(gap) <= 3 and all(g.head == t or g.head in gap for g in gap))
        )
        if not introduces:
            continue
        subj = cue_subject(t, window)
        if subj is None or ctx.in_quote(subj.idx):
            subj = sentence_subject(ctx, window, t)
        if subj is None:
            return None
        return speaker_span(ctx, subj), cue_span(ctx, t, lo, p.outer[0]), "before"
    return None


def _colon_intro(ctx: Context, p: Passage, paras: Sequence[tuple[int, int]]) -> tuple[Span, Span, str] | None:
    """A paragraph-long quote after a paragraph (or sentence) that ends with a colon."""
    lo, _ = paras[p.para]
    text = ctx.text
    if p.outer[0] != lo or p.para == 0:
        return None
    plo, phi = paras[p.para - 1]
    if last_char(text, plo, phi) != ":":
        return None
    toks = tokens_in(ctx, plo, phi)
    window: list["Word"] = []
    for t in reversed(toks[:-1]):
        if t.text in ".!?;" or len(window) == MAX_WINDOW:
            break
        window.append(t)
    window.reverse()
    for t in reversed(window):
        if is_cue_verb(t):
            if passive(t) and t.is_ancestor(toks[-1]):
                return None  # "Respondents were asked the following question:": by nobody named
            subj = cue_subject(t, window) or sentence_subject(ctx, window, t)
            if subj is not None and not ctx.in_quote(subj.idx):
                return speaker_span(ctx, subj), cue_span(ctx, t, plo, phi), "colon"
    quoted = _quote_from(ctx, window)
    if quoted:
        return quoted
    roots = [t for t in window if t.dep_ == "ROOT"]
    if roots:
        subj = subject_of(roots[0])
        if subj is not None:
            sp = speaker_span(ctx, subj)
            if sp.entity is not None:
                return sp, None, "colon"  # type: ignore[return-value]
    return None


__all__ = ["attribute", "CUE_WINDOW", "SPEECH_VERBS", "CUE_VERBS"]
