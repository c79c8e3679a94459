"""The Word briefing, the meeting deck and the one-page PDF, opened and checked.

Charts are rendered by kaleido in Debian's headless Chromium, one browser for
the whole module (ImageSession).  Without Chromium these tests fail in CI
(``CI`` set) and are skipped elsewhere, saying why.  To stay quick they
render the charts of T1 and T3 for most checks and build one full briefing.
"""

from __future__ import annotations

import io
import os
import re
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches, Pt

from dashboard.cli import cli
from dashboard.i18n import format_value, status_label
from dashboard.places import department_short_name
from dashboard.reports import ImageSession, chromium_available
from dashboard.reports.docx_report import CJK_FONT, build_docx
from dashboard.reports.pptx_report import build_pptx
from dashboard.theme import STATUS_ICONS

YEAR = 2019
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def images():
    if not chromium_available():
        reason = (
            "Chromium (Debian's chromium) or kaleido is missing: run scripts/install-system-deps.sh "
            "and pip install -e . to render report charts"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with ImageSession() as session:
        yield session


@pytest.fixture(scope="module")
def briefing_t1_t3(report_repo, images):
    return Document(io.BytesIO(build_docx(report_repo, YEAR, tasks="T1,T3", session=images)))


@pytest.fixture(scope="module")
def briefing(report_repo, images, briefing_t1_t3):
    steps = []
    data = build_docx(report_repo, YEAR, session=images, progress=lambda *step: steps.append(step))
    return Document(io.BytesIO(data)), steps


@pytest.fixture(scope="module")
def deck(report_repo, images):
    return Presentation(io.BytesIO(build_pptx(report_repo, YEAR, tasks="T1,T3", session=images)))


def _styled(doc, style: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == style]


def _sections(doc) -> dict[str, list]:
    """Body blocks (paragraphs and tables) under each Heading 1, by task code."""
    out, current = {}, None
    body = doc.element.body
    paragraphs = {p._p: p for p in doc.paragraphs}
    tables = {t._tbl: t for t in doc.tables}
    for el in body.iterchildren():
        block = paragraphs.get(el) or tables.get(el)
        if block is None:
            continue
        if el in paragraphs and block.style.name == "Heading 1":
            current = block.text.split()[0]
            out[current] = []
        elif current:
            out[current].append(block)
    return out


def _text(blocks) -> str:
    return "\n".join(b.text for b in blocks if hasattr(b, "text"))


def _pictures(blocks) -> int:
    return sum(len(b._p.findall(".//" + qn("w:drawing"))) for b in blocks if hasattr(b, "_p"))


# -- Word briefing --------------------------------------------------------------------------


@pytest.mark.parametrize("document", ["briefing", "deck"])
def test_document_properties_name_the_plan_issuer_year_and_now(document, request, report_repo):
    made = request.getfixturevalue(document)
    core = (made[0] if isinstance(made, tuple) else made).core_properties
    plan = report_repo.plan
    assert core.author == core.last_modified_by == plan.issuer.zh
    assert core.title.startswith(plan.title.zh) and str(YEAR) in core.subject
    assert core.keywords.split("; ")[:3] == [plan.code, str(YEAR), "zh"]
    assert "python" not in f"{core.comments}{core.author}{core.last_modified_by}".lower()
    age = datetime.now(UTC) - core.created.replace(tzinfo=UTC)
    assert timedelta(0) <= age < timedelta(hours=1) and core.modified == core.created


def test_briefing_has_a_title_and_one_heading_1_section_per_task(briefing, report_repo):
    doc, _ = briefing
    assert _styled(doc, "Title") == [report_repo.plan.title.zh]
    assert _styled(doc, "Heading 1") == [f"{t.code} {t.title.zh}" for t in report_repo.plan.tasks]
    assert len(_styled(doc, "Heading 2")) == 30  # analysis, charts, indicators per task


def test_briefing_for_some_tasks_has_only_their_sections(briefing_t1_t3, report_repo):
    assert [h.split()[0] for h in _styled(briefing_t1_t3, "Heading 1")] == ["T1", "T3"]
    assert len(briefing_t1_t3.inline_shapes) == 4


def test_every_task_section_has_its_map_and_trend(briefing):
    doc, _ = briefing
    sections = _sections(doc)
    assert len(sections) == 10
    assert {code: _pictures(blocks) for code, blocks in sections.items()} == {f"T{i}": 2 for i in range(1, 11)}
    assert len(doc.inline_shapes) == 20


def test_title_page_says_region_year_and_sample_data_prominently(briefing, report_repo):
    doc, _ = briefing
    cover = []
    for el in doc.element.body.iterchildren():
        if el.find(".//" + qn("w:br")) is not None or el.find(".//" + qn("w:pageBreakBefore")) is not None:
            break
        cover.append(el)
    text = "".join(t.text or "" for el in cover for t in el.iter(qn("w:t")))
    assert report_repo.plan.region.name.zh in text and "2019 年" in text
    big = [r for p in doc.tables[1].rows[0].cells[0].paragraphs for r in p.runs if r.text == "示例数据"]
    assert big and big[0].bold and big[0].font.size >= Pt(24)
    header = doc.sections[0].header.paragraphs[0].text
    footer = doc.sections[0].footer.paragraphs[0].text
    assert "示例数据" in header and "示例数据" in footer


def test_summary_table_has_every_task_with_status_and_score_from_the_repository(briefing, report_repo):
    doc, _ = briefing
    table = next(
        t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["代码", "任务", "牵头部门", "状态", "进度得分"]
    )
    progress = report_repo.task_progress(YEAR)
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in rows] == [f"T{i}" for i in range(1, 11)]
    for code, title, lead, status, score in rows:
        task, gp = report_repo.plan.task_by_code[code], progress[code]
        assert title == task.title.zh
        names = (report_repo.plan.department_by_code[d].name.zh for d in task.roles.lead)
        assert lead == "、".join(department_short_name(n, report_repo.plan) for n in names)
        assert status == f"{STATUS_ICONS[gp.status.value]} {status_label(gp.status.value)}"
        assert score == f"{round(gp.score * 100)}%"


