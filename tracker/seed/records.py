# ruff: noqa: RUF001
# (The words below are the article's, character for character: its curly apostrophes are meant.)
"""The records of the seed article, every one traceable to a sentence of ARTICLE_FILE.

Loaded by `tracker.services.load_seed`, which finds each record by its natural key (a code,
a slug, a fixed key) and saves it only when something differs, so loading again changes nothing.

Editorial rules applied here:
- Quote text is verbatim. For a direct or partial quote it is every character between the
  article's quotation marks (“ ”), its own trailing comma or full stop included; for a
  paraphrase it is the article's own words that carry the statement. Context is the article's
  sentence (or sentences, when the speaker is named only in the one before) around the words.
- Dates come from the article's relative dates, each with a public note saying how: "today"
  and "on Monday" are Monday 17 February 2025, "on Sunday" 16 February, "last week" one day
  between 10 and 16 February. A statement the article does not date was said on or before the
  article's day: never a day we cannot prove (tracker/models/dates.py).
- Names are canonical; spellings met in the article go in aliases ("Kier Starmer"), with the
  transliterations other outlets use ("Zelenskyy", "Sergey"). A person has given and family
  names as they are cited; institutions and unnamed officials have one name only.
- A source's public note says what readers should know of it; its editors' notes what only
  editors need. Neither holds a file path of this repository or anyone's e-mail address.
- Keys are fixed here, once, so that permalinks are the same on every install. Never change
  a key and never reuse one: add a new record with a new key (tracker.models.random_key()).
"""

from datetime import UTC, date, datetime
from pathlib import Path

ARTICLE_FILE = Path(__file__).with_name("article-2025-02-17-twz.txt")

# Every seed quote is published, at this fixed moment, so that reloading changes nothing.
PUBLISHED_AT = datetime(2025, 2, 18, 9, 0, tzinfo=UTC)

# Membership as of February 2025 (Sweden joined NATO in March 2024; the UK left the EU in 2020).
NATIONS = [
    {"code": "de", "name": "Germany", "is_eu_member": True, "is_nato_member": True},
    {"code": "es", "name": "Spain", "is_eu_member": True, "is_nato_member": True},
    {"code": "fr", "name": "France", "is_eu_member": True, "is_nato_member": True},
    {"code": "gb", "name": "United Kingdom", "is_eu_member": False, "is_nato_member": True},
    {"code": "nl", "name": "Netherlands", "is_eu_member": True, "is_nato_member": True},
    {"code": "pl", "name": "Poland", "is_eu_member": True, "is_nato_member": True},
    {"code": "ru", "name": "Russia", "is_eu_member": False, "is_nato_member": False},
    {"code": "se", "name": "Sweden", "is_eu_member": True, "is_nato_member": True},
    {"code": "ua", "name": "Ukraine", "is_eu_member": False, "is_nato_member": False},
    {"code": "us", "name": "United States", "is_eu_member": False, "is_nato_member": True},
    # International organisations the article names (Hegseth's "non-NATO mission"), for
    # statements made for them; the article quotes none of their officials.
    {"code": "nato", "kind": "organisation", "name": "NATO"},
    {"code": "eu", "kind": "organisation", "name": "European Union"},
]

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

