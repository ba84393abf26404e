"""`tui.facts.words`: a Word says what spaCy's Token says, for every attribute the rules read.

The fact rules are handed Words where they were handed Tokens; any attribute that came
out differently would change facts silently, so each one is compared token by token.
"""

from __future__ import annotations

import gc

import pytest

from tui import nlp as N
from tui.analysis import Article
from tui.facts import analyse
from tui.facts.words import Word, char_words, read_words, release, root_of

from conftest import SEED

# A title and a dateline, quotes, a list of conjuncts, a number, stray spaces and a line
# break: tokens of every kind the rules look at.
MIXED = (
    "Talks Resume in Geneva\n\n"
    'GENEVA (Wire) - "We will not give up," said Anna Berg, the envoy.  Ministers, aides and '
    "2,000 delegates met on Monday;\nthey left at 5 p.m. She said talks would resume."
)

PLAIN = ("i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "whitespace_", "idx",
         "is_alpha", "is_punct", "is_space", "is_sent_start", "is_lower", "like_num")


def _texts():
    return [MIXED, SEED.read_text(encoding="utf-8")]


@pytest.mark.parametrize("which", [0, 1], ids=["mixed", "seed"])
def test_every_word_reads_as_its_token(nlp, which):
    doc = N.parse(nlp, _texts()[which])
    words = read_words(doc)
    assert len(words) == len(doc) > 20
    for w, t in zip(words, doc, strict=True):
        for name in PLAIN:
            assert getattr(w, name) == getattr(t, name), (t.i, t.text, name)
        assert w.head.i == t.head.i
        assert [c.i for c in w.children] == [c.i for c in t.children]
        assert [x.i for x in w.subtree] == [x.i for x in t.subtree]
        assert (w.left_edge.i, w.right_edge.i) == (t.left_edge.i, t.right_edge.i)
        assert [c.i for c in w.conjuncts] == [c.i for c in t.conjuncts]
        assert w.is_ancestor(words[0]) == t.is_ancestor(doc[0])


def test_words_are_shared_objects(nlp):
    """A word's head and children are the same objects as the table's: the rules compare
    words by identity (`tok is verb`, `tok in kids`) as they did tokens by equality."""
    doc = N.parse(nlp, MIXED)
    words = read_words(doc)
    said = next(w for w in words if w.text == "said")
    assert all(c.head is said for c in said.children)
    assert all(words[c.i] is c for c in said.children)
    assert said.words is words and said.doc is doc
    assert isinstance(said, Word) and repr(said) == "said"


def test_an_empty_doc_has_no_words(nlp):
    assert read_words(N.parse(nlp, "")) == ()


def test_char_words_finds_what_spacys_expanded_char_span_finds(nlp):
    """Every character range of a text with spaces, a line break and punctuation."""
    doc = N.parse(nlp, MIXED)
    words = read_words(doc)
    starts = [w.idx for w in words]
    for start in range(len(MIXED)):
        for end in range(start + 1, min(len(MIXED), start + 40) + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            want = None if span is None or not len(span) else (span.start, span.end)
            assert char_words(words, starts, start, end) == want, (start, end, MIXED[start:end])


def test_root_of_is_spacys_span_root(nlp):
    """Every word range within each sentence, and ranges across sentences."""
    doc = N.parse(nlp, MIXED)
    words = read_words(doc)
    for i in range(len(doc)):
        for j in range(i + 1, len(doc) + 1):
            assert root_of(words, i, j).i == doc[i:j].root.i, (i, j, doc[i:j].text)


def test_an_analysis_leaves_no_cyclic_garbage(nlp):
    """The Words table is cut loose when the analysis ends: with the collector off, nothing of
    it is left for a collection to find (without `release`, some 18,000 objects on the seed)."""
    text = SEED.read_text(encoding="utf-8")
    doc = N.parse(nlp, text)
    gc.collect()
    gc.disable()
    try:
        analysis = analyse(Article("seed.txt", text), doc, N.model_info(nlp))
        assert gc.collect() == 0
        assert not gc.isenabled()  # as it was: analyse gives back the collector's state it found
    finally:
        gc.enable()
    assert analysis.entities


@pytest.mark.parametrize("cancel", [False, True], ids=["done", "cancelled"])
def test_analyse_turns_the_collector_back_on(nlp, cancel):
    doc = N.parse(nlp, MIXED)
    result = analyse(Article("m.txt", MIXED), doc, N.model_info(nlp), cancelled=lambda: cancel)
    assert (result is None) is cancel
    assert gc.isenabled()


def test_release_cuts_every_link_of_the_table(nlp):
    words = read_words(N.parse(nlp, MIXED))
    release(words)
    assert not any(hasattr(w, name) for w in words for name in ("head", "children", "words"))
    assert words[0].text == "Talks"  # what a word is stays readable
    assert not any(isinstance(r, tuple) and r is words for w in words for r in gc.get_referents(w))