def test_indicator_tables_list_every_indicator_with_city_value_and_status(briefing, report_repo):
    doc, _ = briefing
    for code, blocks in _sections(doc).items():
        table = [b for b in blocks if hasattr(b, "rows")][-1]
        assert [c.text for c in table.rows[0].cells] == ["代码", "指标", "单位", "全市数值", "目标", "状态"]
        inds = report_repo.plan.indicators_for(code)
        rows = [[c.text for c in r.cells] for r in table.rows[1:]]
        assert [r[0] for r in rows] == [i.code for i in inds]
        for (_icode, name, unit, value, _target, status), ind in zip(rows, inds, strict=True):
            p = report_repo.progress(ind.code, report_repo.city, YEAR)
            assert name == ind.name.zh and unit == ind.unit.zh
            assert value == format_value(p.value, ind.decimals, ind.unit.zh)
            assert status.endswith(status_label(p.status.value))


def test_narrative_states_value_target_gap_pace_forecast_and_lagging_districts(briefing, report_repo):
    doc, _ = briefing
    text = _text(_sections(doc)["T3"])
    p = report_repo.progress("T3-01", report_repo.city, YEAR)
    assert f"全市有培训愿望劳动者参加职业培训比例为 {p.value:.1f}%" in text
    assert "目标为全覆盖(100%,2020 年)" in text
    assert f"尚差 {100 - p.value:.1f} 个百分点" in text
    assert f"每年需提高 {(100 - p.value) / (2020 - YEAR):.1f} 个百分点" in text
    assert f"{p.forecast_value:.1f}%" in text and f"预计 {p.forecast_year_reached} 年达到目标" in text
    table = report_repo.district_table("T3-01", YEAR)
    lagging = table.loc[table["status"].isin(["lagging", "off_track"]), "name"]
    assert len(lagging) and all(name in text for name in lagging)
    gp = report_repo.task_progress(YEAR)["T3"]
    assert f"总体状态为“{status_label(gp.status.value)}”,进度得分 {round(gp.score * 100)}%" in text


