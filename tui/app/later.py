"""The parts of the explorer imported when first used, not before the first frame.

The command palette's providers, the timeline and the help screen are not on the first
screen; importing them with the app put their modules' time (and the modules they
import) between the start and the first frame.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from textual.command import Provider

    from .app import WirelensApp
    from .help import HelpScreen


def facts_provider() -> type[Provider]:
    from .commands import FactsProvider

    return FactsProvider


def timeline_provider() -> type[Provider]:
    from .commands import TimelineProvider

    return TimelineProvider


def corpus_provider() -> type[Provider]:
    from .corpus_view import CorpusProvider

    return CorpusProvider


def commands() -> ModuleType:
    """The palette's module."""
    from . import commands as module

    return module


def timeline() -> ModuleType:
    """The timeline screen's module."""
    from . import timeline as module

    return module


def help_screen() -> type[HelpScreen]:
    from .help import HelpScreen as screen

    return screen


def timeline_changed(app: WirelensApp) -> None:
    """An analysis finished or failed: an open timeline lists it. None is open before its
    module is imported, so a result never imports it."""
    module = sys.modules.get(f"{__package__}.timeline")
    if module is not None:
        module.analyses_changed(app)
