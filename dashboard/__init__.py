"""The dashboard: settings, app factory, view state, figures, CLI."""
