"""Placeholder until the page is built."""


def register(app, repo):
    return None
