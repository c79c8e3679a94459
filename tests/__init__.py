"""The tests: unit/ (pure), integration/ (store, HTTP, CLI, servers), browser/ (headless Chromium);
helpers in support/, fixtures in the conftest files."""
