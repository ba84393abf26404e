"""Canonical entities on the seed article and on small texts."""

from __future__ import annotations

import pytest


def by_name(analysis, name):
    [ent] = [e for e in analysis.entities if e.name == name]
    return ent


def test_zhai_jun_is_one_person_with_five_mentions(seed_analysis):
    zhai = by_name(seed_analysis, "Zhai Jun")
    assert zhai.label == "PERSON"
    names = [m for m in zhai.mentions if m.kind == "name"]  # pronouns join in the coref stage
    assert [m.text for m in names] == ["Zhai Jun", "Zhai", "Zhai", "Zhai", "Zhai"]
    assert [m.start for m in names] == [415, 672, 1041, 2323, 2515]


@pytest.mark.parametrize("full,short", [("Antony Blinken", "Blinken"), ("Mikhail Bogdanov", "Bogdanov")])
def test_short_person_names_join(seed_analysis, full, short):
    ent = by_name(seed_analysis, full)
    assert ent.label == "PERSON"
    assert {m.text for m in ent.mentions if m.kind == "name"} == {full, short}
    assert not [e for e in seed_analysis.entities if e.name == short]


def test_no_state_entity(seed_analysis):
    assert not [e for e in seed_analysis.entities if any(m.text == "State" for m in e.mentions)]


def test_security_council_is_one_org(seed_analysis):
    [sc] = [e for e in seed_analysis.entities if "Security Council" in e.name]
    assert sc.label == "ORG" and sc.name == "U.N. Security Council"
    assert [m.text for m in sc.mentions] == ["U.N. Security Council", "Security Council"]


def test_aliases_join(seed_analysis):
    us = by_name(seed_analysis, "United States")
    assert {m.text for m in us.mentions} == {"United States", "U.S."}
    me = by_name(seed_analysis, "Middle East")
    assert {m.text for m in me.mentions} == {"Middle East", "Mideast"}


def test_possessive_and_the_are_stripped(seed_analysis):
    gaza = by_name(seed_analysis, "Gaza Strip")
    text = seed_analysis.article.text
    strip = [m for m in gaza.mentions if m.text == "Gaza Strip"]
    assert len(strip) == 2
    possessive = strip[1]
    assert text[possessive.end] == "’"  # "the Gaza Strip’s" ends before the apostrophe
    assert text[possessive.start - 4 : possessive.start] == "the "


def test_every_mention_offset_is_exact(seed_analysis):
    text = seed_analysis.article.text
    for e in seed_analysis.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


def test_values_are_kept_as_their_own_labels(seed_analysis):
    values = {(e.label, e.name) for e in seed_analysis.entities if not e.is_name}
    assert ("CARDINAL", "at least 1,400") in values
    assert ("CARDINAL", "2.3 million") in values
    assert ("DATE", "Oct. 7") in values
    names = [e for e in seed_analysis.entities if e.is_name]
    assert seed_analysis.entities[: len(names)] == tuple(names)  # names come first


def test_salience_orders_names(seed_analysis):
    names = [e for e in seed_analysis.entities if e.is_name]
    assert [e.salience for e in names] == sorted((e.salience for e in names), reverse=True)
    assert names[0].name == "Israel"
    assert [e.id for e in seed_analysis.entities] == [f"E{i}" for i in range(1, len(seed_analysis.entities) + 1)]


def test_ambiguous_short_name_stays_apart(analyse_text):
    an = analyse_text(
        "John Kennedy met Robert Kennedy in Boston on Monday. Later, Kennedy said the talks went well."
    )
    names = {e.name for e in an.entities if e.label == "PERSON"}
    assert {"John Kennedy", "Robert Kennedy"} <= names
    kennedys = [e for e in an.entities if any(m.text == "Kennedy" for m in e.mentions)]
    assert all(e.name not in ("John Kennedy", "Robert Kennedy") for e in kennedys)


def test_acronym_joins_its_full_name(analyse_text):
    an = analyse_text(
        "North Korea's Korean Central News Agency reported the launch on Friday. "
        "The test was a success, KCNA added."
    )
    [kcna] = [e for e in an.entities if "Korean Central News Agency" in e.name]
    assert {m.text for m in kcna.mentions} == {"Korean Central News Agency", "KCNA"}


def test_acronym_defined_in_parentheses(analyse_text):
    an = analyse_text(
        "Deputies of Movimento 5 Stelle (M5S) asked for a vote in Rome. The M5S party was clear about it."
    )
    [m5s] = [e for e in an.entities if e.name == "Movimento 5 Stelle"]
    assert m5s.label == "ORG"
    assert [m.text for m in m5s.mentions if m.kind == "name"] == ["Movimento 5 Stelle", "M5S", "M5S"]


def test_lone_titles_and_numbers_dropped(analyse_text):
    an = analyse_text("The President spoke to Prime Minister Rishi Sunak in London. 2020 was hard.")
    names = {e.name for e in an.entities if e.is_name}
    assert "President" not in names and "2020" not in names


