"""Where things are, from any test folder, benchmark or script."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout
CORPUS = ROOT / "tests" / "import_corpus"  # import files, good and bad (tests/import_corpus/make_corpus.py)
