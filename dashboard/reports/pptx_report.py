"""The meeting deck (python-pptx): 16:9, a title slide, an overview slide and one slide per task.

Made to be read from the back of a room: titles ≥ 32 pt, body text ≥ 18 pt,
charts rendered with their text 1.5× larger than on screen, status shown by
colour *and* icon + words.  Every slide carries the sample-data label while
the figures are samples.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from dashboard.i18n import join_names, labelled, split_sentences, t
from dashboard.reports import narrative, properties
from dashboard.reports.common import (
    ImageSizes,
    ReportFacts,
    ReportProgress,
    TaskFacts,
    hex_to_rgb,
    one_data_version,
    prepare,
    text_on,
)
from dashboard.reports.images import ImageSession
from dashboard.repository import Repository
from dashboard.services.notes import footnote_text, indicator_notes, year_notes
from dashboard.theme import STATUS_COLOURS

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
CJK_FONT = "Noto Sans CJK SC"
LATIN_FONT = "Arial"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x55, 0x55, 0x55)
SAMPLE_FILL = RGBColor(0xFF, 0xF3, 0xCD)
SAMPLE_TEXT = RGBColor(0x8A, 0x6D, 0x00)
TITLE_PT, BODY_PT, SMALL_PT = 34, 20, 18
# Two charts side by side, 6.3 in wide each: 640 CSS px with 1.5× text → chart text ≈ 14 pt, titles ≈ 18 pt.
PPTX_IMAGES = ImageSizes(map=(640, 437), trend=(640, 437), text_factor=1.5, scale=3)
PICTURE_W, PICTURE_H = Inches(6.3), Inches(4.3)


def _rgb(colour: str) -> RGBColor:
    return RGBColor(*hex_to_rgb(colour))


def _fonts(run) -> None:
    """Latin and East Asian typefaces on a run (python-pptx sets only the Latin one)."""
    rpr = run._r.get_or_add_rPr()
    for tag, face in (("a:latin", LATIN_FONT), ("a:ea", CJK_FONT), ("a:cs", LATIN_FONT)):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", face)
    rpr.set("lang", "zh-CN")
    rpr.set("altLang", "en-US")


def _text(
    slide,
    x,
    y,
    w,
    h,
    text: str | list[str],
    *,
    size: int = BODY_PT,
    bold: bool = False,
    colour: RGBColor | None = None,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    fill: RGBColor | None = None,
    name: str | None = None,
    shape=MSO_SHAPE.RECTANGLE,
):
    """A box of text; a list makes one paragraph per item.  ``fill`` draws a filled shape."""
    if fill is not None:
        box = slide.shapes.add_shape(shape, x, y, w, h)
        box.fill.solid()
        box.fill.fore_color.rgb = fill
        box.line.fill.background()
        box.shadow.inherit = False
    else:
        box = slide.shapes.add_textbox(x, y, w, h)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right"):
        setattr(frame, side, Inches(0.12))
    frame.margin_top = frame.margin_bottom = Inches(0.05)
    lines = text if isinstance(text, list) else [text]
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        run = p.add_run()
        run.text = line
        _fonts(run)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour or RGBColor(0x22, 0x22, 0x22)
    return box


def _picture(slide, data: bytes, x, y, w, h, name: str):
    pic = slide.shapes.add_picture(io.BytesIO(data), x, y, width=w)
    if pic.height > h:  # keep the aspect ratio, fit the height
        pic.width = int(pic.width * h / pic.height)
        pic.height = h
        pic.left = x + (w - pic.width) // 2
    pic.name = name
    return pic


TITLE_BOX_W = Inches(9.9)


def title_lines(text: str, size: int = TITLE_PT) -> int:
    """Lines a title takes in the title box (CJK 1 em, bold Latin about 0.62 em, some slack)."""
    width_pt = sum(size if ord(ch) > 0x2E80 else 0.62 * size for ch in text)
    return math.ceil(width_pt / (TITLE_BOX_W / 12700 * 0.92))


def task_title(task, lang: str) -> str:
    """``T3 实施城镇劳动者科学素质行动``; a title that would take three lines (English) gives way
    to the task's short name (``T5 Education and training``), as on the dashboard's cards."""
    full = f"{task.code} {task.title.get(lang)}"
    return full if title_lines(full) <= 2 else f"{task.code} {task.short.get(lang)}"


def _chrome(slide, facts: ReportFacts, title: str) -> int:
    """Title bar, sample-data label (top right) and footer: source, as-of year, sample label.

    Returns how far (EMU) a two-line title pushes the slide's content down.
    """
    lang = facts.lang
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_W, Inches(0.12))
    bar.fill.solid()
    bar.fill.fore_color.rgb = ACCENT
    bar.line.fill.background()
    extra = Inches(0.55) if title_lines(title) >= 2 else 0
    _text(
        slide,
        Inches(0.4),
        Inches(0.2),
        TITLE_BOX_W,
        Inches(0.85) + extra,
        title,
        size=TITLE_PT,
        bold=True,
        colour=ACCENT,
        anchor=MSO_ANCHOR.MIDDLE,
        name="title",
    )
    if facts.is_sample:
        _text(
            slide,
            Inches(10.45),
            Inches(0.3),
            Inches(2.5),
            Inches(0.6),
            t("sample_badge", lang),
            size=SMALL_PT + 2,
            bold=True,
            colour=SAMPLE_TEXT,
            fill=SAMPLE_FILL,
            align=PP_ALIGN.CENTER,
            anchor=MSO_ANCHOR.MIDDLE,
            name="sample-label",
            shape=MSO_SHAPE.ROUNDED_RECTANGLE,
        )
    foot = t("report_source_line", lang, source=t("report_source_default", lang), year=facts.year)
    if facts.is_sample:
        foot += " · " + t("sample_short", lang)
    _text(slide, Inches(0.4), Inches(7.02), Inches(12.5), Inches(0.42), foot, size=14, colour=GREY, name="footer")
    return extra


def _status_box(slide, x, y, w, h, status: str, lines: list[str], *, size: int = BODY_PT, name: str | None = None):
    return _text(
        slide,
        x,
        y,
        w,
        h,
        lines,
        size=size,
        bold=True,
        colour=_rgb(text_on(status)),
        fill=_rgb(STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"])),
        align=PP_ALIGN.CENTER,
        anchor=MSO_ANCHOR.MIDDLE,
        name=name,
        shape=MSO_SHAPE.ROUNDED_RECTANGLE,
    )


def _title_slide(prs, facts: ReportFacts) -> None:
    lang = facts.lang
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(1.6), SLIDE_W, Inches(2.9))
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    _text(
        slide,
        Inches(0.8),
        Inches(1.8),
        Inches(11.8),
        Inches(1.7),
        facts.repo.plan.title.get(lang),
        size=36,
        bold=True,
        colour=RGBColor(0xFF, 0xFF, 0xFF),
        anchor=MSO_ANCHOR.MIDDLE,
        name="title",
    )
    sub = f"{t('report_deck', lang)} · {t('as_of', lang, year=facts.year)}"
    _text(
        slide,
        Inches(0.8),
        Inches(3.5),
        Inches(11.8),
        Inches(0.8),
        sub,
        size=28,
        colour=RGBColor(0xFF, 0xFF, 0xFF),
        name="subtitle",
    )
    _text(
        slide,
        Inches(0.8),
        Inches(4.9),
        Inches(8),
        Inches(1.3),
        [
            labelled(t("region", lang), facts.region, lang),
            labelled(t("created", lang), facts.created.isoformat(), lang),
        ],
        size=BODY_PT,
        colour=GREY,
    )
    if facts.is_sample:
        _text(
            slide,
            Inches(8.8),
            Inches(4.9),
            Inches(3.9),
            Inches(1.0),
            t("sample_badge", lang),
            size=36,
            bold=True,
            colour=SAMPLE_TEXT,
            fill=SAMPLE_FILL,
            align=PP_ALIGN.CENTER,
            anchor=MSO_ANCHOR.MIDDLE,
            name="sample-label",
            shape=MSO_SHAPE.ROUNDED_RECTANGLE,
        )
        _text(
            slide,
            Inches(0.8),
            Inches(6.2),
            Inches(11.8),
            Inches(0.9),
            t("sample_banner", lang),
            size=SMALL_PT,
            colour=SAMPLE_TEXT,
            name="sample-note",
        )


def _overview_slide(prs, facts: ReportFacts) -> None:
    lang = facts.lang
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _chrome(slide, facts, t("report_overview_title", lang))
    goal, p = facts.goal, facts.goal_progress
    x, y = Inches(0.4), Inches(1.3)
    _text(slide, x, y, Inches(4.2), Inches(0.9), goal.name.get(lang), size=BODY_PT, bold=True, colour=GREY)
    value = narrative.value_text(goal, p.value, lang)
    _text(
        slide,
        x,
        y + Inches(0.85),
        Inches(4.2),
        Inches(1.2),
        value,
        size=60,
        bold=True,
        colour=ACCENT,
        name="headline-value",
    )
    _text(
        slide,
        x,
        y + Inches(2.05),
        Inches(4.2),
        Inches(0.6),
        labelled(t("target", lang), narrative.target_text(goal, lang), lang),
        size=22,
        name="headline-target",
    )
    _status_box(
        slide,
        x,
        y + Inches(2.75),
        Inches(4.0),
        Inches(0.7),
        p.status.value,
        [narrative.status_text(p.status, lang)],
        size=24,
        name="headline-status",
    )
    facts_lines = [s for s in (narrative.target_sentence(goal, p, lang), narrative.pace_sentence(goal, p, lang)) if s]
    _text(slide, x, y + Inches(3.6), Inches(4.2), Inches(2.0), facts_lines, size=SMALL_PT, name="headline-facts")

    # Every task (whatever the deck's selection) as a box in its status colour, code and short name on
    # the first line, icon, status and score on the second: ten tasks make two columns of five; a
    # plan with more takes three columns, the boxes sharing the same area.
    tasks = facts.repo.plan.tasks
    cols = 2 if len(tasks) <= 10 else 3
    rows = max(5, -(-len(tasks) // cols))
    gx, gy, gap = Inches(4.75), Inches(1.3), Inches(0.07)
    bw = (Inches(8.15) - (cols - 1) * gap) // cols
    bh = (Inches(5.58) - (rows - 1) * gap) // rows
    by_task = facts.repo.task_progress(facts.year)
    for i, task in enumerate(tasks):
        col, row = i // rows, i % rows
        gp = by_task[task.code]
        status = gp.status.value
        lines = [
            f"{task.code}  {task.short.get(lang)}",
            f"{narrative.status_text(status, lang)} · {narrative.share_text(gp.score)}",
        ]
        box = _status_box(
            slide,
            gx + col * (bw + gap),
            gy + row * (bh + gap),
            bw,
            bh,
            status,
            lines,
            size=SMALL_PT,
            name=f"task-{task.code}",
        )
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
        box.text_frame.paragraphs[1].runs[0].font.bold = False


def _task_slide(prs, facts: ReportFacts, tf: TaskFacts, images: dict[str, bytes]) -> None:
    lang = facts.lang
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    # English titles take two lines: the rest of the slide moves down and the charts get smaller.
    down = _chrome(slide, facts, task_title(tf.task, lang))
    status = tf.progress.status.value
    _status_box(
        slide,
        Inches(0.4),
        Inches(1.15) + down,
        Inches(3.6),
        Inches(0.62),
        status,
        [f"{narrative.status_text(status, lang)} · {narrative.share_text(tf.progress.score)}"],
        name="task-status",
    )
    lead = labelled(t("lead", lang), join_names(tf.lead, lang), lang)
    _text(
        slide,
        Inches(4.15),
        Inches(1.15) + down,
        Inches(8.8),
        Inches(0.62),
        lead,
        size=SMALL_PT,
        anchor=MSO_ANCHOR.MIDDLE,
        name="lead",
    )
    top = Inches(1.88) + down
    for req, x, name in ((tf.map, Inches(0.3), "map"), (tf.trend, Inches(6.73), "trend")):
        if req is not None and req.name in images:
            _picture(slide, images[req.name], x, top, PICTURE_W, PICTURE_H - down, name)
    p = tf.headline_progress
    more = (
        narrative.target_sentence(tf.headline, p, lang)
        if p.has_target
        else narrative.trend_sentence(tf.headline, p, lang, facts.repo.plan.end_year)
    )
    line = _fit([narrative.value_sentence(tf.headline, p, facts.city_words, lang), *split_sentences(more, lang)], lang)
    _text(slide, Inches(0.4), Inches(6.22), Inches(12.5), Inches(0.78), line, size=SMALL_PT, name="facts")
    notes = [n for ind, _ in tf.indicators for n in indicator_notes(facts.repo, facts.year, ind.code)]
    if notes:  # the speaker's notes carry them; the deck's last slide lists them all
        slide.notes_slide.notes_text_frame.text = "\n".join(footnote_text(facts.repo, n, lang) for n in notes)


def _notes_slide(prs, facts: ReportFacts) -> None:
    """The notes on the figures (数据说明) of the deck's tasks and year, as its last slide: the deck's footnotes."""
    lang = facts.lang
    notes = year_notes(facts.repo, facts.year) + [
        n for tf in facts.tasks for ind, _ in tf.indicators for n in indicator_notes(facts.repo, facts.year, ind.code)
    ]
    if not notes:
        return
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _chrome(slide, facts, t("notes_title", lang))
    lines = [f"{i}. {footnote_text(facts.repo, n, lang)}" for i, n in enumerate(notes, start=1)]
    size = 14 if len(lines) <= 10 else 11
    _text(slide, Inches(0.4), Inches(1.2), Inches(12.5), Inches(5.7), lines, size=size, name="notes")


def _fit(sentences: list[str], lang: str, width=Inches(12.3), lines: int = 2, size: int = SMALL_PT) -> str:
    """As many sentences as fit in ``lines`` lines of the facts box (the first always)."""
    room = width / 12700 * lines
    out: list[str] = []
    for sentence in sentences:
        trial = narrative.join([*out, sentence], lang)
        if out and sum(size if ord(ch) > 0x2E80 else 0.58 * size for ch in trial) > room:
            break
        out.append(sentence)
    return narrative.join(out, lang)


@one_data_version
def build_pptx(
    repo: Repository,
    year: int,
    *,
    tasks=None,
    lang: str = "zh",
    session: ImageSession | None = None,
    progress: ReportProgress | None = None,
) -> bytes:
    """The meeting deck for a year (and optionally some tasks), as .pptx bytes."""
    facts, images = prepare(
        repo, year, tasks=tasks, lang=lang, sizes=PPTX_IMAGES, session=session, progress=progress, document="pptx"
    )
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    properties.apply(
        prs.core_properties,
        properties.document_properties(repo.plan, year, lang, kind="report_deck", is_sample=facts.is_sample),
    )
    _title_slide(prs, facts)
    _overview_slide(prs, facts)
    for i, tf in enumerate(facts.tasks, start=1):
        _task_slide(prs, facts, tf, images)
        if progress:
            progress("layout", i, len(facts.tasks), tf.task.code)
    _notes_slide(prs, facts)
    out = io.BytesIO()
    prs.save(out)
    if progress:
        progress("done", 1, 1, "pptx")
    return out.getvalue()


def write_pptx(path: Path | str, repo: Repository, year: int, **kw) -> Path:
    path = Path(path)
    path.write_bytes(build_pptx(repo, year, **kw))
    return path


__all__ = ["PPTX_IMAGES", "SLIDE_H", "SLIDE_W", "build_pptx", "write_pptx"]
