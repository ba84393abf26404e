"""Wirelens: read a news story as facts — entities, quotes and events — in the terminal."""

__version__ = "0.1.0"
