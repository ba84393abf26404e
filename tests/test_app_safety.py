"""Issue 13 in the explorer: article text is never markup, emoji joiners do not move the
borders, and SIGTERM/SIGHUP/SIGINT restore the terminal like `q`.

The markup tests walk every screen with a title, a file name, an entity name, a quote and
an error message full of `[`, `]`, `[/]`, `[bold]`, `[@click=app.quit]` and `[link=x]`,
and read back what is drawn: the exact raw text must be on screen, not just "no crash".
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette

from tui.analysis import Analysis, Article, Entity, Event, Mention, ModelInfo, Quote, Span
from tui.app import WirelensApp
from tui.app.export_dialog import ExportScreen
from tui.app.help import HelpScreen
from tui.export import fact_markdown
from tui.app.labels import display_text, one_line
from tui.sources import SourceError

SIZE = (160, 45)

NAME = "Joe Biden[/]Jr"  # the name of issue 13: `[/]` closes nothing
FORM = "Biden[/] [bold]Sr"  # another form of it, in the palette's help line: `[/]` again
SAID = "[bold]hi[/] [@click=app.quit]x[/] [link=x]y[/link] a]b[c"
TITLE = "[b]Wire[/b] [@click=app.quit]q[/] [link=x]T[/link]"
# A file name cannot hold "/", so `[/]` goes in the folder's names.
PATH = "f[/]/[b]x[@click=app.quit]y].txt"
BAD_PATH = "b[/]/[link=x]bad[@click=app.quit]q.txt"
BAD_NAME = BAD_PATH.rsplit("/", 1)[1]
BAD_REASON = "cannot decode [bold]it[/] [/]"
FAILURE = "model [@click=app.quit]broke[/] at [/]"


def hostile_analysis() -> Analysis:
    text = (f"{NAME} said “{SAID}” in [Dover].\n\n"
            f"Later {FORM} left [link=x]town[/link] and {NAME} waved.\n")
    article = Article(path=PATH, text=text, title=TITLE, date="2024-01-02")

    def at(s: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return i, i + len(s)

    n1, n2, form, dover = at(NAME), at(NAME, 1), at(FORM), at("[Dover]")
    entities = (
        Entity("E1", NAME, "PERSON", 0.9, (Mention(*n1, NAME), Mention(*form, FORM), Mention(*n2, NAME))),
        Entity("E2", "[Dover]", "GPE", 0.5, (Mention(*dover, "[Dover]"),)),
    )
    q = at(SAID)
    said = at("said")
    quotes = (Quote("Q1", "direct", *q, SAID, Span(*n1, NAME, "E1"), Span(*said, "said")),)
    left = at("left")
    town = at("[link=x]town[/link]")
    events = (Event("V1", *left, "left", "leave", (0, len(text)), Span(*form, FORM, "E1"),
                    Span(*town, "[link=x]town[/link]")),)
    return Analysis(article, ModelInfo("m", "1"), entities, quotes, events)


def failing_analyser(article, *, progress, cancelled):
    progress("Analysing…")
    raise ValueError(FAILURE)


def screen_lines(app) -> list[str]:
    """The text of every row drawn on the screen now (modal screens included)."""
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


def on_screen(app) -> str:
    return "\n".join(screen_lines(app))


async def wait_for(pilot, condition, tries: int = 60) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def palette_prompts(app) -> list[str]:
    return [o.prompt.plain for o in app.screen.query_one("CommandList").options]


async def test_markup_in_every_screen_and_the_palette_is_shown_raw(tmp_path, monkeypatch):
    """Title, file name, names, quotes and errors full of markup: each is drawn exactly as
    written on every screen, and `[@click=app.quit]` never quits."""
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    analysis = hostile_analysis()
    failing = Article(path="feeds/fails.txt", text="Some text [/] here.\n", title="Fails [/]")
    sources = [analysis.article, SourceError(BAD_PATH, BAD_REASON), failing]
    app = WirelensApp(sources, analyses={PATH: analysis}, analyser=failing_analyser, cache=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = on_screen(app)
        # The header (title, path), the articles list (title, the bad file's name), the article.
        header = app.query_one("#article-header").render().plain
        assert TITLE in header and PATH in header
        assert TITLE in screen and PATH in screen
        assert [o.prompt.plain for o in app.query_one("#articles").options][:2] == [
            TITLE[:29] + "…", f"✗ {BAD_NAME}\n{BAD_REASON}"]  # the title as written, cut to 30
        assert f"✗ {BAD_NAME[:20]}" in screen  # the list is narrow: clipped with "…"
        view = app.article_view
        drawn = [view.render_line(y) for y in range(len(view.lines))]
        assert "".join(seg.text for strip in drawn for seg in strip).split() == analysis.article.text.split()
        assert f"{NAME} said “[bold]hi[/] [@click=app.quit]x[/]" in screen
        # Every panel row, as built and as drawn.
        rows = {p.kind: [o.prompt.plain for o in p.list.options] for p in app.panels}
        assert rows == {
            "entities": ["People", f"{NAME} 3", "Places", "[Dover] 1"],  # a heading above each group
            "quotes": [f"{NAME}: “{SAID}”"],
            "events": [f"{NAME} left [link=x]town[/link]"],  # FORM is a form of NAME: named by it
        }
        for kind_rows in rows.values():
            for row in kind_rows:
                assert row[:30] in screen, row

        # The palette: discovery hits, then a query, its hits and their help lines.
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await wait_for(pilot, lambda: any(NAME in p for p in palette_prompts(app)))
        await pilot.press(*"biden")
        await wait_for(pilot, lambda: any(p.startswith(f"Entity: {NAME}") for p in palette_prompts(app)))
        hit = next(p for p in palette_prompts(app) if p.startswith(f"Entity: {NAME}"))
        assert hit == f"Entity: {NAME} 3\nPerson · 3 mentions · also “{FORM}”"
        assert any(p.startswith(f"Quote: {NAME}: “{SAID}”") for p in palette_prompts(app))
        palette = on_screen(app)
        assert f"Entity: {NAME} 3" in palette and f"Person · 3 mentions · also “{FORM}”" in palette
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.selected_fact is analysis.entities[0]

        # Copy: the notification names the fact as written.
        await pilot.press("y")
        await pilot.pause()
        assert copied == [fact_markdown(analysis, analysis.entities[0])]
        toast = app._notifications and list(app._notifications)[-1]
        assert toast.message.startswith(f"Copied {NAME} as Markdown")
        await wait_for(pilot, lambda: f"Copied {NAME} as Markdown" in on_screen(app))
        app.select_fact("Q1")
        await pilot.press("y")
        await pilot.pause()
        assert list(app._notifications)[-1].message.startswith(f"Copied quote by {NAME} as Markdown")

        # The filter: what is typed shows as typed, and matches literally.
        await pilot.press("slash", *"[/]")
        await pilot.pause()
        quotes = app.panel("quotes")
        assert [o.prompt.plain for o in quotes.list.options] == [f"{NAME}: “{SAID}”"]
        await pilot.press("escape")

        # Help.
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Command palette: jump to a fact, switch theme" in on_screen(app)
        await pilot.press("escape")
        await pilot.pause()

        # Export: the article's name, the default path, and an error that names the path.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        name = PATH.rsplit("/", 1)[1]
        export = on_screen(app)
        assert f"Article: {name}" in export
        path_input = app.screen.query_one("#export-path")
        assert path_input.value == f"{name[:-4]}.facts.json"
        assert path_input.value in export
        monkeypatch.chdir(tmp_path)
        folder = "[bold]d[@click=app.quit]x"
        os.mkdir(folder)
        path_input.value = folder
        await pilot.press("enter")
        await pilot.pause()
        assert f"{folder} is a folder; type a file name." in on_screen(app)
        await pilot.press("escape")
        await pilot.pause()

        # The unreadable file, then the article whose analysis fails.
        app.query_one("#articles").highlighted = 1
        await pilot.pause()
        screen = on_screen(app)
        assert app.query_one("#article-header").render().plain == f"✗ {BAD_NAME}\n{BAD_REASON}"
        assert BAD_REASON in screen and "This file could not be read" in screen
        app.query_one("#articles").highlighted = 2
        await wait_for(pilot, lambda: app.panel("entities").state == "error")
        await pilot.pause()
        assert app.panel("entities").status.render().plain == FAILURE
        assert list(app._notifications)[-1].message == FAILURE
        await wait_for(pilot, lambda: FAILURE in on_screen(app))
        assert app.is_running and app.return_code is None


# --- item 10: zero-width joiners ----------------------------------------------------------------

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"  # man ZWJ woman ZWJ girl ZWJ boy


def codepoint_cells(text: str) -> int:
    """The cells a terminal takes that draws each code point on its own (tmux, xterm, VTE)."""
    return sum(cell_len(c) for c in text)


def emoji_analysis() -> Analysis:
    text = (f"The family {FAMILY} came with a\u200db, a heart \u2764\ufe0f and a thumb \U0001F44D\U0001F3FD. "
            f"Later the {FAMILY} left again, {FAMILY} {FAMILY} {FAMILY} {FAMILY}.\n\nMore words here.\n")
    article = Article(path="emoji.txt", text=text, title=None)
    mentions = []
    i = text.find(FAMILY)
    while i >= 0:
        mentions.append(Mention(i, i + len(FAMILY), FAMILY))
        i = text.find(FAMILY, i + 1)
    entities = (Entity("E1", FAMILY, "PERSON", 1.0, tuple(mentions)),
                Entity("E2", "a\u200db", "ORG", 0.5, (Mention(text.index("a\u200db"), text.index("a\u200db") + 3,
                                                              "a\u200db"),)))
    return Analysis(article, ModelInfo("m", "1"), entities)


@pytest.mark.parametrize("size", [SIZE, (60, 20)])
async def test_zwj_emoji_keep_every_border_in_place(size):
    """Every screen row is exactly as wide, by Rich and by a terminal drawing each code point,
    so the article's border cannot move over the Entities panel; the mapping is for display
    only (the copy keeps the joiners)."""
    analysis = emoji_analysis()
    app = WirelensApp([analysis.article], analyses={"emoji.txt": analysis}, cache=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.article_view
        assert view.text == display_text(analysis.article.text) != analysis.article.text
        assert len(view.text) == len(analysis.article.text) and "\u200d" not in view.text
        width = view.scrollable_content_region.width
        for y in range(view.scrollable_content_region.height):
            strip = view.render_line(y)
            text = "".join(seg.text for seg in strip)
            assert strip.cell_length == codepoint_cells(text) == width, (y, text)
        assert any(FAMILY.replace("\u200d", "\u200b") in "".join(s.text for s in view.render_line(y))
                   for y in range(3))
        rows = [o.prompt.plain for o in app.panel("entities").list.options if o.id]
        assert rows == [f"{one_line(FAMILY)} 6", "a\u200bb 1"]
        for _ in range(2):  # with the family's six mentions lit, then without
            lines = screen_lines(app)
            assert len(lines) == size[1]
            for line in lines:
                assert "\u200d" not in line and codepoint_cells(line) == size[0], line
            app.select_fact("E1")
            await pilot.pause()
        app.copy_to_clipboard("")
        await pilot.press("y")
        assert FAMILY in app.clipboard  # what is copied is the article's own text


# --- item 3: SIGTERM and SIGHUP restore the terminal ---------------------------------------------

ALT_SCREEN_ON, ALT_SCREEN_OFF = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE_ON, MOUSE_OFF = b"\x1b[?1000h", b"\x1b[?1000l"


def start_in_a_terminal(tmp_path, piped: bytes | None = None):
    """`python -m tui FILE` on a new pseudo-terminal of 100x30: (pid, master fd); with
    `piped`, `… | python -m tui -` instead: the article on a pipe, the keys on the terminal."""
    import fcntl
    import pty
    import struct
    import termios

    article = tmp_path / "article.txt"
    article.write_text(f"Joe Biden[/]Jr said “[bold]hi[/]” in Dover. The family {FAMILY} came.\n", encoding="utf-8")
    env = dict(os.environ, WIRELENS_CACHE_DIR=str(tmp_path / "cache"), WIRELENS_CONFIG_DIR=str(tmp_path / "config"),
               TERM="xterm-256color", COLUMNS="100", LINES="30")
    env.pop("TEXTUAL", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on the terminal
        try:
            if piped is not None:
                r, w = os.pipe()
                os.write(w, piped)
                os.close(w)
                os.dup2(r, 0)
            os.execve(sys.executable, [sys.executable, "-m", "tui", "-" if piped else str(article)], env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    return pid, fd


def read_until(fd: int, out: bytearray, done, timeout: float) -> None:
    """Read the terminal's output into `out` until `done()` or `timeout` seconds."""
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the app has closed the terminal
                return
            if not data:
                return
            out += data


