"""A one-page PDF of the overview for printing: A4 landscape.

The same content as the overview page on screen: the headline indicator
against its 12 % target, every task with status and score, the map and the
trend of the headline indicator.  Built as a self-contained HTML page (images
as data URIs, fonts from the system, no request leaves the host) and printed
by the same headless Chromium that renders the charts
(``chromium --headless --print-to-pdf``).
"""

from __future__ import annotations

import base64
import html
import subprocess
import tempfile
from pathlib import Path

from dashboard.i18n import app_title, join_names, labelled, script, t
from dashboard.reports import narrative, properties
from dashboard.reports.common import (
    ImageSizes,
    ReportFacts,
    ReportProgress,
    collect,
    department_names,
    early_renders,
    image_session,
    one_data_version,
    render_report_images,
    text_on,
    validate,
)
from dashboard.reports.images import DEAD_PROXY, ChromiumNotFound, ImageSession, find_chromium
from dashboard.repository import Repository
from dashboard.theme import FONT_FAMILY, STATUS_COLOURS

# Two charts side by side across 277 mm of A4 landscape.
PDF_IMAGES = ImageSizes(map=(660, 400), trend=(660, 400), text_factor=1.0, scale=3)
PRINT_TIMEOUT_S = 120

CSS = """
@page { size: A4 landscape; margin: 8mm 10mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: %(font)s; color: #222; font-size: 9.5pt;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
#page { position: relative; width: 277mm; height: 193mm; overflow: hidden; }
#content { transform-origin: top left; }
header { display: flex; align-items: center; justify-content: space-between; border-bottom: 2px solid #1F4E79;
         padding-bottom: 1.5mm; margin-bottom: 2mm; }
h1 { font-size: 15pt; margin: 0; color: #1F4E79; }
.sub { color: #555; font-size: 10pt; }
.sample { background: #fff3cd; color: #8a6d00; border: 1px solid #e0c36a; border-radius: 3px; font-weight: bold; }
.sample.badge { font-size: 14pt; padding: 1mm 4mm; }
.sample.banner { font-size: 8.5pt; padding: 1mm 3mm; margin-bottom: 2mm; font-weight: normal; }
.row { display: flex; gap: 4mm; }
.headline { flex: 0 0 72mm; border: 1px solid #ccc; border-radius: 3px; padding: 2.5mm 3mm; }
.headline .name { color: #555; font-size: 9pt; }
.headline .value { font-size: 30pt; font-weight: bold; color: #1F4E79; line-height: 1.1; }
.headline .target { font-size: 10pt; color: #555; }
.headline .facts { font-size: 8.5pt; margin-top: 1.5mm; line-height: 1.35; }
.badge-status { display: inline-block; border-radius: 3px; padding: 0.4mm 2mm; font-weight: bold; white-space: nowrap; }
table { border-collapse: collapse; width: 100%%; font-size: 8.5pt; }
th { background: #1F4E79; color: white; text-align: left; padding: 0.8mm 1.5mm; }
td { border-bottom: 1px solid #ddd; padding: 0.6mm 1.5mm; vertical-align: middle; }
td.num { text-align: right; }
.tasks { flex: 1; }
.charts { margin-top: 2.5mm; }
.charts img { width: 136mm; height: 82.4mm; border: 1px solid #eee; }
footer { position: absolute; bottom: 0; left: 0; right: 0; font-size: 7.5pt; color: #666; display: flex;
         justify-content: space-between; }
"""


# Long names (English department names run to three lines) must not push the charts onto a second
# page: before printing, shrink the content to the space above the footer if it does not fit.
FIT_ONE_PAGE = """
(function () {
  var page = document.getElementById('page'), content = document.getElementById('content');
  var room = page.clientHeight - document.querySelector('footer').offsetHeight - 4;
  var need = content.scrollHeight;
  if (need > room) { content.style.transform = 'scale(' + (room / need) + ')'; content.dataset.scale = room / need; }
})();
"""


def _data_uri(data: bytes, fmt: str) -> str:
    mime = "image/svg+xml" if fmt == "svg" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _badge(status: str, lang: str) -> str:
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"])
    return (
        f'<span class="badge-status" style="background:{colour};color:{text_on(status)}" data-status="{status}">'
        f"{html.escape(narrative.status_text(status, lang))}</span>"
    )


