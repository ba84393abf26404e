"""Wirelens never damages what is not its own: cache folders, -o targets, temp files, signals.

Each rule is tried on inputs beyond the repro it came from: foreign folders and
links for `cache clear`, every kind of file system entry for `-o`, and real
signals (SIGTERM, SIGINT to the parent alone, Ctrl+C to the whole group) for a
run that is writing.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tui import tempfiles
from tui.analysis import Analysis, Article, Entity, Mention, ModelInfo
from tui.cache import MARKER, Cache, CacheError
from tui.export import OutputError, write_atomic
from tui.export.output import classify

from conftest import ROOT, SEED
from conftest import run_cli as run

KEY = "ab" + "c" * 62
MODEL = ModelInfo("en_core_web_sm", "3.8.0")


def analysis(text="Talks\n\nZhai met Putin.") -> Analysis:
    ent = Entity("E1", "Zhai", "PERSON", 1.0, (Mention(7, 11, "Zhai"),))
    return Analysis(Article("a.txt", text, "Talks"), MODEL, (ent,))


def tree(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` (not followed), with its content or target."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(folder))
            if p.is_symlink():
                out[rel] = "-> " + os.readlink(p)
            elif p.is_file():
                out[rel] = p.read_text(errors="replace")
    return out


# ---- 1. cache clear deletes only what it wrote ------------------------------------------------


def test_clear_refuses_a_folder_it_did_not_create(tmp_path):
    project = tmp_path / "proj"
    (project / ".config").mkdir(parents=True)
    (project / "package.json").write_text("{}")
    (project / ".config" / "settings.json").write_text('{"a": 1}')
    (project / "ab").mkdir()
    (project / "ab" / f"{KEY}.json").write_text("looks like ours, but the folder is not")
    before = tree(project)
    r = run("cache", "clear", cache_dir=project)
    assert r.returncode == 2
    assert r.stderr == f"wirelens: {project}: not a Wirelens cache (it has no {MARKER} of ours); nothing removed\n"
    assert tree(project) == before


def test_clear_removes_only_its_own_entries_and_follows_no_link(tmp_path):
    cache_dir = tmp_path / "cache"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / f"{KEY}.json").write_text("precious")
    (outside / "cd" / "x").mkdir(parents=True)
    cache = Cache(cache_dir)
    assert cache.put(analysis()) and cache.put(analysis("Other\n\nZhai met Xi."))
    shard = next(p for p in cache_dir.iterdir() if p.is_dir())
    foreign = {
        "notes.json": "mine",  # top level, not a shard
        f"{shard.name}/README.json": "mine",  # in a shard, not our name
        f"{shard.name}/{shard.name}{'0' * 62}.json.bak": "mine",
        f"{shard.name}/{'ff'}{'0' * 62}.json": "wrong shard for its name",
        f"{shard.name}/{shard.name.upper()}{'A' * 62}.json": "upper case is not ours",
    }
    for rel, text in foreign.items():
        (cache_dir / rel).write_text(text)
    os.symlink(outside, cache_dir / "cd")  # a shard-named link to another folder
    os.symlink(outside / f"{KEY}.json", shard / f"{shard.name}{'1' * 62}.json")  # an entry-named link
    assert cache.clear() == 2
    after = tree(cache_dir)
    for rel, text in foreign.items():
        assert after[rel] == text
    assert after["cd"] == f"-> {outside}"
    assert (outside / f"{KEY}.json").read_text() == "precious"
    assert (cache_dir / MARKER).is_file()
    assert sorted(p.name for p in shard.iterdir()) == sorted(
        [Path(r).name for r in foreign if r.startswith(shard.name)] + [f"{shard.name}{'1' * 62}.json"]
    )


def test_clear_of_a_missing_folder_removes_nothing(tmp_path):
    assert Cache(tmp_path / "none").clear() == 0
    assert not (tmp_path / "none").exists()


def test_a_marker_that_is_a_link_is_not_ours(tmp_path):
    elsewhere = tmp_path / "tag"
    elsewhere.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# Wirelens\n")
    folder = tmp_path / "c"
    folder.mkdir()
    os.symlink(elsewhere, folder / MARKER)
    (folder / "keep.txt").write_text("x")
    with pytest.raises(CacheError):
        Cache(folder).clear()
    assert Cache(folder).put(analysis()) is False
    assert sorted(p.name for p in folder.iterdir()) == [MARKER, "keep.txt"]


@pytest.mark.parametrize(
    "content, adopted",
    [({}, True), ({"ab": None, f"ab/{KEY}.json": "{}"}, True), ({"notes.txt": "x"}, False),
     ({"ab": None, "ab/x.json": "{}"}, False)],
    ids=["empty", "only-our-entries", "a-foreign-file", "a-foreign-entry"],
)
def test_put_writes_only_into_a_folder_that_is_or_can_be_ours(tmp_path, content, adopted):
    folder = tmp_path / "c"
    folder.mkdir()
    for rel, text in content.items():
        if text is None:
            (folder / rel).mkdir()
        else:
            (folder / rel).write_text(text)
    before = tree(folder)
    assert Cache(folder).put(analysis()) is adopted
    if adopted:
        assert (folder / MARKER).read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
        assert Cache(folder).get(analysis().article, MODEL) is not None
    else:
        assert tree(folder) == before


def test_a_new_cache_folder_is_created_and_marked(tmp_path):
    folder = tmp_path / "deep" / "cache"
    assert Cache(folder).put(analysis())
    assert (folder / MARKER).is_file()


def test_cache_dir_with_a_tilde_is_the_home_folder(tmp_path, monkeypatch):
    from tui.cache import default_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("WIRELENS_CACHE_DIR", "~/wl-cache")
    assert default_dir() == tmp_path / "wl-cache"


# ---- 2. -o writes files atomically, streams in place, and refuses the rest --------------------


def test_dev_null_stays_a_device(tmp_path):
    r = run("extract", SEED, "-o", "/dev/null", cache_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_link_to_dev_null_stays_a_link_to_the_device(tmp_path):
    link = tmp_path / "null-link"
    os.symlink("/dev/null", link)
    write_atomic(link, "text")
    assert os.readlink(link) == "/dev/null" and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_link_to_a_file_keeps_the_link_and_updates_the_file(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    os.symlink(real, link)
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_stdout_aliases_write_to_stdout(tmp_path):
    r = run("extract", SEED, "-o", "/dev/stdout", "-f", "md", cache_dir=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("# Chinese Mideast envoy")


@pytest.mark.parametrize(
    "target, message",
    [
        ("", "-o: the output file name is empty"),
        ("   ", "-o: the output file name is empty"),
        ("{tmp}", "{tmp}: is a folder; give a file name"),
        ("{tmp}/no/such/out.json", "{tmp}/no/such/out.json: no such folder"),
        ("/dev/wirelens-no-such-disk", "/dev/wirelens-no-such-disk: is in a system folder of devices; write to a file elsewhere"),
        ("/dev/zero", "/dev/zero: is a device, not a file; write to a file, a FIFO, /dev/null or - (stdout)"),
    ],
    ids=["empty", "blank", "folder", "missing-folder", "new-path-in-dev", "char-device"],
)
def test_what_is_neither_file_nor_stream_is_refused_before_any_work(tmp_path, target, message):
    target = target.format(tmp=tmp_path)
    started = time.monotonic()
    r = run("extract", SEED, "-o", target, cache_dir=tmp_path / "c")
    assert r.returncode == 2
    assert r.stderr == f"wirelens: {message.format(tmp=tmp_path)}\n"
    assert not os.path.exists("/dev/wirelens-no-such-disk")
    assert not (tmp_path / "c").exists(), "refused before the analysis ran"
    assert time.monotonic() - started < 60


# ---- 2b. -o never replaces an article the run reads ------------------------------------------


@pytest.mark.parametrize("command", ["extract", "corpus"])
def test_output_over_an_input_article_is_refused_before_any_work(tmp_path, command):
    folder = tmp_path / "news"
    folder.mkdir()
    story = folder / "story.txt"
    story.write_text("Zhai Jun landed in Qatar on Sunday.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(story)
    before = tree(tmp_path)
    tail = "; write the facts to another file"
    cases = [
        ([story], story, f"{story}: is an article being read{tail}"),
        ([folder], story, f"{story}: is an article being read (in {folder}){tail}"),
        ([tmp_path / "link.txt"], story, f"{story}: is an article being read (as {tmp_path}/link.txt){tail}"),
        ([SEED, story], f"{folder}/../news/story.txt",
         f"{folder}/../news/story.txt: is an article being read (as {story}){tail}"),
    ]
    for paths, target, message in cases:
        r = run(command, *paths, "-o", target, cache_dir=tmp_path / "c")
        assert (r.returncode, r.stderr) == (2, f"wirelens: {message}\n")
    assert tree(tmp_path) == before, "the article is intact and no analysis ran"


def test_output_beside_the_articles_that_is_not_one_of_them_is_written(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text("Zhai Jun landed in Qatar on Sunday.\n", encoding="utf-8")
    old_export = folder / "story.facts.md"  # a folder skips its own exports: not an article of it
    old_export.write_text("# old\n", encoding="utf-8")
    for target in (old_export, folder / "new.json"):
        r = run("extract", folder, "-o", target, cache_dir=tmp_path / "c")
        assert r.returncode == 0, r.stderr
    assert old_export.read_text(encoding="utf-8").startswith(f"# story.txt\n\nSource: `{folder}/story.txt`")  # .md
    assert json.loads((folder / "new.json").read_text(encoding="utf-8"))["source"]["path"] == f"{folder}/story.txt"


def test_output_over_the_file_standard_input_reads_is_refused(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Zhai Jun landed in Qatar on Sunday.\n", encoding="utf-8")
    with story.open("rb") as stdin:
        r = run("extract", "-", "-o", story, cache_dir=tmp_path / "c", stdin=stdin)
    assert (r.returncode, r.stderr) == (
        2, f"wirelens: {story}: is an article being read (as standard input); write the facts to another file\n")
    assert story.read_text(encoding="utf-8") == "Zhai Jun landed in Qatar on Sunday.\n"


def test_a_read_only_file_is_not_replaced(tmp_path, monkeypatch):
    import tui.export.output as output

    keep = tmp_path / "keep.json"
    keep.write_text("PRECIOUS\n", encoding="utf-8")
    keep.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything: judge by the mode bits, as for a user
        monkeypatch.setattr(output.os, "access", lambda p, mode: bool(os.stat(p).st_mode & 0o222))
    message = f"{keep}: is read-only; write to another file or make it writable"
    with pytest.raises(OutputError) as err:
        classify(str(keep))
    assert str(err.value) == message
    with pytest.raises(OutputError):
        write_atomic(keep, "REPLACED\n")
    assert keep.read_text(encoding="utf-8") == "PRECIOUS\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


def test_read_from_names_the_input_that_reads_a_file(tmp_path):
    from tui.sources import read_from

    story = tmp_path / "story.txt"
    story.write_text("text", encoding="utf-8")
    notes = tmp_path / "README.md"
    notes.write_text("notes", encoding="utf-8")
    assert read_from([str(tmp_path)], str(story)) == str(tmp_path)
    assert read_from(["-", "https://example.com/story.txt", str(story)], str(story)) == str(story)
    assert read_from([str(tmp_path)], str(notes)) is None  # a folder does not read its README
    assert read_from([str(story)], str(tmp_path / "new.txt")) is None  # not there yet
    assert read_from(["-", "", str(tmp_path / "gone.txt")], str(story)) is None


def test_a_block_device_is_refused():
    disks = [e.path for e in os.scandir("/dev") if stat.S_ISBLK(os.stat(e.path, follow_symlinks=False).st_mode)]
    if not disks:
        pytest.skip("no block device here")
    with pytest.raises(OutputError, match="is a device, not a file"):
        classify(disks[0])


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_stale_temp_files_of_ended_runs_are_swept_and_nothing_else(tmp_path):
    dead = tmp_path / f".out.json{tempfiles.TAG}{dead_pid()}-abc123.tmp"
    live = tmp_path / f".out.json{tempfiles.TAG}{os.getppid()}-abc123.tmp"
    # a pid dead here, but written a moment ago: another container's or machine's writer
    recent = tmp_path / f".out.json{tempfiles.TAG}{dead_pid()}-fresh1.tmp"
    lookalikes = [".out.json.tmp", "out.json.wirelens-1-x.tmp", f".x{tempfiles.TAG}notapid-x.tmp"]
    old = time.time() - tempfiles.STALE_SECONDS - 5
    for p in [dead, live, recent, *(tmp_path / n for n in lookalikes)]:
        p.write_text("left over")
        if p != recent:
            os.utime(p, (old, old))
    linked = tmp_path / f".y{tempfiles.TAG}{dead_pid()}-zz.tmp"
    os.symlink(tmp_path / "target.txt", linked)
    (tmp_path / "target.txt").write_text("keep")
    write_atomic(tmp_path / "out.json", "fresh")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert dead.name not in names
    assert recent.name in names, "a temp file still being written may be another pid namespace's"
    assert live.name in names and linked.name in names  # we never write links: one with our name is not ours
    assert (tmp_path / "target.txt").read_text() == "keep"
    assert all(n in names for n in lookalikes)
    assert (tmp_path / "out.json").read_text() == "fresh"


# ---- 3. signals end a run cleanly --------------------------------------------------------------


@pytest.fixture(scope="module")
def folder_of_copies(tmp_path_factory):
    """Enough articles that a run is still busy when the test signals it."""
    folder = tmp_path_factory.mktemp("copies")
    text = SEED.read_text(encoding="utf-8")
    for i in range(150):
        (folder / f"a{i:03}.txt").write_text(f"{text}\nCopy {i}.\n", encoding="utf-8")
    return folder


def start(args, tmp_path, **kw):
    env = dict(os.environ, WIRELENS_CACHE_DIR=str(tmp_path / "cache"))
    return subprocess.Popen(
        [sys.executable, "-m", "tui", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=ROOT, env=env, **kw,
    )


def wait_for(cond, timeout=120.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if tempfiles.owner(p.name) is not None]


@pytest.mark.slow
def test_sigterm_during_an_export_leaves_no_temp_file(tmp_path, folder_of_copies):
    out = tmp_path / "out" / "facts.jsonl"
    out.parent.mkdir()
    proc = start(["extract", folder_of_copies, "--no-cache", "-o", out], tmp_path)
    assert wait_for(lambda: temps(out.parent)), "the export never started writing"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert err == "wirelens: terminated\n"
    assert list(out.parent.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("group", [False, True], ids=["parent-alone", "ctrl-c-to-the-group"])
def test_sigint_with_two_jobs_ends_cleanly(tmp_path, folder_of_copies, group):
    out = tmp_path / "facts.jsonl"
    proc = start(["extract", folder_of_copies, "--no-cache", "--jobs", "2", "-o", out], tmp_path, start_new_session=True)
    assert wait_for(lambda: len(children(proc.pid)) >= 2), "the workers never started"
    workers = children(proc.pid)
    time.sleep(0.5)
    if group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)  # it used to hang here for good
    assert proc.returncode == 130
    assert err == "wirelens: interrupted\n"
    assert not out.exists() and temps(tmp_path) == []
    assert wait_for(lambda: not any(Path(f"/proc/{w}").exists() and _not_zombie(w) for w in workers), 10)


@pytest.mark.slow
def test_kill_9_of_a_two_job_run_leaves_no_worker(tmp_path, folder_of_copies):
    out = tmp_path / "facts.jsonl"
    proc = start(["extract", folder_of_copies, "--no-cache", "--jobs", "2", "-o", out], tmp_path, start_new_session=True)
    assert wait_for(lambda: len(children(proc.pid)) >= 2), "the workers never started"
    workers = children(proc.pid)
    time.sleep(0.5)
    proc.kill()  # the parent alone, as the OOM killer would: no handler of ours runs
    try:
        proc.communicate(timeout=30)  # the workers held its pipes open for ever
        assert wait_for(lambda: not any(_not_zombie(w) for w in workers), 10), "a worker outlived its parent"
    finally:
        for w in workers:
            with contextlib.suppress(OSError):
                os.kill(w, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_only_a_process_forked_inside_tied_dies_with_its_parent(tmp_path):
    script = """if True:
        import multiprocessing, os, sys, time
        sys.path.insert(0, sys.argv[1])
        from tui.nlp.workers import tied
        fork = multiprocessing.get_context("fork")
        outside = fork.Process(target=time.sleep, args=(60,))
        outside.start()
        with tied():
            inside = fork.Process(target=time.sleep, args=(60,))
            inside.start()
        print(inside.pid, outside.pid, flush=True)
        time.sleep(60)
    """
    middle = subprocess.Popen([sys.executable, "-c", script, str(ROOT)], stdout=subprocess.PIPE, text=True)
    inside, outside = map(int, middle.stdout.readline().split())
    try:
        assert _not_zombie(inside) and _not_zombie(outside)
        middle.kill()
        middle.wait(timeout=10)
        assert wait_for(lambda: not _not_zombie(inside), 10), "the worker forked inside tied() outlived its parent"
        time.sleep(0.3)
        assert _not_zombie(outside), "a process forked outside tied() is not touched"
    finally:
        for pid in (inside, outside):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _not_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.slow
def test_a_finished_run_still_exits_zero_with_two_jobs(tmp_path, folder_of_copies):
    files = sorted(folder_of_copies.iterdir())[:3]
    r = run("extract", *files, "--no-cache", "--jobs", "2", cache_dir=tmp_path)
    assert r.returncode == 0 and r.stderr == ""
    assert [json.loads(line)["source"]["path"] for line in r.stdout.splitlines()] == [str(f) for f in files]


def test_the_explorer_with_stdout_closed_is_one_line(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "tui", str(SEED)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        cwd=ROOT, env=dict(os.environ, WIRELENS_CACHE_DIR=str(tmp_path)), timeout=60, preexec_fn=lambda: os.close(1),
    )
    assert r.returncode == 2
    assert r.stderr == "wirelens: standard output is closed; the explorer draws there (wirelens extract works without it)\n"
