"""Helpers shared by the test folders (no fixtures: those live in the conftest files)."""