def wait_exit(pid: int, timeout: float) -> int | None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGINT", "close the terminal"])
def test_sigterm_and_sighup_restore_the_terminal_like_q(tmp_path, how):
    """Killed mid-screen, the app would leave the terminal in the alternate screen with mouse
    reporting on; a signal now ends it as `q` does, and the process exits 128 + the signal."""
    pid, fd = start_in_a_terminal(tmp_path)
    out = bytearray()
    status = None
    try:
        read_until(fd, out, lambda: b"Entities" in out and MOUSE_ON in out, 60)
        assert ALT_SCREEN_ON in out and MOUSE_ON in out, bytes(out[-500:])
        read_until(fd, out, lambda: False, 0.3)  # let it settle on screen
        if how == "close the terminal":
            os.close(fd)  # the kernel sends SIGHUP, as when a terminal window is closed
            fd = -1
        else:
            os.kill(pid, getattr(signal, how))
            read_until(fd, out, lambda: False, 0.1)
        for _ in range(150):  # read what it writes while it exits
            status = wait_exit(pid, 0.1)
            if fd >= 0:
                read_until(fd, out, lambda: False, 0.05)
            if status is not None:
                break
        assert status is not None, "still running 15 s after the signal"
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if fd >= 0:
            if status is not None:
                read_until(fd, out, lambda: False, 0.2)
            os.close(fd)
    assert os.WIFEXITED(status), f"ended by signal {os.WTERMSIG(status)}, not by the app"
    assert os.WEXITSTATUS(status) == 128 + getattr(signal, how, signal.SIGHUP)
    if how != "close the terminal":
        tail = bytes(out[out.rindex(ALT_SCREEN_ON):])
        assert ALT_SCREEN_OFF in tail and MOUSE_OFF in tail[tail.rindex(MOUSE_ON):], tail[-300:]
        assert b"Traceback" not in out


