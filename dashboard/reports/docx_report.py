"""The Word briefing (python-docx): title page, summary of the key tasks, one section per task.

Structure (what tests/integration/test_reports_documents.py checks): one ``Title`` paragraph;
a summary table of the selected tasks; per task one ``Heading 1`` section
with ``Heading 2`` parts for the analysis (generated narrative), the map and
trend pictures and the indicator table. Notes on values (数据说明) are Word footnotes: an
indicator's at its value in the table, a whole year's at the summary's heading.  Headings use Word's built-in
styles, so Word builds a table of contents from them (a TOC field is in
place on page 2).  Chinese text is set in an East Asian font
(``w:eastAsia``) so it renders in a Chinese face, with Word's substitution
pointed at a Chinese font where Noto Sans CJK is not installed.
"""

from __future__ import annotations

import io
from collections.abc import Collection
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from dashboard.i18n import app_title, by_lang, join_names, script, t
from dashboard.reports import narrative, properties
from dashboard.reports.common import (
    ImageSizes,
    ReportFacts,
    ReportProgress,
    TaskFacts,
    data_status_text,
    hex_to_rgb,
    one_data_version,
    prepare,
    text_on,
)
from dashboard.reports.footnotes import add_footnote
from dashboard.reports.images import ImageSession
from dashboard.repository import Repository
from dashboard.services.notes import footnote_text, indicator_notes, year_notes
from dashboard.theme import STATUS_COLOURS

CJK_FONT = "Noto Sans CJK SC"
# Where Noto Sans CJK is missing (Word on Windows), Word substitutes by these alternates and the GB2312 charset.
CJK_ALTERNATES = "Microsoft YaHei,SimSun"
LATIN_FONT = "Arial"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
SAMPLE_FILL = "FFF3CD"
SAMPLE_TEXT = RGBColor(0x8A, 0x6D, 0x00)
TEXT_WIDTH_CM = 17.0  # A4 portrait with 2 cm margins
# Charts in the briefing: printed 16 cm wide, text 1.25× so that it reads at ~9 pt.
DOCX_IMAGES = ImageSizes(map=(760, 560), trend=(760, 400), text_factor=1.25, scale=3)
PICTURE_WIDTH_CM = 16.0


# -- fonts and styles ---------------------------------------------------------------------


def _set_fonts(rpr, *, size: float | None = None, bold: bool | None = None, colour: RGBColor | None = None):
    """Latin and East Asian fonts on a run or style's w:rPr, replacing theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    fonts.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(
    doc,
    name: str,
    *,
    size: float,
    bold: bool | None = None,
    colour: RGBColor | None = None,
    before: float | None = None,
    after: float | None = None,
    break_before: bool = False,
):
    st = doc.styles[name]
    _set_fonts(st.element.get_or_add_rPr())
    st.font.size = Pt(size)
    if bold is not None:
        st.font.bold = bold
    if colour is not None:
        st.font.color.rgb = colour
    pf = st.paragraph_format
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if break_before:
        pf.page_break_before = True
    return st


def _setup(doc) -> None:
    # Document defaults first: every run without its own fonts inherits these.
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default)
    _style(doc, "Normal", size=10.5, after=4)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.25
    _style(doc, "Title", size=26, bold=True, colour=ACCENT, after=12)
    _style(doc, "Subtitle", size=15, colour=RGBColor(0x44, 0x44, 0x44), after=6)
    _style(doc, "Heading 1", size=18, bold=True, colour=ACCENT, before=0, after=8, break_before=True)
    _style(doc, "Heading 2", size=13, bold=True, colour=ACCENT, before=10, after=4)
    for name in ("Header", "Footer", "Caption", "TOC Heading"):
        _set_fonts(doc.styles[name].element.get_or_add_rPr())
    # The Title style's bottom border and the theme colours stay; its font is ours now.
    _font_table(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin, section.bottom_margin = Cm(2), Cm(1.8)
    section.header_distance = section.footer_distance = Cm(0.8)


def _font_table(doc) -> None:
    """Declare the CJK font with Chinese alternates and charset so Word substitutes a Chinese face."""
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            root = parse_xml(part.blob)
            font = parse_xml(
                f'<w:font {nsdecls("w")} w:name="{CJK_FONT}"><w:altName w:val="{CJK_ALTERNATES}"/>'
                '<w:panose1 w:val="020B0500000000000000"/><w:charset w:val="86"/><w:family w:val="swiss"/>'
                '<w:pitch w:val="variable"/></w:font>'
            )
            root.append(font)
            from lxml import etree

            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            return


# -- small builders -------------------------------------------------------------------------


def _run(paragraph, text: str, *, size: float | None = None, bold: bool = False, colour: RGBColor | None = None):
    run = paragraph.add_run(text)
    _set_fonts(run._element.get_or_add_rPr())
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _para(
    container,
    text: str = "",
    *,
    style: str | None = None,
    size: float | None = None,
    bold: bool = False,
    colour: RGBColor | None = None,
    align=None,
    after: float | None = None,
):
    p = container.add_paragraph(style=style)
    if text:
        _run(p, text, size=size, bold=bold, colour=colour)
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC ...) that Word fills in; the placeholder shows until it does."""

    def fld(kind):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        _run(paragraph, "")._element.append(el)

    fld("begin")
    r = _run(paragraph, "")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    r._element.append(instr)
    fld("separate")
    _run(paragraph, placeholder or "1")
    fld("end")


