"""The parse as plain Python objects, read from spaCy once per analysis.

A spaCy Token is a view: every `doc[i]`, `tok.head` and `tok.children` makes a new
Python object (`children` walks the token's whole subtree to find them), and every
`tok.dep_` decodes a string. The fact rules read those dozens of times per token, which
cost about as much as the rules themselves. A `Word` has the same names with the same
values (`dep_`, `head`, `children`, `idx`, …), read once, so a rule reads the same
whichever it is given; `words[i]` is the `Word` of `doc[i]`.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: The Doc's columns a Word is made of, by spaCy's attribute names, in Word's order.
_STRINGS: list[int | str] = ["ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE"]
_NUMBERS: list[int | str] = ["HEAD", "SPACY", "IDX"]
_FLAGS: list[int | str] = ["IS_ALPHA", "IS_PUNCT", "IS_SPACE"]


class Word:
    """One token: its text, tags and place in the parse, as spaCy's Token names them."""

    __slots__ = (
        "i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "whitespace_", "idx",
        "is_alpha", "is_punct", "is_space", "head", "children", "doc", "words",
    )
    head: Word
    children: tuple[Word, ...]  # in text order, as spaCy gives them
    words: tuple[Word, ...]  # every word of the Doc

    def __init__(
        self, i: int, text: str, lower_: str, lemma_: str, pos_: str, tag_: str, dep_: str, ent_type_: str,
        space: int, idx: int, is_alpha: bool, is_punct: bool, is_space: bool, doc: "Doc",
    ) -> None:
        self.i, self.text, self.lower_, self.lemma_ = i, text, lower_, lemma_
        self.pos_, self.tag_, self.dep_, self.ent_type_ = pos_, tag_, dep_, ent_type_
        self.whitespace_ = " " if space else ""
        self.idx, self.is_alpha, self.is_punct, self.is_space = idx, is_alpha, is_punct, is_space
        self.doc = doc

    def __repr__(self) -> str:
        return self.text

    # Read rarely: asked of spaCy when asked.
    @property
    def left_edge(self) -> Word:
        return self.words[self.doc[self.i].left_edge.i]

    @property
    def right_edge(self) -> Word:
        return self.words[self.doc[self.i].right_edge.i]

    @property
    def is_sent_start(self) -> bool | None:
        return self.doc[self.i].is_sent_start

    @property
    def is_lower(self) -> bool:
        return self.doc[self.i].is_lower

    @property
    def like_num(self) -> bool:
        return self.doc[self.i].like_num

    @property
    def conjuncts(self) -> tuple[Word, ...]:
        return tuple(self.words[t.i] for t in self.doc[self.i].conjuncts)

    def is_ancestor(self, other: Word) -> bool:
        return self.doc[self.i].is_ancestor(self.doc[other.i])

    @property
    def subtree(self) -> Iterator[Word]:
        """The word and its descendants, in spaCy's order (left subtrees, the word, right ones)."""
        for c in self.children:
            if c.i < self.i:
                yield from c.subtree
        yield self
        for c in self.children:
            if c.i > self.i:
                yield from c.subtree


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off, and back as it was after: for work that makes tens of thousands
    of objects that all live until it ends, where a collection in between only walks them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def read_words(doc: "Doc") -> tuple[Word, ...]:
    """The Words of a Doc, in order; each distinct string is decoded once."""
    if not len(doc):
        return ()
    with collector_paused():  # the table lives as long as the analysis (a tenth of the build)
        return _read_words(doc)


def release(words: tuple[Word, ...]) -> None:
    """Cut the table's reference cycles (each word's head, children and table), so that it is
    freed as soon as the last reference to it goes, not at the cyclic collector's next full
    pass (which then walks every object of the process). The words are unusable after it."""
    for w in words:
        del w.head, w.children, w.words


def _read_words(doc: "Doc") -> tuple[Word, ...]:
    store = doc.vocab.strings
    decoded: dict[int, str] = {}
    columns = []
    for column in doc.to_array(_STRINGS).T.tolist():
        for h in set(column) - decoded.keys():
            decoded[h] = store[h]
        columns.append(map(decoded.__getitem__, column))
    heads, *numbers = doc.to_array(_NUMBERS).astype("int64").T.tolist()
    flags = doc.to_array(_FLAGS).astype(bool).T.tolist()  # Python bools, made by numpy
    words = tuple(map(Word, range(len(doc)), *columns, *numbers, *flags, [doc] * len(doc)))
    children: list[list[Word]] = [[] for _ in words]
    for w, offset in zip(words, heads, strict=True):
        w.head = words[w.i + offset]
        w.words = words
        if offset:
            children[w.i + offset].append(w)
    for w, kids in zip(words, children, strict=True):
        w.children = tuple(kids)
    return words


def char_words(words: tuple[Word, ...], starts: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    """Word range [i, j) of the words the characters [start, end) touch, as spaCy's
    `Doc.char_span(start, end, alignment_mode="expand")` finds them, without its Span;
    None when it has none. `starts` are the words' `idx`."""
    i, j = _word_at(words, starts, start), _word_at(words, starts, end - 1)
    if i < 0 or j < 0:
        return None
    if start == words[i].idx + len(words[i].text):
        i += 1  # the space after a word is no part of it
    return (i, j + 1) if i <= j else None


def _word_at(words: tuple[Word, ...], starts: Sequence[int], char: int) -> int:
    """The word whose text or following space holds the character, else -1."""
    i = bisect.bisect_right(starts, char) - 1
    if i < 0 or char >= words[i].idx + len(words[i].text) + len(words[i].whitespace_):
        return -1
    return i


def root_of(words: tuple[Word, ...], i: int, j: int) -> Word:
    """The root of words[i:j] as spaCy's `Span.root` finds it: a sentence root in it, else
    the word nearest the sentence root of those whose head lies outside (a bare space or
    punctuation mark last), the first of equals."""
    for w in words[i:j]:
        if w.head.i == w.i:
            return w
    best, best_depth = words[i], len(words)
    for w in words[i:j]:
        if i <= w.head.i < j:
            continue
        depth = len(words) - 1 if (w.is_space or w.is_punct) and not w.children else _depth(w)
        if depth < best_depth:
            best, best_depth = w, depth
    return best


def _depth(w: Word) -> int:
    n = 0
    while w.head.i != w.i:
        w = w.head
        n += 1
    return n


__all__ = ["Word", "char_words", "collector_paused", "read_words", "release", "root_of"]
