"""Quotes on text nobody tuned for (issue 9): the layouts that failed on the GUM documents,
each on an invented sentence with exact offsets and speakers."""

from __future__ import annotations

from conftest import at, entity_id


def only(analysis, snippet: str, kind: str):
    hits = [q for q in analysis.quotes if snippet in q.text]
    assert len(hits) == 1, f"{snippet!r}: {[q.text for q in analysis.quotes]}"
    assert hits[0].kind == kind, (hits[0].kind, hits[0].text)
    return hits[0]


def test_one_word_in_marks_is_a_term_unless_a_judgement_or_set_off(run):
    text, a = run(
        'Of her "apprentice" the painter Ines Varga wrote, "He mixes colours better than I do." '
        'The committee answered "no" to the request. Senator Hale called the budget "reckless". '
        '"Never," Hale said.\n'
    )
    assert [q.text for q in a.quotes] == ["He mixes colours better than I do.", "reckless", "Never"]
    said = only(a, "He mixes", "direct")
    assert (said.start, said.end) == at(text, "He mixes colours better than I do.")
    assert (said.speaker.start, said.speaker.end) == at(text, "the painter Ines Varga")
    reckless = only(a, "reckless", "direct")  # an adjective under "called": a judgement voiced
    assert (reckless.start, reckless.end) == at(text, "reckless")
    assert (reckless.speaker.text, reckless.cue.text) == ("Senator Hale", "called")
    never = only(a, "Never", "direct")
    assert (never.start, never.end) == at(text, "Never")
    assert never.speaker.text == "Hale" and never.speaker.entity == entity_id(a, "Hale")


def test_straight_marks_alternate_and_a_semicolon_ends_the_quote(run):
    text, a = run(
        'Her film "Ten Ways To Say No "was shown in May. In it, the director Lena Brandt said, '
        '"I am tired of waiting for a studio"; the film won a prize.\n'
    )
    # the mark spaced as an opener ('No "was') closes the title, so the quote after it pairs up
    q = only(a, "I am tired", "direct")
    assert (q.start, q.end, q.text) == (*at(text, "I am tired of waiting for a studio"), "I am tired of waiting for a studio")
    assert (q.speaker.start, q.speaker.end) == at(text, "the director Lena Brandt")
    assert q.speaker.entity == entity_id(a, "Lena Brandt") and q.cue.text == "said"
    assert len(a.quotes) == 1


def test_a_question_put_to_people_has_no_speaker(run):
    text, a = run('Voters in the district were asked the following question:\n\n"Which road should be fixed first?"\n')
    assert a.quotes == ()  # neither the voters (asked) nor the question is the one asking


def test_a_cue_with_a_clause_of_its_own_is_not_the_quote_before_it(run):
    text, a = run('"She never left the house." Now, the defence says that the jury should ignore it.\n')
    [q] = a.quotes  # the quote before is not what the defence says
    assert (q.kind, q.start, q.end) == ("indirect", *at(text, "the jury should ignore it"))
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "the defence"), "the defence")
    assert (q.cue.start, q.cue.end) == at(text, "says")


def test_a_clause_between_the_cue_and_the_marks_has_its_own_verb(run):
    text, a = run('As far as I can tell, Podcastia features "free as in free speech" books.\n')
    assert a.quotes == ()  # "tell" hangs on "features": it introduces nothing


def test_a_mark_opened_inside_a_phrase_and_never_closed_is_stray(run):
    text, a = run(
        "The town sells itself as the “greenest harbour of the north.\n\n"
        "Mayor Tomas Berg said, “We will rebuild the bridge by spring.\n"
    )
    [q] = a.quotes  # the second is speech whose close mark is missing: it runs to the paragraph's end
    assert (q.kind, q.start, q.end) == ("direct", *at(text, "We will rebuild the bridge by spring."))
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "Mayor Tomas Berg"), "Mayor Tomas Berg")
    assert q.speaker.entity == entity_id(a, "Tomas Berg") and q.cue.text == "said"


def indirect(a, text: str, content: str, speaker: str, cue: str):
    q = only(a, content, "indirect")
    assert (q.start, q.end, q.text) == (*at(text, content), content)
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, speaker), speaker)
    assert q.cue.text == cue
    return q