def _toc(doc, facts: ReportFacts) -> None:
    """A TOC field over the Heading 1–2 styles.

    Until Word updates it (Word marks it dirty and offers to), its result
    lists the task headings, so the page is useful in any viewer.
    """

    def fld(paragraph, kind):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")
        _run(paragraph, "")._element.append(el)

    first = doc.add_paragraph()
    fld(first, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    _run(first, "")._element.append(instr)
    fld(first, "separate")
    _run(first, t("toc_hint", facts.lang), size=8, colour=RGBColor(0x77, 0x77, 0x77))
    last = first
    for tf in facts.tasks:
        last = _para(doc, f"{tf.task.code} {tf.task.title.get(facts.lang)}", after=1)
        last.paragraph_format.left_indent = Cm(0.5)
    fld(last, "end")


def _shade(cell, fill: str) -> None:
    tc_pr = cell._element.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#"))
    tc_pr.append(shd)


def _cell_text(
    cell, text: str, *, size: float = 9, bold: bool = False, colour: RGBColor | None = None, align=None
) -> None:
    cell.text = ""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # Latin-only lines are shorter than CJK ones
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.1
    _run(p, text, size=size, bold=bold, colour=colour)
    if align is not None:
        p.alignment = align


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _table(
    doc,
    headers: list[str],
    rows: list[list[str]],
    widths_cm: list[float],
    *,
    status_col: int | None = None,
    statuses: list[str] | None = None,
    numeric: Collection[int] = frozenset(),
):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head = table.rows[0]
    _repeat_header(head)
    for i, h in enumerate(headers):
        _cell_text(head.cells[i], h, bold=True, colour=RGBColor(0xFF, 0xFF, 0xFF))
        _shade(head.cells[i], "1F4E79")
    for r, values in enumerate(rows):
        cells = table.add_row().cells
        for i, v in enumerate(values):
            align = WD_ALIGN_PARAGRAPH.RIGHT if i in numeric else None
            if status_col is not None and i == status_col and statuses:
                st = statuses[r]
                _cell_text(cells[i], v, bold=True, colour=RGBColor(*hex_to_rgb(text_on(st))))
                _shade(cells[i], STATUS_COLOURS.get(st, STATUS_COLOURS["no_data"]))
            else:
                _cell_text(cells[i], v, align=align)
    _widths(table, widths_cm)
    return table


def _widths(table, widths_cm: list[float]) -> None:
    """Column widths that both Word (cell widths) and LibreOffice (the table grid) honour."""
    for i, w in enumerate(widths_cm):
        table.columns[i].width = Cm(w)
    for row in table.rows:
        for i, w in enumerate(widths_cm):
            row.cells[i].width = Cm(w)
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(int(sum(widths_cm) / 2.54 * 1440)))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def _picture(doc, data: bytes, width_cm: float = PICTURE_WIDTH_CM) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.keep_with_next = False
    p.add_run().add_picture(io.BytesIO(data), width=Cm(width_cm))


