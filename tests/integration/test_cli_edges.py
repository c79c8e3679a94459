"""What a new user meets first at the command line: a script creating an account, a report for a
year without data, and the development server's log."""

from __future__ import annotations

import logging

from click.testing import CliRunner

from dashboard.cli import cli


def _run(tmp_path, *args, input=None):
    return CliRunner().invoke(cli, ["--database-url", f"sqlite:///{tmp_path / 's.db'}", *args], input=input, obj={})


def test_creating_an_account_without_a_terminal_says_how_to_pass_the_password(tmp_path):
    result = _run(tmp_path, "users", "create", "ed", "--role", "editor")
    assert result.exit_code == 2
    assert "--password-stdin" in result.output and "没有终端" in result.output
    ok = _run(tmp_path, "users", "create", "ed", "--role", "editor", "--password-stdin", input="a-long-pass-phrase\n")
    assert ok.exit_code == 0, ok.output


def test_a_report_for_a_year_without_data_is_refused_before_any_rendering(tmp_path):
    _run(tmp_path, "init")
    result = _run(tmp_path, "report", "--format", "docx", "--year", "2030")
    assert result.exit_code == 1
    assert "2030" in result.output and "rendering" not in result.output


def test_the_development_server_logs_each_request_once_and_needs_no_secret_key(tmp_path, monkeypatch):
    import dash

    started = {}
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kw: started.update(kw, app=self))
    monkeypatch.delenv("KEPU_SECRET_KEY", raising=False)
    werkzeug = logging.getLogger("werkzeug")
    monkeypatch.setattr(werkzeug, "level", werkzeug.level)  # put back after the test
    result = _run(tmp_path, "run", "--port", "8999")
    assert result.exit_code == 0, result.output
    assert started["port"] == 8999 and started["app"].server.secret_key
    assert "开发服务器" in result.output
    assert logging.getLogger("werkzeug").level == logging.WARNING
