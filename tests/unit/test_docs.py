"""Settings and commands are documented (datasette's habit)."""

from __future__ import annotations

from dashboard.cli import cli
from dashboard.settings import Settings
from tests.support.paths import ROOT


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name, _, _ in Settings.documented() if f"`{name}`" not in doc]
    assert missing == []


def _commands(group, prefix=""):
    for name, cmd in group.commands.items():
        yield f"{prefix}{name}"
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, f"{prefix}{name} ")


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top_level = [c for c in _commands(cli) if " " not in c]
    missing = [c for c in top_level if f"kepu {c}" not in readme]
    assert missing == []


def test_readme_starts_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:8]
    assert any(line.startswith("make run") for line in lines)
    assert any(line.startswith("make test") for line in lines)