def test_goal_paragraph_states_the_headline_figures(briefing, report_repo):
    doc, _ = briefing
    p = report_repo.progress("G-01", report_repo.city, YEAR)
    text = "\n".join(par.text for par in doc.paragraphs)
    assert (
        f"2019 年,全市公民具备科学素质的比例为 {p.value:.2f}%。目标为 12%(2020 年),尚差 {p.gap:.2f} 个百分点。" in text
    )


def test_chinese_text_is_set_in_an_east_asian_font(briefing):
    doc, _ = briefing
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert defaults.get(qn("w:eastAsia")) == CJK_FONT
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == CJK_FONT, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name


def test_briefing_has_a_table_of_contents_field(briefing):
    doc, _ = briefing
    instructions = [el.text for el in doc.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instructions)


def test_building_reports_progress_image_by_image(briefing):
    _, steps = briefing
    images = [s for s in steps if s[0] == "images"]
    assert [s[1] for s in images] == list(range(1, 21)) and all(s[2] == 20 for s in images)
    assert steps[-1][0] == "done"


# -- PowerPoint deck -----------------------------------------------------------------------------


def test_deck_is_16_9_with_title_overview_and_a_slide_per_task(deck, report_repo):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.001
    titles = [next(s.text_frame.text for s in slide.shapes if s.name == "title") for slide in deck.slides]
    assert len(titles) == 4
    assert titles[0] == report_repo.plan.title.zh
    tasks = report_repo.plan.task_by_code
    assert titles[2:] == [f"T1 {tasks['T1'].title.zh}", f"T3 {tasks['T3'].title.zh}"]


def test_every_slide_carries_the_sample_label(deck):
    for slide in deck.slides:
        assert any(s.name == "sample-label" and s.text_frame.text == "示例数据" for s in slide.shapes)


def test_task_slides_show_map_trend_and_status(deck, report_repo):
    progress = report_repo.task_progress(YEAR)
    for slide, code in zip(list(deck.slides)[2:], ("T1", "T3"), strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert sorted(p.name for p in pictures) == ["map", "trend"]
        status = next(s.text_frame.text for s in slide.shapes if s.name == "task-status")
        assert status_label(progress[code].status.value) in status
        assert f"{round(progress[code].score * 100)}%" in status


def test_overview_slide_shows_the_headline_and_all_ten_tasks(deck, report_repo):
    slide = deck.slides[1]
    shapes = {s.name: s for s in slide.shapes}
    p = report_repo.progress("G-01", report_repo.city, YEAR)
    assert shapes["headline-value"].text_frame.text == f"{p.value:.2f}%"
    assert "12%" in shapes["headline-target"].text_frame.text
    progress = report_repo.task_progress(YEAR)
    for task in report_repo.plan.tasks:
        text = shapes[f"task-{task.code}"].text_frame.text
        gp = progress[task.code]
        assert status_label(gp.status.value) in text and STATUS_ICONS[gp.status.value] in text
        assert f"{round(gp.score * 100)}%" in text


def test_deck_text_is_large_enough_for_the_back_of_the_room(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.name == "footer":
                continue
            sizes = [r.font.size for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]
            minimum = Pt(32) if shape.name == "title" else Pt(18)
            assert all(size >= minimum for size in sizes), (shape.name, sizes)


# -- PDF and the command line ---------------------------------------------------------------------


def test_cli_builds_the_overview_pdf_one_a4_landscape_page_and_prints_progress(report_store_url, report_repo, tmp_path):
    out = tmp_path / "overview.pdf"
    # English: the longer names are the harder case for one page.
    result = CliRunner().invoke(
        cli,
        [
            "--database-url",
            report_store_url,
            "report",
            "--format",
            "pdf",
            "--year",
            "2019",
            "--lang",
            "en",
            "--out",
            str(out),
        ],
        obj={},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "image 2/2" in result.output and f"→ {out}" in result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1
    box = [float(x) for x in re.search(rb"/MediaBox\s*\[([^\]]*)\]", data).group(1).split()]
    assert abs(box[2] - 842) < 1 and abs(box[3] - 595) < 1  # A4 landscape, in points
