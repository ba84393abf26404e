"""What kind of thing a name is, when spaCy's label and the words disagree.

The model calls "Twitter" a person, "Castlefrank Road" a person, a dateline
"ROTTERDAM" a person, "Rohingya" an organisation and a newspaper an event. A mention's own words and
the characters around it say otherwise (a road is a facility, a capitalised
dateline is a place, a platform is an organisation); the entity's label is then a
vote over its mentions, so one odd tag does not decide it.
"""

from __future__ import annotations

import re
from collections import Counter

from ..sources.meta import DATELINE

Row = tuple[int, int, str, str]  # start, end, surface, label

#: Last words that make a facility, whatever the model said.
FACILITY_WORDS = {
    "road", "street", "avenue", "lane", "boulevard", "highway", "motorway", "bridge", "prison", "jail",
    "airport", "station", "square", "stadium", "tunnel", "drive", "terrace",
}
#: Last words of a building or a business named after its place ("Socotra Hotel", "Lodz Museum"): the
#: place's one-word name never stands for it. (An island or a peninsula, "Bataan Peninsula", is the place.)
BUILDING_WORDS = {
    "hotel", "hostel", "museum", "hospital", "church", "cathedral", "mosque", "temple", "palace", "castle",
    "park", "zoo", "market", "mall", "centre", "center", "library", "theatre", "theater", "tower", "hall",
    "minster", "abbey", "chapel", "basilica", "monastery", "shrine", "synagogue", "pagoda", "gallery", "arena",
    "conservatory", "conservatoire",
}
#: Platforms and services people post on: organisations, not people or products.
PLATFORMS = {
    "twitter", "facebook", "instagram", "youtube", "tiktok", "whatsapp", "telegram", "linkedin", "reddit",
    "weibo", "wechat", "snapchat", "threads", "bluesky", "mastodon",
}
#: Platforms whose name is never an ordinary word: looked for even where the model missed them.
PLATFORM_FORMS = ("Facebook", "Twitter", "Instagram", "YouTube", "TikTok", "WhatsApp", "LinkedIn", "WeChat", "Weibo", "Snapchat")
#: Nouns that follow a people's name ("Rohingya refugees", "Kurdish fighters").
_GROUP_NOUNS = re.compile(
    r"\s+(?:refugees|people|peoples|community|communities|minority|minorities|militants|fighters|villagers|"
    r"migrants|muslims|christians|women|men|children|families|tribes|tribesmen|leaders|voters|rebels)\b"
)
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:\(|[-–—:])")
_BORN = re.compile(r"\s*(?:\((?:born|b\.)\s|,\s*(?:born|b\.)\s|\s+was\s+born\b)")
_RELABEL = {"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "EVENT"}
#: A name in capitals before one of these is the thing's name ("the NEMISIS database", "the ICI
#: system"), not a body's: both golds leave such codes out.
_THING_AFTER = re.compile(r" (?:database|system|software|scheme|programme|program|protocol|tax|account|accounts)\b")
#: Last words of a newspaper's name: the paper is an organisation ("Sydney Morning Herald" as an event).
NEWSPAPER_WORDS = {
    "herald", "times", "post", "tribune", "gazette", "journal", "chronicle", "telegraph", "guardian",
    "examiner", "observer", "courier", "inquirer", "independent", "mirror", "sun", "news",
}


#: A title only a person has, right before a name: "Mayor Ana Reyes" is a person whatever the model said.
_PERSON_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mayor|Senator|Sen|Rep|Governor|Gov|Judge|President|Minister|Chancellor|Professor|Prof|"
    r"Sir|Dame)\.? $"
)


#: "the (small) village of NAME": the name is a place of that kind (see descriptions.OF_PLACE_NOUNS).
_KIND_OF = re.compile(
    r"\b[Tt]he (?:[a-z]+ )?(village|town|city|hamlet|province|county|municipality|island|peninsula|valley|desert) of $"
)
_LAND_KINDS = {"island", "peninsula", "valley", "desert"}


def cue(text: str, row: Row) -> Row:
    """The mention with the label its words or place in the text call for."""
    start, end, surface, label = row
    if label not in _RELABEL:
        return row
    if label == "PERSON" and any(c.isdigit() for c in surface):
        return (start, end, surface, "ORG")  # "Movimento 5 Stelle": people's names have no digits
    if label != "PERSON" and " " in surface and _BORN.match(text, end):
        return (start, end, surface, "PERSON")  # "Brock Wyatt Holt (born June 11, 1988)": only people are born
    last = surface.rsplit(" ", 1)[-1].lower()
    if len(surface.split()) > 1 and last in FACILITY_WORDS and label != "LOC":
        return (start, end, surface, "FAC")
    if len(surface.split()) > 1 and last in BUILDING_WORDS and label == "PERSON":
        return (start, end, surface, "FAC")  # "Socotra Hotel" is no one
    if len(surface.split()) > 1 and surface.endswith(" System") or surface.isupper() and _THING_AFTER.match(text, end):
        return (start, end, surface, "PRODUCT")  # "National Enforcement Management Information System"
    if len(surface.split()) > 1 and last in NEWSPAPER_WORDS:
        return (start, end, surface, "ORG")
    if surface.lower() in PLATFORMS or surface.startswith("@") or (start > 0 and text[start - 1] == "@"):
        return (start, end, surface, "ORG")
    if surface.isupper() and len(surface) > 2 and (start == 0 or text[start - 1] == "\n") and label in ("PERSON", "ORG"):
        m = _DATELINE_AFTER.match(text, end)
        if m and (label == "PERSON" or m.group().endswith("(")):  # "UNICEF: ..." is a heading
            return (start, end, surface, "GPE")  # "ROTTERDAM (Reuters) -": a dateline
    if (label != "PERSON" and _PERSON_TITLE.search(text, max(0, start - 12), start) and not surface.isupper()
            and all(w[:1].isupper() for w in surface.split())):
        return (start, end, surface, "PERSON")
    if label in ("ORG", "PERSON") and " " not in surface and _GROUP_NOUNS.match(text, end):
        return (start, end, surface, "NORP")
    if label in ("ORG", "PERSON"):
        kind = _KIND_OF.search(text, max(0, start - 40), start)
        if kind:  # "the village of Kirkby": a place, whatever the model said
            return (start, end, surface, "LOC" if kind.group(1).lower() in _LAND_KINDS else "GPE")
    return row


