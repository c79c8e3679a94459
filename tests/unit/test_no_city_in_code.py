"""No city in the code: the plan file is the only place the shipped city and its units are named.

Every .py, .js and .css file of the application (comments and docstrings too) is searched
for the shipped plan's region and units: their codes, names and short names, former names
and merged units, and the city's name in Chinese and English. Those words are read from the
plan file, so this test lists no place itself. The one thing code may say is the plan file's
own name (``DEFAULT_PLAN_FILE``, the default of ``KEPU_PLAN_FILE``). Examples in docstrings
use another place or a placeholder.
"""

from __future__ import annotations

import re
from pathlib import Path

from data.plan import DEFAULT_PLAN_FILE, load_plan
from geo.names import short_name

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("dashboard", "layouts", "callbacks", "data", "geo", "assets")
# dashboard/vendor: a third-party build (plotly.js, scripts/build-plotly-bundle.sh) whose minified
# numbers may spell a unit's code by chance.
SKIPPED = (ROOT / "data" / "plans", ROOT / "geo" / "shapes", ROOT / "dashboard" / "vendor")
SUFFIXES = (".py", ".js", ".css")


def application_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*")):
            if path.suffix in SUFFIXES and not any(path.is_relative_to(s) for s in SKIPPED):
                files.append(path)
    return files


def place_words() -> tuple[set[str], set[str]]:
    """(words searched as they stand, English map labels searched as whole words)."""
    plan = load_plan(DEFAULT_PLAN_FILE)
    region = plan.region
    words = {region.code, region.name.zh, short_name(region.name.zh), region.name.en}
    labels = set()
    for u in region.units:
        words |= {u.code, u.name, u.short, *u.former_names, *u.former_codes}
        words |= {w for w in (u.name_en, u.short_en) if w}
        labels.add(u.short_label("en"))
    words |= {m.name for m in region.merged}
    return {w for w in words if w}, labels - words


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def test_the_search_knows_the_shipped_city():
    words, labels = place_words()
    assert len(words) > 3 * len(load_plan(DEFAULT_PLAN_FILE).region.units)
    assert labels
    assert len(application_files()) > 50


def test_no_application_file_names_the_shipped_city_or_its_units():
    words, labels = place_words()
    # The city's and the units' names anywhere, in any case (「哈尔滨」 in 「哈尔滨市」, HARBIN in a
    # constant); an English map label ("Bin" of a county) only as a capitalised word, not in "binary".
    anywhere = re.compile(_alternation(words), re.IGNORECASE)
    as_word = re.compile(rf"\b(?:{_alternation(labels)})\b")
    allowed = DEFAULT_PLAN_FILE.name
    hits = []
    for path in application_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = line.replace(allowed, "")
            found = anywhere.findall(text) + as_word.findall(text)
            if found:
                where = path.relative_to(ROOT)
                hits.append(f"{where}:{number}: {', '.join(dict.fromkeys(found))}: {line.strip()[:100]}")
    assert not hits, "the plan file is the only place a city is named:\n" + "\n".join(hits)