# --- issue 9: entities on news nobody tuned for ------------------------------------------------


def names_of(analysis):
    """(name, label, [(start, text) of its name mentions]) for every named entity, in id order."""
    return [
        (e.name, e.label, [(m.start, m.text) for m in e.mentions if m.kind == "name"])
        for e in analysis.entities
        if e.is_name
    ]


def test_laws_divisions_and_district_codes_are_not_organisations(analyse_text):
    an = analyse_text("Lawmakers passed Division B of the Clean Harbors Act, which Rep. Ann Lowe (OR-3) opposed.")
    assert sorted(names_of(an)) == [
        ("Ann Lowe", "PERSON", [(65, "Ann Lowe")]),
        ("Clean Harbors Act", "LAW", [(35, "Clean Harbors Act")]),
    ]


def test_titles_are_not_names(analyse_text):
    an = analyse_text(
        "First Lady Helen Marsh visited the school. The plan was attacked by the Shadow Transport Secretary on Monday."
    )
    assert names_of(an) == [("Helen Marsh", "PERSON", [(11, "Helen Marsh")])]


def test_a_long_organisation_name_is_not_cut_short(analyse_text):
    an = analyse_text("The Federal Agency for Civic Education and Research said on Monday it would help.")
    name = "Federal Agency for Civic Education and Research"
    assert names_of(an) == [(name, "ORG", [(4, name)])]


def test_news_agency_is_not_part_of_the_name(analyse_text):
    an = analyse_text("The Xinhua news agency said the talks had ended.")
    assert names_of(an) == [("Xinhua", "ORG", [(4, "Xinhua")])]


def test_north_and_south_dakota_are_two_places(analyse_text):
    an = analyse_text("Storms hit North and South Dakota overnight.")
    assert sorted(names_of(an)) == [
        ("North Dakota", "GPE", [(11, "North")]),
        ("South Dakota", "GPE", [(21, "South Dakota")]),
    ]


def test_title_organisation_name_chain_gives_both(analyse_text):
    an = analyse_text("The director of the Seed Fund Maya Orlov said grants would rise.")
    assert sorted(names_of(an)) == [
        ("Maya Orlov", "PERSON", [(30, "Maya Orlov")]),
        ("Seed Fund", "ORG", [(20, "Seed Fund")]),
    ]


def test_cues_fix_labels_road_dateline_platform(analyse_text):
    an = analyse_text(
        "ROTTERDAM (Reuters) - Police closed Castlefrank Road after a crash. "
        "Fans posted on Twitter after Mayor Jane Cole spoke."
    )
    got = {n: (label, ms) for n, label, ms in names_of(an)}
    assert got["Rotterdam"] == ("GPE", [(0, "ROTTERDAM")])  # named as the text would write it
    assert got["Castlefrank Road"] == ("FAC", [(36, "Castlefrank Road")])
    assert got["Twitter"] == ("ORG", [(83, "Twitter")])
    assert got["Jane Cole"] == ("PERSON", [(103, "Jane Cole")])


def test_a_people_before_a_group_noun_is_norp(analyse_text):
    an = analyse_text("Aid groups said Rohingya refugees lacked food and water.")
    assert names_of(an) == [("Rohingya", "NORP", [(16, "Rohingya")])]


def test_a_name_with_and_without_the_middle_name_is_one_person(analyse_text):
    an = analyse_text("Omar Hassan Farid arrived in Cairo. Omar Farid later left for Rome. Farid said nothing.")
    [farid] = [e for e in names_of(an) if e[1] == "PERSON"]
    assert farid == ("Omar Hassan Farid", "PERSON", [(0, "Omar Hassan Farid"), (36, "Omar Farid"), (68, "Farid")])


def test_a_surname_with_a_conflicting_title_is_not_merged(analyse_text):
    an = analyse_text("Rep. Mark Daly spoke on Monday. Senator Daly disagreed with him.")
    assert sorted(e for e in names_of(an)) == [
        ("Daly", "PERSON", [(40, "Daly")]),
        ("Mark Daly", "PERSON", [(5, "Mark Daly")]),
    ]


def test_a_surname_two_relatives_share_stays_unlinked(analyse_text):
    an = analyse_text("Anna Brook and her husband Paul Brook ran the farm. Brook said she would sell it.")
    assert sorted(names_of(an)) == [
        ("Anna Brook", "PERSON", [(0, "Anna Brook")]),
        ("Brook", "PERSON", [(52, "Brook")]),
        ("Paul Brook", "PERSON", [(27, "Paul Brook")]),
    ]


def test_a_known_name_is_found_where_the_model_missed_it(analyse_text):
    an = analyse_text(
        "Jenna Marbles posted a video in 2010. Marbles began making videos after college. "
        "In 2013, Marbles had a million fans."
    )
    assert names_of(an) == [("Jenna Marbles", "PERSON", [(0, "Jenna Marbles"), (38, "Marbles"), (90, "Marbles")])]


