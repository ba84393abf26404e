"""Given names and their everyday forms: "Larry Lessig" is "Lawrence Lessig".

Only forms that stand for one given name: "Ted" (Edward or Theodore), "Sam", "Alex", "Chris",
"Pat" and "Jack" are left as they are, and so is "Harry", a given name of its own.
"""

from __future__ import annotations

_FORMAL = {
    "william": ("bill", "billy", "will", "willy"),
    "robert": ("bob", "bobby", "rob", "robbie"),
    "richard": ("dick", "rick", "ricky"),
    "james": ("jim", "jimmy"),
    "lawrence": ("larry",),
    "thomas": ("tom", "tommy"),
    "michael": ("mike",),
    "david": ("dave",),
    "joseph": ("joe",),
    "anthony": ("tony",),
    "benjamin": ("ben",),
    "nicholas": ("nick",),
    "matthew": ("matt",),
    "andrew": ("andy",),
    "peter": ("pete",),
    "frederick": ("fred", "freddie"),
    "charles": ("chuck", "charlie"),
    "gregory": ("greg",),
    "jeffrey": ("jeff",),
    "kenneth": ("ken",),
    "ronald": ("ron", "ronnie"),
    "donald": ("don", "donnie"),
    "timothy": ("tim",),
    "walter": ("walt",),
    "daniel": ("dan", "danny"),
    "john": ("johnny",),
    "elizabeth": ("liz", "beth", "betty"),
    "margaret": ("peggy", "maggie"),
    "susan": ("sue", "susie"),
    "jennifer": ("jenny", "jen"),
    "abraham": ("abe",),
    "eugene": ("gene",),
}
NICKNAMES = {short: formal for formal, shorts in _FORMAL.items() for short in shorts}


def formal_words(words: list[str]) -> tuple[str, ...]:
    """A person's name words with an everyday given name written in full, first word only."""
    if len(words) < 2:
        return tuple(words)
    return (NICKNAMES.get(words[0], words[0]), *words[1:])