# -- the document -----------------------------------------------------------------------------


def _header_footer(doc, facts: ReportFacts) -> None:
    lang = facts.lang
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(
        head,
        f"{app_title(facts.region, lang)} · {t('as_of', lang, year=facts.year)}",
        size=8,
        colour=RGBColor(0x66, 0x66, 0x66),
    )
    if facts.is_sample:
        _run(head, "   " + t("sample_badge", lang), size=9, bold=True, colour=SAMPLE_TEXT)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if facts.is_sample:
        _run(foot, t("sample_short", lang) + " · ", size=8, bold=True, colour=SAMPLE_TEXT)
    _run(
        foot,
        t("report_source_line", lang, source=t("report_source_default", lang), year=facts.year) + " · ",
        size=8,
        colour=RGBColor(0x66, 0x66, 0x66),
    )
    before, after = t("report_page", lang, n="\0").split("\0")
    _run(foot, before, size=8)
    _field(foot, "PAGE")
    _run(foot, after, size=8)


def _title_page(doc, facts: ReportFacts) -> None:
    lang = facts.lang
    plan = facts.repo.plan
    for _ in range(3):
        _para(doc, "")
    _para(doc, plan.title.get(lang), style="Title")
    _para(doc, t("report_briefing", lang), style="Subtitle")
    _para(doc, "")
    info = [
        (t("region", lang), facts.region),
        (t("as_of_label", lang), t("year_n", lang, year=facts.year)),
        (t("data_status", lang), t("sample_badge", lang) if facts.is_sample else t("official_data", lang)),
        (t("created", lang), facts.created.isoformat()),
    ]
    table = doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for k, v in info:
        cells = table.add_row().cells
        _cell_text(cells[0], k, size=12, bold=True)
        _cell_text(
            cells[1],
            v,
            size=12,
            bold=facts.is_sample and k == t("data_status", lang),
            colour=SAMPLE_TEXT if facts.is_sample and k == t("data_status", lang) else None,
        )
    _widths(table, [4, 12])
    _para(doc, "")
    # The data status, prominently: a shaded box that cannot be missed while the figures are samples.
    box = doc.add_table(rows=1, cols=1)
    box.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell = box.rows[0].cells[0]
    _widths(box, [TEXT_WIDTH_CM])
    if facts.is_sample:
        _shade(cell, SAMPLE_FILL)
        _cell_text(
            cell, t("sample_badge", lang), size=28, bold=True, colour=SAMPLE_TEXT, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, data_status_text(facts), size=11, colour=SAMPLE_TEXT)
    else:
        _shade(cell, "E8F1F8")
        _cell_text(cell, data_status_text(facts), size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "")
    _para(doc, plan.source_note, size=8, colour=RGBColor(0x66, 0x66, 0x66))


