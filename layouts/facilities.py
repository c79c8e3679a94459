"""The venue registry on the pages (issue 18): the map's venue switches, the district page's list
of venues with their coverage, the upload page's venue template and a venue list's preview.

Arranges what ``dashboard.services.facilities`` returns; asks nothing of the store itself.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.i18n import format_number, join_names, t
from dashboard.repository import Repository
from dashboard.services import facilities as services
from data.facilities import VenuePreview
from data.plan import Region
from layouts.common import attrs

MAX_LISTED = 200  # venues listed on the district page; the data page and the export have them all
MAX_CHANGES = 200


def venue_switches(repo: Repository, indicator: str, lang: str) -> dbc.Checklist:
    """The map's venue layer: points (on by default for an indicator counted from the registry)
    and, where a type has a radius, the area within it."""
    options = [{"label": t("venues_show", lang), "value": "venues"}]
    if services.radius_types(repo.plan):
        options.append({"label": t("venues_rings", lang), "value": "rings"})
    counted = indicator in repo.plan.indicator_by_code and repo.indicator(indicator).counted_from is not None
    return dbc.Checklist(
        id="mx-venues",
        value=["venues"] if counted and not repo.venues().empty else [],
        switch=True,
        inline=True,
        options=options,
    )


# -- the district page ------------------------------------------------------------------------------


def district_venues(repo: Repository, unit: Region, year: int, lang: str) -> html.Div:
    """The venues of a district open at the end of ``year``, its coverage, and where the registry
    and the typed figures disagree."""
    plan = repo.plan
    if not plan.facility_types:
        return html.Div()
    table = services.venue_table(repo, year, unit=unit.code, lang=lang)
    cover = next((c for c in services.coverage(repo, year) if c.code == unit.code), None)
    parts: list = [html.H2(t("venues_in_district", lang, year=year), className="h5")]
    if table.empty:
        parts.append(html.P(t("venues_none", lang, year=year), className="text-muted small mb-1", id="dp-venues-none"))
    else:
        if table["is_sample"].any():
            parts.append(dbc.Alert(t("venues_sample_note", lang), color="warning", className="py-1 px-2 small mb-2"))
        if cover is not None:
            summary = t(
                "venues_summary",
                lang,
                n=f"{cover.venues:,}",
                per_10k=services.per_10k_text(cover.per_10k),
                unlocated=f"{cover.unlocated:,}",
            )
            shares = [
                t(
                    "venues_area_share",
                    lang,
                    type=services.type_name(plan, code, lang),
                    km=f"{plan.facility_type_by_code[code].radius_km:g}",
                    share=f"{format_number(100 * share, 1, lang)}%",
                )
                for code, share in cover.area_share.items()
            ]
            parts.append(html.P(" ".join([summary, *shares]), className="small mb-2", id="dp-venues-summary"))
        parts.append(_venue_list(table.head(MAX_LISTED), lang))
        if len(table) > MAX_LISTED:
            parts.append(html.P(t("venues_more", lang, n=f"{len(table) - MAX_LISTED:,}"), className="small text-muted"))
    parts += _counted_notes(repo, unit.code, year, lang)
    return html.Div(parts)


def _venue_list(table: pd.DataFrame, lang: str) -> html.Div:
    head = [
        t("venue_name", lang),
        t("up_col_type", lang),
        t("venue_level", lang),
        t("venue_location", lang),
        t("venue_opened", lang),
    ]
    rows = []
    for r in table.to_dict("records"):
        where: list = []
        if not r["located"]:
            where = [html.Span(t("venue_unlocated", lang), className="badge bg-secondary")]
        else:
            where = [str(r["address"] or f"{r['lon']:.4f}, {r['lat']:.4f}")]
            km = r["km_outside"]
            if isinstance(km, float) and km == km and km > 0:  # flagged at import: outside its district
                badge = t("venue_outside", lang, km=f"{km:.1f}")
                where += [" ", html.Span(badge, className="badge bg-warning text-dark")]
        opened = "—" if pd.isna(r["opened_year"]) else str(r["opened_year"])
        cells = [str(r["name"]), str(r["type_name"]), str(r["level_name"] or "—")]
        rows.append(html.Tr([*(html.Td(c) for c in cells), html.Td(where), html.Td(opened)], className="dp-venue-row"))
    return html.Div(
        dbc.Table(
            [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(rows)],
            size="sm",
            hover=True,
            className="mb-1 small",
            id="dp-venue-table",
        ),
        className="table-responsive",
        style={"maxHeight": "24rem", "overflowY": "auto"},
        # A box that scrolls is reached by the keyboard too (axe: scrollable-region-focusable).
        tabIndex="0",
        role="region",
        **attrs({"aria-label": t("venues", lang)}),
    )


def _counted_notes(repo: Repository, unit: str, year: int, lang: str) -> list:
    """Which indicators the registry counts, and where a typed figure disagrees with the count."""
    plan = repo.plan
    counted = plan.counted_indicators
    if not counted:
        return []
    names = [f"{i.code} {i.name.get(lang)}" for i in counted]
    notes: list = [
        html.P(
            t("counted_from_registry", lang, types=join_names(names, lang)),
            className="small text-muted mb-1",
        )
    ]
    frame = repo.frame()
    mine = frame[(frame["batch_id"] == -1) & (frame["region_code"] == unit) & frame["note"].notna()]
    for code, part in mine.groupby("indicator_code"):
        notes.append(
            dbc.Alert(
                [
                    html.Div(t("counted_disagree", lang, indicator=code, n=len(part))),
                    html.Div(part["note"].iloc[-1], className="small"),
                ],
                color="warning",
                className="py-1 px-2 small mb-1",
                id=f"dp-counted-disagree-{code}",
            )
        )
    return notes


# -- the data page -----------------------------------------------------------------------------------


def venue_download(repo: Repository, lang: str) -> list:
    """The data page's button for the venue registry (its Excel download has it as a sheet too)."""
    from dash import dcc

    if not repo.plan.facility_types:
        return []
    return [
        dbc.Button(
            "↓ " + t("venues_download", lang),
            id="dt-venues-csv",
            color="secondary",
            outline=True,
            size="sm",
            className="ms-2",
            n_clicks=0,
        ),
        dcc.Download(id="dt-venues-download"),
    ]


