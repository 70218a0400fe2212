# ruff: noqa: RUF001
# (The words below are the article's, character for character: its curly apostrophes are meant.)
"""The outlets, and the sources the quotes come from, each under a fixed key.

The editorial rules are in tracker/seed/records.py.
"""

from datetime import date

OUTLETS = [
    {"slug": "the-war-zone", "name": "The War Zone", "home_url": "https://www.twz.com/"},
    {
        "slug": "the-washington-post",
        "name": "The Washington Post",
        "home_url": "https://www.washingtonpost.com/",
    },
    {"slug": "reuters", "name": "Reuters", "home_url": "https://www.reuters.com/"},
    {"slug": "the-telegraph", "name": "The Telegraph", "home_url": "https://www.telegraph.co.uk/"},
    {
        "slug": "suddeutsche-zeitung",
        "name": "Süddeutsche Zeitung",
        "home_url": "https://www.sueddeutsche.de/",
    },
    {"slug": "financial-times", "name": "Financial Times", "home_url": "https://www.ft.com/"},
]

TWZ = "w403jk4q"
WASHINGTON_POST = "9grb9n8n"
REUTERS = "hzd6c3dp"
TELEGRAPH = "c6qhkhxy"
SUEDDEUTSCHE = "m89krm7t"
FINANCIAL_TIMES = "djq7hekd"

# Only the seed article has been read. The others are known from what it says of them:
# their titles are ours, and their addresses are left for an editor to find.
SOURCES = [
    {
        "key": TWZ,
        "outlet": "the-war-zone",
        "kind": "article",
        "title": "European leaders meet in Paris on sending troops to back a Ukraine peace deal",
        "is_title_supplied": True,
        "authors": "Howard Altman",
        "url": "",
        "language": "en",
        "published_on": date(2025, 2, 17),
        "public_note": "The article the archive was started from. Our copy has no title or "
        "address: the title is ours, describing the article, and the address is not recorded. "
        "Published on Monday 17 February 2025, the day of the Paris meeting it reports; the "
        "byline is Howard Altman.",
        "notes": "Our copy of the full text is kept with the archive's seed data.",
    },
    {
        "key": WASHINGTON_POST,
        "outlet": "the-washington-post",
        "kind": "article",
        "title": "European plans for troops to back a Ukraine peace deal, citing four officials",
        "is_title_supplied": True,
        "authors": "",
        "url": "",
        "language": "en",
        "published_on": date(2025, 2, 17),
        "public_note": "Not yet seen: known from The War Zone, which says the Post reported on "
        "Monday 17 February 2025, “citing four officials with knowledge of the plans”, that "
        "European nations could contribute upwards of 30,000 troops and that France could "
        "commit nearly 10,000. Title supplied by an editor; address and authors not known.",
    },
    {
        "key": REUTERS,
        "outlet": "reuters",
        "kind": "article",
        "title": "Keith Kellogg on U.S. troops for Ukraine: no options off the table",
        "is_title_supplied": True,
        "authors": "",
        "url": "",
        "language": "en",
        "published_on": date(2025, 2, 17),
        "public_note": "Not yet seen: known from The War Zone, which says Reuters reported what "
        "Keith Kellogg said on Monday 17 February 2025. Title supplied by an editor; address "
        "and authors not known.",
    },
    {
        "key": TELEGRAPH,
        "outlet": "the-telegraph",
        "kind": "opinion",
        "title": "Keir Starmer on putting British troops on the ground in Ukraine",
        "is_title_supplied": True,
        "authors": "Keir Starmer",
        "url": "",
        "language": "en",
        "published_on": date(2025, 2, 16),
        "public_note": "Not yet seen: known from The War Zone, which says Keir Starmer wrote it for "
        "The Telegraph and that it appeared on Sunday 16 February 2025. Title supplied by an "
        "editor; address not known.",
    },
    {
        "key": SUEDDEUTSCHE,
        "outlet": "suddeutsche-zeitung",
        "kind": "article",
        "title": "Olaf Scholz on sending troops to Ukraine",
        "is_title_supplied": True,
        "authors": "",
        "url": "",
        "language": "de",
        "published_on": None,
        "public_note": "Not yet seen: known from The War Zone of 17 February 2025, which quotes "
        "Olaf Scholz “according to the Süddeutsche Zeitung” without a date, so the date is "
        "left empty (on or shortly before 17 February 2025). Scholz’s words reach us in "
        "English, most likely The War Zone’s translation of German. Title supplied by an "
        "editor; address and authors not known.",
        "notes": "Find the German original in the Süddeutsche Zeitung and add it as the "
        "words as published, with The War Zone’s English as a translation by an outlet.",
    },
    {
        "key": FINANCIAL_TIMES,
        "outlet": "financial-times",
        "kind": "article",
        "title": "José Manuel Albares on sending troops to Ukraine",
        "is_title_supplied": True,
        "authors": "",
        "url": "",
        "language": "en",
        "published_on": None,
        "public_note": "Not yet seen: known from The War Zone of 17 February 2025, which quotes "
        "José Manuel Albares “according to Financial Times” without a date, so the date is "
        "left empty (on or shortly before 17 February 2025). Title supplied by an editor; "
        "address and authors not known.",
    },
]