# People with their roles (the role shown with a quote is the one held on the day), then
# institutions and unnamed officials, who have no roles.
SPEAKERS = [
    {
        "slug": "keir-starmer",
        "name": "Keir Starmer",
        "kind": "person",
        "given_name": "Keir",
        "family_name": "Starmer",
        "aliases": [
            ("Kier Starmer", "misspelling"),
        ],
        "nation": "gb",
        "roles": [
            {
                "title": "Prime Minister of the United Kingdom",
                "nation": "gb",
                "started_on": date(2024, 7, 5),
                "ended_on": None,
            },
        ],
    },
    {
        "slug": "olaf-scholz",
        "name": "Olaf Scholz",
        "kind": "person",
        "given_name": "Olaf",
        "family_name": "Scholz",
        "nation": "de",
        "roles": [
            {
                "title": "Chancellor of Germany",
                "nation": "de",
                "started_on": date(2021, 12, 8),
                "ended_on": date(2025, 5, 6),
            },
            {
                "title": "Federal Minister of Finance of Germany",
                "nation": "de",
                "started_on": date(2018, 3, 14),
                "ended_on": date(2021, 12, 8),
            },
        ],
    },
    {
        "slug": "donald-tusk",
        "name": "Donald Tusk",
        "kind": "person",
        "given_name": "Donald",
        "family_name": "Tusk",
        "nation": "pl",
        "roles": [
            {
                "title": "Prime Minister of Poland",
                "nation": "pl",
                "started_on": date(2023, 12, 13),
                "ended_on": None,
            },
            {
                "title": "Prime Minister of Poland",
                "nation": "pl",
                "started_on": date(2007, 11, 16),
                "ended_on": date(2014, 9, 22),
            },
        ],
    },
    {
        "slug": "jose-manuel-albares",
        "name": "José Manuel Albares",
        "kind": "person",
        "given_name": "José Manuel",
        "family_name": "Albares",
        "aliases": [
            ("José Manuel Albares Bueno", "spelling"),
        ],
        "nation": "es",
        "roles": [
            {
                "title": "Minister of Foreign Affairs of Spain",
                "nation": "es",
                "started_on": date(2021, 7, 12),
                "ended_on": None,
            },
        ],
    },
    {
        "slug": "volodymyr-zelensky",
        "name": "Volodymyr Zelensky",
        "kind": "person",
        "given_name": "Volodymyr",
        "family_name": "Zelensky",
        "aliases": [
            ("Volodymyr Zelenskyy", "transliteration"),
            ("Volodymyr Zelenskiy", "transliteration"),
            ("Zelenskyy", "transliteration"),
            ("Zelenskiy", "transliteration"),
        ],
        "nation": "ua",
        "roles": [
            {
                "title": "President of Ukraine",
                "nation": "ua",
                "started_on": date(2019, 5, 20),
                "ended_on": None,
            },
        ],
    },
    {
        "slug": "keith-kellogg",
        "name": "Keith Kellogg",
        "kind": "person",
        "given_name": "Keith",
        "family_name": "Kellogg",
        "nation": "us",
        "roles": [
            {
                "title": "U.S. Special Envoy for Ukraine and Russia",
                "nation": "us",
                "started_on": date(2025, 1, 20),
                "ended_on": None,
            },
        ],
    },
    {
        "slug": "pete-hegseth",
        "name": "Pete Hegseth",
        "kind": "person",
        "given_name": "Pete",
        "family_name": "Hegseth",
        "nation": "us",
        "roles": [
            {
                "title": "U.S. Secretary of Defense",
                "nation": "us",
                "started_on": date(2025, 1, 25),
                "ended_on": None,
            },
        ],
    },
    {
        "slug": "sergei-lavrov",
        "name": "Sergei Lavrov",
        "kind": "person",
        "given_name": "Sergei",
        "family_name": "Lavrov",
        "aliases": [
            ("Sergey Lavrov", "transliteration"),
        ],
        "nation": "ru",
        "roles": [
            {
                "title": "Minister of Foreign Affairs of Russia",
                "nation": "ru",
                "started_on": date(2004, 3, 9),
                "ended_on": None,
            },
        ],
    },
    {
        "slug": "donald-trump",
        "name": "Donald Trump",
        "kind": "person",
        "given_name": "Donald",
        "family_name": "Trump",
        "nation": "us",
        "roles": [
            {
                "title": "President of the United States",
                "nation": "us",
                "started_on": date(2025, 1, 20),
                "ended_on": None,
            },
            {
                "title": "President of the United States",
                "nation": "us",
                "started_on": date(2017, 1, 20),
                "ended_on": date(2021, 1, 20),
            },
        ],
    },
    {
        "slug": "government-of-sweden",
        "name": "Government of Sweden",
        "kind": "institution",
        "nation": "se",
        "description": "Sweden’s government, as the article reports its position; no one named.",
    },
    {
        "slug": "government-of-the-netherlands",
        "name": "Government of the Netherlands",
        "kind": "institution",
        "nation": "nl",
        "description": "The Dutch government, as the article reports its position; no one named.",
    },
    {
        "slug": "government-of-the-united-states",
        "name": "Government of the United States",
        "kind": "institution",
        "nation": "us",
        "description": "The U.S. government, as the article reports its position; no one named.",
    },
    {
        "slug": "european-leaders-at-the-paris-meeting",
        "name": "European leaders at the Paris meeting",
        "kind": "officials",
        "nation": None,
        "description": "The leaders of several European nations who met in Paris on "
        "17 February 2025, as the article reports them together, none named.",
    },
    {
        "slug": "officials-with-knowledge-of-the-plans-the-washington-post",
        "name": "Officials with knowledge of the plans (The Washington Post)",
        "kind": "officials",
        "nation": None,
        "description": "Four officials with knowledge of the European plans, unnamed, "
        "cited by The Washington Post on 17 February 2025.",
    },
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

# In the order of the article. Each quote: key (fixed), speaker (slug), role (title of the
# role held on said_on, or None), nation spoken for (code or None), kind, text, context,
# when it was said (said_on, its precision, said_on_latest for a range, and the note on how the
# date was inferred), source (key), its attribution chain before the source as the article
# states it ((relation, "source", key) links), its verification level, stance (value on TOPIC),
# event (slug or None), the figures it commits and any edits the article made to the words (each
# with the explanation readers see).
QUOTES = [
    # Paragraph 2. Undated ("has suggested"). Trump on European troops: open.
    {
        "key": "06fptgtt",
        "speaker": "donald-trump",
        "spoken_language": "en",
        "role": "President of the United States",
        "nation": "us",
        "kind": "paraphrase",
        "text": "Trump has suggested they could play a peacekeeping role there.",
        "context": "While not giving European nations a seat at the table, Trump has "
        "suggested they could play a peacekeeping role there.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "open",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Paragraph 3: the Post on Monday. The words are the Post's report, made public on the
    # 17th. Stance "open", not "willing": European nations "could" contribute, no nation is
    # named, and the article adds that "there have been few solid promises".
    {
        "key": "083vd4k6",
        "speaker": "officials-with-knowledge-of-the-plans-the-washington-post",
        "role": None,
        "nation": None,
        "kind": "partial",
        "text": "who would not be stationed along the contact line but would stand ready as "
        "a show of force if Russian forces tried to restart the war,",
        "context": "The Washington Post on Monday reported that European nations could "
        "contribute upwards of 30,000 troops “who would not be stationed along the contact "
        "line but would stand ready as a show of force if Russian forces tried to restart the "
        "war,” the publication reported, citing four officials with knowledge of the plans.",
        **ON_MONDAY,
        "source": TWZ,
        "chain": [("reported_by", "source", WASHINGTON_POST)],
        "verification": "second_hand",
        "stance": "open",
        "event": None,
        "figures": [
            {"qualifier": "upwards_of", "amount": 30_000, "unit": "troops", "period": ""},
        ],
        "edits": [],
    },
    {
        "key": "0mvz5qd3",
        "speaker": "officials-with-knowledge-of-the-plans-the-washington-post",
        "role": None,
        "nation": None,
        "kind": "direct",
        "text": "The troops could be backstopped by more forces outside Ukraine in case they "
        "need to ramp up and move quickly.",
        "context": "The Washington Post on Monday reported that European nations could "
        "contribute upwards of 30,000 troops “who would not be stationed along the contact "
        "line but would stand ready as a show of force if Russian forces tried to restart the "
        "war,” the publication reported, citing four officials with knowledge of the plans. "
        "“The troops could be backstopped by more forces outside Ukraine in case they need to "
        "ramp up and move quickly.”",
        **ON_MONDAY,
        "source": TWZ,
        "chain": [("reported_by", "source", WASHINGTON_POST)],
        "verification": "second_hand",
        "stance": "open",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Paragraph 4: what the leaders at the meeting say, undated ("say", "while decrying").
    {
        "key": "1c4rgdkp",
        "speaker": "european-leaders-at-the-paris-meeting",
        "role": None,
        "nation": None,
        "kind": "paraphrase",
        "text": "decrying Trump’s move to leave them out of the negotiations",
        "context": "While decrying Trump’s move to leave them out of the negotiations, the "
        "European leaders say much of their planning is contingent on U.S. support.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "1fxqvvv5",
        "speaker": "european-leaders-at-the-paris-meeting",
        "role": None,
        "nation": None,
        "kind": "paraphrase",
        "text": "the European leaders say much of their planning is contingent on U.S. support.",
        "context": "While decrying Trump’s move to leave them out of the negotiations, the "
        "European leaders say much of their planning is contingent on U.S. support.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "conditional",
        "event": PARIS_MEETING,
        "figures": [],
        "edits": [],
    },
    # "To date": undated. The U.S. rules out troops of its own.
    {
        "key": "1pxbsc9x",
        "speaker": "government-of-the-united-states",
        "role": None,
        "nation": "us",
        "kind": "paraphrase",
        "text": "the U.S. has ruled out providing troops",
        "context": "To date, the U.S. has ruled out providing troops, though Trump’s peace "
        "envoy Keith Kellogg on Monday suggested that “the policy has always been that you "
        "take no options off the table,” Reuters reported.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "opposed",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "2hym0qfr",
        "speaker": "keith-kellogg",
        "spoken_language": "en",
        "role": "U.S. Special Envoy for Ukraine and Russia",
        "nation": "us",
        "kind": "partial",
        "text": "the policy has always been that you take no options off the table,",
        "context": "To date, the U.S. has ruled out providing troops, though Trump’s peace "
        "envoy Keith Kellogg on Monday suggested that “the policy has always been that you "
        "take no options off the table,” Reuters reported.",
        **ON_MONDAY,
        "source": TWZ,
        "chain": [("reported_by", "source", REUTERS)],
        "verification": "second_hand",
        "stance": "open",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Paragraph 5: France's plans, in the Post's words (same report, same day).
    {
        "key": "35zxmwdr",
        "speaker": "officials-with-knowledge-of-the-plans-the-washington-post",
        "role": None,
        "nation": "fr",
        "kind": "partial",
        "text": "has done more advanced military planning than others and estimates that it "
        "could commit nearly 10,000 troops,",
        "context": "France “has done more advanced military planning than others and "
        "estimates that it could commit nearly 10,000 troops,” the Post posited.",
        **ON_MONDAY,
        "source": TWZ,
        "chain": [("reported_by", "source", WASHINGTON_POST)],
        "verification": "second_hand",
        "stance": "willing",
        "event": None,
        "figures": [
            {"qualifier": "nearly", "amount": 10_000, "unit": "troops", "period": ""},
        ],
        "edits": [],
    },
    # Starmer's opinion piece in The Telegraph, Sunday 16 February ("Kier" is the article's).
    # The article's summary of the piece whose own words, next, are "ready and willing".
    {
        "key": "3ma2031s",
        "speaker": "keir-starmer",
        "spoken_language": "en",
        "role": "Prime Minister of the United Kingdom",
        "nation": "gb",
        "kind": "paraphrase",
        "text": "broached the possibility of contributing troops to any peacekeeping force",
        "context": "On Sunday, U.K. Prime Minister Kier Starmer broached the possibility of "
        "contributing troops to any peacekeeping force in an opinion piece for The Telegraph.",
        **ON_SUNDAY,
        "source": TWZ,
        "chain": [("said_at", "source", TELEGRAPH)],
        "verification": "first_hand",
        "stance": "willing",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Military aid, not troops: no position on the question. The dollar sum is the
    # article's conversion, not Starmer's, so it is not a figure of his.
    {
        "key": "3yp5vys2",
        "speaker": "keir-starmer",
        "spoken_language": "en",
        "role": "Prime Minister of the United Kingdom",
        "nation": "gb",
        "kind": "paraphrase",
        "text": "guaranteeing Ukraine 3 billion pounds per year (about $3.79 billion) in "
        "military aid through at least 2030",
        "context": "In addition to guaranteeing Ukraine 3 billion pounds per year (about "
        "$3.79 billion) in military aid through at least 2030, Starmer wrote that supporting "
        "Kyiv “means being ready and willing to contribute to security guarantees to Ukraine "
        "by putting our own troops on the ground if necessary.”",
        **ON_SUNDAY,
        "source": TWZ,
        "chain": [("said_at", "source", TELEGRAPH)],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [
            {
                "qualifier": "exactly",
                "amount": 3_000_000_000,
                "unit": "GBP",
                "period": "per year through at least 2030",
            },
        ],
        "edits": [],
    },
    {
        "key": "4rzxdfx0",
        "speaker": "keir-starmer",
        "spoken_language": "en",
        "role": "Prime Minister of the United Kingdom",
        "nation": "gb",
        "kind": "partial",
        "text": "means being ready and willing to contribute to security guarantees to "
        "Ukraine by putting our own troops on the ground if necessary.",
        "context": "In addition to guaranteeing Ukraine 3 billion pounds per year (about "
        "$3.79 billion) in military aid through at least 2030, Starmer wrote that supporting "
        "Kyiv “means being ready and willing to contribute to security guarantees to Ukraine "
        "by putting our own troops on the ground if necessary.”",
        **ON_SUNDAY,
        "source": TWZ,
        "chain": [("said_at", "source", TELEGRAPH)],
        "verification": "first_hand",
        "stance": "willing",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "52nvksy0",
        "speaker": "keir-starmer",
        "spoken_language": "en",
        "role": "Prime Minister of the United Kingdom",
        "nation": "gb",
        "kind": "direct",
        "text": "I do not say that lightly. I feel very deeply the responsibility that comes "
        "with potentially putting British servicemen and women in harm’s way. But any role in "
        "helping to guarantee Ukraine’s security is helping to guarantee the security of our "
        "continent, and the security of this country,",
        "context": "“I do not say that lightly. I feel very deeply the responsibility that "
        "comes with potentially putting British servicemen and women in harm’s way. But any "
        "role in helping to guarantee Ukraine’s security is helping to guarantee the security "
        "of our continent, and the security of this country,” he explained without offering "
        "any specifics.",
        **ON_SUNDAY,
        "source": TWZ,
        "chain": [("said_at", "source", TELEGRAPH)],
        "verification": "first_hand",
        "stance": "willing",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Paragraph 8: Sweden and the Netherlands, undated.
    {
        "key": "62v9b2y7",
        "speaker": "government-of-sweden",
        "role": None,
        "nation": "se",
        "kind": "paraphrase",
        "text": "would not rule out sending troops to Ukraine if necessary",
        "context": "Sweden said that it would not rule out sending troops to Ukraine if "
        "necessary, while the Netherlands is “not negative” about a European peacekeeping "
        "force in Ukraine.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "open",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "9pq61ce1",
        "speaker": "government-of-the-netherlands",
        "role": None,
        "nation": "nl",
        "kind": "partial",
        "text": "not negative",
        "context": "Sweden said that it would not rule out sending troops to Ukraine if "
        "necessary, while the Netherlands is “not negative” about a European peacekeeping "
        "force in Ukraine.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "open",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Paragraph 10: Scholz via the Süddeutsche Zeitung, undated. English as the article
    # publishes it (most likely its translation of German words): spoken in German, published
    # in English; no translation of ours is added.
    {
        "key": "adxsyaps",
        "speaker": "olaf-scholz",
        "spoken_language": "de",
        "role": "Chancellor of Germany",
        "nation": "de",
        "kind": "partial",
        "text": "Unfortunately we are still a long way off",
        "context": "“Unfortunately we are still a long way off” from such a decision, German "
        "Chancellor Olaf Scholz said, according to the Süddeutsche Zeitung, adding that "
        "“it’s quite clear that a very strong Ukrainian army, even in peacetime, must be at "
        "the core” of any solution.",
        **UNDATED,
        "source": TWZ,
        "chain": [("reported_by", "source", SUEDDEUTSCHE)],
        "verification": "translation",
        "stance": "opposed",
        "event": None,
        "figures": [],
        "edits": [
            {
                "kind": "omitted",
                "words": "",
                "explanation": "The War Zone quotes the start of the sentence and ends it in "
                "its own words (“from such a decision”).",
            }
        ],
    },
    # Given as the reason troops are a long way off: opposed, as the article reads it.
    {
        "key": "aj1m251h",
        "speaker": "olaf-scholz",
        "spoken_language": "de",
        "role": "Chancellor of Germany",
        "nation": "de",
        "kind": "partial",
        "text": "it’s quite clear that a very strong Ukrainian army, even in peacetime, must "
        "be at the core",
        "context": "“Unfortunately we are still a long way off” from such a decision, German "
        "Chancellor Olaf Scholz said, according to the Süddeutsche Zeitung, adding that "
        "“it’s quite clear that a very strong Ukrainian army, even in peacetime, must be at "
        "the core” of any solution.",
        **UNDATED,
        "source": TWZ,
        "chain": [("reported_by", "source", SUEDDEUTSCHE)],
        "verification": "translation",
        "stance": "opposed",
        "event": None,
        "figures": [],
        "edits": [
            {
                "kind": "omitted",
                "words": "",
                "explanation": "The War Zone quotes part of the sentence and ends it in its own "
                "words (“of any solution”).",
            }
        ],
    },
    # Paragraph 12: Tusk told reporters before flying to the meeting, so on the 17th.
    {
        "key": "azzh0788",
        "speaker": "donald-tusk",
        "role": "Prime Minister of Poland",
        "nation": "pl",
        "kind": "partial",
        "text": "does not foresee sending Polish soldiers to Ukraine,",
        "context": "Warsaw “does not foresee sending Polish soldiers to Ukraine,” he told "
        "reporters before boarding a flight to Paris.",
        **ON_MONDAY,
        "date_note": "Inferred from the article: he spoke before flying to the Paris meeting, "
        "held on Monday 17 February 2025, the article's day.",
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "opposed",
        "event": PARIS_MEETING,
        "figures": [],
        "edits": [],
    },
    # Paragraph 13: Albares via the Financial Times, undated.
    {
        "key": "bywmwka4",
        "speaker": "jose-manuel-albares",
        "role": "Minister of Foreign Affairs of Spain",
        "nation": "es",
        "kind": "direct",
        "text": "Nobody is currently considering sending troops to Ukraine,",
        "context": "“Nobody is currently considering sending troops to Ukraine,” said José "
        "Manuel Albares, Spain’s foreign minister, according to Financial Times.",
        **UNDATED,
        "source": TWZ,
        "chain": [("reported_by", "source", FINANCIAL_TIMES)],
        "verification": "second_hand",
        "stance": "opposed",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Given as the reason nobody is considering troops: opposed, as the article reads it.
    {
        "key": "crgkm23p",
        "speaker": "jose-manuel-albares",
        "role": "Minister of Foreign Affairs of Spain",
        "nation": "es",
        "kind": "direct",
        "text": "Peace is still very far away and for one reason only: Vladimir Putin.",
        "context": "“Nobody is currently considering sending troops to Ukraine,” said José "
        "Manuel Albares, Spain’s foreign minister, according to Financial Times. “Peace is "
        "still very far away and for one reason only: Vladimir Putin.”",
        **UNDATED,
        "source": TWZ,
        "chain": [("reported_by", "source", FINANCIAL_TIMES)],
        "verification": "second_hand",
        "stance": "opposed",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "d7a8dyse",
        "speaker": "jose-manuel-albares",
        "role": "Minister of Foreign Affairs of Spain",
        "nation": "es",
        "kind": "partial",
        "text": "have to consider for what mission, who will comprise it, under what flag, "
        "with what mandate.",
        "context": "Albares added that any discussion of troop deployments or peacekeepers "
        "would “have to consider for what mission, who will comprise it, under what flag, "
        "with what mandate.”",
        **UNDATED,
        "source": TWZ,
        "chain": [("reported_by", "source", FINANCIAL_TIMES)],
        "verification": "second_hand",
        "stance": "conditional",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Paragraphs 14 and 15: Zelensky, undated.
    {
        "key": "e3qfv3zw",
        "speaker": "volodymyr-zelensky",
        "role": "President of Ukraine",
        "nation": "ua",
        "kind": "paraphrase",
        "text": "foreign boots on Ukrainian soil are not the only option to back up a future "
        "peace deal",
        "context": "For his part, Zelensky said foreign boots on Ukrainian soil are not the "
        "only option to back up a future peace deal.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "open",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "ftrm616w",
        "speaker": "volodymyr-zelensky",
        "role": "President of Ukraine",
        "nation": "ua",
        "kind": "direct",
        "text": "I believe that this is the first platform for the future creation of such a "
        "force — the Armed Forces of Europe, such an army that will be able to respond in the "
        "sky, on water, on land, with drones in artificial intelligence, as well as in the "
        "event of a Russian offensive,",
        "context": "“I believe that this is the first platform for the future creation of "
        "such a force — the Armed Forces of Europe, such an army that will be able to respond "
        "in the sky, on water, on land, with drones in artificial intelligence, as well as in "
        "the event of a Russian offensive,” he said, adding that a foreign military presence "
        "does not necessarily mean troops stationed on Ukrainian soil but could include air "
        "defense systems and weapons to enhance security.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "open",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "g98rz23t",
        "speaker": "volodymyr-zelensky",
        "role": "President of Ukraine",
        "nation": "ua",
        "kind": "paraphrase",
        "text": "a foreign military presence does not necessarily mean troops stationed on "
        "Ukrainian soil but could include air defense systems and weapons to enhance security",
        "context": "“I believe that this is the first platform for the future creation of "
        "such a force — the Armed Forces of Europe, such an army that will be able to respond "
        "in the sky, on water, on land, with drones in artificial intelligence, as well as in "
        "the event of a Russian offensive,” he said, adding that a foreign military presence "
        "does not necessarily mean troops stationed on Ukrainian soil but could include air "
        "defense systems and weapons to enhance security.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "open",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Paragraph 16: Hegseth "last week" (one day between 10 and 16 February: the article gives
    # no day), and Trump "later": after Hegseth and by the article's day.
    {
        "key": "gj5azmgs",
        "speaker": "pete-hegseth",
        "spoken_language": "en",
        "role": "U.S. Secretary of Defense",
        "nation": "us",
        "kind": "paraphrase",
        "text": "Defense Secretary Pete Hegseth cast doubt on Ukraine’s ability to reclaim the "
        "land lost since Russia first invaded in 2014.",
        "context": "As we previously reported, Defense Secretary Pete Hegseth cast doubt on "
        "Ukraine’s ability to reclaim the land lost since Russia first invaded in 2014.",
        **LAST_WEEK,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "hnyb3n6d",
        "speaker": "pete-hegseth",
        "spoken_language": "en",
        "role": "U.S. Secretary of Defense",
        "nation": "us",
        "kind": "paraphrase",
        "text": "He also said membership in NATO was unlikely.",
        "context": "As we previously reported, Defense Secretary Pete Hegseth cast doubt on "
        "Ukraine’s ability to reclaim the land lost since Russia first invaded in 2014. He "
        "also said membership in NATO was unlikely.",
        **LAST_WEEK,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "j2ga106f",
        "speaker": "donald-trump",
        "spoken_language": "en",
        "role": "President of the United States",
        "nation": "us",
        "kind": "paraphrase",
        "text": "Trump later concurred with both of those stances.",
        "context": "As we previously reported, Defense Secretary Pete Hegseth cast doubt on "
        "Ukraine’s ability to reclaim the land lost since Russia first invaded in 2014. He "
        "also said membership in NATO was unlikely. Trump later concurred with both of those "
        "stances.",
        **AFTER_LAST_WEEK,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
    # Paragraph 17: same occasion as paragraph 16. European troops, but only outside NATO
    # and without Article Five cover: conditional. The bracket is the article's insertion.
    {
        "key": "jffwk6pa",
        "speaker": "pete-hegseth",
        "spoken_language": "en",
        "role": "U.S. Secretary of Defense",
        "nation": "us",
        "kind": "partial",
        "text": "should be deployed as part of a non-NATO mission, and they should not be "
        "covered under Article Five [NATO charter of mutual aid]. There also must be robust "
        "international oversight of the line of contact to be clear as part of any security "
        "guarantee.",
        "context": "In addition, Hegseth made it clear that while the Trump administration "
        "wants European and non-European troops to provide a security guarantee, those troops "
        "“should be deployed as part of a non-NATO mission, and they should not be covered "
        "under Article Five [NATO charter of mutual aid]. There also must be robust "
        "international oversight of the line of contact to be clear as part of any security "
        "guarantee.”",
        **LAST_WEEK,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "conditional",
        "event": None,
        "figures": [],
        "edits": [
            {
                "kind": "inserted",
                "words": "[NATO charter of mutual aid]",
                "explanation": "The War Zone added the words in brackets to explain Article Five.",
            }
        ],
    },
    # Paragraph 19: positions on the talks and on territory, undated: no position on troops.
    {
        "key": "kq3spwqj",
        "speaker": "volodymyr-zelensky",
        "role": "President of Ukraine",
        "nation": "ua",
        "kind": "paraphrase",
        "text": "adamant that his country won’t agree to any deal that does not directly "
        "involve Ukraine",
        "context": "Zelensky, adamant that his country won’t agree to any deal that does not "
        "directly involve Ukraine, has complained that he was not invited to Saudi Arabia even "
        "though Trump promised he would be part of any negotiations.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "pnptxcv4",
        "speaker": "volodymyr-zelensky",
        "role": "President of Ukraine",
        "nation": "ua",
        "kind": "paraphrase",
        "text": "has complained that he was not invited to Saudi Arabia",
        "context": "Zelensky, adamant that his country won’t agree to any deal that does not "
        "directly involve Ukraine, has complained that he was not invited to Saudi Arabia even "
        "though Trump promised he would be part of any negotiations.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "qb5wxw9n",
        "speaker": "donald-trump",
        "spoken_language": "en",
        "role": "President of the United States",
        "nation": "us",
        "kind": "paraphrase",
        "text": "Trump promised he would be part of any negotiations",
        "context": "Zelensky, adamant that his country won’t agree to any deal that does not "
        "directly involve Ukraine, has complained that he was not invited to Saudi Arabia even "
        "though Trump promised he would be part of any negotiations.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "tyx7a30e",
        "speaker": "volodymyr-zelensky",
        "role": "President of Ukraine",
        "nation": "ua",
        "kind": "paraphrase",
        "text": "Zelensky has also been reluctant to give up all of the roughly 20% of his "
        "nation in Russian hands.",
        "context": "",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
    {
        "key": "v8y4csnd",
        "speaker": "sergei-lavrov",
        "role": "Minister of Foreign Affairs of Russia",
        "nation": "ru",
        "kind": "paraphrase",
        "text": "Russian Foreign Minister Sergei Lavrov said that not only will Russia not "
        "accept any deal that cedes territory it has gained, but Moscow wants the entirety of "
        "four regions it illegally annexed.",
        "context": "In Moscow, Russian Foreign Minister Sergei Lavrov said that not only will "
        "Russia not accept any deal that cedes territory it has gained, but Moscow wants the "
        "entirety of four regions it illegally annexed.",
        **UNDATED,
        "source": TWZ,
        "chain": [],
        "verification": "first_hand",
        "stance": "no-position",
        "event": None,
        "figures": [],
        "edits": [],
    },
]
