"""A disk cache of finished analyses, so reopening an article is instant.

Entries are keyed by the text's hash, the article date (it changes resolved
dates), the model's name and version, the Wirelens version and a hash of the
extraction code, so any change that could alter the result misses.

Nothing read from the cache is trusted: an entry is checked against the
contract (`validation`) as strictly as an input file, and one that fails is
ignored and rewritten. Nothing in the folder that is not ours is touched: the
folder is ours only when it holds our CACHEDIR.TAG (written when we create it,
or when we adopt a folder that holds nothing but our entries), and `clear`
removes only entries of our name pattern in our layout, never through a link.
A folder that cannot be written, or is not ours, simply means no cache.
Entries hold the article's whole text, so they are the user's alone (0600 in 0700
folders), and the folder is kept under MAX_BYTES, least recently used first.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import re
from pathlib import Path

from . import __version__, tempfiles
from .analysis import Analysis, Article, ModelInfo
from .config import user_dir

ENV_DIR = "WIRELENS_CACHE_DIR"
MARKER = "CACHEDIR.TAG"
#: The standard tag (bford.net/cachedir), so backup tools skip the folder too.
MARKER_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file marks a Wirelens analysis cache; `wirelens cache clear` empties it.\n"
)
_SHARD = re.compile(r"^[0-9a-f]{2}$")
_ENTRY = re.compile(r"^([0-9a-f]{2})[0-9a-f]{62}\.json$")


class CacheError(OSError):
    """A cache folder we will not touch; the message names it and says why."""


def default_dir() -> Path:
    return user_dir("cache", ENV_DIR)


def code_files() -> list[Path]:
    """Every module whose change can alter an analysis: the contract, reading, parsing, extraction."""
    root = Path(__file__).parent
    return sorted(
        [root / "analysis.py", *(root / "sources").glob("*.py"), *(root / "nlp").glob("*.py"), *(root / "facts").glob("*.py")]
    )


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the extraction code, so an edited extractor never serves old results."""
    h = hashlib.sha256()
    for f in code_files():
        h.update(f.name.encode())
        try:
            h.update(f.read_bytes())
        except OSError:
            pass
    return h.hexdigest()[:16]


#: The cache's size at most (entries are about ten times their article's text); the least
#: recently used entries go first. Checked on the first store and every TRIM_EVERY after.
MAX_BYTES = 512 * 1024 * 1024
TRIM_EVERY = 50


