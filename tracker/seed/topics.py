"""The topic the article is about with its stances, and the event it reports.

The editorial rules are in tracker/seed/records.py.
"""

from datetime import date

TOPIC = {
    "slug": "troops-for-ukraine",
    "name": "Troops for Ukraine",
    "question": "Will European nations send troops to Ukraine to back a peace deal?",
    "description": "Whether European nations will send troops to Ukraine to back a peace "
    "deal with Russia, from the Paris meeting of 17 February 2025 onwards, and on what terms.",
    # From most willing to most opposed; "no-position" is off the scale.
    "stances": [
        {"value": "willing", "label": "Willing to send troops", "description": ""},
        {"value": "open", "label": "Open to it", "description": "Open to sending troops."},
        {
            "value": "conditional",
            "label": "Conditional",
            "description": "Only with conditions, such as U.S. backing.",
        },
        {"value": "opposed", "label": "Opposed", "description": "Opposed, or rules it out."},
        {
            "value": "no-position",
            "label": "No position",
            "description": "The words take no position on sending troops.",
        },
    ],
}

PARIS_MEETING = "paris-meeting-2025-02-17"

EVENTS = [
    {
        "slug": PARIS_MEETING,
        "name": "Paris meeting of European leaders",
        "happened_on": date(2025, 2, 17),
        "place": "Paris",
        "description": "Leaders of several European nations met in Paris to discuss whether "
        "to send troops to help bolster any deal to end the Ukraine war, and if so, what "
        "they would do there.",
    },
]
