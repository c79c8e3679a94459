"""A plan with fewer or more than ten key tasks: the plan file loads, and every page and the Word
and PowerPoint documents show exactly its tasks (the shipped plan has ten; a city's next plan may
merge or add some)."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from docx import Document
from pptx import Presentation

from dashboard.context import context_of
from dashboard.reports.docx_report import build_docx
from dashboard.reports.pptx_report import build_pptx
from data.plan import MAX_TASKS, load_plan
from tests.support.app import make_app
from tests.support.http import post_callback
from tests.support.plans import shipped_raw, with_tasks

COUNTS = (6, 12)


@pytest.fixture(scope="module", params=COUNTS, ids=lambda n: f"{n}-tasks")
def plan_app(request, tmp_path_factory):
    count = request.param
    folder = tmp_path_factory.mktemp(f"tasks-{count}")
    plans = folder / "plans"
    plans.mkdir()
    path = plans / f"fixture-{count}-tasks.yaml"
    path.write_text(yaml.safe_dump(with_tasks(shipped_raw(), count, code=path.stem), allow_unicode=True), "utf-8")
    app = make_app(folder, plans_dir=str(plans))
    return count, app, app.server.test_client()


def _page(client, path: str) -> str:
    resp = post_callback(client, "page.children", {"url.pathname": path}, {"url.search": ""})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    return json.dumps(resp.get_json(), ensure_ascii=False)


def test_the_plan_loads_with_its_own_number_of_tasks(plan_app):
    count, app, _ = plan_app
    plan = context_of(app).repo.plan
    assert [t.code for t in plan.tasks] == [f"T{n}" for n in range(1, count + 1)]
    assert load_plan  # the app loaded it through load_plan; a bound still holds:
    assert count <= MAX_TASKS


def test_the_overview_has_a_card_for_each_task_and_no_other(plan_app):
    count, _, client = plan_app
    body = _page(client, "/")
    assert f"task-card-T{count}" in body and f"task-card-T{count + 1}" not in body
    assert body.count('"task-card-T') == count


def test_the_task_page_of_the_last_task_draws(plan_app):
    count, _, client = plan_app
    body = _page(client, f"/task/T{count}")
    assert f"T{count}" in body and f"T{count + 1}" not in body


@pytest.mark.parametrize(
    "output,inputs",
    [
        ("mt-tiles.children", {"url.pathname": "/meeting"}),
        ("dep-matrix.figure", {"dep-year.value": 2019, "url.pathname": "/departments"}),
    ],
    ids=["meeting", "departments"],
)
def test_the_meeting_tiles_and_the_department_matrix_hold_every_task(plan_app, output, inputs):
    count, _, client = plan_app
    resp = post_callback(client, output, inputs, {"url.pathname": inputs["url.pathname"], "url.search": ""})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    body = json.dumps(resp.get_json(), ensure_ascii=False)
    assert f"T{count}" in body and f"T{count + 1}" not in body


def test_a_link_to_a_task_beyond_the_plan_opens_its_first_task(plan_app):
    count, app, client = plan_app
    first = context_of(app).repo.plan.tasks[0]
    body = _page(client, f"/task/T{count + 1}")
    assert f"T1 {first.title.zh}" in body and f"T{count + 1}" not in body


@pytest.mark.browser  # the documents' charts are drawn by kaleido in Chromium
def test_the_briefing_and_the_deck_list_every_task(plan_app):
    from dashboard.reports import ImageSession, chromium_available

    if not chromium_available():
        pytest.skip("Chromium or kaleido is missing: run scripts/install-system-deps.sh")
    count, app, _ = plan_app
    repo = context_of(app).repo
    with ImageSession() as images:
        deck = Presentation(io.BytesIO(build_pptx(repo, 2019, tasks="T1", session=images)))
        brief = Document(io.BytesIO(build_docx(repo, 2019, tasks="T1", session=images)))
    names = {shape.name for slide in deck.slides for shape in slide.shapes}
    assert {f"task-T{n}" for n in range(1, count + 1)} <= names and f"task-T{count + 1}" not in names
    boxes = [s for slide in deck.slides for s in slide.shapes if s.name.startswith("task-T")]
    width = deck.slide_width
    assert all(b.left >= 0 and b.left + b.width <= width for b in boxes)
    assert all(b.top >= 0 and b.top + b.height <= deck.slide_height for b in boxes)
    assert brief.paragraphs  # it builds
