# ruff: noqa: RUF001
# (The words below are the article's, character for character: its curly apostrophes are meant.)
"""The quotes of paragraphs 10 to 19 of the article, in its order: Scholz, Tusk,
Albares, Zelensky, Hegseth and Trump, and the positions on the talks and on territory.

The shape of each quote is described in tracker/seed/quotes/__init__.py, and the
editorial rules in tracker/seed/records.py.
"""

from tracker.seed.quotes.dates import AFTER_LAST_WEEK, LAST_WEEK, ON_MONDAY, UNDATED
from tracker.seed.sources import FINANCIAL_TIMES, SUEDDEUTSCHE, TWZ
from tracker.seed.topics import PARIS_MEETING

QUOTES = [
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
