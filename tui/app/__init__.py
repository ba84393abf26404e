"""The Textual explorer. Importing it loads Textual, never spaCy."""

from . import startup

startup.pause()  # until the first frame: see tui/app/startup.py
from .app import WirelensApp  # noqa: E402

__all__ = ["WirelensApp"]
