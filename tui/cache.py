"""A disk cache of finished analyses, so reopening an article is instant.

Entries are keyed by the text's hash, the article date (it changes resolved
dates), the model's name and version, the Wirelens version and a hash of the
extraction code, so any change that could alter the result misses. Nothing read from the cache is trusted:
a corrupt, stale or mismatched entry is ignored and rewritten, and a cache
folder that cannot be written simply means no cache.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from pathlib import Path

from . import __version__
from .analysis import Analysis, Article, ModelInfo
from .config import user_dir

ENV_DIR = "WIRELENS_CACHE_DIR"


def default_dir() -> Path:
    return user_dir("cache", ENV_DIR)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the extraction code, so an edited extractor never serves old results."""
    root = Path(__file__).parent
    files = sorted([root / "analysis.py", *(root / "nlp").glob("*.py"), *(root / "facts").glob("*.py")])
    h = hashlib.sha256()
    for f in files:
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(f.name.encode())
    return h.hexdigest()[:16]


class Cache:
    def __init__(self, folder: Path | str | None = None, enabled: bool = True):
        self.folder = Path(folder) if folder is not None else default_dir()
        self.enabled = enabled

    def key(self, article: Article, model: ModelInfo) -> str:
        parts = (article.sha256, article.date or "", model.name, model.version, __version__, code_fingerprint())
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def path(self, article: Article, model: ModelInfo) -> Path:
        k = self.key(article, model)
        return self.folder / k[:2] / f"{k}.json"

    def get(self, article: Article, model: ModelInfo) -> Analysis | None:
        """The cached analysis re-attached to this article, or None on any doubt."""
        if not self.enabled:
            return None
        try:
            data = json.loads(self.path(article, model).read_text(encoding="utf-8"))
            analysis = Analysis.from_dict(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if (
            analysis.article.text != article.text
            or analysis.model != model
            or any(not (0 <= s <= e <= len(article.text)) for s, e in analysis.spans())
        ):
            return None
        return dataclasses.replace(analysis, article=article, _index={})

    def put(self, analysis: Analysis) -> bool:
        """Store an analysis; False (never an exception) when the folder is not writable."""
        if not self.enabled:
            return False
        target = self.path(analysis.article, analysis.model)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(analysis.to_dict(), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, target)
        except OSError:
            return False
        return True

    def clear(self) -> int:
        """Remove every entry; returns how many were removed."""
        n = 0
        if not self.folder.is_dir():
            return 0
        for f in self.folder.glob("*/*.json"):
            try:
                f.unlink()
                n += 1
            except OSError:
                pass
        for f in self.folder.glob("*/*.tmp"):
            try:
                f.unlink()
            except OSError:
                pass
        for d in self.folder.iterdir():
            try:
                d.rmdir()
            except OSError:
                pass
        return n
