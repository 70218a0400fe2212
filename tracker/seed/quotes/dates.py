"""How the article dates what was said: its relative dates ("today", "on Sunday", "last
week"), each with the note readers see on a statement dated by it.
"""

from datetime import date

MONDAY = date(2025, 2, 17)  # "today", "on Monday": the article's day
SUNDAY = date(2025, 2, 16)  # "on Sunday"

# How the article dates what was said, with the note readers see on each statement.
ON_MONDAY = {
    "said_on": MONDAY,
    "precision": "day",
    "date_note": "Inferred from the article, published on Monday 17 February 2025, which says "
    "it was said or reported “on Monday” or “today”.",
}
ON_SUNDAY = {
    "said_on": SUNDAY,
    "precision": "day",
    "date_note": "Inferred from the article, published on Monday 17 February 2025, which says "
    "“on Sunday”.",
}
UNDATED = {
    "said_on": MONDAY,
    "precision": "on_or_before",
    "date_note": "The article, published on Monday 17 February 2025, does not say when; it "
    "reports the words as said by then.",
}
LAST_WEEK = {
    "said_on": date(2025, 2, 10),
    "said_on_latest": date(2025, 2, 16),
    "precision": "between",
    "date_note": "Inferred from the article, published on Monday 17 February 2025, which says "
    "“last week”: one day of the week of 10 to 16 February.",
}
AFTER_LAST_WEEK = {
    "said_on": date(2025, 2, 10),
    "said_on_latest": MONDAY,
    "precision": "between",
    "date_note": "The article says Trump “later” agreed with what Hegseth said “last week”: "
    "after 10 February at the earliest, and by the article's day, 17 February.",
}
