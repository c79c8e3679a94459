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

# Sequential scale for values: light to mid blue-green (ColorBrewer GnBu, its darkest
# steps left out) so that black district labels stay readable on every fill;
# colour-blind safe and monotone in lightness, so it also prints in grey.
VALUE_SCALE = [[0.0, "#f7fcf0"], [0.25, "#ccebc5"], [0.5, "#a8ddb5"], [0.75, "#7bccc4"], [1.0, "#43a2ca"]]

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"PingFang SC", "WenQuanYi Micro Hei", sans-serif'
)

ACTUAL_COLOUR = "#0072B2"  # blue
PATH_COLOUR = "#555555"
FORECAST_COLOUR = "#CC79A7"  # reddish purple
CITY_COLOUR = "#000000"
# Published figures beside the city's own (the national share, national and provincial targets): a warm
# grey, apart from the blue city, the grey path and the black comparison line; 5.2:1 on white.
PUBLISHED_COLOUR = "#7F6A4F"
