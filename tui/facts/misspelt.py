"""Misspelt names: "Untied Nations" is the "United Nations", "Chatnam Islands" the "Chatham Islands".

A place's or body's name of 7 letters or more one slip of the keys (a letter changed, added,
dropped, or two neighbours swapped) from another of the same family is that one, misspelt.
People are left out by the caller ("Jensen", "Jansen"), as are digits ("A64", "A65") and a
plural s here. Pairs are found through the forms with one letter deleted, so a long list of
names stays linear.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .cancel import NEVER, Checkpoint

#: (key, family, mentions, first offset) of one name.
Name = tuple[str, str, int, int]
MIN_LETTERS = 7


def misspelt(names: list[Name], check: Checkpoint = NEVER) -> list[tuple[str, str]]:
    """(rare key, common key) pairs: the rarer form joins the commoner; of equals, the later
    the earlier. A form joins at most one other."""
    names = [n for n in names if len(n[0]) >= MIN_LETTERS and not any(c.isdigit() for c in n[0])]
    by_deletion: dict[str, list[Name]] = defaultdict(list)
    for n in names:
        check()
        for v in _deletions(n[0]):
            by_deletion[v].append(n)
    out: list[tuple[str, str]] = []
    joined: set[str] = set()
    for n in names:
        check()
        near = {o[0]: o for v in _deletions(n[0]) for o in by_deletion[v]}
        for o in near.values():
            if o[0] == n[0] or o[0] in joined or n[0] in joined or o[1] != n[1]:
                continue
            a, b = sorted((n[0], o[0]), key=len)
            if b == a + "s" or not one_slip(a, b):
                continue
            rare, common = sorted((n, o), key=lambda x: (x[2], -x[3]))
            out.append((rare[0], common[0]))
            joined.add(rare[0])
    return out


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def one_slip(a: str, b: str) -> bool:
    """One letter changed, added or dropped, or two neighbours swapped; `a` no longer than `b`."""
    if len(b) - len(a) > 1 or a == b:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]


#: Letters written two ways: "Tåsinge" and "Taasinge", "Müller" and "Mueller", "Øhav" and "Oehav".
_RESPELL = str.maketrans({"ø": "o", "æ": "a", "ß": "ss"})
_DOUBLED = re.compile(r"aa|ae|oe|ue")


def respelt(groups: list) -> list[tuple[str, str]]:
    """(rare key, common key) pairs of one name in two spellings of its letters: keys have lost
    their accents already ("tasinge"), so "aa", "ae", "oe", "ue" written out are folded too.
    Each group has .key and .mentions; the rarer joins the commoner, of equals the later. Labels
    are not asked: the model calls "Tåsinge" a person and "Taasinge" a place."""
    by_fold: dict[str, list] = defaultdict(list)
    for g in groups:
        by_fold[_DOUBLED.sub(lambda m: m.group(0)[0], g.key.translate(_RESPELL))].append(g)
    out: list[tuple[str, str]] = []
    for same in by_fold.values():
        if len(same) > 1:
            same.sort(key=lambda g: (-len(g.mentions), min(m[0] for m in g.mentions)))
            out.extend((g.key, same[0].key) for g in same[1:])
    return out
