"""Entity rules from issue 9's second round: which names group, and which are names at all."""

from __future__ import annotations


def _groups(rows, aliases=None, text=""):
    from tui.facts.entities import _group_by_key, _merge

    return {g.key: sorted(m[2] for m in g.mentions) for g in _merge(_group_by_key(rows, aliases, text=text))}


def test_a_body_the_model_always_names_so_is_no_given_name_of_a_nickname():
    """"The Jets Bard" is a fan's nickname; "the Jets", an organisation every time, is the team."""
    rows = [(0, 9, "Jets Bard", "PERSON"), (40, 44, "Jets", "ORG"), (80, 84, "Jets", "ORG")]
    assert _groups(rows) == {"jets bard": ["Jets Bard"], "jets": ["Jets", "Jets"]}
    rows = [(0, 9, "Jets Bard", "PERSON"), (40, 44, "Jets", "ORG"), (80, 84, "Jets", "PERSON")]
    assert _groups(rows) == {"jets bard": ["Jets", "Jets", "Jets Bard"]}  # once a person: the given name


def test_a_group_of_islands_goes_by_the_plural_of_its_first_word():
    """"The Kermadecs" are the Kermadec Islands; "Air Kermadecs" stays the airline."""
    from tui.facts.entities import _defined_acronyms

    text = "Boats reach the Kermadec Islands in May. The Kermadecs have no hotel. Air Kermadecs flies there."
    rows = [(16, 31, "Kermadec Islands", "LOC"), (44, 53, "Kermadecs", "PERSON"), (69, 82, "Air Kermadecs", "ORG")]
    rows, aliases = _defined_acronyms(text, rows)
    assert _groups(rows, aliases, text) == {"kermadec islands": ["Kermadec Islands", "Kermadecs"],
                                            "air kermadecs": ["Air Kermadecs"]}


def test_saint_and_st_are_one_word():
    rows = [(0, 13, "Saint Columba", "PERSON"), (40, 51, "St. Columba", "PERSON"), (60, 64, "Iona", "GPE")]
    assert _groups(rows) == {"st columba": ["Saint Columba", "St. Columba"], "iona": ["Iona"]}


def test_a_countrys_short_form_before_a_bodys_name_is_the_country():
    rows = [(0, 22, "United States Senate", "ORG"), (40, 50, "U.S. Senate", "ORG"), (60, 63, "U.S", "GPE")]
    assert _groups(rows) == {"united states senate": ["U.S. Senate", "United States Senate"], "united states": ["U.S"]}


def test_a_second_name_given_on_the_spot_names_the_same_thing():
    from tui.facts.acronyms import other_names

    text = "Cape Town, also known as the Mother City, hosts Table Mountain (Hoerikwaggo in the Khoekhoe language)."
    rows = [(0, 9, "Cape Town", "GPE"), (29, 40, "Mother City", "ORG"), (48, 62, "Table Mountain", "LOC"),
            (64, 75, "Hoerikwaggo", "PERSON")]
    assert other_names(text, rows) == {"Mother City": "Cape Town"}  # a person in brackets is no one's other name
    rows[3] = (64, 75, "Hoerikwaggo", "GPE")
    assert other_names(text, rows) == {"Mother City": "Cape Town", "Hoerikwaggo": "Table Mountain"}
    text = "Pilgrims filled Masjid an-Nabawi (Prophet's Mosque). LIMA (Andina) - The port reopened."
    rows = [(16, 32, "Masjid an-Nabawi", "FAC"), (34, 50, "Prophet's Mosque", "FAC"), (53, 57, "LIMA", "GPE"),
            (59, 65, "Andina", "ORG")]
    assert other_names(text, rows) == {"Prophet's Mosque": "Masjid an-Nabawi"}  # the agency is no name of Lima
    text = "Monks lived in a valley east of Verona, known as the Quiet Dale."
    rows = [(32, 38, "Verona", "GPE"), (53, 63, "Quiet Dale", "LOC")]
    assert other_names(text, rows) == {}  # the valley is known so, not Verona


def test_a_piece_of_a_known_longer_name_is_that_name(nlp):
    """The model tags "Parks Canada" once, then only "Canada" in "Parks Canada staff": the
    known name, not the country."""
    from tui import nlp as N
    from tui.facts.refind import refind

    text = "Parks Canada closed the trail. Parks Canada staff said bears were near."
    rows = [(0, 12, "Parks Canada", "ORG"), (37, 43, "Canada", "GPE")]
    assert refind(N.parse(nlp, text), text, rows) == [(0, 12, "Parks Canada", "ORG"), (31, 43, "Parks Canada", "ORG")]


def test_a_bare_court_before_any_court_is_named_is_the_court_sitting():
    """A hearing opens "May it please the Court" long before counsel names the "Federal Circuit
    Court": the bare word is the court hearing the case, not that one. Named first, it is."""
    rows = [(24, 29, "Court", "ORG"), (300, 321, "Federal Circuit Court", "ORG")]
    assert _groups(rows) == {"court": ["Court"], "federal circuit court": ["Federal Circuit Court"]}
    rows = [(24, 45, "Federal Circuit Court", "ORG"), (300, 305, "Court", "ORG")]
    assert _groups(rows) == {"federal circuit court": ["Court", "Federal Circuit Court"]}


