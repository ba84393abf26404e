"""The table of fact kinds and the one naming rule (issue 8), and honest quote marks in
copies and exports (issue 11): the Textual-free core, exact strings."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import dataclass

import pytest

from tui import kinds
from tui.analysis import Analysis, Article, Entity, Event, Mention, ModelInfo, Quote, Span, TimeSpan
from tui.export import to_csv, to_markdown
from tui.kinds import fact_markdown, fact_spans, kind, kind_of
from tui.naming import span_name

from conftest import ROOT

TEXT = ("Envoy talks\n\n"
        "China's special envoy Zhai Jun arrived in the U.S. capital. The envoy said \"We agree\". "
        "He said the talks went well. Zhai told reporters that the plan was “a good start” for both. "
        "On Monday troops left the city.\n")


def at(sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(sub, i + 1)
    return i, i + len(sub)


def span(sub: str, entity: str | None = None, nth: int = 0) -> Span:
    return Span(*at(sub, nth), sub, entity)


@pytest.fixture
def analysis() -> Analysis:
    art = Article("talks.txt", TEXT, "Envoy talks", "2023-10-19")
    zhai = Entity("E1", "Zhai Jun", "PERSON", 0.5, (Mention(*at("Zhai Jun"), "Zhai Jun"), Mention(*at("Zhai", 1), "Zhai")))
    us = Entity("E2", "United States", "GPE", 0.2, (Mention(*at("U.S."), "U.S."),))
    quotes = (
        Quote("Q1", "direct", *at("We agree"), "We agree", span("The envoy", "E1"), span("said")),
        Quote("Q2", "indirect", *at("the talks went well"), "the talks went well", span("He", "E1"), span("said", nth=1)),
        Quote("Q3", "mixed", *at("the plan was “a good start” for both"), "the plan was “a good start” for both",
              span("Zhai", "E1", nth=1), span("told")),
        Quote("Q4", "direct", *at("We agree"), "We agree"),
    )
    events = (
        Event("V1", *at("arrived"), "arrived", "arrive", at("China's special envoy Zhai Jun arrived in the U.S. capital."),
              agent=span("China's special envoy Zhai Jun", "E1"), place=span("the U.S. capital", "E2")),
        Event("V2", *at("left"), "left", "leave", at("On Monday troops left the city."),
              patient=span("the city"), time=TimeSpan(*at("On Monday"), "On Monday", "2023-10-16")),
    )
    return Analysis(art, ModelInfo("m", "1"), (zhai, us), quotes, events)


# --- the naming rule --------------------------------------------------------------------------


@pytest.mark.parametrize("text, entity, expected", [
    ("he", "E1", "Zhai Jun"),  # a pronoun: the entity's name
    ("He", "E1", "Zhai Jun"),
    ("Zhai Jun", "E1", "Zhai Jun"),  # the name itself
    ("Zhai", "E1", "Zhai Jun"),  # a form of the name that the name contains
    ("ZHAI JUN", "E1", "Zhai Jun"),
    ("U.S.", "E2", "United States"),  # another name form of the entity (one of its mentions)
    ("the envoy", "E1", 'Zhai Jun ("the envoy")'),  # a description: the name, and the article's words
    ("China's special envoy", "E1", 'Zhai Jun ("China\'s special envoy")'),
    ("Juno", "E1", 'Zhai Jun ("Juno")'),  # not a word of the name
    ("China's special envoy Zhai Jun", "E1", "China's special envoy Zhai Jun"),  # already says the name
    ("the  envoy\n", None, "the envoy"),  # no entity: its own words, on one line
    ("the envoy", "E9", "the envoy"),  # an entity the analysis does not have
])
def test_one_naming_rule(analysis, text, expected, entity):
    assert span_name(analysis, Span(0, len(text), text, entity)) == expected


def test_no_span_and_no_analysis():
    assert span_name(None, None) == ""
    assert span_name(None, Span(0, 3, "he", "E1")) == "he"


def test_panel_copy_markdown_and_csv_name_alike(analysis):
    """The issue's case: the panel said `Zhai Jun: "We agree"`, the copy `— the envoy`."""
    q1 = analysis.quotes[0]
    assert kind_of(q1).label_text(analysis, q1) == 'Zhai Jun ("The envoy"): “We agree”'
    assert fact_markdown(analysis, q1) == '> “We agree” — Zhai Jun ("The envoy") (Envoy talks)'
    assert '> “We agree” — Zhai Jun ("The envoy")\n' in to_markdown(analysis)
    rows = list(csv.DictReader(io.StringIO(to_csv(analysis))))
    assert [r["speaker"] for r in rows if r["kind"] == "quote"] == ['Zhai Jun ("The envoy")', "Zhai Jun", "Zhai Jun", ""]
    v1 = analysis.events[0]
    assert kind_of(v1).label_text(analysis, v1) == "China's special envoy Zhai Jun arrived in United States"
    assert span_name(analysis, v1.place, 24) == "United States"  # a panel row: no room for the words
    assert span_name(analysis, v1.place, 30) == 'United States ("the U.S. ca…")'  # 30 characters
    assert span_name(analysis, v1.place, 34) == 'United States ("the U.S. capital")'
    assert fact_markdown(analysis, v1).splitlines()[0] == (
        "- **undated** — China's special envoy Zhai Jun *arrived* in United States (\"the U.S. capital\")")
    assert rows[-2]["agent"] == "China's special envoy Zhai Jun"
    assert rows[-2]["place"] == 'United States ("the U.S. capital")'


