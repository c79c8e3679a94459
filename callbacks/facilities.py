"""The venue registry's callbacks (issue 18): the upload page's venue template download, and where a
confirmed venue list shows (the map, venues on). The map's venue layer is an input of the map
explorer's own update (callbacks/map_explorer.py); the district page's list is part of its update."""

from __future__ import annotations

import logging

import dash
from dash import Input, Output, State, ctx, dcc
from dash.exceptions import PreventUpdate

from dashboard.context import AppContext
from dashboard.i18n import lang_or_default, t
from dashboard.repository import Repository
from dashboard.viewstate import ViewState
from data.facilities import VenuePreview

log = logging.getLogger("kepu.upload")


def venue_map_link(repo: Repository, pv: VenuePreview, here: ViewState) -> str:
    """The map of the first indicator counted from the list's types, at the district of its first venue."""
    types = {r.type_code for r in pv.records}
    for ind in repo.plan.counted_indicators:
        spec = ind.counted_from
        if spec is not None and types & set(spec.types):
            first = next((r.unit for r in pv.records if r.type_code in spec.types), None)
            return here.with_(page="map", indicator=ind.code, district=first).to_url()
    return here.with_(page="map").to_url()


def register_upload(app: dash.Dash, context: AppContext) -> None:
    def download(_xlsx, _csv, lang, search):
        name = t("up_venue_template_file", lang_or_default(lang))
        imports = context.for_search(search).imports
        try:
            if ctx.triggered_id == "upload-venue-template-csv":
                return dcc.send_bytes(imports.venue_template_csv(), f"{name}.csv")
            return dcc.send_bytes(imports.venue_template_xlsx(), f"{name}.xlsx")
        except Exception:
            log.exception("building the venue template failed")
            raise PreventUpdate from None

    app.callback(
        Output("upload-venue-template", "data"),
        Input("upload-venue-template-xlsx", "n_clicks"),
        Input("upload-venue-template-csv", "n_clicks"),
        State("upload-lang", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(download)


def registry_sheet(repo: Repository, lang: str, year: int | None) -> dict:
    """The venue registry as a sheet of the data page's Excel download (none when it is empty)."""
    from dashboard.services.facilities import registry_frame

    if not repo.plan.facility_types or repo.venues().empty:
        return {}
    return {t("venues_sheet", lang): registry_frame(repo, lang, year)}


def register_data(app: dash.Dash, context: AppContext) -> None:
    """The data page's download of the whole registry (venues open at the end of the chosen year)."""

    def download(n_clicks, year, search):
        from dashboard.services.facilities import registry_frame
        from dashboard.viewstate import parse
        from data.export import to_csv_bytes

        if not n_clicks:
            raise PreventUpdate
        repo = context.for_search(search).repo
        state = parse("/data", search, repo.choices())
        year = year if year in repo.choices().years else None
        frame = registry_frame(repo, state.lang, year)
        name = t("venues_sheet", state.lang) + (f"-{year}" if year else "") + ".csv"
        return dcc.send_bytes(to_csv_bytes(frame), name)

    app.callback(
        Output("dt-venues-download", "data"),
        Input("dt-venues-csv", "n_clicks"),
        State("dt-year", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )(download)
