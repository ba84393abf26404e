"""The faster lemmatizer (`tui.nlp.lemmas`) gives spaCy's own lemmas, token for token."""

from __future__ import annotations

import pickle
from pathlib import Path

from tui import nlp as N
from tui.nlp.lemmas import CachedLemmas, IndexList

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_the_loaded_pipeline_has_the_faster_lemmatizer(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer.lemmatize, CachedLemmas)
    index = lemmatizer.lookups.get_table("lemma_index")
    assert index and all(isinstance(words, IndexList) for words in index.values())


def test_lemmas_are_spacys_own_on_the_seeds(nlp):
    import spacy

    plain = spacy.load(N.find_model())  # spaCy's pipeline as it ships
    assert not isinstance(plain.get_pipe("lemmatizer").lemmatize, CachedLemmas)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("The mice were running; she has gone, they'd seen geese. Gonna go, y'all!")
    for text in texts:
        ours = N.parse_many(nlp, [text, text])  # the second time from the cache
        theirs = next(N.parse_many(plain, [text]))
        want = [(t.text, t.lemma_) for t in theirs]
        assert [(t.text, t.lemma_) for t in next(ours)] == want
        assert [(t.text, t.lemma_) for t in next(ours)] == want


def test_index_list_is_a_list_with_a_set_lookup_and_pickles():
    words = IndexList(["goose", "mouse"])
    assert words == ["goose", "mouse"] and "mouse" in words and "geese" not in words
    back = pickle.loads(pickle.dumps(words))
    assert isinstance(back, IndexList) and back == words and "goose" in back


def test_each_answer_is_computed_once():
    calls = []

    def inner(token):
        calls.append(token)
        return [token.text.lower()]

    class Token:
        def __init__(self, orth, text):
            self.orth, self.pos, self.text = orth, 92, text
            self.morph = type("Morph", (), {"key": 7})()

    cached = CachedLemmas(inner)
    assert cached(Token(1, "Dogs")) == ["dogs"] and cached(Token(1, "Dogs")) == ["dogs"]
    assert cached(Token(2, "Cats")) == ["cats"]
    assert len(calls) == 2
