"""Reports without a browser: narrative sentences, file names, export figures, errors.

The documents themselves (rendered charts inside .docx/.pptx/.pdf) are tested
in test_reports_documents.py, which needs Chromium.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from dashboard.cli import cli
from dashboard.reports import (
    ChromiumNotFound,
    ImageSession,
    ReportError,
    build_report,
    image_name,
    inline_shapes,
    map_request,
    narrative,
    report_filename,
    trend_request,
)
from dashboard.reports.common import collect, select_tasks
from dashboard.reports.export_figures import enlarge_text
from dashboard.reports.images import find_chromium
from data.plan import TargetType
from data.progress import Progress, Status

ROOT = Path(__file__).resolve().parents[2]
YEAR = 2019


# -- names and figures ---------------------------------------------------------------------


def test_image_names_say_what_the_image_is():
    assert image_name("map", "T8-01", 2019) == "map-T8-01-2019.png"
    assert image_name("trend", "G-01", 2019, "svg", region="230102") == "trend-G-01-230102-2019.svg"
    assert image_name("map", "G-01", 2018, lang="en") == "map-G-01-2018-en.png"
    with pytest.raises(ValueError, match="image format must be one of"):
        image_name("map", "G-01", 2019, "gif")


def test_report_file_names_carry_format_year_tasks_and_language():
    assert report_filename("docx", 2019) == "briefing-2019.docx"
    assert report_filename("pptx", 2019, tasks="T1,t3") == "deck-2019-T1-T3.pptx"
    assert report_filename("pdf", 2019, tasks="T1", lang="en") == "overview-2019-en.pdf"
    with pytest.raises(ReportError):
        report_filename("odt", 2019)


def test_map_for_export_carries_its_shapes_inline_and_the_page_map_keeps_the_url(report_repo):
    req = map_request(report_repo, "T8-01", YEAR)
    on_page = [tr["geojson"] for tr in req.figure["data"] if "geojson" in tr]
    assert on_page and all(isinstance(g, str) and g.startswith("/geo/") for g in on_page)
    spec = req.spec()
    inline = [tr for tr in spec["data"] if "geojson" in tr]
    assert len(inline) == len(on_page)
    assert all(tr["geojson"]["type"] == "FeatureCollection" for tr in inline)
    # Each status trace carries the boundaries of its own districts, and together they cover the city.
    for tr in inline:
        assert {f["properties"]["code"] for f in tr["geojson"]["features"]} == set(tr["locations"])
    covered = {f["properties"]["code"] for tr in inline for f in tr["geojson"]["features"]}
    assert covered == {u.code for u in report_repo.plan.region.units}
    assert all(isinstance(tr["geojson"], str) for tr in req.figure["data"] if "geojson" in tr)  # input untouched
    assert req.name == "map-T8-01-2019.png" and req.format == "png"


def test_inline_shapes_accepts_a_plotly_figure(report_repo):
    from dashboard.charts import map_chart

    fig = map_chart(report_repo, "T8-01", YEAR, "zh")
    spec = inline_shapes(fig, {"type": "FeatureCollection", "features": []})
    assert all(isinstance(tr["geojson"], dict) for tr in spec["data"] if "geojson" in tr)


def test_exported_charts_keep_title_source_as_of_year_and_sample_label(report_repo):
    req = trend_request(report_repo, "G-01", YEAR, fmt="svg")
    layout = req.figure["layout"]
    texts = [a["text"] for a in layout["annotations"]]
    assert report_repo.indicator("G-01").name.zh in layout["title"]["text"]
    assert any("来源" in x and "数据截至 2019 年" in x and "示例数据" in x for x in texts)
    assert any(a.get("name") == "sample-mark" for a in layout["annotations"])
    assert (layout["width"], layout["height"]) == (req.width, req.height)
    assert req.name == "trend-G-01-230100-2019.svg"


def test_enlarged_text_scales_every_font_and_leaves_the_original(report_repo):
    req = trend_request(report_repo, "G-01", YEAR)
    before = json.dumps(req.figure, default=str)
    big = enlarge_text(req.figure, 1.5)
    assert json.dumps(req.figure, default=str) == before
    assert big["layout"]["font"]["size"] == round(req.figure["layout"]["font"]["size"] * 1.5)
    assert big["layout"]["title"]["font"]["size"] == round(req.figure["layout"]["title"]["font"]["size"] * 1.5)
    sizes = [a["font"]["size"] for a in big["layout"]["annotations"] if a.get("font", {}).get("size")]
    assert sizes and min(sizes) >= 16
    # The published figures' legend (the national line on the goal's trend) grows with the rest.
    legends = {
        k: v for k, v in req.figure["layout"].items() if k.startswith("legend") and v.get("font", {}).get("size")
    }
    assert "legend2" in legends
    for name, legend in legends.items():
        assert big["layout"][name]["font"]["size"] == round(legend["font"]["size"] * 1.5)


def test_long_english_titles_and_captions_are_wrapped_to_stay_inside_the_image(report_repo):
    from dashboard.reports.export_figures import text_width

    req = trend_request(report_repo, "T2-01", YEAR, "en", width=640, height=437, text_factor=1.5)
    layout = req.figure["layout"]
    title = layout["title"]["text"].replace("<b>", "").replace("</b>", "")
    assert "<br>" in title and layout["title"]["pad"]["t"] > 0
    assert all(text_width(line, layout["title"]["font"]["size"]) <= 640 for line in title.split("<br>"))
    caption = next(a for a in layout["annotations"] if a.get("name") == "caption")
    assert "<br>" in caption["text"] and caption["align"] == "left"
    assert all(text_width(line, caption["font"]["size"]) <= 640 for line in caption["text"].split("<br>"))
    short = trend_request(report_repo, "G-01", YEAR).figure["layout"]
    assert "<br>" not in short["title"]["text"]


def test_slide_titles_fall_back_to_the_short_name_when_the_full_one_takes_three_lines(plan):
    from dashboard.reports.pptx_report import task_title

    assert task_title(plan.task_by_code["T3"], "zh") == "T3 实施城镇劳动者科学素质行动"
    assert task_title(plan.task_by_code["T5"], "en") == "T5 Education and training"


def test_same_figure_same_cache_key_different_size_different_key(report_repo):
    a, b = trend_request(report_repo, "G-01", YEAR), trend_request(report_repo, "G-01", YEAR)
    assert a.key() == b.key()
    assert a.key() != trend_request(report_repo, "G-01", YEAR, width=500).key()
    assert a.key() != trend_request(report_repo, "G-01", YEAR, fmt="svg").key()


# -- what goes into a report ------------------------------------------------------------------


def test_tasks_are_selected_by_code_in_plan_order(report_repo):
    assert [t.code for t in select_tasks(report_repo, "T3, t1")] == ["T1", "T3"]
    assert len(select_tasks(report_repo, None)) == 10
    with pytest.raises(ReportError, match="T11"):
        select_tasks(report_repo, "T1,T11")


def test_a_year_without_data_is_refused_with_the_years_that_have_data(report_repo):
    with pytest.raises(ReportError, match="2015"):
        collect(report_repo, 2030)


def test_each_task_features_a_mappable_indicator_with_a_stated_target_when_it_has_one(report_repo):
    heads = {t.code: narrative.headline_indicator(report_repo.plan, t.code).code for t in report_repo.plan.tasks}
    assert heads["T1"] == "T1-01" and heads["T3"] == "T3-01" and heads["T10"] == "T10-01"
    assert heads["T2"] == "T2-01"  # no stated target: the first with district figures
    assert all(report_repo.is_mappable(code) for code in heads.values())


def test_a_report_asks_for_a_map_and_a_trend_per_task(report_repo):
    facts = collect(report_repo, YEAR, tasks="T1,T3")
    assert [r.name for r in facts.requests()] == [
        "map-T1-01-2019.png",
        "trend-T1-01-230100-2019.png",
        "map-T3-01-2019.png",
        "trend-T3-01-230100-2019.png",
    ]
    overview = collect(report_repo, YEAR, overview=True, sections=False)
    assert [r.name for r in overview.requests()] == ["map-G-01-2019.png", "trend-G-01-230100-2019.png"]


def test_overview_page_has_the_headline_every_task_and_both_charts(report_repo):
    from dashboard.reports.pdf_report import PDF_IMAGES, overview_html

    facts = collect(report_repo, YEAR, sizes=PDF_IMAGES, overview=True, sections=False)
    page = overview_html(facts, {r.name: b"\x89PNG" for r in facts.requests()})
    p = report_repo.progress("G-01", report_repo.city, YEAR)
    assert f"{p.value:.2f}%" in page and "示例数据" in page
    assert all(f"data-task='{t.code}'" in page for t in report_repo.plan.tasks)
    assert page.count("<img ") == 2 and "http" not in page.replace("http://www.w3.org", "")


# -- narrative ------------------------------------------------------------------------------


def test_goal_sentences_state_value_target_gap_pace_and_forecast(report_repo):
    goal = report_repo.indicator("G-01")
    p = report_repo.progress("G-01", report_repo.city, YEAR)
    text = narrative.join(narrative.goal_sentences(goal, p, "全市"))
    assert f"{p.value:.2f}%" in text
    assert "12%(2020 年)" in text
    assert f"尚差 {p.gap:.2f} 个百分点" in text
    assert f"应达到 {p.expected_value:.2f}%" in text
    assert f"每年需提高 {p.gap / (2020 - YEAR):.2f} 个百分点" in text
    assert f"{p.forecast_value:.2f}%" in text
    assert f"{p.forecast_year_reached} 年达到目标" in text


def test_english_sentences_state_the_same_figures(report_repo):
    goal = report_repo.indicator("G-01")
    p = report_repo.progress("G-01", report_repo.city, YEAR)
    text = narrative.join(narrative.goal_sentences(goal, p, "Harbin", "en"), "en")
    assert f"{p.value:.2f}%" in text and "12% by 2020" in text
    assert f"{p.gap:.2f} percentage points" in text
    assert f"reached in {p.forecast_year_reached}" in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_lagging_districts_are_named_by_status(report_repo):
    table = report_repo.district_table("T3-01", YEAR)
    text = narrative.districts_sentence(table)
    for status, label in (("lagging", "进度滞后"), ("off_track", "严重滞后")):
        names = list(table.loc[table["status"] == status, "name"])
        if names:
            assert f"{label}的区县({len(names)} 个):" + "、".join(names) in text
    ok = table.loc[~table["status"].isin(["lagging", "off_track"]), "name"]
    assert not any(name in text for name in ok)


def test_no_lagging_district_says_so():
    table = pd.DataFrame({"name": ["道里区", "南岗区"], "status": ["on_track", "achieved"], "value": [1.0, 2.0]})
    assert narrative.districts_sentence(table) == "各区县均已达标或进度正常。"
    assert narrative.districts_sentence(table.assign(value=float("nan"))) == ""


def _progress(**kw) -> Progress:
    base = {
        "status": Status.lagging,
        "year": 2019,
        "has_target": True,
        "higher_is_better": True,
        "value": 6.0,
        "target": 10.0,
        "target_year": 2020,
        "target_type": TargetType.cumulative,
        "baseline_value": 0.0,
        "baseline_year": 2015,
        "expected_value": 8.0,
        "achieved_share": 0.6,
        "expected_share": 0.8,
        "gap": 4.0,
        "forecast_value": 7.5,
        "forecast_year_reached": 2022,
    }
    return Progress(**{**base, **kw})


def test_cumulative_targets_speak_of_running_totals_and_what_to_add(plan):
    ind = plan.indicator_by_code["T3-02"]  # 10 continuing-education bases over the period
    p = _progress()
    text = narrative.join(narrative.indicator_paragraph(ind, p, "全市"))
    assert "2016—2019 年,全市专业技术人才继续教育基地数累计 6 个" in text
    assert "目标为累计 10 个(2016—2020 年),尚差 4 个" in text
    assert "每年需新增 4 个" in text
    assert "预计 2022 年达到目标,比目标年份晚 2 年" in text


def test_a_met_target_says_met_and_by_how_much(plan):
    ind = plan.indicator_by_code["T3-02"]
    p = _progress(status=Status.achieved, value=12.0, gap=-2.0)
    text = narrative.join(narrative.indicator_paragraph(ind, p, "全市"))
    assert "已经达到,超出 2 个" in text
    assert "每年需" not in text and "预计" not in text


def test_a_target_year_gone_by_unmet_says_so(plan):
    ind = plan.indicator_by_code["T3-07"]  # 6 national engineering centres by 2020
    p = _progress(
        year=2020, target_type=TargetType.level_by_year, value=5.0, target=6.0, gap=1.0, status=Status.lagging
    )
    assert "目标年份(2020 年)已到,目标未实现。" in narrative.indicator_paragraph(ind, p, "全市")


def test_monitoring_indicators_are_judged_on_their_trend(report_repo):
    ind = report_repo.indicator("T8-01")
    p = report_repo.progress("T8-01", report_repo.city, YEAR)
    table = report_repo.district_table("T8-01", YEAR)
    text = narrative.join(narrative.indicator_paragraph(ind, p, "全市", table=table))
    assert "规划未设定量化目标" in text and f"{p.value:,.0f} 个" in text
    assert "尚差" not in text


def test_target_texts_follow_the_target_type(plan):
    assert narrative.target_text(plan.indicator_by_code["G-01"]) == "12%(2020 年)"
    assert narrative.target_text(plan.indicator_by_code["T1-01"]) == "全覆盖(100%,2020 年)"
    assert narrative.target_text(plan.indicator_by_code["T3-03"]) == "每年 1,000 人(至 2020 年)"
    assert narrative.target_text(plan.indicator_by_code["T1-02"]) == "—(监测指标)"
    assert narrative.target_text(plan.indicator_by_code["T3-04"], "en") == "300 people in total, 2016–2020"


# -- without Chromium ----------------------------------------------------------------------------


def test_a_missing_chromium_gives_a_clear_message_in_chinese_and_english(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ChromiumNotFound) as err:
        find_chromium()
    message = str(err.value)
    assert "未找到 Chromium" in message and "no Chromium browser found" in message
    assert "BROWSER_PATH" in message and "install-system-deps.sh" in message
    with pytest.raises(ChromiumNotFound):
        ImageSession().open()


def test_no_chromium_on_path_is_reported_too(monkeypatch, tmp_path):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ChromiumNotFound, match="on PATH"):
        find_chromium()


def test_a_report_without_chromium_fails_before_any_work_and_the_repository_still_works(
    report_repo, monkeypatch, tmp_path
):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    with pytest.raises(ChromiumNotFound):
        build_report("docx", report_repo, YEAR, tasks="T1")
    assert report_repo.task_progress(YEAR)["T1"].n_indicators == 5


def test_the_cli_reports_a_missing_chromium_as_an_error_message(report_store_url, report_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    result = CliRunner().invoke(
        cli,
        [
            "--database-url",
            report_store_url,
            "report",
            "--format",
            "pptx",
            "--year",
            "2019",
            "--out",
            str(tmp_path / "deck.pptx"),
        ],
        obj={},
    )
    assert result.exit_code == 1
    assert "未找到 Chromium" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "deck.pptx").exists()


def test_the_cli_refuses_an_unknown_task(report_store_url, report_repo):
    result = CliRunner().invoke(
        cli, ["--database-url", report_store_url, "report", "--format", "docx", "--tasks", "T1,T12"], obj={}
    )
    assert result.exit_code == 1 and "T12" in result.output


def test_importing_the_app_and_reports_does_not_import_kaleido():
    code = (
        "import sys, dashboard.reports, dashboard.reports.docx_report, dashboard.reports.pptx_report, "
        "dashboard.reports.pdf_report, dashboard.charts; "
        "assert 'kaleido' not in sys.modules and 'choreographer' not in sys.modules, 'kaleido imported'"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