def test_reported_clauses_the_parser_splits(run):
    text, a = run(
        "In the interview, Okoro explains what the app is, why she built it, and how she funds it. "
        "Then the panel said, if you count the delays, that is a breach. "
        "He filed an appeal, claiming that because the notice came late he should not pay the fine.\n"
    )
    # several clauses after the verb are one report; an "if" inside the clause does not make it a wh-question
    indirect(a, text, "what the app is, why she built it, and how she funds it", "Okoro", "explains")
    indirect(a, text, "if you count the delays, that is a breach", "the panel", "said")
    # "that" parsed as an object, the clause as an adverbial one
    indirect(a, text, "because the notice came late he should not pay the fine", "He", "claiming")


def test_a_speaker_the_parser_left_without_a_subject(run):
    text, a = run(
        "The bridge failed, as the inspector, I believe, said the bolts were too weak. "
        "Speaking for the family, Ruth Adeyemi, QC, said that the sentence was too harsh.\n"
    )
    indirect(a, text, "the bolts were too weak", "the inspector", "said")  # not the "I" of the aside
    q = indirect(a, text, "the sentence was too harsh", "Ruth Adeyemi, QC", "said")
    assert q.speaker.entity == entity_id(a, "Ruth Adeyemi")


def test_views_and_findings_are_reported_too(run):
    text, a = run(
        "In 1990 Varga proposed that the tower be rebuilt. The auditors concluded that the fund was sound. "
        "The mayor ignored critics who maintain that the dam is unsafe. Many recommend that visitors carry water.\n"
    )
    indirect(a, text, "the tower be rebuilt", "Varga", "proposed")
    indirect(a, text, "the fund was sound", "The auditors", "concluded")
    indirect(a, text, "the dam is unsafe", "critics", "maintain")  # the relative pronoun's noun speaks
    indirect(a, text, "visitors carry water", "Many", "recommend")


def test_a_pseudo_cleft_and_a_paragraph_after_a_colon(run):
    text, a = run(
        "What the minister wants to stress is that the schools will reopen in May.\n\n"
        "In its ruling, the panel observed:\n\n"
        "The permit was issued without a hearing, and the river was never surveyed.\n\n"
        'The chair said: "We will appeal."\n'
    )
    indirect(a, text, "the schools will reopen in May", "the minister", "to stress")
    content = "The permit was issued without a hearing, and the river was never surveyed."
    indirect(a, text, content, "the panel", "observed")  # the whole paragraph, without marks
    q = only(a, "We will appeal.", "direct")  # a paragraph with marks stays a direct quote of its own
    assert (q.start, q.end, q.speaker.text) == (*at(text, "We will appeal."), "The chair")
    assert len(a.quotes) == 3


def test_a_proper_name_given_by_a_naming_verb_is_nobodys_words(nlp, run):
    from tui.facts.attribution import attribute
    from tui.facts.context import build_context
    from tui.facts.entities import extract_entities

    text = (
        'The Egyptians call it "Bab-el-Nur", meaning the gate of light. '
        'Senator Alma Reyes called the plan "a costly mistake".\n'
    )
    doc = nlp(text)
    ctx = build_context(doc, extract_entities(doc)[1])
    passages = list(ctx.passages)
    attribute(ctx, passages, ctx.paras)
    name, words = passages
    assert text[name.start : name.end] == "Bab-el-Nur" and name.speaker is None  # a name, one word of three tokens
    assert words.speaker.text == "Senator Alma Reyes" and words.cue.text == "called"
    _, a = run(text)
    [q] = a.quotes
    assert (q.kind, q.start, q.end, q.speaker.text) == ("direct", *at(text, "a costly mistake"), "Senator Alma Reyes")


def test_an_aside_in_a_phrase_and_a_speaker_that_is_heard(run):
    text, a = run(
        "She will be presenting the second part of the bid, the boldest offer, we say, of the whole auction. "
        "At the hearing you will hear the council lawyer say the road is safe.\n"
    )
    content = "She will be presenting the second part of the bid, the boldest offer, we say, of the whole auction"
    indirect(a, text, content, "we", "say")  # "we say" hangs on a noun: the clause around it is the report
    indirect(a, text, "the road is safe", "the council lawyer", "say")  # not "you", who hears it


