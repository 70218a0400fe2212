# ruff: noqa: RUF001
# (The words below are the article's, character for character: its curly apostrophes are meant.)
"""The quotes of paragraphs 2 to 8 of the article, in its order: Trump, the Washington
Post's numbers, the leaders at the meeting, the United States, France, Starmer, Sweden and the
Netherlands.

The shape of each quote is described in tracker/seed/quotes/__init__.py, and the
editorial rules in tracker/seed/records.py.
"""

from tracker.seed.quotes.dates import ON_MONDAY, ON_SUNDAY, UNDATED
from tracker.seed.sources import REUTERS, TELEGRAPH, TWZ, WASHINGTON_POST
from tracker.seed.topics import PARIS_MEETING

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
]
