"""The timeline of stances as a picture: where each change of stance (tracker/aggregates.py)
goes on a server-rendered SVG, one lane per line (a nation on a question's page, a question on
a nation's or a person's). Horizontal places are percentages of the picture's width, so the
picture fits any screen with its text at the reader's size; nothing here reads the database.
"""

import datetime

from django.utils import dateformat
from django.utils.translation import gettext

# Dates run from 4% to 96% of the width, so that the first and last marks are whole.
LEFT, RIGHT = 4.0, 96.0
LANE_HEIGHT = 44
AXIS_HEIGHT = 28
TICKS = 3
MARK_STEP = 16  # pixels between the marks of one line's changes on one day

# A mark's shape says its stance's tone as its colour does, for readers who cannot tell the
# colours apart. Paths around (0, 0), about 12 pixels across.
MARKS = {
    "1": "M0,-7 L7,0 0,7 -7,0Z",  # a diamond
    "2": "M-6,-6 H6 V6 H-6Z",  # a square
    "3": "M0,-7 L7,6 H-7Z",  # a triangle
    "4": "M-7,-3 H-3 V-7 H3 V-3 H7 V3 H3 V7 H-3 V3 H-7Z",  # a cross
    "5": "M-6,-6 L6,6 M6,-6 L-6,6",  # a saltire
    "none": "M-6,0 A6,6 0 1,0 6,0 A6,6 0 1,0 -6,0",  # a circle
}


def layout(changes, *, lane):
    """Where each of `changes` (oldest first) goes: lanes named by each change's `lane` field
    ("nation" or "topic"), in name order, each with its marks and the stretches between them;
    the axis's ticks; a legend of the tones shown."""
    if not changes:
        return None
    first, last = changes[0]["said_on"], changes[-1]["said_on"]
    if first == last:
        first, last = first - datetime.timedelta(days=1), last + datetime.timedelta(days=1)
    span = (last - first).days

    def x(day):
        return round(LEFT + (RIGHT - LEFT) * (day - first).days / span, 2)

    names = sorted({change[lane] for change in changes})
    lanes = []
    for number, name in enumerate(names):
        top = number * LANE_HEIGHT
        own = [change for change in changes if change[lane] == name]
        marks = [
            {"x": x(change["said_on"]), "change": change, "path": MARKS[change["tone"]]}
            for change in own
        ]
        # Changes of one line on one day would hide each other: the earlier ones step left.
        for mark in marks:
            later = [other for other in marks if other["x"] == mark["x"]]
            mark["dx"] = -MARK_STEP * (len(later) - 1 - later.index(mark))
        stretches = [
            {
                "x": mark["x"],
                "width": round(following - mark["x"], 2),
                "tone": mark["change"]["tone"],
            }
            for mark, following in zip(marks, [m["x"] for m in marks[1:]] + [RIGHT], strict=True)
        ]
        lanes.append(
            {
                "name": name,
                "label_y": top + 16,
                "y": top + 30,
                "bar_y": top + 27,
                "marks": marks,
                "stretches": stretches,
            }
        )
    height = len(lanes) * LANE_HEIGHT + AXIS_HEIGHT
    return {
        "left": LEFT,
        "right": RIGHT,
        "lanes": lanes,
        "height": height,
        "axis_y": height - AXIS_HEIGHT + 4,
        "tick_y": height - 6,
        "ticks": ticks(first, last, x),
        "first": changes[0],
        "last": changes[-1],
        "legend": [
            {"tone": tone, "label": label, "path": MARKS[tone]}
            for tone, label in sorted({(change["tone"], change["label"]) for change in changes})
        ],
    }


def ticks(first, last, x):
    """A few dates along the axis, the first and last at its ends, labelled as finely as the
    span needs: days for two months or less, months for two years or less, else years."""
    span = (last - first).days
    days = [first + datetime.timedelta(days=round(span * n / (TICKS - 1))) for n in range(TICKS)]
    if span <= 62:
        # Translators: a day on a timeline's axis: "17 Feb" (Django's date format).
        label = gettext("j M")
    elif span <= 731:
        # Translators: a month on a timeline's axis: "Feb 2025" (Django's date format).
        label = gettext("M Y")
    else:
        label = "Y"
    anchors = ["start", *["middle"] * (TICKS - 2), "end"]
    return [
        {"x": x(day), "label": dateformat.format(day, label), "anchor": anchor, "day": day}
        for day, anchor in zip(days, anchors, strict=True)
    ]