# --- quote marks only around quoted words -----------------------------------------------------


def test_direct_speech_is_in_quote_marks(analysis):
    assert fact_markdown(analysis, analysis.quotes[3]) == "> “We agree” — unattributed (Envoy talks)"


def test_reported_speech_has_no_quote_marks(analysis):
    assert fact_markdown(analysis, analysis.quotes[1]) == "- Zhai Jun, in reported speech: the talks went well (Envoy talks)"


def test_mixed_speech_keeps_only_the_articles_marks(analysis):
    assert fact_markdown(analysis, analysis.quotes[2]) == (
        "- Zhai Jun, partly quoted: the plan was “a good start” for both (Envoy talks)")


def test_mixed_speech_inside_the_articles_marks_keeps_them():
    text = "Wang Yi declared that “Israel’s actions have gone too far.”\n"
    start = text.index("Israel")
    end = text.index("”")
    q = Quote("Q1", "mixed", start, end, text[start:end], Span(0, 7, "Wang Yi"), Span(8, 16, "declared"))
    a = Analysis(Article("w.txt", text, "Wang"), ModelInfo("m", "1"), quotes=(q,))
    assert fact_markdown(a, q) == "- Wang Yi, partly quoted: “Israel’s actions have gone too far.” (Wang)"


def test_an_event_without_an_agent_reads_cleanly(analysis):
    assert fact_markdown(analysis, analysis.events[1]) == (
        "- **2023-10-16** — On Monday *left* the city\n  > On Monday troops left the city.\n  — *Envoy talks*")


def test_the_quotes_section_of_the_markdown(analysis):
    md = to_markdown(analysis)
    section = md[md.index("## Quotes"):md.index("## Events")]
    assert section == (
        "## Quotes\n\n"
        '> “We agree” — Zhai Jun ("The envoy")\n\n'
        "- Zhai Jun, in reported speech: the talks went well\n\n"
        "- Zhai Jun, partly quoted: the plan was “a good start” for both\n\n"
        "> “We agree” — unattributed\n\n"
    )
    assert md.endswith(
        "## Events\n\n"
        "- **undated** — China's special envoy Zhai Jun *arrived* in United States (\"the U.S. capital\")\n"
        "  > China's special envoy Zhai Jun arrived in the U.S. capital.\n"
        "- **2023-10-16** — On Monday *left* the city\n"
        "  > On Monday troops left the city.\n"
    )


# --- entities: groups, order, names -----------------------------------------------------------


def _entity(eid: str, label: str, salience: float, name: str, names: int = 1) -> Entity:
    return Entity(eid, name, label, salience, tuple(Mention(i, i + 1, name) for i in range(names)))


def test_entities_are_ordered_people_organisations_places_groups_then_the_rest():
    found = [_entity("E1", "DATE", 0.9, "Monday"), _entity("E2", "NORP", 0.8, "Chinese"),
             _entity("E3", "LOC", 0.3, "Gulf"), _entity("E4", "GPE", 0.5, "Qatar"), _entity("E5", "ORG", 0.1, "Hamas"),
             _entity("E6", "PERSON", 0.2, "Zhai Jun"), _entity("E7", "PERSON", 0.4, "Putin"),
             _entity("E8", "MISC", 0.7, "Thing"), _entity("E9", "LAW", 0.05, "Charter"),
             _entity("E10", "CARDINAL", 0.6, "two"), _entity("E11", "FAC", 0.2, "Pier")]
    order = kinds.entity_order(found)
    assert [(kinds.entity_group(e), e.name) for e in order] == [
        ("People", "Putin"), ("People", "Zhai Jun"), ("Organisations", "Hamas"),
        ("Places", "Qatar"), ("Places", "Gulf"), ("Places", "Pier"), ("Groups and nationalities", "Chinese"),
        ("Laws", "Charter"), ("MISC", "Thing"),  # a label no group names: after the names, before values
        ("Dates and times", "Monday"), ("Numbers", "two")]
    assert [e.id for e in kinds.ENTITY.ordered(found)] == [e.id for e in order]
    assert [e.name for e in found if kinds.ENTITY.minor(e)] == ["Monday", "two"]  # listed with `a`