@pytest.mark.parametrize("mounted", [False, True], ids=["before-mount", "after-mount"])
async def test_a_signal_ends_the_app_with_128_plus_it(mounted):
    """A signal before the app is mounted is acted on at mount; after, through the app's loop."""
    article = Article("a.txt", "Some text.")
    app = WirelensApp([article], analyses={article.path: Analysis(article, ModelInfo("m", "1"))})
    previous = signal.getsignal(signal.SIGTERM)
    try:
        if not mounted:
            app._exit_on_signal(signal.SIGTERM)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if mounted:
                assert app.is_running
                app._exit_on_signal(signal.SIGTERM)
            for _ in range(50):
                if not app.is_running:
                    break
                await pilot.pause(0.02)
            assert not app.is_running
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert app.return_code == 128 + signal.SIGTERM


@pytest.mark.slow
def test_an_article_on_stdin_leaves_the_keyboard_to_the_terminal(tmp_path):
    """`cat story.txt | wirelens -`: the keys come from the terminal, so q quits."""
    pid, fd = start_in_a_terminal(tmp_path, piped="Zhai Jun landed in Doha on Thursday.\n".encode())
    out = bytearray()
    status = None
    try:
        read_until(fd, out, lambda: b"Entities" in out and MOUSE_ON in out, 60)
        assert b"Entities" in out, bytes(out[-500:])
        read_until(fd, out, lambda: False, 0.3)
        os.write(fd, b"q")
        for _ in range(100):
            status = wait_exit(pid, 0.1)
            if status is not None:
                break
            read_until(fd, out, lambda: False, 0.05)
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if fd >= 0:
            os.close(fd)
    assert status is not None, "q did not quit: the keys did not reach the app"
    assert os.waitstatus_to_exitcode(status) == 0


def test_an_article_on_stdin_without_any_terminal_is_one_line():
    """No terminal at all (a cron job, a CI step): no keyboard to read, so say what to run."""
    from conftest import run_cli

    r = run_cli("-", input="Zhai Jun landed in Doha.\n", start_new_session=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "wirelens: standard input is not a terminal and there is no /dev/tty to read keys from; "
        "for a pipe use: wirelens extract -"
    ]


QUIT_WHILE_BUSY = """
import threading
from textual import work
from textual.app import App
from tui.app.daemon import run

class Busy(App):
    def on_mount(self):
        self.load()
        self.set_timer(0.2, self.exit)

    @work(thread=True)
    def load(self):
        threading.Event().wait()  # a model load that never ends

run(Busy(), headless=True)
print("returned")
"""


def test_quit_never_waits_for_a_busy_worker():
    """`q` during the model load: the app returns at once, not when spaCy is done."""
    import subprocess

    r = subprocess.run([sys.executable, "-c", QUIT_WHILE_BUSY], capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stdout.strip()) == (0, "returned"), r.stderr[-2000:]
