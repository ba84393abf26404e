"""SVG snapshot of the Corpus screen on two fixed Analyses (never the model).

Update with: pytest tests/test_snapshots_corpus.py --snapshot-update
"""

from __future__ import annotations

from test_app_corpus import SIZE, two_article_app


def test_corpus_screen_on_zhai_jun(snap_compare):
    assert snap_compare(two_article_app(), terminal_size=SIZE, press=["c", "enter", "j"])