def test_an_entity_is_found_by_its_names_and_its_mentions_counted_in_words(analysis):
    zhai, us = analysis.entities
    entity = kind("entity")
    assert entity.label_text(analysis, zhai) == "Zhai Jun 2"
    assert entity.search_text(analysis, zhai) == "Zhai Jun Zhai"
    assert entity.search_text(analysis, us) == "United States U.S."  # no "GPE", no count
    assert entity.hint_text(zhai) == "Person · 2 mentions · also “Zhai”"
    assert entity.hint_text(us) == "Place · 1 mention · also “U.S.”"
    assert fact_markdown(analysis, us) == "**United States** (GPE), 1 mention in *Envoy talks* — also “U.S.”"
    assert fact_markdown(analysis, zhai) == "**Zhai Jun** (PERSON), 2 mentions in *Envoy talks* — also “Zhai”"


def test_the_entities_section_has_the_panels_groups(analysis):
    md = to_markdown(analysis)
    assert "## Entities\n\n### People (PERSON)\n\n- Zhai Jun (2)\n\n### Places (GPE)\n\n- United States (1)\n\n" in md


# --- the table --------------------------------------------------------------------------------


def test_the_table_lists_the_built_in_kinds_in_screen_order():
    table = kinds.kinds()
    assert [(k.key, k.field, k.type, k.title) for k in table[:3]] == [
        ("entity", "entities", Entity, "Entities"), ("quote", "quotes", Quote, "Quotes"), ("event", "events", Event, "Events")]
    assert [k.roles for k in table[:3]] == [
        ("mention", "reference"), ("quote", "speaker", "cue"), ("trigger", "agent", "patient", "time", "place")]
    assert kind("quotes") is kind("quote") is kinds.QUOTE


def test_spans_carry_their_roles_in_reading_order(analysis):
    assert [r for *_, r in fact_spans(analysis.quotes[0])] == ["speaker", "cue", "quote"]
    assert [r for *_, r in fact_spans(analysis.events[1])] == ["time", "trigger", "patient"]
    assert fact_spans(analysis.entities[0]) == [(m.start, m.end, "mention") for m in analysis.entities[0].mentions]


@dataclass(frozen=True)
class Stranger:
    id: str
    start: int
    end: int
    text: str


def test_an_unknown_kind_fails_loudly(analysis):
    """Before: labels called anything unknown an event, the Markdown an entity."""
    stranger = Stranger("S1", 0, 5, "Envoy")
    with pytest.raises(TypeError, match=r"^Stranger is not a registered fact kind \(known: Entity, Quote, Event"):
        kind_of(stranger)
    with pytest.raises(TypeError, match="Stranger"):
        fact_markdown(analysis, stranger)
    with pytest.raises(TypeError, match="Stranger"):
        fact_spans(stranger)
    with pytest.raises(KeyError, match="unknown fact kind 'stranger'"):
        kind("stranger")


def test_a_kind_registers_once():
    with pytest.raises(ValueError, match="clashes with 'quote' on key, field, type"):
        kinds.register(kinds.QUOTE)
    assert kinds.kinds().count(kinds.QUOTE) == 1


def test_the_table_imports_neither_textual_nor_rich():
    code = "import sys, tui.kinds, tui.naming; print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr


def test_an_events_verb_group_is_lit_as_its_row_names_it():
    from tui.analysis import Phrase

    text = "In March two bags were found stuffed with cash."
    found = text.index("found")
    v = Event("V1", found, found + 5, "found", "find", (0, len(text)), words=(
        Phrase(0, 8, "In March", "time"), Phrase(9, 17, "two bags", "patient"),
        Phrase(text.index("were"), found + 5, "were found", "verb")))
    assert fact_spans(v)[0] == (text.index("were"), found + 5, "trigger")
