"""大屏 Meeting mode: one screen for a projector, stepping through the key tasks.

Dark theme, type sized in viewport units so that it reads from the back of a
room at 1920×1080 and still fits at 1366×768.  Steps by timer (interval in
the URL) or by keyboard and clicker (arrows, space, Page Up/Down: see
assets/meeting.js); the clock and the as-of year are always on screen.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.context import AppContext
from dashboard.i18n import app_title, format_value, join_names, script, status_label, t
from dashboard.repository import Repository
from dashboard.services.reference import national_comparison
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS
from dashboard.viewstate import ViewState
from layouts.common import GRAPH_CONFIG, attrs, district_table_details
from layouts.reference import published_figure

# Status words on the dark background: the Okabe–Ito hues lightened until they reach 4.5:1 on the
# panels (#1b2330) and on the current tile (#263041); the tiles' borders keep the page's colours.
DARK_TEXT = {
    "achieved": "#2BD4A0",
    "on_track": "#56B4E9",
    "lagging": "#E69F00",
    "off_track": "#FF8A50",
    "no_data": "#BBBBBB",
    "no_target": "#BBBBBB",
}


def map_indicator(repo: Repository, task: str) -> str:
    """The indicator the meeting map shows for a task: its first with district figures, else the goal's."""
    return next((i.code for i in repo.plan.indicators_for(task) if repo.is_mappable(i.code)), repo.plan.goal.indicator)


def task_tile(repo: Repository, code: str, year: int, lang: str, current: bool) -> html.Div:
    task = repo.plan.task_by_code[code]
    gp = repo.task_progress(year)[code]
    status = gp.status.value
    score = "" if gp.score is None else f"{round(100 * gp.score)}%"
    return html.Div(
        [
            html.Div(f"{code} {task.short.get(lang)}", className="mt-tile-name"),
            html.Div(f"{STATUS_ICONS[status]} {status_label(status, lang)} {score}", className="mt-tile-status"),
        ],
        className="mt-tile" + (" mt-current" if current else ""),
        id=f"mt-tile-{code}",
        style={"borderColor": STATUS_COLOURS[status], "--status": DARK_TEXT[status]},
        role="listitem",
        **attrs({"data-status": status, "aria-current": "step" if current else "false"}),
    )