def _contents_and_summary(doc, facts: ReportFacts) -> None:
    lang = facts.lang
    p = _para(doc, t("contents", lang), size=16, bold=True, colour=ACCENT)
    p.paragraph_format.page_break_before = True
    _toc(doc, facts)

    _para(doc, t("overall_goal", lang), size=13, bold=True, colour=ACCENT).paragraph_format.space_before = Pt(12)
    _para(doc, facts.repo.plan.goal.title.get(lang), bold=True)
    _para(doc, narrative.join(facts.goal_sentences, lang))
    national = narrative.national_sentence(facts.goal, facts.national, facts.city_words, lang)
    if national:
        _para(doc, national, after=1)
        _para(doc, narrative.national_source(facts.national, lang), size=8, colour=RGBColor(0x55, 0x55, 0x55))

    every = len(facts.tasks) == len(facts.repo.plan.tasks)
    title = t("report_summary_all" if every else "report_summary_some", lang, year=facts.year)
    heading = _para(doc, title, size=13, bold=True, colour=ACCENT)
    heading.paragraph_format.space_before = Pt(12)
    for note in year_notes(facts.repo, facts.year):  # notes on the whole year: footnotes of its summary
        add_footnote(heading, footnote_text(facts.repo, note, lang))
    rows, statuses = [], []
    for tf in facts.tasks:
        rows.append(
            [
                tf.task.code,
                tf.task.title.get(lang),
                join_names(tf.lead, lang),
                narrative.status_text(tf.progress.status, lang),
                narrative.share_text(tf.progress.score),
            ]
        )
        statuses.append(tf.progress.status.value)
    _table(
        doc,
        [t("code", lang), t("task", lang), t("lead_departments", lang), t("status", lang), t("progress_score", lang)],
        rows,
        [1.3, 6.2, 4.5, 2.8, 2.2],
        status_col=3,
        statuses=statuses,
        numeric={4},
    )
    _para(
        doc, t("progress_score_note", lang), size=8, colour=RGBColor(0x55, 0x55, 0x55)
    ).paragraph_format.space_before = Pt(4)


def _task_section(doc, tf: TaskFacts, facts: ReportFacts, images: dict[str, bytes]) -> None:
    lang = facts.lang
    task = tf.task
    doc.add_heading(f"{task.code} {task.title.get(lang)}", level=1)
    colon = script(lang).colon
    kind = t("kind_action" if task.kind.value == "action" else "kind_project", lang)
    meta = _para(doc, after=2)
    _run(meta, t("task_kind", lang) + colon, bold=True)
    _run(meta, f"{kind}    ")
    _run(meta, t("section", lang) + colon, bold=True)
    _run(meta, task.section)
    lead = _para(doc, after=2)
    _run(lead, t("lead_departments", lang) + colon, bold=True)
    _run(lead, join_names(tf.lead, lang))
    if tf.cooperate:
        coop = _para(doc, after=2)
        _run(coop, t("cooperating_departments", lang) + colon, bold=True)
        _run(coop, join_names(tf.cooperate, lang))
    st = _para(doc, after=6)
    _run(st, t("task_status", lang) + colon, bold=True)
    status = tf.progress.status.value
    badge = _run(
        st, f" {narrative.status_text(status, lang)} ", bold=True, colour=RGBColor(*hex_to_rgb(text_on(status)))
    )
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), STATUS_COLOURS[status].lstrip("#"))
    badge._element.get_or_add_rPr().append(shd)
    _run(st, f"   {t('progress_score', lang)} {narrative.share_text(tf.progress.score)}")

    doc.add_heading(t("report_analysis", lang), level=2)
    _para(doc, tf.summary)
    _para(doc, narrative.join(tf.paragraph, lang))
    if tf.others:
        _para(doc, tf.others)

    doc.add_heading(t("report_charts", lang, indicator=tf.headline.name.get(lang)), level=2)
    for req in (tf.map, tf.trend):
        if req is not None and req.name in images:
            _picture(doc, images[req.name])
    if tf.task.code == venue_task(facts.repo.plan):
        _new_venues(doc, facts)

    doc.add_heading(t("report_indicators_title", lang, year=facts.year), level=2)
    rows, statuses = [], []
    for ind, p in tf.indicators:
        rows.append(
            [
                ind.code,
                ind.name.get(lang),
                ind.unit.get(lang),
                narrative.value_text(ind, p.value, lang),
                narrative.target_text(ind, lang, facts.repo.plan.baseline_year),
                narrative.status_text(p.status, lang),
            ]
        )
        statuses.append(p.status.value)
    # English units are longer (people, bases): their column takes room from the indicator's name.
    widths = by_lang(lang, zh=[1.6, 5.0, 1.3, 2.3, 4.3, 2.5], en=[1.5, 4.3, 2.4, 2.3, 4.0, 2.5])
    table = _table(
        doc,
        [
            t("code", lang),
            t("indicator", lang),
            t("unit", lang),
            t("city_value", lang),
            t("target", lang),
            t("status", lang),
        ],
        rows,
        widths,
        status_col=5,
        statuses=statuses,
        numeric={3},
    )
    # Notes on an indicator's figures of the year (数据说明), in any unit: footnotes of its value.
    for row, (ind, _) in zip(table.rows[1:], tf.indicators, strict=True):
        for note in indicator_notes(facts.repo, facts.year, ind.code):
            add_footnote(row.cells[3].paragraphs[0], footnote_text(facts.repo, note, lang))


