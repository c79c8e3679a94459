"""Screenshots of every page, to look at before calling a page done.

Starts nothing itself: give it the base URL of a running app (``python app.py``).
Uses Debian's Chromium through Playwright and waits until Dash has no callback
pending and every graph has drawn before it takes a picture.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8050
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8050 --only meeting --out /tmp/shots

Pictures go to tests/screenshots/ (ignored by git) as <name>-<lang>-<width>x<height>.png.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FULL_HD, LAPTOP = (1920, 1080), (1366, 768)

# (name, path, languages, screen sizes, whole page or one screen)
SHOTS = [
    ("overview", "/", ("en",), (FULL_HD,), True),
    ("map", "/map", ("en",), (FULL_HD,), True),
    ("task-T3", "/task/T3", ("en",), (FULL_HD,), True),
    ("district-230102", "/district/230102", ("en",), (FULL_HD,), True),
    ("departments", "/departments", ("en",), (FULL_HD,), True),
    ("data", "/data", ("en",), (FULL_HD,), True),
    ("upload", "/upload", ("en",), (FULL_HD,), True),
    ("history", "/history", ("en",), (FULL_HD,), True),
    ("login", "/login", ("en",), (FULL_HD,), True),
    # Meeting mode is one screen for a projector or a laptop: both sizes, both languages.
    ("meeting", "/meeting?interval=0", ("zh", "en"), (FULL_HD, LAPTOP), False),
    # The longest English task title and lead-department list, on the smallest screen.
    ("meeting-T4", "/meeting?interval=0&task=T4", ("en",), (LAPTOP,), False),
]

sys.path.insert(0, str(ROOT))
from tests.support.browser import wait_for_dash  # noqa: E402 - the tests' own "page has settled"


def wait_for_graphs(page, timeout: float = 60.0) -> str:
    """Wait until no callback is pending and every graph has drawn; what was still busy, or ''."""
    try:
        wait_for_dash(page, timeout=timeout, settle=0.5)
    except AssertionError as exc:
        return str(exc)
    return ""


def with_lang(path: str, lang: str) -> str:
    return path if lang == "zh" else path + ("&" if "?" in path else "?") + "lang=en"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="the running app, e.g. http://127.0.0.1:8050")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "screenshots", help="folder for the PNGs")
    parser.add_argument("--only", action="append", default=[], help="only shots whose name starts with this")
    parser.add_argument("--chromium", default=CHROMIUM, help="the Chromium executable")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    base = args.base_url.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)
    problems = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            for name, path, langs, sizes, full_page in SHOTS:
                if args.only and not any(name.startswith(o) for o in args.only):
                    continue
                for lang in langs:
                    for width, height in sizes:
                        context = browser.new_context(
                            viewport={"width": width, "height": height},
                            locale="zh-CN" if lang == "zh" else "en-GB",
                            timezone_id="Asia/Shanghai",
                        )
                        page = context.new_page()
                        errors: list[str] = []
                        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
                        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                        page.goto(base + with_lang(path, lang), timeout=120_000)
                        busy = wait_for_graphs(page)
                        file = args.out / f"{name}-{lang}-{width}x{height}.png"
                        page.screenshot(path=str(file), full_page=full_page)
                        note = f"  (still busy: {busy})" if busy else ""
                        note += f"  errors: {errors}" if errors else ""
                        problems += bool(busy or errors)
                        print(f"{file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}{note}")
                        context.close()
        finally:
            browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
