"""Exports from the browser, copy link and embed mode, without a browser.

Layouts are rendered as component trees; the export callbacks are called as
plain functions with a fake report builder, so no Chromium is needed here
(tests/browser/test_exports.py builds a real PDF).
"""

from __future__ import annotations

import base64
import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from callbacks.exports import export_job, progress_reporter, start_export
from dashboard.i18n import app_title, t
from dashboard.reports import ChromiumNotFound, ReportError
from dashboard.viewstate import parse
from layouts import embed
from layouts.shell import navbar, shell
from tests.support.components import by_id, graphs, walk
from tests.support.http import post_callback
from tests.support.pages import render_page, render_state

pytestmark = pytest.mark.store_unchanged  # exports read the store, never write it


def chrome(repo, path: str, search: str = ""):
    state = parse(path, search, repo.choices())
    choices = repo.choices()
    title = app_title(repo.plan.region.name.get(state.lang), state.lang)
    return navbar(state, choices.tasks[0], choices.districts[0], state.year_or_default(choices), title=title)


# -- the controls ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_navbar_has_export_menu_copy_link_and_embed_code_in_the_pages_language(repo, lang):
    bar = chrome(repo, "/map", f"?lang={lang}&year=2018")
    assert by_id(bar, "export-menu").label == t("export_menu", lang)
    for fmt in ("docx", "pptx", "pdf"):
        assert by_id(bar, f"export-{fmt}").children == t(f"export_{fmt}", lang)
    assert by_id(bar, "export-scope").children == t("export_scope", lang, year=2018, tasks=t("export_all_tasks", lang))
    assert by_id(bar, "copy-link").children == t("copy_link", lang)
    assert by_id(bar, "embed-code").children == t("embed_code", lang)
    assert getattr(by_id(bar, "copy-link-status"), "aria-live") == "polite"
    words = by_id(bar, "share-text").data
    assert words["copied"] == t("copied", lang) and words["failed"] == t("copy_failed", lang)
    assert "no-print-chrome" in by_id(bar, "navbar-tools").className


def test_the_task_page_exports_its_task_and_other_pages_all_tasks(repo):
    assert "T3" in by_id(chrome(repo, "/task/T3"), "export-scope").children
    assert t("export_all_tasks", "zh") in by_id(chrome(repo, "/district/230102"), "export-scope").children


def test_what_a_running_export_writes_to_is_in_the_static_shell_outside_the_rebuilt_chrome():
    root = shell()
    chrome_slot = by_id(root, "chrome")
    assert chrome_slot.children is None  # filled per URL by callbacks/routing.py
    for id_ in (
        "export-download",
        "export-request",
        "export-panel",
        "export-progress",
        "export-status",
        "export-cancel",
        "export-close",
        "export-message",
        "copy-link-input",
    ):
        by_id(root, id_)
    assert by_id(root, "export-panel").hidden is True
    assert getattr(by_id(root, "export-status"), "aria-live") == "polite"


def test_embeds_and_meeting_mode_have_no_chrome_and_so_no_menu(app):
    client = app.server.test_client()
    for path, search in (("/map", "?embed=1"), ("/meeting", "")):
        resp = post_callback(client, "chrome.children", {"url.pathname": path, "url.search": search})
        assert json.loads(resp.data)["response"]["chrome"]["children"] is None
    resp = post_callback(client, "chrome.children", {"url.pathname": "/map", "url.search": ""})
    assert '"export-pdf"' in resp.data.decode()


# -- the click --------------------------------------------------------------------------------------
def test_a_click_shows_the_panel_and_asks_for_the_job(repo):
    out = start_export("pdf", "/task/T3", "?lang=en", repo=repo, available=lambda: True)
    request, hidden, title, cancel, close, message, status, colour = (
        out[k] for k in ("request", "hidden", "title", "cancel", "close", "message", "status", "colour")
    )
    assert request["fmt"] == "pdf" and request["pathname"] == "/task/T3" and request["search"] == "?lang=en"
    assert hidden is False and message is None and colour == "primary"
    assert title == t("export_title", "en", what=t("export_pdf", "en"))
    assert (cancel, close, status) == (t("export_cancel", "en"), t("export_close", "en"), t("export_starting", "en"))
    again = start_export("pdf", "/task/T3", "?lang=en", repo=repo, available=lambda: True)["request"]
    assert again["nonce"] != request["nonce"]  # two clicks, two jobs (Dash keys jobs by their arguments)


def test_without_chromium_the_click_says_so_in_both_languages_and_starts_nothing(repo):
    out = start_export("docx", "/", "", repo=repo, available=lambda: False)
    request, hidden, message, colour = out["request"], out["hidden"], out["message"], out["colour"]
    assert request is not None and request.__class__.__name__ == "NoUpdate"
    assert hidden is False and colour == "danger"
    text = json.dumps(message.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False)
    assert "Chromium" in text and "未找到" in text and "no Chromium browser found" in text
    assert t("export_rest_works", "zh") in text


# -- the job ----------------------------------------------------------------------------------------
class FakeBuilder:
    """build_report's signature; reports progress as the real builders do and returns marked bytes."""

    def __init__(self, error: Exception | None = None):
        self.calls = []
        self.error = error

    def __call__(self, fmt, repo, year, *, tasks=None, lang="zh", progress=None):
        self.calls.append({"fmt": fmt, "year": year, "tasks": tasks, "lang": lang})
        if self.error:
            raise self.error
        for i in range(1, 4):
            progress("images", i, 3, f"map-{i}.png")
        progress("layout", 0, 1, fmt)
        progress("done", 1, 1, fmt)
        return f"%{fmt.upper()}-{year}-{tasks}-{lang}".encode()