def test_a_purpose_set_before_a_clause_is_its_subjects(run):
    text, a = run(
        "The club sold its old ground last year, and to explain how the money will be spent, "
        "the chairman wrote to every member. To discuss what the vote means, the local paper invited both candidates.\n"
    )
    indirect(a, text, "how the money will be spent", "the chairman", "to explain")  # not the club of the clause before
    indirect(a, text, "what the vote means", "the local paper", "To discuss")


def test_reported_speech_inside_a_quote_with_a_named_source(run):
    text, a = run(
        'The prosecutor, Dana Whit, told the jury: "The boy was ill for months, and it was argued by the defence '
        'that the parents knew nothing. We said that they should have acted."\n'
    )
    outer = only(a, "The boy was ill", "direct")
    assert (outer.start, outer.end) == at(text, text[text.index("The boy") : text.index('acted."') + 6])
    assert outer.speaker.text == "The prosecutor, Dana Whit"
    [inner] = [q for q in a.quotes if q.kind == "indirect"]  # a "by" agent, named there
    assert (inner.start, inner.end, inner.text) == (*at(text, "the parents knew nothing"), "the parents knew nothing")
    assert (inner.speaker.start, inner.speaker.end) == at(text, "the defence") and inner.cue.text == "was argued"
    assert outer.start < inner.start < inner.end < outer.end
    assert len(a.quotes) == 2  # "We said that …" inside the quote stays the prosecutor's words


def test_it_is_up_to_the_one_the_adjective_names(run):
    text, a = run("Since I sat on the board, it is right for me to say that the report was delayed.\n")
    q = indirect(a, text, "the report was delayed", "me", "to say")  # not the "it"
    assert q.speaker.start == text.index("me to say")


def test_the_most_they_could_say_was_a_report(run):
    text, a = run("The best that the inspectors could say was that the bridge was safe for cars.\n")
    indirect(a, text, "the bridge was safe for cars", "the inspectors", "could say")  # not "that the inspectors"
    assert len(a.quotes) == 1


def test_a_participle_on_a_noun_reports_for_a_document_or_a_person_not_for_evidence(run):
    text, a = run(
        "In the survey we found evidence suggesting that most drivers ignore the limit. "
        "Reporters quoted a spokesman saying that the talks had failed.\n"
    )
    indirect(a, text, "most drivers ignore the limit", "we", "suggesting")  # evidence does not speak
    indirect(a, text, "the talks had failed", "a spokesman", "saying")


def test_a_so_called_word_in_marks_is_a_label_not_a_quote(run):
    text, a = run('The utility said it would install so-called "smart" meters in every home.\n')
    [q] = a.quotes  # the marks inside the reported clause do not make it mixed
    content = 'it would install so-called "smart" meters in every home'
    assert (q.kind, q.start, q.end, q.text) == ("indirect", *at(text, content), content)
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "The utility"), "The utility")


def test_said_why_is_reported_said_where_is_not(run):
    text, a = run(
        "The council explained in a letter and said why the road was closed. "
        "She left the room, and nobody said where she went.\n"
    )
    indirect(a, text, "why the road was closed", "The council", "said")
    assert len(a.quotes) == 1  # "where she went" may be a place adverbial: left alone


def test_a_quoted_headline_with_its_source_inside_the_marks(run):
    text, a = run('"Ferry fares to rise in spring, says operator" — Harbour News, May 2, 2019\n')
    [q] = a.quotes
    words = "Ferry fares to rise in spring"
    assert (q.kind, q.start, q.end, q.text) == ("direct", *at(text, words), words)
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "operator"), "operator")
    assert (q.cue.start, q.cue.end, q.cue.text) == (*at(text, "says"), "says")


def test_a_quote_from_someone_before_a_colon(run):
    text, a = run('The judge then read out a passage from Lord Amberley:\n\n"A promise made in haste is still a promise."\n')
    [q] = a.quotes
    words = "A promise made in haste is still a promise."
    assert (q.kind, q.start, q.end, q.text) == ("direct", *at(text, words), words)
    assert (q.speaker.start, q.speaker.end, q.speaker.text) == (*at(text, "Lord Amberley"), "Lord Amberley")
    assert q.cue.text == "passage from"  # the judge reads it; Lord Amberley's are the words