def test_one_name_with_its_letters_written_out_is_one_name():
    """"Ærøskøbing" and "Aeroeskoebing", "Åre" and "Aare" (the model calls one a person)."""
    rows = [(0, 10, "Ærøskøbing", "GPE"), (30, 44, "Aeroeskoebing", "GPE"), (50, 53, "Åre", "PERSON"),
            (60, 64, "Aare", "GPE"), (70, 74, "Aare", "GPE")]
    assert _groups(rows) == {"aare": ["Aare", "Aare", "Åre"], "ærøskøbing": ["Aeroeskoebing", "Ærøskøbing"]}


def test_a_countrys_former_name_is_the_country():
    rows = [(0, 5, "Burma", "GPE"), (20, 27, "Myanmar", "GPE"), (40, 46, "Persia", "GPE")]
    assert _groups(rows) == {"myanmar": ["Burma", "Myanmar"], "iran": ["Persia"]}


def test_an_everyday_given_name_is_the_full_one():
    rows = [(0, 12, "Larry Lessig", "PERSON"), (30, 45, "Lawrence Lessig", "PERSON"), (60, 69, "Ted Lessig", "PERSON")]
    assert _groups(rows) == {"larry lessig": ["Larry Lessig", "Lawrence Lessig"], "ted lessig": ["Ted Lessig"]}


def test_quote_marks_signs_and_caption_credits_are_no_part_of_a_name():
    from tui.facts.entities import _trim
    from tui.facts.entity_rules import refine

    text = 'Dayton earned the "Gem City" name. It cost US $ 40. Maya Lind Image: Reuters.'
    assert _trim(text, 14, 27) == (19, 27, "Gem City")  # the model's span 'the "Gem City'
    assert _trim(text, 43, 47) == (43, 45, "US")
    assert refine(text, [(52, 67, "Maya Lind Image", "PERSON")])[0] == [(52, 61, "Maya Lind", "PERSON")]
    assert refine("Maya Lind Image of the year.", [(0, 15, "Maya Lind Image", "WORK_OF_ART")])[0] == [
        (0, 15, "Maya Lind Image", "WORK_OF_ART")
    ]  # a work so named, with no credit after it


def test_a_name_heading_its_line_may_be_known_as_another():
    from tui.facts.acronyms import other_names

    text = "Gotland\n\nGotland, known as Gutland in the old tongue, is an island."
    rows = [(0, 7, "Gotland", "GPE"), (9, 16, "Gotland", "GPE"), (27, 34, "Gutland", "GPE")]
    assert other_names(text, rows) == {"Gutland": "Gotland"}


def test_a_minster_or_a_conservatory_named_after_its_town_is_not_the_town():
    """The model calls "Lincoln Minster" a person, and "Lincoln" then reads as its short form."""
    from tui.facts.entity_labels import cue

    text = "Lincoln grew rich on wool. Lincoln Minster was built in 1092, and Lincoln Conservatory in 1901."
    rows = [(0, 7, "Lincoln", "GPE"), (27, 42, "Lincoln Minster", "PERSON"), (66, 86, "Lincoln Conservatory", "FAC")]
    assert [cue(text, r)[3] for r in rows] == ["GPE", "FAC", "FAC"]
    assert _groups([cue(text, r) for r in rows]) == {
        "lincoln": ["Lincoln"], "lincoln minster": ["Lincoln Minster"], "lincoln conservatory": ["Lincoln Conservatory"],
    }


def test_given_names_alone_are_the_one_person_they_begin():
    rows = [(0, 20, "Jean Louis Delacroix", "PERSON"), (40, 50, "Jean Louis", "PERSON")]
    assert _groups(rows) == {"jean louis delacroix": ["Jean Louis", "Jean Louis Delacroix"]}
    rows = [(0, 16, "Anna Maria Rossi", "PERSON"), (20, 38, "Anna Maria Bianchi", "PERSON"), (50, 60, "Anna Maria", "PERSON")]
    assert _groups(rows) == {
        "anna maria rossi": ["Anna Maria Rossi"], "anna maria bianchi": ["Anna Maria Bianchi"], "anna maria": ["Anna Maria"],
    }  # two sisters: neither


def test_the_court_after_a_named_court_in_its_paragraph_is_that_court():
    """Counsel cites the High Court, then says what "the Court" held: the High Court. In the next
    paragraph, and as "this Court", it is the court hearing the case."""
    from tui.facts.entities import _group_by_key, _merge

    text = (
        "May it please the Court. The High Court of Tonga ruled in May, and the Court held that fees apply.\n\n"
        "The Court should reverse. This Court has said so before."
    )
    rows = [(text.index(w, k), text.index(w, k) + len(w), w, "ORG") for w, k in
            [("Court", 0), ("High Court of Tonga", 0), ("Court", 60), ("Court", 100), ("Court", 130)]]
    groups = {g.key: sorted(m[0] for m in g.mentions) for g in _merge(_group_by_key(rows, text=text))}
    assert groups == {"court": [18, 104, 131], "high court of tonga": [29, 71]}