MAX_VENUE_ROWS = 100


def venue_task(plan) -> str | None:
    """The task whose section lists the year's new venues: the one with the most indicators counted
    from the registry (the infrastructure project, in the shipped plan)."""
    counts: dict[str, int] = {}
    for ind in plan.counted_indicators:
        if ind.task:
            counts[ind.task] = counts.get(ind.task, 0) + 1
    return max(counts, key=lambda code: counts[code]) if counts else None


def _new_venues(doc, facts: ReportFacts) -> None:
    """The venues that opened (or were named) in the year, from the venue registry (issue 18), in the
    section of the task the registry counts most for: a titled table before its indicator table."""
    from dashboard.services.facilities import new_venues

    repo, lang, year = facts.repo, facts.lang, facts.year
    if not repo.plan.facility_types:
        return
    table = new_venues(repo, year, lang)
    _para(doc, t("report_new_venues", lang, year=year), bold=True)
    if table.empty:
        _para(doc, t("report_new_venues_none", lang, year=year))
        return
    if table["is_sample"].any():
        _para(doc, t("venues_sample_note", lang), colour=RGBColor(0x9C, 0x57, 0x00))
    headers = [t(k, lang) for k in ("venue_name", "up_col_type", "venue_level", "district", "ref_address")]
    rows = [
        [
            str(r["name"]),
            str(r["type_name"]),
            str(r["level_name"] or "—"),
            str(r["unit_name"]),
            str(r["address"] or "—"),
        ]
        for r in table.head(MAX_VENUE_ROWS).to_dict("records")
    ]
    _table(doc, headers, rows, [4.6, 3.2, 1.6, 2.2, 4.4])
    if len(table) > MAX_VENUE_ROWS:
        _para(doc, t("report_new_venues_more", lang, n=f"{len(table) - MAX_VENUE_ROWS:,}"))


@one_data_version
def build_docx(
    repo: Repository,
    year: int,
    *,
    tasks=None,
    lang: str = "zh",
    session: ImageSession | None = None,
    progress: ReportProgress | None = None,
) -> bytes:
    """The Word briefing for a year (and optionally some tasks), as .docx bytes."""
    facts, images = prepare(
        repo, year, tasks=tasks, lang=lang, sizes=DOCX_IMAGES, session=session, progress=progress, document="docx"
    )
    doc = Document()
    _setup(doc)
    properties.apply(
        doc.core_properties,
        properties.document_properties(repo.plan, year, lang, kind="report_briefing", is_sample=facts.is_sample),
    )
    _header_footer(doc, facts)
    _title_page(doc, facts)
    _contents_and_summary(doc, facts)
    for i, tf in enumerate(facts.tasks, start=1):
        _task_section(doc, tf, facts, images)
        if progress:
            progress("layout", i, len(facts.tasks), tf.task.code)
    out = io.BytesIO()
    doc.save(out)
    if progress:
        progress("done", 1, 1, "docx")
    return out.getvalue()


def write_docx(path: Path | str, repo: Repository, year: int, **kw) -> Path:
    path = Path(path)
    path.write_bytes(build_docx(repo, year, **kw))
    return path


__all__ = ["CJK_FONT", "DOCX_IMAGES", "build_docx", "write_docx"]
