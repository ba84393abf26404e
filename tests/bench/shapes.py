"""Adversarial article shapes for the scaling and cancellation checks (issue 13).

Each maker returns a text of about `size` characters, deterministic, built so
that one kind of per-item work meets one kind of long run: quote marks in one
paragraph, a one-paragraph dialogue, one paragraph of ordinary sentences, one
sentence without periods (of clauses, or of pronouns), thousands of tiny
paragraphs, and a list of distinct names. Standard library only: the bench
imports this before spaCy, and tests import it too.
"""

from __future__ import annotations

import random

FIRST = "Ann Bob Carla Dmitri Elena Farid Gita Hans Ines Jun Kofi Lena Mateo Nadia Omar Priya".split()
LAST = "Lee Stone Ruiz Okafor Novak Haddad Sato Berg Costa Ivanov Mensah Rossi Khan Dubois Park Weber".split()
WORDS = """the minister said talks would resume in Geneva after rebels seized a town near the border
and officials met envoys from the union while farmers blocked roads with tractors and police
arrested protesters who marched through the capital on Tuesday""".split()


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def marks(size: int) -> str:
    """Mostly quote marks (straight, curly, double, single) with short words between, one paragraph."""
    rng = random.Random(13)
    pool = '"' * 6 + "'" * 6 + "“”‘’" * 2 + " " * 6
    out, n = [], 0
    while n < size:
        piece = "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.3:
            piece += rng.choice(WORDS)
        out.append(piece)
        n += len(piece)
    return "".join(out)[:size]


def dialogue(size: int) -> str:
    """One paragraph of short attributed quotes: every quote needs its neighbours looked at."""
    return _fill('"Hi," said Ann. "Yes," said Bob. ', size).rstrip() + "\n"


def sentence(size: int) -> str:
    """One sentence with no period: clauses (each an event) joined by commas and "and"."""
    rng = random.Random(7)
    subjects = ["the minister", "police", "Ann Lee", "rebels", "farmers", "the envoy", "he", "officials"]
    verbs = ["met", "seized", "blocked", "arrested", "visited", "said", "told", "left"]
    objects = ["the town", "protesters", "roads", "Bob Stone", "the capital", "reporters", "talks"]
    tails = ["", " in Geneva", " on Tuesday", " near the border", " that talks would resume"]
    out, n = [], 0
    while n < size:
        clause = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}{rng.choice(tails)}"
        out.append(clause + rng.choice((", ", " and ", ", and ")))
        n += len(out[-1])
    return "".join(out)[:size].rstrip(" ,") + "\n"


def paragraph(size: int) -> str:
    """One huge paragraph of ordinary sentences: names, pronouns, "the agency", a quote now and then."""
    rng = random.Random(11)
    sentences = [
        "{a} met {b} in Geneva on Tuesday.",
        "He told reporters that the talks would resume.",
        "The agency said it had seized the documents.",
        '"We will not give up," {a} said.',
        "She accused him of blocking the deal with the union.",
        "Police arrested {b} near the border after protesters marched through the capital.",
        "According to the ministry, the envoy left on Friday.",
    ]
    out, n = [], 0
    while n < size:
        a = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        b = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        out.append(rng.choice(sentences).format(a=a, b=b) + " ")
        n += len(out[-1])
    return "".join(out)[:size].rstrip() + "\n"


def pronouns(size: int) -> str:
    """One sentence of pronouns: each looks back over a dozen (long) sentences for its entity."""
    return _fill("he met him and she told her that it said they left, ", size).rstrip(" ,") + "\n"


def paragraphs(size: int) -> str:
    """Thousands of tiny paragraphs (one short sentence each)."""
    return _fill('Ann Lee said "no."\n\nBob left.\n\n', size)


def _surname(k: int) -> str:
    """A distinct made-up surname for every k: its base-12 digits as syllables."""
    syll = "ka lo mi ren du sa vo te ni bar chi go".split()
    out = ""
    while True:
        k, d = divmod(k, 12)
        out += syll[d]
        if k == 0:
            return out.capitalize() + "ez"


def names(size: int) -> str:
    """A long list of distinct people's names (and organisations with acronyms), one paragraph."""
    out, n, k = [], 0, 0
    while n < size:
        name = f"{FIRST[k % len(FIRST)]} {_surname(k)}"
        if k % 7 == 0:
            name += f" of the {LAST[k % len(LAST)]} Union Council ({LAST[k % len(LAST)][0]}UC)"
        out.append(name)
        n += len(name) + 2
        k += 1
    return ", ".join(out)[:size].rstrip() + ".\n"


SHAPES = {
    "marks": marks,
    "dialogue": dialogue,
    "paragraph": paragraph,
    "sentence": sentence,
    "pronouns": pronouns,
    "paragraphs": paragraphs,
    "names": names,
}
