"""spaCy's rule lemmatizer, the same lemmas at a fraction of its cost.

Profiling the folder-wide analysis found the lemmatizer at 8% of the parse, for two
reasons in spaCy's own code (3.8), both fixed here without changing a single lemma:

- a word it has not lemmatized before is looked up in the part of speech's index of
  known words (`form in index`), which is a list: 57,528 nouns scanned one by one,
  about 150 µs a new word. The index becomes a list that also keeps a set of itself
  for the lookup (still a list, so spaCy's serialisation and pickling take it).
- a word in its base form (most nouns, adjectives and infinitives) is never cached:
  its morphology is parsed into a dict again each time it occurs. Every answer is
  cached here, keyed as spaCy keys its own cache (the word, its tag, its morphology),
  which are all the answer depends on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Token


class IndexList(list):
    """A list of words whose `in` is a set lookup."""

    def __init__(self, words: Any = ()) -> None:
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._set

    def __reduce__(self):  # pickled as what it is, its set rebuilt on load
        return (IndexList, (list(self),))


class CachedLemmas:
    """The lemmatizer's `lemmatize(token)`, each answer kept."""

    def __init__(self, inner: Callable[["Token"], list[str]]) -> None:
        self.inner = inner
        self.cache: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: "Token") -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]  # as spaCy's own cache
        forms = self.cache.get(key)
        if forms is None:
            forms = self.cache[key] = self.inner(token)
        return forms


def speed_up(nlp: "Language") -> None:
    """Make the pipeline's rule lemmatizer fast, if it has one; anything else is left as it is."""
    from spacy.pipeline import Lemmatizer

    for _name, proc in nlp.pipeline:
        if not isinstance(proc, Lemmatizer) or proc.mode != "rule" or isinstance(proc.lemmatize, CachedLemmas):
            continue
        if proc.lookups.has_table("lemma_index"):
            table = proc.lookups.get_table("lemma_index")
            for key, words in list(table.items()):
                if isinstance(words, list) and not isinstance(words, IndexList):
                    table[key] = IndexList(words)
        proc.lemmatize = CachedLemmas(proc.lemmatize)