class Cache:
    def __init__(self, folder: Path | str | None = None, enabled: bool = True, max_bytes: int = MAX_BYTES):
        self.folder = Path(folder) if folder is not None else default_dir()
        self.enabled = enabled
        self.max_bytes = max_bytes
        self._puts = 0

    def key(self, article: Article, model: ModelInfo) -> str:
        parts = (article.sha256, article.date or "", model.name, model.version, __version__, code_fingerprint())
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def path(self, article: Article, model: ModelInfo) -> Path:
        k = self.key(article, model)
        return self.folder / k[:2] / f"{k}.json"

    def is_ours(self) -> bool:
        """Whether the folder holds our marker (a regular file, not a link)."""
        marker = self.folder / MARKER
        try:
            return not marker.is_symlink() and marker.is_file() and "Wirelens" in marker.read_text("utf-8", "replace")
        except OSError:
            return False

    def _claim(self) -> bool:
        """Make the folder ours: create it, or adopt one that holds only our entries."""
        if self.is_ours():
            return True
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if any(not _ours(e) for e in os.scandir(self.folder)):
                return False
            fd, tmp = tempfiles.create(self.folder, MARKER)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(MARKER_TEXT)
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.folder / MARKER)
        except OSError:
            return False
        return True

    def has(self, article: Article, model: ModelInfo) -> bool:
        """Whether an entry for the article may be there (a cheap look, nothing read or checked)."""
        try:
            return self.enabled and self.path(article, model).is_file()
        except OSError:
            return False

    def get(self, article: Article, model: ModelInfo) -> Analysis | None:
        """The cached analysis re-attached to this article, or None on any doubt."""
        if not self.enabled or not self.is_ours():
            return None
        from .validation import ContractError, check, load_json

        path = self.path(article, model)
        try:
            if path.parent.is_symlink() or path.is_symlink() or path.stat().st_size > _MAX_ENTRY_BYTES:
                return None
            analysis = check(load_json(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, ContractError):
            return None
        if analysis.article.text != article.text or analysis.model != model:
            return None
        try:
            os.utime(path)  # used now: the last to go when the cache is over its size
        except OSError:
            pass
        return dataclasses.replace(analysis, article=article)

    def put(self, analysis: Analysis) -> bool:
        """Store an analysis; False (never an exception) when the folder is not writable or not ours."""
        if not self.enabled or not self._claim():
            return False
        target = self.path(analysis.article, analysis.model)
        tmp = None
        try:
            target.parent.mkdir(mode=0o700, exist_ok=True)
            if target.parent.is_symlink():
                return False  # a shard that leads out of the cache is not ours to write through
            tempfiles.sweep(target.parent)
            fd, tmp = tempfiles.create(target.parent, target.name)  # 0600: the article's text is in it
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as fh:
                json.dump(analysis.to_dict(), fh, ensure_ascii=False)
            os.replace(tmp, target)
            tmp = None
        except (OSError, ValueError):
            return False
        finally:
            if tmp is not None and os.path.lexists(tmp):
                os.unlink(tmp)
        self._puts += 1
        if self._puts % TRIM_EVERY == 1:
            self.trim()
        return True

    def trim(self, limit: int | None = None) -> int:
        """Remove the least recently used entries until the cache holds at most `limit` bytes
        (MAX_BYTES); returns how many went. Each entry is the whole article and its facts, and a
        new date or a new version makes new ones, so without this the folder only grows."""
        limit = self.max_bytes if limit is None else limit
        _private(self.folder)  # a cache an older version wrote others could read: made private
        for shard in self._shards():
            _private(shard.path)
        entries = []
        for entry in self._entries():
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            _private(entry.path, st.st_mode, 0o600)
            entries.append((st.st_mtime, st.st_size, entry.path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= limit:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size
            removed += 1
        return removed

    def clear(self) -> int:
        """Remove every entry of ours; returns how many. A folder not ours raises CacheError."""
        if not self.folder.is_dir():
            return 0
        if not self.is_ours():
            raise CacheError(
                f"{self.folder}: not a Wirelens cache (it has no {MARKER} of ours); nothing removed"
            )
        n = 0
        for entry in self._entries():
            try:
                os.unlink(entry.path)
                n += 1
            except OSError:
                pass
        for shard in self._shards():
            tempfiles.sweep(shard.path)
            try:
                os.rmdir(shard.path)  # only if now empty: anything else in it stays
            except OSError:
                pass
        return n

    def _shards(self) -> list[os.DirEntry]:
        try:
            return [s for s in os.scandir(self.folder) if _SHARD.match(s.name) and s.is_dir(follow_symlinks=False)]
        except OSError:
            return []

    def _entries(self) -> list[os.DirEntry]:
        """Our entries: our name pattern in our layout, regular files, never through a link."""
        found = []
        for shard in self._shards():
            try:
                for entry in os.scandir(shard.path):
                    m = _ENTRY.match(entry.name)
                    if m and m.group(1) == shard.name and entry.is_file(follow_symlinks=False):
                        found.append(entry)
            except OSError:
                continue
        return found


def _private(path: str | os.PathLike[str], mode: int | None = None, private: int = 0o700) -> None:
    """Take away the group's and others' access to one of ours (never through a link)."""
    try:
        mode = os.lstat(path).st_mode if mode is None else mode
        if mode & 0o077 and not os.path.islink(path):
            os.chmod(path, private)
    except OSError:
        pass


#: An entry for the largest article --max-bytes allows by default is far below this; a bigger file is not ours.
_MAX_ENTRY_BYTES = 512 * 1024 * 1024


def _ours(entry: os.DirEntry) -> bool:
    """A folder entry a Wirelens cache can hold (so an unmarked folder of only these is adoptable)."""
    if entry.name == MARKER or tempfiles.owner(entry.name) is not None:
        return not entry.is_symlink()
    if not _SHARD.match(entry.name) or not entry.is_dir(follow_symlinks=False):
        return False
    try:
        return all(
            (_ENTRY.match(e.name) or tempfiles.owner(e.name) is not None) and not e.is_symlink()
            for e in os.scandir(entry.path)
        )
    except OSError:
        return False
