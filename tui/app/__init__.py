"""The Textual explorer. Importing it loads Textual, never spaCy."""

from .app import WirelensApp

__all__ = ["WirelensApp"]