def test_accents_and_word_order_do_not_split_a_person(analyse_text):
    an = analyse_text("Ichiyō Higuchi wrote stories in Tokyo, and Ichiyo Higuchi became famous.")
    [p] = [e for e in names_of(an) if e[1] == "PERSON"]
    assert p == ("Ichiyō Higuchi", "PERSON", [(0, "Ichiyō Higuchi"), (43, "Ichiyo Higuchi")])


def test_a_surname_goes_to_the_relative_the_article_is_about(analyse_text):
    """Named twice as often as the father: the bare surname is hers."""
    an = analyse_text(
        "Jeanne Moreau was born in Paris. Her father, Anatole Moreau, ran a restaurant. "
        "Jeanne Moreau later moved to Vichy. In 1947 Moreau joined the troupe."
    )
    got = {n: ms for n, label, ms in names_of(an) if label == "PERSON"}
    assert got == {
        "Jeanne Moreau": [(0, "Jeanne Moreau"), (79, "Jeanne Moreau"), (123, "Moreau")],
        "Anatole Moreau": [(45, "Anatole Moreau")],
    }


def test_a_shorter_form_of_a_long_name_joins_it(analyse_text):
    an = analyse_text("Jens Otto Harry Jespersen was born in Randers. Otto Jespersen studied in Copenhagen.")
    [p] = [e for e in names_of(an) if e[1] == "PERSON"]
    assert p == ("Jens Otto Harry Jespersen", "PERSON", [(0, "Jens Otto Harry Jespersen"), (47, "Otto Jespersen")])


def test_a_platform_the_model_missed_is_an_organisation(analyse_text):
    an = analyse_text("Support came from Facebook creator Mark Zuckerberg on Tuesday.")
    assert names_of(an) == [
        ("Facebook", "ORG", [(18, "Facebook")]),
        ("Mark Zuckerberg", "PERSON", [(35, "Mark Zuckerberg")]),
    ]


def test_lowercase_words_and_capitalised_headings_are_not_names():
    from tui.facts.entity_rules import refine

    text = "LIMITATIONS\nThe limitations of transmedia stories. NATO met."
    rows = [(0, 11, "LIMITATIONS", "ORG"), (16, 27, "limitations", "ORG"), (31, 41, "transmedia", "ORG"), (50, 54, "NATO", "ORG")]
    assert refine(text, rows)[0] == [(50, 54, "NATO", "ORG")]


def test_the_place_inside_a_school_name_is_a_place_too(analyse_text):
    an = analyse_text("She studied at the University of Michigan and at Harvard University.")
    assert sorted(names_of(an)) == [
        ("Harvard University", "ORG", [(49, "Harvard University")]),  # Harvard was a man, not a place
        ("Michigan", "GPE", [(33, "Michigan")]),
        ("University of Michigan", "ORG", [(19, "University of Michigan")]),
    ]


def test_a_long_name_does_not_run_on_into_a_date(analyse_text):
    an = analyse_text("The UN Security Council on Monday voted. The Council on Foreign Relations met.")
    assert sorted(names_of(an)) == [
        ("Council on Foreign Relations", "ORG", [(45, "Council on Foreign Relations")]),
        ("UN Security Council", "ORG", [(4, "UN Security Council")]),
    ]


def test_only_people_are_born(analyse_text):
    an = analyse_text("Brock Wyatt Holt (born June 11, 1988) is a baseball player. Holt played for Boston.")
    assert names_of(an)[0] == ("Brock Wyatt Holt", "PERSON", [(0, "Brock Wyatt Holt"), (60, "Holt")])


def test_a_place_named_on_its_own_is_a_mention_inside_longer_names(analyse_text):
    """GUM marks the place inside a team, a city or a gulf; "Gaza Strip" is Gaza itself."""
    an = analyse_text(
        "Storms hit Texas on Monday. The Texas Rangers cancelled the game and the Brazos River flooded parts of Texas City."
    )
    assert sorted(names_of(an)) == [
        ("Brazos River", "LOC", [(73, "Brazos River")]),
        ("Texas", "GPE", [(11, "Texas"), (32, "Texas"), (103, "Texas")]),
        ("Texas City", "GPE", [(103, "Texas City")]),
        ("Texas Rangers", "ORG", [(32, "Texas Rangers")]),
    ]
    an = analyse_text(
        "Aid reached Gaza on Monday. Schools in the Gaza Strip reopened, and the ship sailed into the Gulf of Mexico from Mexico."
    )
    assert sorted(names_of(an)) == [
        ("Gaza Strip", "GPE", [(12, "Gaza"), (43, "Gaza Strip")]),
        ("Gulf of Mexico", "LOC", [(93, "Gulf of Mexico")]),
        ("Mexico", "GPE", [(101, "Mexico"), (113, "Mexico")]),
    ]


