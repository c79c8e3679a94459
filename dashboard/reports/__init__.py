"""Reports and snapshots: chart images, the Word briefing, the meeting deck and the one-page PDF.

    build_report("docx", repo, 2019, tasks="T1,T3")   # bytes of briefing-2019-T1-T3.docx

Importing this package needs neither kaleido nor Chromium; only rendering
does, and without them it raises :class:`ChromiumNotFound` (a message in
Chinese and English).  See docs/reports.md.
"""

from __future__ import annotations

from dashboard.i18n import script
from dashboard.reports.common import FORMATS, ReportError, ReportProgress
from dashboard.reports.export_figures import ImageRequest, image_name, inline_shapes, map_request, trend_request
from dashboard.reports.images import (
    ChromiumNotFound,
    ImageSession,
    chromium_available,
    find_chromium,
    render_images,
    write_images,
)

MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}


def build_report(
    fmt: str,
    repo,
    year: int,
    *,
    tasks=None,
    lang: str = "zh",
    session: ImageSession | None = None,
    progress: ReportProgress | None = None,
) -> bytes:
    """A report as bytes: ``fmt`` is docx (briefing), pptx (deck) or pdf (one-page overview)."""
    if fmt == "docx":
        from dashboard.reports.docx_report import build_docx as build
    elif fmt == "pptx":
        from dashboard.reports.pptx_report import build_pptx as build
    elif fmt == "pdf":
        from dashboard.reports.pdf_report import build_pdf as build
    else:
        raise ReportError(f"report format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return build(repo, year, tasks=tasks, lang=lang, session=session, progress=progress)


def report_filename(fmt: str, year: int, *, lang: str = "zh", tasks: str | list[str] | None = None) -> str:
    """``briefing-2019.docx``, ``deck-2019-T1-T3.pptx``, ``overview-2019.pdf`` (``-en`` for English)."""
    stem = {"docx": "briefing", "pptx": "deck", "pdf": "overview"}.get(fmt)
    if stem is None:
        raise ReportError(f"report format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    parts = [stem, str(year)]
    if isinstance(tasks, str):
        tasks = [c for c in tasks.replace(" ", "").split(",") if c]
    if tasks and fmt != "pdf":
        parts.append("-".join(c.upper() for c in tasks))
    if script(lang).file_tag:
        parts.append(script(lang).file_tag)
    return "-".join(parts) + f".{fmt}"


__all__ = [
    "FORMATS",
    "MIME_TYPES",
    "ChromiumNotFound",
    "ImageRequest",
    "ImageSession",
    "ReportError",
    "build_report",
    "chromium_available",
    "find_chromium",
    "image_name",
    "inline_shapes",
    "map_request",
    "render_images",
    "report_filename",
    "trend_request",
    "write_images",
]