# -- the upload page -------------------------------------------------------------------------------


def venue_template_buttons(lang: str) -> html.Div:
    from dash import dcc

    return html.Div(
        [
            html.P(t("up_venue_template_help", lang), className="small mb-2 mt-3"),
            dbc.Button(
                t("up_venue_template_xlsx", lang),
                id="upload-venue-template-xlsx",
                color="primary",
                outline=True,
                size="sm",
                className="me-2",
                n_clicks=0,
            ),
            dbc.Button(
                t("up_venue_template_csv", lang),
                id="upload-venue-template-csv",
                color="secondary",
                outline=True,
                size="sm",
                n_clicks=0,
            ),
            dcc.Loading(dcc.Download(id="upload-venue-template"), type="dot", delay_show=300),
        ]
    )


def venue_tiles(pv: VenuePreview, lang: str, tile) -> list:
    c = pv.counts
    tiles = [
        tile(t("venues", lang), c.get("venues", 0), "upload-count-venues"),
        tile(t("up_count_new", lang), c.get("new", 0), "upload-count-new", "success"),
        tile(t("up_count_changed", lang), c.get("changed", 0), "upload-count-changed", "primary"),
        tile(t("up_count_unchanged", lang), c.get("unchanged", 0), "upload-count-unchanged"),
        tile(t("venue_unlocated", lang), c.get("unlocated", 0), "upload-count-unlocated"),
    ]
    if c.get("flagged"):
        tiles.append(tile(t("up_count_flagged", lang), c["flagged"], "upload-count-flagged", "warning"))
    return tiles


def venue_changes(pv: VenuePreview, repo: Repository, lang: str) -> html.Div:
    shown = pv.changes[:MAX_CHANGES]
    head = [
        t("up_col_row", lang),
        t("up_col_change", lang),
        t("venue_name", lang),
        t("up_col_type", lang),
        t("district", lang),
        t("venue_location", lang),
    ]
    rows = []
    for ch in shown:
        r = ch.record
        where = t("venue_unlocated", lang) if r.lon is None else f"{r.lon:.5f}, {r.lat:.5f}"
        if r.orig_datum and r.lon is not None and r.orig_datum != services.placer_datum(repo):
            where += f" ← {r.orig_datum} {r.orig_lon:g}, {r.orig_lat:g}"
        rows.append(
            html.Tr(
                [
                    html.Td(r.row),
                    html.Td(t(f"up_kind_{ch.kind}", lang)),
                    html.Td(r.name),
                    html.Td(services.type_name(repo.plan, r.type_code, lang)),
                    html.Td(repo.region_name(r.unit, lang)),
                    html.Td(where, className="small"),
                ]
            )
        )
    return html.Div(
        [
            html.H3(f"{t('up_venue_changes', lang)} ({len(pv.changes):,})", className="h6 mt-3"),
            html.Div(
                dbc.Table(
                    [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(rows)],
                    size="sm",
                    className="small mb-1",
                    id="upload-venue-changes",
                ),
                className="table-responsive",
            ),
        ]
    )