def overview_html(facts: ReportFacts, images: dict[str, bytes]) -> str:
    """The overview as one self-contained HTML page sized for A4 landscape."""
    lang, e = facts.lang, html.escape
    repo, year = facts.repo, facts.year
    goal, p = facts.goal, facts.goal_progress
    by_task = repo.task_progress(year)
    rows = []
    for task in repo.plan.tasks:
        gp = by_task[task.code]
        lead = join_names(department_names(repo, task.roles.lead, lang), lang)
        rows.append(
            f"<tr data-task='{task.code}'><td><b>{task.code}</b></td><td>{e(task.title.get(lang))}</td>"
            f"<td>{e(lead)}</td><td>{_badge(gp.status.value, lang)}</td>"
            f"<td class='num'>{narrative.share_text(gp.score)}</td></tr>"
        )
    pics = []
    for req in (facts.overview_map, facts.overview_trend):
        if req is not None and req.name in images:
            pics.append(f'<img alt="{e(req.name)}" src="{_data_uri(images[req.name], req.format)}">')
    sample_badge = f'<span class="sample badge">{e(t("sample_badge", lang))}</span>' if facts.is_sample else ""
    banner = f'<div class="sample banner">{e(t("sample_banner", lang))}</div>' if facts.is_sample else ""
    facts_lines = "".join(f"<div>{e(s)}</div>" for s in facts.goal_sentences[1:])
    title = f"{app_title(facts.region, lang)} · {t('report_overview', lang)}"
    as_of = t("as_of", lang, year=year)
    footer_left = t("report_source_line", lang, source=t("report_source_default", lang), year=year)
    footer_right = f"{e(repo.plan.title.get(lang))} · {t('created', lang)} {facts.created.isoformat()}"
    subtitle = f"{e(repo.plan.title.get(lang))} · {e(as_of)}"
    return f"""<!doctype html>
<html lang="{script(lang).html_lang}"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>{CSS % {"font": FONT_FAMILY}}</style></head>
<body><div id="page"><div id="content">
<header><div><h1>{e(title)}</h1><div class="sub">{subtitle}</div></div>{sample_badge}</header>
{banner}
<div class="row">
  <div class="headline" id="headline">
    <div class="name">{e(goal.name.get(lang))} · {e(t("city", lang))} {year}</div>
    <div class="value">{e(narrative.value_text(goal, p.value, lang))}</div>
    <div class="target">{e(labelled(t("target", lang), narrative.target_text(goal, lang), lang))}</div>
    <div style="margin-top:1.5mm">{_badge(p.status.value, lang)}</div>
    <div class="facts">{facts_lines}</div>
  </div>
  <div class="tasks"><table id="tasks">
    <tr><th>{e(t("code", lang))}</th><th>{e(t("task", lang))}</th><th>{e(t("lead_departments", lang))}</th>
        <th>{e(t("status", lang))}</th><th>{e(t("progress_score", lang))}</th></tr>
    {"".join(rows)}
  </table></div>
</div>
<div class="row charts">{"".join(pics)}</div>
</div>
<footer><span>{e(footer_left)}{" · " + e(t("sample_short", lang)) if facts.is_sample else ""}</span>
<span>{footer_right}</span></footer>
</div>
<script>{FIT_ONE_PAGE}</script>
</body></html>"""


def print_pdf(page: str, *, browser: str | None = None, timeout: float = PRINT_TIMEOUT_S) -> bytes:
    """Print an HTML page to PDF with headless Chromium (page size from the page's CSS @page)."""
    browser = browser or find_chromium()
    with tempfile.TemporaryDirectory(prefix="kepu-pdf-") as tmp:
        src, out = Path(tmp) / "overview.html", Path(tmp) / "overview.pdf"
        src.write_text(page, encoding="utf-8")
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--proxy-server={DEAD_PROXY}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            src.as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except FileNotFoundError as exc:
            raise ChromiumNotFound(str(exc)) from None
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"Chromium did not print the PDF within {timeout:.0f} s") from None
        if not out.exists() or out.stat().st_size == 0:
            tail = done.stderr.decode(errors="replace")[-600:]
            raise RuntimeError(f"Chromium printed no PDF (exit {done.returncode}): {tail}")
        return out.read_bytes()


@one_data_version
def build_pdf(
    repo: Repository,
    year: int,
    *,
    tasks=None,
    lang: str = "zh",
    session: ImageSession | None = None,
    progress: ReportProgress | None = None,
) -> bytes:
    """The one-page overview as PDF bytes (``tasks`` is accepted for symmetry: the overview shows all ten)."""
    validate(repo, year, tasks, lang)
    with image_session(session, repo.shared) as browser:
        facts = collect(
            repo, year, lang=lang, sizes=PDF_IMAGES, overview=True, sections=False, on_images=early_renders(browser)
        )
        images = render_report_images(facts, session=browser, progress=progress)
        path = browser.browser_path
    if progress:
        progress("layout", 0, 1, "pdf")
    data = print_pdf(overview_html(facts, images), browser=path)
    props = properties.document_properties(repo.plan, year, lang, kind="report_overview", is_sample=facts.is_sample)
    data = properties.apply_pdf(data, props, producer=app_title(facts.region, lang))
    if progress:
        progress("done", 1, 1, "pdf")
    return data


def write_pdf(path: Path | str, repo: Repository, year: int, **kw) -> Path:
    path = Path(path)
    path.write_bytes(build_pdf(repo, year, **kw))
    return path


__all__ = ["PDF_IMAGES", "build_pdf", "overview_html", "print_pdf", "write_pdf"]