def vote(labels: Counter, person: bool = False) -> str:
    """The entity's label: its mentions' majority; a tie goes to the more specific kind
    (a place over an organisation over a person), as the model over-uses PERSON."""
    if person:
        return "PERSON"
    top = max(labels.values())
    tied = [lab for lab, n in labels.items() if n == top]
    if len(tied) == 1:
        return tied[0]
    order = ("FAC", "GPE", "LOC", "NORP", "ORG", "LAW", "EVENT", "PERSON")
    return min(tied, key=lambda lab: order.index(lab) if lab in order else len(order))


def region_after_place(text: str, rows: list[Row]) -> list[Row]:
    """"Livorno, Tuscany," names a region after a town: a name set off by commas right after a
    place is a place too, whatever the model called it ("Tuscany" as a person). A list of
    people ("Tom Lee, Ann Ray") is untouched: the name before must be a place."""
    out = list(rows)
    for k in range(1, len(out)):
        s, e, surface, label = out[k]
        ps, pe, _, plabel = out[k - 1]
        set_off = text[pe:s] == ", " and text[e : e + 1] in (",", ".", ";", ")")
        if label in ("PERSON", "ORG") and plabel in ("GPE", "LOC") and set_off:
            out[k] = (s, e, surface, "GPE")
    return out


#: A people's adjective before one of these names a state's body: "the Indonesian navy" is the
#: navy (GUM joins it to "Indonesian Navy"; the corpus gold lists "Chinese foreign ministry"),
#: not the people. "Indian government" and "Chinese officials" are left as they are.
_STATE_BODY = re.compile(
    r" (?:navy|army|air force|coast guard|(?:foreign|defen[cs]e|interior|finance|justice|health) ministry)\b"
)


def body_of_people(text: str, rows: list[Row]) -> list[Row]:
    """"Malaysian navy" is an organisation: a NORP mention runs on over a lower-case
    state-body noun after it, unless another name starts there."""
    out = list(rows)
    for k, (s, e, _surface, label) in enumerate(out):
        if label != "NORP":
            continue
        m = _STATE_BODY.match(text, e)
        if m and not (k + 1 < len(out) and out[k + 1][0] < m.end()):
            out[k] = (s, m.end(), text[s : m.end()], "ORG")
    return out


_PARAGRAPH_START = re.compile(r"(?:\A|\n[ ]*\n)[ ]*")


def datelines(text: str, head: int = 3) -> list[Row]:
    """The city of each dateline ("PORTSMOUTH, March 2 — ") in the first few paragraphs,
    where datelines stand, as a place, and its news agency ("(Reuters) -"), if it names one,
    as an organisation."""
    out: list[Row] = []
    for k, para in enumerate(_PARAGRAPH_START.finditer(text)):
        if k >= head:
            break
        m = DATELINE.match(text, para.end())
        if m is not None:
            out.append((*m.span(1), m.group(1), "GPE"))
            agency = (m.group("agency") or "").strip()
            if agency:
                start = text.index(agency, m.start("agency"))
                out.append((start, start + len(agency), agency, "ORG"))
    return out


def dateline_names(rows: list[Row], found: list[Row]) -> tuple[list[Row], dict[str, str]]:
    """`rows` with what datelines say: their cities and agencies the model did not tag (a
    place the story was filed from, and in capitals a name the model rarely knows: "(AFP)"),
    a city and an agency the model tagged as something else ("DOHA, Oct 19" as an
    organisation, "(Wire)" as a person, "(AP)" as a place) as the dateline says; and how to
    show a city printed in capitals ("NEW YORK" as "New York", unless the text writes it
    otherwise too). `found` is `datelines(text)`."""
    said = {(s, e): label for s, e, _, label in found}  # "DOHA, Oct 19 (Reuters)": the model's ORG is a city
    out = [(s, e, surface, said.get((s, e), label)) for s, e, surface, label in rows]
    out += [r for r in found if not any(s < r[1] and r[0] < e for s, e, _, _ in rows)]
    shown = {city.lower(): city.title() for _, _, city, label in found
             if label == "GPE" and city.isupper() and len(city) > 3}
    return sorted(out), shown