def test_a_code_a_number_counts_is_a_unit_not_an_organisation(analyse_text):
    """Currencies and eras are no bodies; "3 UN agencies" counts the agencies, not the UN."""
    an = analyse_text(
        "A ferry ticket costs 120 NOK per person and the taxi is NOK 300. "
        "The fort dates from the 5th century BC, and 3 UN agencies run the site."
    )
    assert names_of(an) == [("UN", "ORG", [(111, "UN")])]


def test_a_shared_surname_and_a_name_with_an_apostrophe_are_found_again(nlp):
    """The model found each once; the later uses are mentions too (whose "Okonjo" is, merging decides)."""
    from tui import nlp as N
    from tui.facts.refind import refind

    text = "Nadia Okonjo met Emeka Okonjo in Lagos. Later Okonjo left. L'Aurore drew the plan, and the plan of L'Aurore changed."
    rows = [
        (0, 12, "Nadia Okonjo", "PERSON"), (17, 29, "Emeka Okonjo", "PERSON"),
        (33, 38, "Lagos", "GPE"), (59, 67, "L'Aurore", "PERSON"),
    ]
    found = [(46, 52, "Okonjo", "PERSON"), (99, 107, "L'Aurore", "PERSON")]
    assert refind(N.parse(nlp, text), text, rows) == sorted(rows + found)


def test_a_proper_noun_the_model_never_tagged_is_a_name_when_used_twice(nlp):
    """Only the parse's proper nouns, outside what the model tagged; a place after "in"/"moved to",
    a body after "the", else a person; forms of address ("Your Honor", "the Court") are no names."""
    from tui import nlp as N
    from tui.facts.refind import untagged

    text = (
        "Thorvald wrote poems. Later Thorvald moved to Kettleby, and in Kettleby he taught for the Quillons. "
        "The Quillons paid well, Your Honor, and Your Honor knows the Court."
    )
    doc = N.parse(nlp, text)
    assert untagged(doc, text, [], []) == [
        (0, 8, "Thorvald", "PERSON"), (28, 36, "Thorvald", "PERSON"), (46, 54, "Kettleby", "GPE"),
        (63, 71, "Kettleby", "GPE"), (90, 98, "Quillons", "ORG"), (104, 112, "Quillons", "ORG"),
    ]
    # a known name's other uses are refind's; what the model tagged is not looked at again
    assert untagged(doc, text, [(0, 8, "Thorvald", "PERSON")], [(46, 54)]) == [
        (63, 71, "Kettleby", "GPE"), (90, 98, "Quillons", "ORG"), (104, 112, "Quillons", "ORG"),
    ]


def test_a_proper_noun_used_once_must_stand_alone(nlp):
    """Not a piece of a capitalised title, a concept, a code in capitals or a word in quote marks."""
    from tui import nlp as N
    from tui.facts.refind import untagged

    text = (
        "She met Orsolya Vantek in the West. He earned a Bachelor of Science in Geology, "
        'studied Catholicism, paid in NZD and called the town "Haven".'
    )
    assert untagged(N.parse(nlp, text), text, [], []) == [(8, 22, "Orsolya Vantek", "PERSON"), (30, 34, "West", "LOC")]


def test_an_acronym_of_ordinary_words_is_a_term_not_an_organisation(analyse_text):
    """Every word of "Smart Water Meter" is also written in lower case; a Board is a body."""
    an = analyse_text(
        "Each Smart Water Meter (SWM) sends a reading. A water meter that is smart saves money, and the SWM is cheap. "
        "The Regional Water Board (RWB) pays for each meter, the water board said."
    )
    assert names_of(an) == [("Regional Water Board", "ORG", [(113, "Regional Water Board"), (135, "RWB")])]


def test_a_short_name_joins_the_long_one_named_twice_as_often(analyse_text):
    an = analyse_text(
        "The Boston Red Sox won on Monday. The Pawtucket Red Sox lost. "
        "The Boston Red Sox then signed a pitcher, and the Red Sox will play on Friday."
    )
    assert names_of(an) == [
        ("Boston Red Sox", "ORG", [(4, "Boston Red Sox"), (66, "Boston Red Sox"), (112, "Red Sox")]),
        ("Pawtucket Red Sox", "ORG", [(38, "Pawtucket Red Sox")]),
    ]


def test_a_region_after_a_town_is_a_place_but_a_list_of_people_stays_people(analyse_text):
    an = analyse_text("The church in Florence, Tuscany, must pay. Tom Lee, Ann Ray and Bob Cole signed.")
    assert names_of(an) == [
        ("Florence", "GPE", [(14, "Florence")]),
        ("Tuscany", "GPE", [(24, "Tuscany")]),
        ("Tom Lee", "PERSON", [(43, "Tom Lee")]),
        ("Ann Ray", "PERSON", [(52, "Ann Ray")]),
        ("Bob Cole", "PERSON", [(64, "Bob Cole")]),
    ]