def task_detail(repo: Repository, code: str, year: int, lang: str) -> list:
    plan = repo.plan
    task = plan.task_by_code[code]
    gp = repo.task_progress(year)[code]
    lead = join_names((plan.department_by_code[c].name.get(lang) for c in task.roles.lead), lang)
    rows = []
    for ind in plan.indicators_for(code)[:4]:
        p = repo.progress(ind.code, repo.city, year)
        unit = ind.unit.get(lang)
        target = format_value(p.target, ind.decimals, unit, lang) if p.target is not None else "—"
        rows.append(
            html.Tr(
                [
                    html.Td(ind.name.get(lang)),
                    html.Td(format_value(p.value, ind.decimals, unit, lang), className="mt-num"),
                    html.Td(target, className="mt-num"),
                    html.Td(
                        f"{STATUS_ICONS[p.status.value]} {status_label(p.status.value, lang)}",
                        style={"color": DARK_TEXT[p.status.value]},
                    ),
                ]
            )
        )
    return [
        html.H2([html.Span(code, className="mt-code"), task.title.get(lang)], id="mt-task-title"),
        html.Div(
            [f"{STATUS_ICONS[gp.status.value]} {status_label(gp.status.value, lang)}"],
            className="mt-task-status",
            style={"color": DARK_TEXT[gp.status.value]},
        ),
        # One line, so that long English department names leave the map its height; the full list is the tooltip.
        html.Div([html.Span(t("lead", lang) + ": ", className="mt-label"), lead], className="mt-lead", title=lead),
        html.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(t("indicator", lang)),
                            html.Th(t("value", lang)),
                            html.Th(t("target", lang)),
                            html.Th(t("status", lang)),
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="mt-table",
        ),
        # The map's numbers for screen readers (no room on a projected screen for a visible table).
        html.Div(
            district_table_details(repo, map_indicator(repo, code), year, lang, open_=True),
            className="visually-hidden",
            id="mt-map-table",
        ),
    ]


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    choices = repo.choices()
    year = state.year_or_default(choices)
    task = state.task or choices.tasks[0]
    goal = repo.indicator(repo.plan.goal.indicator)
    head = repo.progress(goal.code, repo.city, year)
    unit = goal.unit.get(lang)
    # The plan's goal states a target; a plan file whose headline indicator has none says so.
    target_line = (
        f"{t('target', lang)} {format_value(goal.target.value, 0, unit, lang)} ({goal.target.year})"
        if goal.target is not None
        else t("no_target", lang)
    )
    sample = repo.status()["is_sample"]
    return html.Div(
        [
            html.Header(
                [
                    html.H1(app_title(repo.plan.region.name.get(lang), lang), className="mt-title"),
                    html.Span(
                        t("sample_short", lang),
                        className="mt-sample",
                        id="mt-sample",
                        **attrs({"data-print-status": t("sample_short", lang)}),
                    )
                    if sample
                    else None,
                    html.Span(t("as_of", lang, year=year), className="mt-asof", id="as-of"),
                    html.Span("", className="mt-clock", id="mt-clock", **attrs({"aria-live": "off"})),
                ],
                className="mt-header",
            ),
            html.Section(
                [
                    html.Div(
                        [
                            html.Div(t("headline", lang), className="mt-label"),
                            html.Div(
                                format_value(head.value, max(goal.decimals, 1), unit, lang),
                                className="mt-headline",
                                id="mt-headline",
                            ),
                            html.Div(target_line, className="mt-headline-target"),
                            published_figure(
                                national_comparison(repo.plan, year, head.observed),
                                lang,
                                "mt-headline-national",
                                "mt-headline-target mt-headline-national",
                            ),
                            html.Div(
                                f"{STATUS_ICONS[head.status.value]} {status_label(head.status.value, lang)}",
                                style={"color": DARK_TEXT[head.status.value]},
                                className="mt-headline-status",
                            ),
                        ],
                        className="mt-panel mt-headline-panel",
                    ),
                    html.Div(
                        id="mt-tiles",
                        className="mt-tiles",
                        role="list",
                        **attrs({"aria-label": t("meeting_tasks", lang)}),
                        children=[task_tile(repo, c, year, lang, c == task) for c in choices.tasks],
                    ),
                ],
                className="mt-left",
            ),
            html.Section(
                [
                    html.Div(
                        task_detail(repo, task, year, lang),
                        id="mt-detail",
                        className="mt-panel mt-detail",
                        **attrs({"aria-live": "polite"}),
                    ),
                    html.Div(
                        dcc.Graph(
                            id="mt-map",
                            config={**GRAPH_CONFIG, "displayModeBar": False},
                            responsive=True,
                            style={"height": "100%"},
                        ),
                        className="mt-map",
                    ),
                ],
                className="mt-right",
            ),
            html.Footer(
                [
                    html.Button(
                        "◀",
                        id="mt-prev",
                        n_clicks=0,
                        className="mt-btn",
                        title=t("previous", lang),
                        **attrs({"aria-label": t("previous", lang)}),
                    ),
                    html.Button(
                        t("pause", lang),
                        id="mt-pause",
                        n_clicks=0,
                        className="mt-btn",
                        title=t("pause", lang),
                        **attrs({"aria-label": t("pause", lang)}),
                    ),
                    html.Button(
                        "▶",
                        id="mt-next",
                        n_clicks=0,
                        className="mt-btn",
                        title=t("next", lang),
                        **attrs({"aria-label": t("next", lang)}),
                    ),
                    html.Span(t("meeting_keys", lang), className="mt-hint"),
                ],
                className="mt-footer",
            ),
            dcc.Store(id="mt-task", data=task),
            dcc.Interval(id="mt-timer", interval=max(state.interval, 1) * 1000, disabled=state.interval == 0),
            dcc.Interval(id="mt-clock-tick", interval=1000),
        ],
        id="meeting-page",
        className="meeting",
        lang=script(lang).html_lang,
    )
