"""The Corpus screen (`c`), on fixed Analyses of two articles that both name Zhai Jun."""

from __future__ import annotations

from app_fixtures import Gate, palette_search, second_analysis, seed_analysis

from tui.analysis import Article
from tui.app import WirelensApp
from tui.app.corpus_view import CorpusScreen
from tui.app.articles import ArticleList

SIZE = (140, 40)


def two_article_app(**kw) -> WirelensApp:
    a, b = seed_analysis(), second_analysis()
    app = WirelensApp([a.article, b.article], analyses={a.article.path: a, b.article.path: b}, **kw)
    app.animation_level = "none"
    return app


def rows(screen: CorpusScreen, which: str) -> list[str]:
    options = screen.query_one(f"#corpus-{which}").options
    return [" ".join(str(o.prompt).split()) for o in options]


def highlighted(screen: CorpusScreen, which: str) -> str:
    lst = screen.query_one(f"#corpus-{which}")
    return " ".join(str(lst.get_option_at_index(lst.highlighted).prompt).split())


async def test_c_lists_entities_across_articles_and_what_each_said_and_did():
    app = two_article_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        assert str(screen.query_one("#corpus-status").render()) == "Corpus · 29 entities in 2 of 2 articles"
        assert rows(screen, "entities")[:3] == [
            "Zhai Jun person 2 articles 7×",
            "Antony Blinken person 2 articles 5×",
            "Doha place 2 articles 4×",
        ]
        facts = rows(screen, "facts")
        assert facts[0].startswith("Chinese Mideast envoy calls for rights guarantees for Pales")
        assert facts[0].endswith("· 5 mentions")
        assert [f.split()[0] for f in facts[1:4]] == ["said", "said", "did"]
        assert facts[4] == "Blinken meets Zhai · 2023-10-20 · 2 mentions"
        assert facts[5] == "named only (Enter shows its mentions)"
        await pilot.press("j")  # the next entity: its own facts
        await pilot.pause()
        assert highlighted(screen, "entities") == "Antony Blinken person 2 articles 5×"
        assert rows(screen, "facts")[1].startswith("did")
        await pilot.press("j")  # Doha: the place of Blinken's meeting, not its doer
        await pilot.pause()
        assert rows(screen, "facts")[1].startswith("to it")


async def test_enter_on_a_fact_opens_its_article_with_it_selected_and_esc_comes_back():
    app = two_article_app()
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(ArticleList).highlighted = 1  # the reader is on the second article
        app.show_article(1)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # into Zhai Jun's facts
        await pilot.pause()
        await pilot.press("j")  # said Q1 -> said Q2
        await pilot.pause()
        assert highlighted(app.screen, "facts").startswith("said")
        assert app.screen.place.fact == "0:Q2", app.screen.place
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CorpusScreen)
        assert app.current == 0
        assert app.selected_fact is not None and app.selected_fact.id == "Q2"
        assert app.check_action("back_to_corpus", ()) is True  # the footer offers "esc Back to corpus"
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        assert highlighted(screen, "entities").startswith("Zhai Jun")
        assert screen.query_one("#corpus-facts").has_focus
        assert screen.place.fact == "0:Q2"
        await pilot.press("escape")  # closes it; Esc is no longer "back to corpus"
        await pilot.pause()
        assert not isinstance(app.screen, CorpusScreen)
        assert app.check_action("back_to_corpus", ()) is False


async def test_the_named_only_row_opens_the_article_on_the_entity():
    app = two_article_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("G", "enter")  # Zhai Jun in the second article
        await pilot.pause()
        assert app.current == 1
        assert app.selected_fact is not None and app.selected_fact.id == "E2"


async def test_one_article_has_no_corpus_key_and_the_palette_opens_it_with_two():
    a = seed_analysis()
    app = WirelensApp([a.article], analyses={a.article.path: a})
    async with app.run_test(size=SIZE) as pilot:
        assert app.check_action("corpus", ()) is False
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, CorpusScreen)
    app = two_article_app()
    async with app.run_test(size=SIZE) as pilot:
        prompts = await palette_search(app, pilot, "corpus", lambda p: p.startswith("Corpus"))
        assert prompts[0] == "Corpus\nEntities across all open articles: what each said and did"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)


def gated_app() -> tuple[WirelensApp, Gate]:
    """Two articles, the second still being analysed until the gate is released."""
    a, b = seed_analysis(), second_analysis()
    gate = Gate({b.article.path: b})
    return WirelensApp([a.article, b.article], analyses={a.article.path: a}, analyser=gate), gate


async def release_and_wait(gate: Gate, screen: CorpusScreen, pilot) -> str:
    """Let the second analysis finish; the status line once it has joined."""
    gate.release.set()
    for _ in range(40):
        await pilot.pause(0.05)
        if "2 of 2" in str(screen.query_one("#corpus-status").render()):
            break
    return str(screen.query_one("#corpus-status").render())


async def test_articles_not_analysed_yet_join_as_they_finish():
    app, gate = gated_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        status = str(screen.query_one("#corpus-status").render())
        assert status.startswith("Corpus · ") and "in 1 of 2 articles · analysing" in status
        assert rows(screen, "entities")[0] == "Israel place 1 article 10×"
        assert await release_and_wait(gate, screen, pilot) == "Corpus · 29 entities in 2 of 2 articles"
        assert highlighted(screen, "entities") == "Zhai Jun person 2 articles 7×"  # not moved: the first row