def test_a_prison_and_a_street_are_facilities_even_where_the_model_saw_no_name(analyse_text):
    an = analyse_text("Guards at Belmarsh Prison found a phone. The mayor wrote on @CityHallNews that Fenwick Street was closed.")
    assert names_of(an) == [
        ("Belmarsh Prison", "FAC", [(10, "Belmarsh Prison")]),
        ("CityHallNews", "ORG", [(61, "CityHallNews")]),
        ("Fenwick Street", "FAC", [(79, "Fenwick Street")]),
    ]


def test_a_handle_is_an_organisation_and_the_label_is_a_vote():
    """The model's PERSON on "@ParkWatch" is overruled; one odd tag among an entity's mentions does not decide."""
    from collections import Counter

    from tui.facts.entity_labels import cue, vote

    text = "Residents posted on @ParkWatch about it."
    assert cue(text, (21, 30, "ParkWatch", "PERSON")) == (21, 30, "ParkWatch", "ORG")
    assert cue(text, (20, 30, "@ParkWatch", "PERSON")) == (20, 30, "@ParkWatch", "ORG")
    assert vote(Counter({"PERSON": 1, "GPE": 3})) == "GPE"
    assert vote(Counter({"PERSON": 1, "ORG": 1})) == "ORG"  # a tie: the model over-uses PERSON
    assert vote(Counter({"ORG": 2}), person=True) == "PERSON"  # joined to a person's full name


def test_an_of_name_ending_in_a_plural_runs_on_into_its_spokesperson(analyse_text):
    an = analyse_text(
        "The director of the Dallas chapter of the Council on American-Islamic Relations Alia Salem said he wants to study. "
        "The Council on Foreign Relations said it would publish."
    )
    assert names_of(an) == [
        ("Dallas", "GPE", [(20, "Dallas")]),
        ("Council on American-Islamic Relations", "ORG", [(42, "Council on American-Islamic Relations")]),
        ("Alia Salem", "PERSON", [(80, "Alia Salem")]),
        ("Council on Foreign Relations", "ORG", [(119, "Council on Foreign Relations")]),
    ]


def test_two_bodies_listed_after_a_plural_are_two(analyse_text):
    an = analyse_text("The court ordered the religious schools Santo Spirito and Immacolata in Livorno to pay.")
    assert names_of(an) == [
        ("Santo Spirito", "ORG", [(40, "Santo Spirito")]),
        ("Immacolata", "ORG", [(58, "Immacolata")]),
        ("Livorno", "GPE", [(72, "Livorno")]),
    ]


def test_a_newspaper_is_an_organisation_not_an_event(analyse_text):
    an = analyse_text("Her skin was weeping, according to the Sydney Morning Herald.")
    assert names_of(an) == [("Sydney Morning Herald", "ORG", [(39, "Sydney Morning Herald")])]


def test_a_peoples_adjective_before_navy_or_ministry_is_the_body(analyse_text):
    an = analyse_text(
        "The boat was turned back by the Malaysian navy on Friday. "
        "A spokesperson at the Chinese foreign ministry said Chinese officials would travel."
    )
    got = {n: (label, ms) for n, label, ms in names_of(an)}
    assert got["Malaysian navy"] == ("ORG", [(32, "Malaysian navy")])
    assert got["Chinese foreign ministry"] == ("ORG", [(80, "Chinese foreign ministry")])
    assert got["Chinese"] == ("NORP", [(110, "Chinese")])  # "Chinese officials" stays the people


