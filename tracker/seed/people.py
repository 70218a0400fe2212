# ruff: noqa: RUF001
# (The words below are the article's, character for character: its curly apostrophes are meant.)
"""The nations and international organisations the article names, and its speakers:
people with their roles and aliases, institutions and unnamed officials.

The editorial rules are in tracker/seed/records.py.
"""

from datetime import date

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
