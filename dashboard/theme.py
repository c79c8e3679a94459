"""Colours and type used everywhere, so a status looks the same on every page.

Status colours come from the Okabe–Ito palette, which readers with the common
forms of colour blindness can tell apart; each status also has an icon, so
colour is never the only cue.
"""

STATUS_ORDER = ("achieved", "on_track", "lagging", "off_track", "no_data")

STATUS_COLOURS = {
    "achieved": "#009E73",  # bluish green
    "on_track": "#56B4E9",  # sky blue
    "lagging": "#E69F00",  # orange
    "off_track": "#D55E00",  # vermilion
    "no_data": "#BBBBBB",  # grey
    "no_target": "#8C8C8C",
}

STATUS_ICONS = {
    "achieved": "✔",
    "on_track": "➚",
    "lagging": "▲",
    "off_track": "✖",
    "no_data": "?",
    "no_target": "·",
}

# Sequential scale for values (colour-blind safe, prints in grey well).
VALUE_SCALE = "Viridis"

FONT_FAMILY = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
               '"PingFang SC", "WenQuanYi Micro Hei", sans-serif')

ACTUAL_COLOUR = "#0072B2"  # blue
PATH_COLOUR = "#555555"
FORECAST_COLOUR = "#CC79A7"  # reddish purple
CITY_COLOUR = "#000000"