async def test_a_row_the_reader_picked_stays_picked_when_more_articles_join():
    app, gate = gated_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause(0.2)
        screen = app.screen
        await pilot.press("j", "j")
        await pilot.pause()
        assert highlighted(screen, "entities") == "China place 1 article 6×"
        await release_and_wait(gate, screen, pilot)
        assert rows(screen, "entities")[0] == "Zhai Jun person 2 articles 7×"
        assert highlighted(screen, "entities") == "China place 1 article 6×"


class BatchAnalyser:
    """An analyser with the batch path the model's has (`many`): records the jobs it was given."""

    def __init__(self, results: dict, bad: str | None = None) -> None:
        self.results, self.bad, self.calls = results, bad, []

    def __call__(self, article, *, progress, cancelled):  # the article on screen, as usual
        return self.results.get(article.path)

    def many(self, articles, *, cancelled, jobs):
        self.calls.append(([a.path for a in articles], jobs))
        for a in articles:
            yield a, (ValueError("no words to read") if a.path == self.bad else self.results[a.path])


async def test_the_corpus_screen_analyses_the_folder_in_one_batch_with_the_apps_jobs():
    a, b = seed_analysis(), second_analysis()
    bad = Article(path="seeds/bad.txt", text="Nothing here.\n")
    analyser = BatchAnalyser({b.article.path: b}, bad=bad.path)
    app = WirelensApp([a.article, b.article, bad], analyses={a.article.path: a}, analyser=analyser)
    app.jobs = 3  # as `wirelens --jobs 3` sets it
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        for _ in range(100):
            await pilot.pause(0.02)
            if "2 of 3" in str(screen.query_one("#corpus-status").render()):
                break
        assert analyser.calls == [([b.article.path, bad.path], 3)]
        assert str(screen.query_one("#corpus-status").render()) == \
            "Corpus · 29 entities in 2 of 3 articles · 1 unreadable (skipped)"
        assert app.errors == {bad.path: "no words to read"}


async def test_a_big_folder_is_merged_off_the_ui_thread_and_the_keys_go_on(monkeypatch):
    import threading

    from tui.app import corpus_view

    merged_on: list[str] = []
    from tui import corpus

    real_merge = corpus.merge

    def merge(analyses):
        merged_on.append(threading.current_thread().name)
        return real_merge(analyses)

    monkeypatch.setattr(corpus_view, "MERGE_IN_THREAD", 1)
    monkeypatch.setattr(corpus, "merge", merge)  # the screen imports it when it first merges
    app, gate = gated_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        screen = app.screen
        for _ in range(100):
            await pilot.pause(0.02)
            if rows(screen, "entities"):
                break
        assert rows(screen, "entities")[0] == "Israel place 1 article 10×"
        await pilot.press("j")
        assert await release_and_wait(gate, screen, pilot) == "Corpus · 29 entities in 2 of 2 articles"
        assert merged_on and threading.main_thread().name not in merged_on


async def test_long_lists_are_given_a_window_at_a_time_and_every_row_can_be_reached(monkeypatch):
    from tui.app import corpus_view

    monkeypatch.setattr(corpus_view, "ROWS_AT_ONCE", 4)
    app = two_article_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        entities = screen.query_one("#corpus-entities")
        assert entities.option_count == 4  # a window of the 29 rows
        await pilot.press("j", "j", "j")
        assert entities.option_count > 4  # near its end: more rows
        await pilot.press("G")  # the last row of all, not of the window
        await pilot.pause()
        assert entities.option_count == 29 and entities.highlighted == 28
        await pilot.press("g", "tab")  # Zhai Jun's facts: 6 rows, given 4 first
        await pilot.pause()
        facts = screen.query_one("#corpus-facts")
        assert facts.has_focus and facts.option_count == 4, (app.focused, facts.option_count)
        seen = []
        for _ in range(3):  # past the second article's heading (OptionList wraps at the end)
            await pilot.press("j")
            seen.append((facts.highlighted, facts.option_count))
        assert facts.option_count == 6, seen
        assert highlighted(screen, "facts") == "named only (Enter shows its mentions)", seen


def test_two_rows_of_one_name_get_two_ids():
    from tui.app.corpus_view import CorpusScreen
    from tui.corpus import CorpusEntity

    rows = [CorpusEntity(f"c{i}", "Biden", "PERSON", ("Biden",), ()) for i in (1, 2)]
    assert CorpusScreen._keys(rows) == ["PERSON:Biden", "PERSON:Biden#2"]


async def test_reopening_the_corpus_mid_batch_queues_nothing_twice():
    import threading

    a, b, c = seed_analysis(), second_analysis(), second_analysis()
    third = Article(path="seeds/third.txt", text=c.article.text, title="Third", date=c.article.date)
    results = {b.article.path: b, third.path: c}
    release = threading.Event()
    asked: list[str] = []

    class ReadingAhead(BatchAnalyser):
        def many(self, articles, *, cancelled, jobs):  # as the child's batch: takes several, answers later
            taken = list(articles)
            asked.extend(x.path for x in taken)
            release.wait(10)
            for x in taken:
                yield x, self.results[x.path]

    app = WirelensApp([a.article, b.article, third], analyses={a.article.path: a}, analyser=ReadingAhead(results))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause(0.3)
        status = lambda: str(app.screen.query_one("#corpus-status").render())  # noqa: E731
        assert status().endswith("in 1 of 3 articles · analysing 0 of 2")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause(0.3)
        assert status().endswith("in 1 of 3 articles · analysing 0 of 2"), "the two in hand were queued again"
        release.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if "3 of 3" in status():
                break
        assert status().startswith("Corpus · ") and status().endswith("in 3 of 3 articles")
    assert sorted(asked) == sorted([b.article.path, third.path])
