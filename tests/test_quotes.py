"""Quotes: every layout of issue 3, the seed article's cases and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_spans_exact, at, entity_id

from tui.facts.quotemarks import marked_passages, paragraphs

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED = SEEDS / "000_bdc864ace7bdc83f.txt"


def read(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def quote(analysis, snippet: str):
    hits = [q for q in analysis.quotes if snippet in q.text]
    assert len(hits) == 1, f"{snippet!r}: {[q.text for q in analysis.quotes]}"
    return hits[0]


# ---------------------------------------------------------------------------
# the seed article


@pytest.fixture(scope="module")
def seed(run):
    return run(SEED.read_text(encoding="utf-8"))


def test_seed_zhai_quote_has_speaker_zhai_jun_and_cue_said(seed):
    text, a = seed
    q = quote(a, "The fundamental reason")
    content = (
        "The fundamental reason for the current situation in the Palestinian-Israeli conflict is that the "
        "legitimate national rights of the Palestinian people have not been guaranteed"
    )
    assert (q.start, q.end) == at(text, content)
    assert q.kind == "direct"
    assert q.speaker.entity == entity_id(a, "Zhai Jun")
    assert (q.speaker.start, q.speaker.end) == at(text, "Zhai", q.end)
    assert q.cue.text == "said" and (q.cue.start, q.cue.end) == at(text, "said", q.end)


def test_seed_disappointment_quote_has_unnamed_source(seed):
    text, a = seed
    q = quote(a, "China is deeply disappointed")
    assert q.kind == "direct"
    assert q.text == "China is deeply disappointed at the U.S. blocking the Security Council resolution"
    assert q.speaker.text == "a spokesperson at the Chinese foreign ministry"
    assert (q.speaker.start, q.speaker.end) == at(text, "a spokesperson at the Chinese foreign ministry")
    assert q.speaker.entity is None
    assert q.cue.text == "said"


def test_seed_wang_yi_declared_that_is_mixed(seed):
    text, a = seed
    q = quote(a, "Israel’s actions")
    assert q.kind == "mixed"
    assert q.text == "Israel’s actions have gone beyond the scope of self-defence."
    assert (q.start, q.end) == at(text, q.text)
    assert q.speaker.entity == entity_id(a, "Wang Yi")
    assert q.cue.text == "declared"


def test_seed_quoted_saying_is_indirect_with_full_cue(seed):
    text, a = seed
    q = quote(a, "China and Russia share")
    assert q.kind == "indirect"
    assert q.text == "China and Russia share the same position on the Palestinian issue"
    assert q.speaker.entity == entity_id(a, "Zhai Jun")
    assert q.cue.text == "was quoted saying"


def test_seed_reported_speech_has_subject_as_speaker(seed):
    text, a = seed
    q = quote(a, "have ignored the need")
    assert q.kind == "indirect"
    assert q.text.startswith("the United States and the West have ignored")
    assert q.speaker.text == "Russia"  # not the relative clause hung on it
    assert q.speaker.entity == entity_id(a, "Russia")
    assert q.cue.text == "has repeatedly said"


def test_seed_titled_speaker_span_and_told(seed):
    text, a = seed
    q = quote(a, "Washington was working")
    assert q.speaker.text == "U.S. Secretary of State Antony Blinken"
    assert q.speaker.entity == entity_id(a, "Antony Blinken")
    assert q.cue.text == "told"


def test_seed_possessive_short_quote(seed):
    _, a = seed
    q = quote(a, "dear friend")
    assert q.text == "dear friend"
    assert q.speaker.entity == entity_id(a, "Vladimir Putin")


def test_seed_ids_in_text_order_and_offsets_exact(seed):
    text, a = seed
    assert [q.id for q in a.quotes] == [f"Q{i}" for i in range(1, len(a.quotes) + 1)]
    assert [q.start for q in a.quotes] == sorted(q.start for q in a.quotes)
    assert_spans_exact(text, a)


# ---------------------------------------------------------------------------
# layouts

KCNA = (
    "North Korea fired two missiles into the sea on Monday, the Korean Central News Agency (KCNA) reported.\n\n"
    '"The launch was a warning to the enemies of the republic," it said.\n\n'
    '"Any provocation will be met with a merciless response," added KCNA.\n'
)


def test_added_kcna_after_the_quote(run):
    text, a = run(KCNA)
    q = quote(a, "Any provocation")
    assert q.text == "Any provocation will be met with a merciless response"
    assert (q.speaker.start, q.speaker.end) == at(text, "KCNA", q.end)
    assert q.speaker.entity == entity_id(a, "Korean Central News Agency")
    assert q.cue.text == "added"


def test_it_said_resolves_to_the_agency(run):
    text, a = run(KCNA)
    q = quote(a, "The launch was")
    assert q.speaker.text == "it"
    assert q.speaker.entity == entity_id(a, "Korean Central News Agency")


def test_cue_before_with_colon(run):
    text, a = run("Foreign Minister Wang Yi spoke in Beijing on Tuesday. Wang said: “We oppose any act that harms civilians.”\n")
    q = quote(a, "We oppose")
    assert q.kind == "direct"
    assert q.text == "We oppose any act that harms civilians."
    assert q.speaker.text == "Wang"
    assert q.speaker.entity == entity_id(a, "Wang Yi")
    assert (q.cue.start, q.cue.end) == at(text, "said")


def test_split_quote_both_pieces_get_the_speaker(run):
    text, a = run('Union leader Maria Lopez addressed the strikers. "We will not give up," she said, "and we will win."\n')
    first, second = quote(a, "give up"), quote(a, "we will win")
    assert first.text == "We will not give up" and second.text == "and we will win."
    lopez = entity_id(a, "Maria Lopez")
    assert first.speaker.entity == second.speaker.entity == lopez
    assert first.speaker.text == "she" and first.cue.text == "said"


def test_according_to_after_the_quote(run):
    text, a = run(
        'The storm hit the coast at dawn. "It was like a train," a fisherman said. '
        'According to the Met Office, "gusts reached 120 km/h in places".\n'
    )
    q = quote(a, "gusts reached")
    assert q.speaker.text == "the Met Office"
    assert q.cue.text == "According to"
    fisherman = quote(a, "like a train")
    assert fisherman.speaker.text == "a fisherman" and fisherman.speaker.entity is None


def test_multi_paragraph_quote_and_same_paragraph_continuation(run):
    text, a = run(
        "Mayor Anna Berg said on Friday that the bridge would reopen.\n\n"
        "“We have checked every cable and every bolt,” Berg said. “The work took longer than we hoped.\n\n"
        "“But the bridge is safe, and it will open on Monday.”\n"
    )
    berg = entity_id(a, "Anna Berg")
    unclosed = quote(a, "The work took longer")
    assert unclosed.text == "The work took longer than we hoped."  # runs to its paragraph's end
    last = quote(a, "But the bridge is safe")
    assert last.text == "But the bridge is safe, and it will open on Monday."
    assert unclosed.speaker.entity == last.speaker.entity == berg
    assert quote(a, "the bridge would reopen").kind == "indirect"


def test_curly_single_quotes_and_apostrophes(run):
    text, a = run(
        "‘We will fight on,’ the minister said. Israel’s army and the band's fans don’t agree about the '90s, "
        "said the report.\n"
    )
    q = quote(a, "fight on")
    assert q.text == "We will fight on"
    assert q.speaker.text == "the minister"
    assert not any("s army" in x.text and x.kind == "direct" for x in a.quotes)


def test_mixed_straight_and_curly_marks(run):
    text, a = run('"We are ready,” Prime Minister John Smith told reporters. He added: "The vote is on Thursday."\n')
    first, second = quote(a, "We are ready"), quote(a, "The vote is")
    smith = entity_id(a, "John Smith")
    assert first.speaker.text == "Prime Minister John Smith" and first.speaker.entity == smith
    assert first.cue.text == "told"
    assert second.speaker.text == "He" and second.speaker.entity == smith and second.cue.text == "added"


def test_marks_inside_reported_clause_make_it_mixed(run):
    text, a = run("The minister, Paul Green, said the budget was \"balanced\" and \"fair\".\n")
    q = quote(a, "the budget was")
    assert q.kind == "mixed"
    assert q.text == 'the budget was "balanced" and "fair"'
    assert q.speaker.entity == entity_id(a, "Paul Green")
    assert len(a.quotes) == 1  # the marked words live inside the mixed quote


def test_odd_number_of_marks_is_no_error(run):
    text, a = run('He said "this is odd. And then he left.\n\nThe rain "stopped at noon.\n')
    assert_spans_exact(text, a)


def test_scare_quotes_and_names_are_not_quotes(run):
    text, a = run(
        "The girls were granted \"parole\" status. The team named their robot \"Robogee.\" "
        "The database kept the words \"and Emergency\" in its title.\n"
    )
    assert a.quotes == ()


# ---------------------------------------------------------------------------
# marks on their own


def test_marked_passages_skip_apostrophes():
    text = "Israel’s and don’t and the '90s and rock 'n' roll are not quotes."
    assert marked_passages(text, paragraphs(text)) == []


def test_marked_passage_excludes_marks_and_trailing_comma():
    text = "“We are ready,” he said."
    [p] = marked_passages(text, paragraphs(text))
    assert text[p.start : p.end] == "We are ready"
    assert text[p.outer[0] : p.outer[1]] == "“We are ready,”"


def test_continued_paragraphs_share_a_group():
    text = "“One more thing.\n\n“And another,” she said.\n\n“A new quote.”"
    ps = marked_passages(text, paragraphs(text))
    assert [text[p.start : p.end] for p in ps] == ["One more thing.", "And another", "A new quote."]
    assert ps[0].group == ps[1].group != ps[2].group
    assert ps[0].closed is False


# ---------------------------------------------------------------------------
# the corpus


def test_corpus_pronoun_speaker_she(run):
    text, a = run(read("wikinews_2008_canada_sensitive_document_found.txt"), "2008-08-15")
    q = quote(a, "We take document security seriously")
    assert q.speaker.text == "she"
    assert q.speaker.entity == entity_id(a, "Sujata Raisinghani")
    assert_spans_exact(text, a)


def test_corpus_pronoun_speaker_he_replied(run):
    text, a = run(read("wikinews_2009_australia_homeopathy_manslaughter_trial.txt"), "2009-05-08")
    q = quote(a, "I am not able to do that")
    assert q.speaker.text == "he" and q.cue.text == "replied"
    assert q.speaker.entity == entity_id(a, "Thomas Sam")
    sydney = quote(a, "her skin was weeping")
    assert sydney.cue.text == "according to" and sydney.speaker.text == "the Sydney Morning Herald"
    words_of = quote(a, "Gloria spent a lot")
    assert words_of.speaker.entity == entity_id(a, "Mark Tedeschi")


def test_corpus_split_quote_and_floating_paragraph(run):
    text, a = run(read("wikinews_2017_afghan_girls_robotics_team.txt"), "2017-07-21")
    noori = entity_id(a, "Rodaba Noori")
    assert quote(a, "We are so interested because").speaker.entity == noori
    second = quote(a, "to show that Afghan women")
    assert second.speaker.entity == noori and second.cue.text == "told"
    mohib = entity_id(a, "Hamdullah Mohib")
    said = quote(a, "Seventeen years ago")
    assert said.speaker.text == "Ambassador Mohib" and said.speaker.entity == mohib
    floating = quote(a, "They represent our aspirations")
    assert floating.speaker.entity == mohib
    # scare quotes and names in this article are not anyone's words
    assert not [q for q in a.quotes if q.text in ("parole", "Robogee.", "Hope", "courageous achievement")]


def test_corpus_colon_introduction_and_multi_paragraph(run):
    text, a = run(read("wikinews_2015_italy_religious_schools_taxes.txt"), "2015-08-02")
    galantino = entity_id(a, "Nunzio Galantino")
    for snippet in ("dangerous", "ideological", "We face a dangerous sentence"):
        hits = [q for q in a.quotes if q.text.startswith(snippet)]
        assert hits and hits[0].speaker.entity == galantino, snippet
    long = [q for q in a.quotes if q.text.startswith("We face")][0]
    assert long.text.endswith("what kind of good service private schools held")  # a paragraph of its own
    assert text[long.start - 1] == '"' and text[long.end] == '"'  # the marks stay outside


def test_corpus_tweet_colon_paragraph(run):
    text, a = run(read("wikinews_2015_ahmed_mohamed_clock_movement.txt"), "2015-09-22")
    q = quote(a, "Cool clock, Ahmed.")
    assert q.text.endswith("It's what makes America great.")
    assert q.speaker.entity == entity_id(a, "Barack Obama")
    assert q.cue.text == "tweeted"


def test_all_corpus_articles_have_exact_spans(run):
    for path in sorted(SEEDS.glob("*.txt")):
        text, a = run(path.read_text(encoding="utf-8"))
        assert_spans_exact(text, a)
        assert [q.id for q in a.quotes] == [f"Q{i}" for i in range(1, len(a.quotes) + 1)]


def test_reported_clauses_does_not_edit_the_passages_it_reads(nlp):
    """Reported speech returns what it found and what it would change; its input stays as it was."""
    import copy

    from tui.facts.attribution import attribute
    from tui.facts.context import build_context
    from tui.facts.entities import extract_entities
    from tui.facts.reported import reported_clauses

    text = 'The minister said that "the talks failed" on Monday. Smith said the vote was “a disgrace”.\n'
    doc = nlp(text)
    _, index = extract_entities(doc)
    ctx = build_context(doc, index)
    passages = [copy.copy(p) for p in ctx.passages]
    attribute(ctx, passages, ctx.paras)
    before = copy.deepcopy(passages)
    found = reported_clauses(ctx, tuple(passages))
    assert passages == before  # nothing edited in place
    assert found.quotes and found.absorbed  # it did find something to change
    applied = found.apply(passages)
    assert passages == before and applied is not passages
    assert all(applied[k].drop for k in found.absorbed)


# ---------------------------------------------------------------------------
# issue 9: speakers and quotes on text nobody tuned for (invented sentences)


def only(analysis, snippet: str, kind: str):
    q = quote(analysis, snippet)
    assert q.kind == kind, (q.kind, q.text)
    return q


def test_the_one_told_is_not_the_speaker(run):
    text, a = run('Maria Lopez called it "a disgrace", telling Radio Norte she would appeal.\n')
    q = only(a, "a disgrace", "direct")
    assert (q.start, q.end, q.text) == (*at(text, "a disgrace"), "a disgrace")
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "Maria Lopez"), "Maria Lopez")
    assert q.speaker.entity == entity_id(a, "Maria Lopez")
    assert q.cue.text == "called"
    assert all(x.speaker is None or x.speaker.text != "Radio Norte" for x in a.quotes)


def test_two_joined_speech_verbs_share_the_speaker(run):
    text, a = run('Mayor Reyes claimed it was "rushed through" and said the council\'s "trust is broken".\n')
    first = only(a, "rushed through", "mixed")
    second = only(a, "trust is broken", "mixed")
    assert (first.start, first.end) == at(text, 'it was "rushed through"')
    assert (second.start, second.end) == at(text, 'the council\'s "trust is broken"')
    for q, cue in ((first, "claimed"), (second, "said")):
        assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "Mayor Reyes"), "Mayor Reyes")
        assert q.speaker.entity == entity_id(a, "Reyes") and q.cue.text == cue


def test_a_non_speech_verb_is_no_cue(run):
    text, a = run('Dr Grace Okafor saw "real grounds for hope" in the talks.\n')
    assert a.quotes == ()  # seeing is not saying: the words are not given as hers


def test_a_quote_of_its_own_takes_the_previous_sentence_subject(run):
    text, a = run('Union chief Ana Ruiz gave her reasons. "We waited two years."\n')
    q = only(a, "We waited", "direct")
    assert (q.start, q.end, q.text) == (*at(text, "We waited two years."), "We waited two years.")
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "Union chief Ana Ruiz"), "Union chief Ana Ruiz")
    assert q.cue is None


def test_documents_and_websites_speak(run):
    text, a = run(
        'It is stated on the ministry\'s website that "permits expire yearly." '
        'The memo reads: "All staff must leave by noon." '
        "The report states that the river is polluted. "
        "Staff received a message stating that the office was closed.\n"
    )
    cases = [
        ("permits expire yearly.", "mixed", "the ministry's website", "is stated"),
        ("All staff must leave by noon.", "direct", "The memo", "reads"),
        ("the river is polluted", "indirect", "The report", "states"),
        ("the office was closed", "indirect", "a message", "stating"),
    ]
    for content, kind, speaker, cue in cases:
        q = only(a, content, kind)
        assert (q.start, q.end, q.text) == (*at(text, content), content)
        assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, speaker), speaker)
        assert q.speaker.entity is None and q.cue.text == cue


def test_a_quote_inside_a_quote_has_its_own_speaker(run):
    text, a = run("\"Voters will say, 'Fix the roads first',\" Patel said.\n")
    [inner] = [q for q in a.quotes if q.text == "Fix the roads first"]
    assert inner.kind == "direct" and (inner.start, inner.end) == at(text, "Fix the roads first")
    assert (inner.speaker.start, inner.speaker.end, inner.speaker.text) == (*at(text, "Voters"), "Voters")
    assert inner.cue.text == "will say"
    outer = [q for q in a.quotes if q.text.startswith("Voters will say")]
    assert len(outer) == 1 and outer[0].speaker.text == "Patel" and outer[0].cue.text == "said"
    assert outer[0].speaker.entity == entity_id(a, "Patel")


def test_a_second_source_in_a_with_clause(run):
    text, a = run('Police said it would reopen, with the Courier reporting it stays shut "until inspected".\n')
    police = only(a, "it would reopen", "indirect")
    assert (police.start, police.end, police.text) == (*at(text, "it would reopen"), "it would reopen")
    assert police.speaker.text == "Police"
    courier = only(a, "until inspected", "mixed")
    assert (courier.start, courier.end) == at(text, 'it stays shut "until inspected"')
    assert (courier.speaker.start, courier.speaker.end, courier.speaker.text) == (*at(text, "the Courier"), "the Courier")
    assert courier.speaker.entity == entity_id(a, "Courier") and courier.cue.text == "reporting"


def test_mid_sentence_attribution(run):
    text, a = run("Investors, she said, had expected a cut.\n")
    q = only(a, "had expected a cut", "indirect")
    content = "Investors, she said, had expected a cut"
    assert (q.start, q.end, q.text) == (*at(text, content), content)
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "she"), "she")
    assert (q.cue.start, q.cue.end) == at(text, "said")


def test_as_x_said_reports_the_words_after_it(run):
    text, a = run("As the minister said, the budget is balanced.\n")
    q = only(a, "the budget is balanced", "indirect")
    assert (q.start, q.end, q.text) == (*at(text, "the budget is balanced"), "the budget is balanced")
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "the minister"), "the minister")


def test_asked_how_is_reported_speech(run):
    text, a = run("The senator asked officials how the files ended up on the street.\n")
    content = "how the files ended up on the street"
    q = only(a, "the files ended up", "indirect")
    assert (q.start, q.end, q.text) == (*at(text, content), content)
    assert q.speaker.text == "The senator" and q.cue.text == "asked"


def test_titles_labels_and_other_senses_are_not_quotes(run):
    text, a = run(
        'Mayor unveils "a plan that will change everything"\n\n'
        'The city opened the exhibition "Cities of Tomorrow" on Sunday, the mayor said. '
        'The new rule is stopping families from claiming "hardship" benefits. '
        '"Bread" and "milk" were among the items added to the list. '
        'The rebels agreed to disarm "within a month".\n'
    )
    q = only(a, "The city opened", "indirect")  # the title inside it does not make it mixed
    content = 'The city opened the exhibition "Cities of Tomorrow" on Sunday'
    assert (q.start, q.end, q.text) == (*at(text, content), content)
    assert q.speaker.text == "the mayor"
    assert len(a.quotes) == 1, [x.text for x in a.quotes]


def test_organisations_and_plural_subjects_report(run):
    text, a = run(
        "Unicef say the children need help. The paper observed that the mayor had resigned. "
        "Local residents told reporters the water was brown. "
        "Aid agencies suggest that thousands of migrants are still at sea.\n"
    )
    cases = [
        ("the children need help", "Unicef", "say"),
        ("the mayor had resigned", "The paper", "observed"),
        ("the water was brown", "Local residents", "told"),
        ("thousands of migrants are still at sea", "Aid agencies", "suggest"),
    ]
    for content, speaker, cue in cases:
        q = only(a, content, "indirect")
        assert (q.start, q.end, q.text) == (*at(text, content), content)
        assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, speaker), speaker)
        assert q.cue.text == cue
    assert quote(a, "children need").speaker.entity == entity_id(a, "Unicef")


def test_a_verb_after_a_clause_reports_it_only_with_nothing_of_its_own(run):
    text, a = run(
        "The bridge will reopen in May, the council said on Friday. "
        "Prices had doubled, she told the crowd. "
        "The talks collapsed, Ortiz was quoted saying. "
        "What is certain is that two weeks before the vote, he wrote a long letter to the board. "
        "The deal was simple: the unions agreed to end the strike. "
        "The mill had closed; the owners admitted nothing.\n"
    )
    cases = [
        ("The bridge will reopen in May", "the council", "said"),
        ("Prices had doubled", "she", "told"),
        ("The talks collapsed", "Ortiz", "was quoted saying"),
    ]
    for content, speaker, cue in cases:
        q = only(a, content, "indirect")
        assert (q.start, q.end, q.text) == (*at(text, content), content)
        assert (q.speaker.text, q.cue.text) == (speaker, cue)
    assert len(a.quotes) == 3, [x.text for x in a.quotes]  # a letter written, a strike ended, nothing admitted


def test_it_is_important_to_note_reports_a_clause_said_by_no_one_named(analyse_text):
    text = ("Visitors need a tourist card. It is important to note that there is also a departure tax. "
            "The Cuban Finance Ministry set the tax in 1990. It was quick to say that the tax would stay.")
    a = analyse_text(text)
    tax = next(q for q in a.quotes if q.text.startswith("there is also"))
    assert tax.kind == "indirect" and tax.speaker is None  # not "It"
    stay = next(q for q in a.quotes if q.text.startswith("the tax would stay"))
    assert stay.speaker is not None and stay.speaker.text == "It"  # a pronoun for the ministry


def test_a_relative_clause_the_parser_hangs_on_a_speech_verb_is_not_reported(analyse_text):
    text = ("Pavel Dorn asserted his influence openly (which resulted in reprimands from the abbot) "
            "and ran the farm for years.")
    a = analyse_text(text)
    assert not any(q.text.startswith("which resulted") for q in a.quotes)