def test_a_system_and_a_code_before_database_are_things_not_bodies(analyse_text):
    an = analyse_text(
        "Officers used the NEMISIS database, known as the National Enforcement Management Information System. "
        "The levy moved from the ICI system to a new one, Environment Canada said."
    )
    named = [(n, label, ms) for n, label, ms in names_of(an) if label in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")]
    assert named == [("Environment Canada", "ORG", [(150, "Environment Canada")])]
    labels = {e.name: e.label for e in an.entities}
    assert labels["NEMISIS"] == labels["ICI"] == labels["National Enforcement Management Information System"] == "PRODUCT"


def test_a_code_with_a_plural_s_counts_things_not_a_body(analyse_text):
    an = analyse_text("Many homes now use CFLs instead. A CFL lasts for years, Greenpeace said on Monday.")
    named = [(n, label, ms) for n, label, ms in names_of(an) if label in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")]
    assert named == [("Greenpeace", "ORG", [(56, "Greenpeace")])]


def test_a_name_holds_no_unclosed_bracket():
    from tui.facts.entities import _trim

    text = "The American College of Pediatricians (ACPeds) said so. It is a great orchestra (The Cleveland Orchestra)."
    assert _trim(text, 4, 45) == (4, 37, "American College of Pediatricians")
    assert _trim(text, 64, 104) == (81, 104, "The Cleveland Orchestra")
    assert _trim(text, 0, 45) == (4, 37, "American College of Pediatricians")  # after "the", not "(ACPeds"


def test_a_misspelt_name_joins_the_name_it_misspells(analyse_text):
    an = analyse_text(
        "The United Nations said on Monday that the boats had been found. "
        "The Untied Nations urged Thailand to help. Jensen and Jansen wrote the report."
    )
    un = [e for e in an.entities if e.name in ("United Nations", "Untied Nations")]
    assert [(e.label, [(m.start, m.text) for m in e.mentions if m.kind == "name"]) for e in un] == [
        ("ORG", [(4, "United Nations"), (69, "Untied Nations")])
    ]


def test_one_slip_of_the_keys():
    from tui.facts.misspelt import one_slip as _one_slip

    assert _one_slip("united nations", "untied nations")  # two letters swapped
    assert _one_slip("chatham islands", "chatnam islands")  # one changed
    assert _one_slip("safavid", "saffavid")  # one added
    assert not _one_slip("slovakia", "slovenia")  # two changed


def test_a_lone_title_is_no_name_and_may_join_its_holder(analyse_text):
    an = analyse_text(
        "Savage responded to comments made by former Pennsylvania Senator Rick Santorum about homosexuality. "
        "Readers picked a new meaning for the Senator’s last name. In 2012, Hadid was made a Dame by the Queen."
    )
    named = names_of(an)
    assert not [n for n, *_ in named if n in ("Senator", "Dame", "Queen")]
    [santorum] = [e for e in an.entities if e.name == "Rick Santorum"]
    assert [(m.start, m.text, m.kind) for m in santorum.mentions][:2] == [
        (65, "Rick Santorum", "name"),
        (133, "the Senator", "description"),
    ]


def test_a_surname_with_a_plural_s_is_the_family(analyse_text):
    an = analyse_text(
        "Thomas Sam, a homeopath, treated the child. Manju Sam agreed. Despite her illness, the Sams kept on."
    )
    got = {n: (label, ms) for n, label, ms in names_of(an)}
    assert got["Sams"] == ("PERSON", [(87, "Sams")])  # both of them: joined to neither
    assert got["Thomas Sam"] == ("PERSON", [(0, "Thomas Sam")])


def test_a_handle_in_capitals_before_account_is_the_account():
    from tui.facts.entity_labels import cue

    text = "Barack Obama tweeted using his @POTUS account. Fans wrote to @ParkWatch."
    assert cue(text, (32, 37, "POTUS", "ORG")) == (32, 37, "POTUS", "PRODUCT")  # an account, not a body
    assert cue(text, (62, 71, "ParkWatch", "PERSON")) == (62, 71, "ParkWatch", "ORG")


def test_a_name_ending_in_news_is_an_organisation():
    from tui.facts.entity_labels import cue

    text = "Ahmed told the Deseret News that he was proud."
    assert cue(text, (15, 27, "Deseret News", "WORK_OF_ART")) == (15, 27, "Deseret News", "ORG")


def test_a_name_the_model_cut_to_its_surname_gets_its_first_name_and_not_its_title(analyse_text):
    """The model tags "Reyes" alone, as an organisation; "Ana" is her name, "Mayor" her title."""
    an = analyse_text('Mayor Ana Reyes resigned on Tuesday, the council said.\n\n"I leave with pride," Reyes told reporters.')
    got = {n: (label, ms) for n, label, ms in names_of(an)}
    assert got["Ana Reyes"] == ("PERSON", [(6, "Ana Reyes"), (78, "Reyes")])
    assert "Mayor" not in got and "Mayor Ana Reyes" not in got
    [quote] = [q for q in an.quotes if q.kind == "direct"]
    assert quote.speaker.text == "Reyes" and an.entity(quote.speaker.entity).name == "Ana Reyes"


def test_a_title_only_a_person_has_makes_a_person():
    from tui.facts.entity_labels import cue

    text = "Senator Warren spoke. Dr Foster left. The Warren Commission met."
    assert cue(text, (8, 14, "Warren", "ORG")) == (8, 14, "Warren", "PERSON")
    assert cue(text, (25, 31, "Foster", "GPE")) == (25, 31, "Foster", "PERSON")
    assert cue(text, (42, 59, "Warren Commission", "ORG")) == (42, 59, "Warren Commission", "ORG")


def test_a_dateline_city_the_model_missed_is_a_place_later_called_the_city(analyse_text):
    text = ("PORTSMOUTH, March 2 — The Harbour Bridge will close for six weeks, officials said.\n\n"
            "The repairs will cost £4 million, according to a report published by the city.")
    a = analyse_text(text)
    city = by_name(a, "Portsmouth")  # shown as the text would write it, not in capitals
    assert city.label == "GPE"
    the_city = (text.index("the city"), len(text) - 1, "description")
    assert [(m.start, m.end, m.kind) for m in city.mentions] == [(0, 10, "name"), the_city]


def test_a_body_or_person_named_on_its_own_is_a_mention_inside_a_longer_name(analyse_text):
    """GUM marks "Google" in "Google Science Fair" and the person a bridge is named after; a
    person's own longer name gives no one else a mention."""
    an = analyse_text(
        "Google opened a lab in Austin on Monday. Students at the Google Science Fair showed robots, "
        "and Google paid for the trip."
    )
    assert sorted(names_of(an)) == [
        ("Austin", "GPE", [(23, "Austin")]),
        ("Google", "ORG", [(0, "Google"), (57, "Google"), (96, "Google")]),
        ("Google Science Fair", "EVENT", [(57, "Google Science Fair")]),
    ]
    an = analyse_text("Tom Hale founded a bakery. The Tom Hale Bridge opened in May, and Tom Hale cut the ribbon.")
    assert sorted(names_of(an)) == [
        ("Tom Hale", "PERSON", [(0, "Tom Hale"), (31, "Tom Hale"), (66, "Tom Hale")]),
        ("Tom Hale Bridge", "FAC", [(31, "Tom Hale Bridge")]),
    ]


def test_a_short_form_only_ever_a_person_makes_its_longer_name_a_person(analyse_text):
    """The model calls "Britney Spears" an organisation twice and "Britney" a person twice: one
    person."""
    an = analyse_text(
        "Britney Spears sang in Paris. Fans of Britney Spears waited for hours. "
        "Britney said the crowd was kind, and Britney left at dawn."
    )
    assert sorted(names_of(an)) == [
        ("Britney Spears", "PERSON", [(0, "Britney Spears"), (38, "Britney Spears"), (71, "Britney"), (108, "Britney")]),
        ("Paris", "GPE", [(23, "Paris")]),
    ]


def test_a_clause_run_into_a_name_is_no_persons_longer_name():
    """"Byron composed Thyrza" (the model's span over a clause) is not what "Byron" stands for."""
    from tui.facts.entities import _group_by_key

    rows = [(0, 5, "Byron", "PERSON"), (20, 25, "Byron", "PERSON"), (40, 61, "Byron composed Thyrza", "ORG")]
    groups = _group_by_key(rows)
    assert not groups["byron composed thyrza"].person
    rows[2] = (40, 53, "Byron Thyrza", "ORG")
    assert _group_by_key(rows)["byron thyrza"].person


def test_new_york_is_new_york_city(analyse_text):
    """In news "New York" is the city; GUM joins the two forms, as a reader does."""
    an = analyse_text("She moved to New York in 2010. Rents in New York City rose, and New York kept growing.")
    assert names_of(an) == [("New York City", "GPE", [(13, "New York"), (40, "New York City"), (64, "New York")])]


def test_a_common_word_capitalised_only_by_the_sentence_start_is_no_name(analyse_text):
    """"Vessels" and "Hydrogen" open their sentences and the tagger reads them as common nouns:
    the model's ORG is no name. "Leeds" at a sentence start is a proper noun and stays."""
    an = analyse_text("Boats leave Oslo at noon. Vessels can dock at Bergen overnight.")
    assert sorted(names_of(an)) == [("Bergen", "FAC", [(46, "Bergen")]), ("Oslo", "GPE", [(12, "Oslo")])]
    an = analyse_text("Nurses met in Leeds. Hydrogen peroxide cleaned the wounds, said Sam Cole. Leeds is cold.")
    assert sorted(names_of(an)) == [
        ("Leeds", "GPE", [(14, "Leeds"), (74, "Leeds")]),
        ("Sam Cole", "PERSON", [(64, "Sam Cole")]),
    ]


def test_lower_case_words_before_a_name_are_not_part_of_it(analyse_text):
    """The model's span "a united Germany" names Germany; "de" in "Charles de Gaulle" stays."""
    an = analyse_text("Talks on a united Germany began in Bonn.")
    assert names_of(an) == [("Germany", "GPE", [(18, "Germany")]), ("Bonn", "GPE", [(35, "Bonn")])]
    an = analyse_text("Charles de Gaulle spoke in Paris.")
    assert names_of(an)[0] == ("Charles de Gaulle", "PERSON", [(0, "Charles de Gaulle")])


def test_a_peninsula_is_its_place_and_a_hotel_is_not(analyse_text):
    """"Bataan" stands for the one "Bataan Peninsula"; a one-word place never stands for a
    building named after it, and a "person" named so is a building."""
    from tui.facts.entities import _group_by_key, _merge
    from tui.facts.entity_labels import cue

    an = analyse_text("Troops landed in Bataan in 1942. The Bataan Peninsula was taken in April.")
    assert names_of(an) == [("Bataan Peninsula", "GPE", [(17, "Bataan"), (37, "Bataan Peninsula")])]
    groups = _merge(_group_by_key([(0, 4, "Lima", "GPE"), (20, 30, "Lima Hotel", "GPE")]))
    assert sorted(g.key for g in groups) == ["lima", "lima hotel"]
    assert cue("The Socotra Hotel.", (4, 17, "Socotra Hotel", "PERSON")) == (4, 17, "Socotra Hotel", "FAC")


def test_a_rank_before_a_one_word_name_is_no_part_of_it(analyse_text):
    """The model tags "Norton" alone after "Emperor" (an organisation, to it): the rank is no
    part of the name, and Norton is Joshua Norton."""
    an = analyse_text("Joshua Norton moved to San Francisco. In 1859 Emperor Norton issued a decree, and Norton signed it.")
    assert names_of(an)[0] == ("Joshua Norton", "PERSON", [(0, "Joshua Norton"), (54, "Norton"), (82, "Norton")])


def test_the_place_after_of_in_a_persons_name_is_no_short_form_of_the_person():
    from tui.facts.entities import _group_by_key, _merge

    rows = [(0, 31, "Patrick Gordon of Auchleuchries", "PERSON"), (50, 63, "Auchleuchries", "GPE"), (70, 76, "Gordon", "PERSON")]
    groups = {g.key: sorted(m[2] for m in g.mentions) for g in _merge(_group_by_key(rows))}
    assert groups == {
        "patrick gordon of auchleuchries": ["Gordon", "Patrick Gordon of Auchleuchries"],
        "auchleuchries": ["Auchleuchries"],
    }


def test_the_head_of_an_x_of_y_name_stands_for_the_one_body_it_heads(analyse_text):
    an = analyse_text(
        "Officers founded the Society of the Cincinnati in 1783. The Society elected George Washington as its president."
    )
    assert names_of(an)[0] == ("Society of the Cincinnati", "ORG", [(21, "Society of the Cincinnati"), (60, "Society")])


def test_a_dotted_abbreviation_keeps_its_final_period(run):
    """"Washington D.C." keeps the period that ends "D.C." (as "U.S." does); a name whose last
    word has no inner period ends before the sentence's full stop."""
    text, analysis = run("The girls went to Washington D.C. and left. The mission was run by NASA.\n")
    dc = by_name(analysis, "Washington D.C.")
    assert [(m.start, m.end) for m in dc.mentions] == [(18, 33)]
    nasa = by_name(analysis, "NASA")
    assert text[nasa.mentions[0].end] == "."


@pytest.mark.parametrize(("text", "agency"), [
    ("PARIS (Wire) - The minister resigned on Monday, officials said.\n", "Wire"),  # the model: a person
    ("WASHINGTON (AP) — The Senate passed the bill.\n", "AP"),  # a place, and an alias of Washington
    ("NAIROBI, Kenya (AFP) - Floods killed 12 people.\n", "AFP"),  # missed, and an alias of Kenya
    ("LONDON (Reuters) - Oil prices rose on Tuesday.\n", "Reuters"),
    ("DOHA, Oct 19 (Reuters) - China's envoy Zhai Jun landed in Qatar on Thursday.\n", "Reuters"),  # Doha an ORG
])
def test_a_datelines_agency_is_an_organisation_of_its_own(run, text, agency):
    """The name in a dateline's brackets is the news agency that filed the story."""
    _, analysis = run(text)
    ent = by_name(analysis, agency)
    assert ent.label == "ORG"
    start = text.index("(") + 1
    assert [(m.start, m.end) for m in ent.mentions] == [(start, start + len(agency))]
    city = [e for e in analysis.entities if e.mentions[0].start == 0]
    assert [e.label for e in city] == ["GPE"] and len(city[0].mentions) == 1


def test_an_acronym_in_brackets_outside_a_dateline_still_names_its_long_form(run):
    _, analysis = run("The World Health Organization (WHO) said so. WHO agreed.\n")
    assert [m.text for m in by_name(analysis, "World Health Organization").mentions] == [
        "World Health Organization", "WHO", "WHO"]


@pytest.mark.parametrize(("text", "name"), [
    ("KYIV (Ukrinform) - Ukraine said the talks failed.\n", "Kyiv"),
    ("ROME, March 3 (Reuters) - The talks failed.\n", "Rome"),
])
def test_a_four_letter_dateline_city_is_named_as_text_writes_it(run, text, name):
    _, analysis = run(text)
    city = by_name(analysis, name)
    assert city.label == "GPE" and [m.text for m in city.mentions] == [name.upper()]


def test_a_name_only_found_inside_another_entitys_is_not_the_entitys_name(analyse_text):
    # spaCy finds the place "Texas Arlington" inside the university's name; the place is Texas
    text = ("Amneh Jafari studies in Texas. Psychology major at University of Texas Arlington "
            "Amneh Jafari heard of the incident.")
    a = analyse_text(text)
    names = {e.name: e.label for e in a.entities}
    assert names["Texas"] == "GPE" and "Texas Arlington" not in names
    assert names["University of Texas Arlington"] == "ORG"


def test_an_entitys_name_is_spaced_as_a_name_is(analyse_text):
    text = "Mayor Carlos  Moedas spoke in Lisbon on Monday. Later, Moedas thanked the firefighters."
    a = analyse_text(text)
    assert any(e.name == "Carlos Moedas" for e in a.entities), [e.name for e in a.entities]
