"""登录 Log in: a plain form posting to the Flask route /auth/login; and the account menu of the navbar.

The form is an HTML form, not a Dash callback, so password managers recognise
it and the password never becomes a component property. Where to go after
logging in, and whether the last try failed, come from the URL
(callbacks/login.py fills them in).
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import auth
from dashboard.context import AppContext, Viewer
from dashboard.i18n import lang_param, t
from dashboard.viewstate import ViewState


def layout(state: ViewState, context: AppContext) -> html.Div:
    viewer = context.viewer
    lang = state.lang
    user = viewer.current_user()
    if user is not None:
        body = [
            html.P(
                t("login_already", lang, user=user.username, role=auth.role_label(user.role, lang)), id="login-already"
            ),
            logout_form(lang, "/", viewer, button_class="btn btn-outline-primary"),
        ]
    else:
        body = [
            html.P(
                t("login_intro_required" if viewer.login_required() else "login_intro", lang), className="text-muted"
            ),
            html.Div(id="login-error", role="alert"),
            html.Form(
                [
                    html.Div(
                        [
                            html.Label(t("login_username", lang), htmlFor="login-username", className="form-label"),
                            dcc.Input(
                                id="login-username",
                                name="username",
                                type="text",
                                autoComplete="username",
                                required=True,
                                autoFocus=True,
                                className="form-control",
                                maxLength=64,
                            ),
                        ],
                        className="mb-3",
                    ),
                    html.Div(
                        [
                            html.Label(t("login_password", lang), htmlFor="login-password", className="form-label"),
                            dcc.Input(
                                id="login-password",
                                name="password",
                                type="password",
                                autoComplete="current-password",
                                required=True,
                                className="form-control",
                            ),
                        ],
                        className="mb-3",
                    ),
                    dcc.Input(id="login-next", name="next", type="hidden", value="/"),
                    dcc.Input(id="login-lang", name="lang", type="hidden", value=lang),
                    html.Button(t("login_submit", lang), type="submit", id="login-submit", className="btn btn-primary"),
                ],
                method="POST",
                action=viewer.url(auth.LOGIN_POST),
                id="login-form",
            ),
            html.P(t("login_accounts", lang), className="small text-muted mt-4 mb-0"),
        ]
    return html.Div(
        dbc.Card(dbc.CardBody([html.H1(t("login_title", lang), className="h3 mb-3"), *body])),
        className="mx-auto my-4",
        style={"maxWidth": "28rem"},
        id="login-page",
    )


def logout_form(
    lang: str, next_url: str, viewer: Viewer, button_class: str = "btn btn-outline-light btn-sm text-nowrap"
) -> html.Form:
    # A POST, not a link: a link could log people out from an image tag on another site.
    return html.Form(
        [
            dcc.Input(name="next", type="hidden", value=next_url),
            html.Button(t("nav_logout", lang), type="submit", className=button_class, id="logout-button"),
        ],
        method="POST",
        action=viewer.url(auth.LOGOUT_POST),
        className="d-inline m-0",
        id="logout-form",
    )


def user_menu(state: ViewState, viewer: Viewer) -> html.Div:
    """Navbar: who is logged in and a logout button, or a login link that comes back to this page."""
    lang = state.lang
    here = state.to_url()
    user = viewer.current_user()
    if user is None:
        query = ({"next": here} if state.page not in ("login",) else {}) | lang_param(lang)
        href = viewer.url(auth.LOGIN_PAGE) + ("?" + urlencode(query) if query else "")
        return html.Div(
            html.A(
                t("nav_login", lang), href=href, id="nav-login", className="btn btn-outline-light btn-sm text-nowrap"
            ),
            className="ms-2",
        )
    # One compact menu (the name; the role and "log out" inside it): the English navbar has little room.
    role = auth.role_label(user.role, lang)
    return html.Div(
        dbc.DropdownMenu(
            [
                dbc.DropdownMenuItem(t("logged_in_as", lang, user=user.username, role=role), header=True),
                logout_form(lang, here if state.page != "login" else "/", viewer, button_class="dropdown-item"),
            ],
            label=user.username,
            id="nav-user",
            size="sm",
            color="primary",
            align_end=True,
            toggle_class_name="border-light text-nowrap text-truncate px-1",
            toggle_style={"maxWidth": "10rem"},
        ),
        className="ms-1",
    )