def run_job(repo, builder, fmt, path, search=""):
    seen = []
    out = export_job(
        seen.append, {"fmt": fmt, "pathname": path, "search": search, "nonce": "x"}, repo=repo, build=builder
    )
    return out, seen


@pytest.mark.parametrize(
    "fmt,path,search,name,tasks",
    [
        ("pdf", "/", "", "overview-2020.pdf", None),
        ("docx", "/task/T3", "?year=2019", "briefing-2019-T3.docx", "T3"),
        ("pptx", "/map", "?year=2018&lang=en", "deck-2018-en.pptx", None),
    ],
)
def test_the_job_builds_the_views_report_and_downloads_it_under_its_file_name(repo, fmt, path, search, name, tasks):
    builder = FakeBuilder()
    (download, message, colour), _seen = run_job(repo, builder, fmt, path, search)
    call = builder.calls[0]
    assert call["fmt"] == fmt and call["tasks"] == tasks
    assert download["filename"] == name
    assert base64.b64decode(download["content"]) == f"%{fmt.upper()}-{call['year']}-{tasks}-{call['lang']}".encode()
    assert download["type"].startswith("application/")
    assert colour == "success" and name in json.dumps(
        message.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False
    )


def test_progress_climbs_to_100_and_counts_the_charts(repo):
    _, seen = run_job(repo, FakeBuilder(), "pdf", "/")
    percents = [s[0] for s in seen]
    assert percents == sorted(percents) and percents[-1] == 100
    assert t("export_images", "zh", done=3, total=3) in [s[2] for s in seen]
    assert seen[0][2] == t("export_starting", "zh")


def test_progress_words_follow_the_language():
    seen = []
    progress_reporter(seen.append, "en")("images", 3, 20, "map.png")
    assert seen == [[17, "17%", "Rendering… chart 3 of 20"]]
    seen.clear()
    progress_reporter(seen.append, "zh")("images", 3, 20, "map.png")
    assert seen[0][2] == "正在生成… 3/20 张图"


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False)


def test_chromium_missing_in_the_job_gives_the_bilingual_message_not_a_traceback(repo):
    (download, message, colour), _ = run_job(repo, FakeBuilder(ChromiumNotFound("none on PATH")), "pdf", "/")
    assert download.__class__.__name__ == "NoUpdate" and colour == "danger"
    assert "未找到 Chromium" in _text(message) and "no Chromium browser found" in _text(message)


def test_a_refused_report_says_why(repo):
    (_, message, _), _ = run_job(repo, FakeBuilder(ReportError("no data for 2031")), "docx", "/")
    assert "no data for 2031" in _text(message)


def test_any_other_failure_is_a_sentence_and_the_details_stay_on_the_server(repo, caplog):
    (_download, message, colour), _ = run_job(repo, FakeBuilder(RuntimeError("secret path /srv/x")), "pptx", "/")
    assert colour == "danger" and t("export_error", "zh") in _text(message)
    assert "secret path" not in _text(message) and "Traceback" not in _text(message)
    assert "secret path" in caplog.text  # logged with its traceback


# -- embed mode -------------------------------------------------------------------------------------
EMBEDS = [
    ("/", "?embed=1", "map-G-01-2020"),
    ("/", "?embed=1&chart=trend", "trend-G-01-city"),
    ("/map", "?embed=1&indicator=T8-01&year=2019", "map-T8-01-2019"),
    ("/map", "?embed=1&chart=ranking&lang=en", "ranking-G-01-2020-en"),
    ("/task/T3", "?embed=1", "trend-T3-01-city"),
    ("/task/T3", "?embed=1&chart=map", "map-T3-01-2020"),
    ("/district/230102", "?embed=1", "trend-G-01-230102"),
]


@pytest.mark.parametrize("path,search,name", EMBEDS, ids=[p + s for p, s, _ in EMBEDS])
def test_an_embed_is_exactly_one_chart_that_fills_its_frame(repo, path, search, name):
    state = parse(path, search, repo.choices())
    tree = render_state(repo, state)
    (graph,) = graphs(tree)
    assert graph.id == "embed-graph" and graph.responsive is True and graph.style["height"] == "100vh"
    assert graph.config["toImageButtonOptions"]["filename"] == name
    ids = [getattr(c, "id", None) for c in walk(tree)]
    assert not any(isinstance(i, str) and (i.startswith("nav") or i in ("sample-banner", "as-of")) for i in ids)
    fig = graph.figure
    assert fig.layout.height is None and fig.layout.autosize is True
    # What a reader needs is inside the figure: title, unit, source, as-of year, sample label.
    lang = state.lang
    notes = {a.name: a.text for a in fig.layout.annotations}
    assert fig.layout.title.text and t("unit", lang) in fig.layout.title.subtitle.text
    assert t("source", lang) in notes["caption"]
    assert t("as_of", lang, year=state.year_or_default(repo.choices())) in notes["caption"]
    assert notes["sample-mark"] == t("sample_short", lang)


def test_an_embed_draws_its_shapes_from_this_host(repo):
    fig = embed.embed_figure(parse("/map", "?embed=1", repo.choices()), repo)[0]
    sources = {tr.geojson for tr in fig.data if getattr(tr, "geojson", None)}
    assert sources and all(isinstance(s, str) and s.startswith("/geo/") for s in sources)


def test_pages_without_a_single_chart_are_shown_whole_when_embedded(repo):
    tree = render_page(repo, "/departments", "?embed=1")
    assert getattr(tree, "id", None) != "embed-page"
