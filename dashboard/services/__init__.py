"""Services: the questions pages, callbacks, the CLI and reports ask, between the store and the pages.

Each is a plain function of the repository (or the engine) returning data: frames,
dataclasses, lists. None imports Dash; layouts arrange what they return.
"""
