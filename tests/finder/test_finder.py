# ruff: noqa: RUF001
"""The quote finder on paragraphs written for each convention, and on the seed article."""

import datetime
import html

import pytest

from tracker import finder
from tracker.finder import SpeakerMatcher, find_candidates
from tracker.seed import records

MONDAY = datetime.date(2025, 2, 17)
KNOWN = SpeakerMatcher(
    [("Keir Starmer", 1), ("Kier Starmer", 1), ("Olaf Scholz", 2), ("Zelenskyy", 3)],
    [("Starmer", 1), ("Scholz", 2), ("Zelensky", 3)],
)


def found(text, **kwargs):
    candidates = find_candidates(text, published_on=MONDAY, speakers=KNOWN, **kwargs)
    for candidate in candidates:  # the words are always the article's own
        assert all(text[start:end] in candidate.words for start, end in candidate.passages)
    return candidates


@pytest.mark.parametrize(
    "text",
    [
        "“We will not send troops,” Olaf Scholz said.",
        '"We will not send troops," Olaf Scholz said.',
        "„We will not send troops,“ Olaf Scholz said.",
        "«We will not send troops,» Olaf Scholz said.",
        "« We will not send troops, » Olaf Scholz said.",
        "‘We will not send troops,’ Olaf Scholz said.",
    ],
)
def test_each_typographic_convention_gives_the_words_inside_the_marks(text):
    [candidate] = found(text)
    assert candidate.words == "We will not send troops,"
    assert (candidate.kind, candidate.speaker_id) == ("direct", 2)


def test_apostrophes_do_not_end_a_single_quoted_quotation():
    [candidate] = found("‘Britain won’t stand aside, and Europe’s leaders know it,’ said Starmer.")
    assert candidate.words == "Britain won’t stand aside, and Europe’s leaders know it,"
    assert candidate.speaker_id == 1


def test_a_nested_quotation_stays_inside_its_outer_one():
    [candidate] = found("“They told us ‘no troops’ at the meeting,” Scholz said.")
    assert candidate.words == "They told us ‘no troops’ at the meeting,"


def test_a_partial_quotation_inside_a_sentence():
    [candidate] = found("Scholz said the plan was “premature at best” and left.")
    assert (candidate.words, candidate.kind, candidate.speaker_id) == (
        "premature at best",
        "partial",
        2,
    )


def test_a_quotation_split_by_he_said_is_one_candidate_with_a_note():
    text = "“We will be ready,” he said, “if the Americans stand behind us.” Scholz smiled."
    text = "Olaf Scholz spoke in Paris. " + text
    [candidate] = found(text)
    assert candidate.words == "We will be ready, if the Americans stand behind us."
    assert len(candidate.passages) == 2
    assert "Joined from two passages" in candidate.note
    assert candidate.speaker_id == 2


def test_two_sentences_quoted_around_an_attribution_stay_two():
    text = "“Nobody is ready,” said Carlos Ruiz. “Peace is far away.”"
    assert [c.words for c in found(text)] == ["Nobody is ready,", "Peace is far away."]


def test_a_block_quotation_of_the_page_is_a_candidate():
    html = (
        "<html><head><title>Leaders meet</title>"
        '<meta property="og:site_name" content="The Daily Example">'
        '<meta name="author" content="Ann Writer">'
        '<meta property="article:published_time" content="2025-02-17T10:00:00Z">'
        '<link rel="canonical" href="https://example.org/leaders-meet"></head><body><article>'
        "<h1>Leaders meet</h1><p>Europe's leaders met in Paris to talk about a peace force "
        "for Ukraine and what it would need from Washington.</p>"
        "<p>The chancellor Olaf Scholz wrote to his party on Monday.</p>"
        "<blockquote><p>Germany will do what is necessary for peace in Europe.</p></blockquote>"
        "<p>Others were less sure about what the meeting had achieved.</p>"
        "<script>alert('no')</script></article></body></html>"
    )
    article = finder.read_html(html)
    assert article.title == "Leaders meet"
    assert article.author == "Ann Writer"
    assert article.published_on == MONDAY
    assert article.outlet == "The Daily Example"
    assert article.url == "https://example.org/leaders-meet"
    assert "alert" not in article.text
    candidates = found(article.text, block_quotations=article.block_quotations)
    block = [c for c in candidates if "A block quotation" in c.note]
    assert [c.words for c in block] == ["Germany will do what is necessary for peace in Europe."]
    assert block[0].speaker_id == 2


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Olaf Scholz said that Germany would not send soldiers for now.",
            "Olaf Scholz said that Germany would not send soldiers for now.",
            2,
        ),
        (
            "For his part, Zelenskyy said peace needs guarantees from America, adding that "
            "Europe alone is not enough.",
            "peace needs guarantees from America",
            3,
        ),
        (
            "According to Keir Starmer, Britain is ready to lead a coalition of the willing.",
            "Britain is ready to lead a coalition of the willing",
            1,
        ),
        (
            "Scholz spoke after the meeting. He also said the talks had been useful.",
            "He also said the talks had been useful.",
            2,
        ),
    ],
)
def test_reported_speech_is_a_paraphrase_candidate(text, words, speaker):
    candidates = [c for c in found(text) if c.kind == "paraphrase"]
    assert words in [c.words for c in candidates]
    assert next(c for c in candidates if c.words == words).speaker_id == speaker


def test_an_unknown_name_is_proposed_as_a_new_speaker_with_its_role():
    [candidate] = found("“We are ready,” said Defence Minister Jane Doe on Sunday.")
    assert (candidate.speaker_name, candidate.speaker_id) == ("Jane Doe", None)
    assert candidate.role == "Defence Minister"
    assert candidate.is_new_speaker


def test_a_pronoun_refers_back_to_the_person_named_before():
    text = "Poland's Prime Minister Donald Tusk flew to Paris.\n“We are not sending troops,” he told reporters."
    [candidate] = found(text)
    assert candidate.speaker_name == "Donald Tusk"


def test_a_description_refers_back_to_the_person_with_that_role():
    text = (
        "German Chancellor Olaf Scholz met Foreign Minister Jane Doe. "
        "“It is too early,” the chancellor said."
    )
    [candidate] = found(text)
    assert candidate.speaker_id == 2


@pytest.mark.parametrize(
    ("phrase", "earliest", "latest", "precision"),
    [
        ("today", MONDAY, MONDAY, "day"),
        ("yesterday", datetime.date(2025, 2, 16), datetime.date(2025, 2, 16), "day"),
        ("on Monday", MONDAY, MONDAY, "day"),
        ("on Sunday", datetime.date(2025, 2, 16), datetime.date(2025, 2, 16), "day"),
        ("on Thursday", datetime.date(2025, 2, 13), datetime.date(2025, 2, 13), "day"),
        ("last week", datetime.date(2025, 2, 10), datetime.date(2025, 2, 16), "between"),
        ("earlier this week", MONDAY, MONDAY, "between"),
        ("last month", datetime.date(2025, 1, 1), datetime.date(2025, 1, 1), "month"),
    ],
)
def test_a_relative_date_is_resolved_against_the_article_date(phrase, earliest, latest, precision):
    [candidate] = found(f"“We will decide soon,” Olaf Scholz said {phrase}.")
    assert (candidate.said_on, candidate.said_on_latest) == (earliest, latest)
    assert candidate.precision == precision
    assert f"“{phrase}”" in candidate.date_note


def test_an_undated_statement_was_said_on_or_before_the_article_date():
    [candidate] = found("“We will decide soon,” Olaf Scholz said.")
    assert (candidate.said_on, candidate.precision) == (MONDAY, "on_or_before")


@pytest.mark.parametrize(
    ("sentence", "chain"),
    [
        ("“We are ready,” Scholz told the Financial Times.", [("reported_by", "Financial Times")]),
        (
            "In an op-ed for the Telegraph, Starmer wrote that “we are ready to act.”",
            [("said_at", "Telegraph")],
        ),
        ("“We are ready,” Scholz said, according to Reuters.", [("reported_by", "Reuters")]),
        (
            "The Washington Post reported that “troops would stand ready,” the publication "
            "reported, citing officials.",
            [("reported_by", "Washington Post")],
        ),
        (
            "The Washington Post was first. “Troops would stand ready,” officials told the Post.",
            [("reported_by", "Washington Post")],
        ),
    ],
)
def test_the_attribution_the_article_states_is_the_chain(sentence, chain):
    [candidate] = [c for c in found(sentence) if c.kind != "paraphrase"]
    assert candidate.chain == chain


def seed_page():
    """The seed article as a browser saves its page: metadata, a menu, paragraphs, a footer."""
    paragraphs = records.ARTICLE_FILE.read_text().split("\n")
    return (
        "<html><head><title>Europe weighs troops</title>"
        '<meta property="og:site_name" content="The War Zone">'
        '<meta name="author" content="Howard Altman">'
        '<meta property="article:published_time" content="2025-02-17T18:00:00Z">'
        "</head><body><nav>Menu</nav><article><h1>Europe weighs troops</h1>"
        + "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
        + "</article><footer>Subscribe</footer></body></html>"
    )


def seed_candidates(text):
    """The finder on the seed article, knowing the seed's speakers as the admin knows them."""
    nations = {nation["code"]: nation["name"] for nation in records.NATIONS}
    speakers = [
        {
            "id": speaker["slug"],
            "name": speaker["name"],
            "kind": speaker["kind"],
            "aliases": [alias for alias, _ in speaker.get("aliases", [])],
            "family_name": speaker.get("family_name", ""),
            "nation_code": speaker["nation"],
            "nation_name": nations.get(speaker["nation"], ""),
        }
        for speaker in records.SPEAKERS
    ]
    matcher = SpeakerMatcher.from_speakers(speakers)
    return find_candidates(text, published_on=MONDAY, speakers=matcher)


@pytest.mark.parametrize("pasted", ["text", "html"])
def test_the_seed_article_gives_the_seed_statements(pasted):
    if pasted == "html":
        article = finder.read_html(seed_page())
        assert (article.title, article.author, article.outlet) == (
            "Europe weighs troops",
            "Howard Altman",
            "The War Zone",
        )
        assert article.published_on == MONDAY
        text = article.text
    else:
        text = records.ARTICLE_FILE.read_text()
    candidates = {candidate.words: candidate for candidate in seed_candidates(text)}
    quotes = records.QUOTES
    same_words = [quote for quote in quotes if quote["text"] in candidates]
    same_speaker = [q for q in same_words if candidates[q["text"]].speaker_id == q["speaker"]]
    spurious = [words for words in candidates if words not in {q["text"] for q in quotes}]
    print_table(pasted, quotes, candidates, spurious)
    # The issue asks for 95% of the 32 with the same words (31), 90% with the seed's speaker
    # (29) and at most a few spurious candidates. These are the floors this finder reaches, so
    # that they cannot slip: the one statement missed is "For his part, Zelensky said foreign
    # boots ...", which the seed takes without its subject while it keeps the subject of every
    # other sentence of the kind ("He also said ...", "Lavrov said that ..."); the finder
    # proposes the whole sentence, its one spurious candidate.
    assert all(quote["text"] in candidates for quote in quotes if quote["kind"] != "paraphrase")
    assert len(same_words) >= 31
    assert len(same_speaker) >= 31
    assert len(spurious) <= 1


def print_table(pasted, quotes, candidates, spurious):
    """What `pytest tests/finder -k seed -s` shows: each seed statement, found or not."""
    print(f"\nThe seed article pasted as {pasted}: the finder against the 32 seed statements")
    for quote in quotes:
        candidate = candidates.get(quote["text"])
        found = "same words" if candidate else "MISSED"
        speaker = candidate.speaker_id if candidate else "-"
        mark = "" if candidate and speaker == quote["speaker"] else "  <-"
        print(f"{quote['key']}  {quote['kind']:10} {found:10} {speaker or '?':40} "
              f"{quote['text'][:50]!r}{mark}")  # fmt: skip
    for words in spurious:
        print(f"spurious  {words[:90]!r}")
    hits = [quote for quote in quotes if quote["text"] in candidates]
    right = [q for q in hits if candidates[q["text"]].speaker_id == q["speaker"]]
    print(
        f"same words: {len(hits)}/{len(quotes)}, right speaker: {len(right)}/{len(quotes)}, "
        f"spurious: {len(spurious)} of {len(candidates)} candidates"
    )


def test_the_seed_article_dates_and_chains_statements_as_the_seed_does():
    candidates = {c.words: c for c in seed_candidates(records.ARTICLE_FILE.read_text())}
    starmer = candidates["I do not say that lightly. I feel very deeply the responsibility that "
        "comes with potentially putting British servicemen and women in harm’s way. But any role "
        "in helping to guarantee Ukraine’s security is helping to guarantee the security of our "
        "continent, and the security of this country,"]  # fmt: skip
    assert starmer.speaker_id == "keir-starmer"
    assert (starmer.said_on, starmer.precision) == (records.SUNDAY, "day")
    assert starmer.chain == [("said_at", "Telegraph")]
    kellogg = candidates["the policy has always been that you take no options off the table,"]
    assert (kellogg.speaker_id, kellogg.said_on, kellogg.precision) == (
        "keith-kellogg",
        MONDAY,
        "day",
    )
    assert kellogg.chain == [("reported_by", "Reuters")]
    peace = candidates["Peace is still very far away and for one reason only: Vladimir Putin."]
    assert peace.speaker_id == "jose-manuel-albares"
    assert peace.chain == [("reported_by", "Financial Times")]
    assert peace.precision == "on_or_before"


# Reporting the finder has never seen: the rules, not the seed's sentences.
ARCHIVE = SpeakerMatcher.from_speakers([
    {"id": "macron", "name": "Emmanuel Macron", "family_name": "Macron", "kind": "person"},
    {"id": "starmer", "name": "Keir Starmer", "family_name": "Starmer", "kind": "person",
     "aliases": ["Kier Starmer"]},
    {"id": "russia", "name": "Government of Russia", "kind": "institution",
     "nation_code": "ru", "nation_name": "Russia"},
    {"id": "uk", "name": "Government of the United Kingdom", "kind": "institution",
     "nation_code": "gb", "nation_name": "United Kingdom"},
    {"id": "us", "name": "Government of the United States", "kind": "institution",
     "nation_code": "us", "nation_name": "United States"},
    {"id": "diplomats", "name": "Diplomats at the summit (Reuters)", "kind": "officials"},
])  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Emmanuel Macron supports sending a small force to western Ukraine.",
            "Emmanuel Macron supports sending a small force to western Ukraine.",
            "macron",
        ),
        (
            "The Kremlin rejected the proposal outright on Tuesday.",
            "The Kremlin rejected the proposal outright on Tuesday.",
            "russia",
        ),
        (
            "Downing Street said the prime minister would travel to Washington.",
            "Downing Street said the prime minister would travel to Washington.",
            "uk",
        ),
        (
            "The White House has ruled out sending American soldiers, a spokesman said.",
            "The White House has ruled out sending American soldiers",
            "us",
        ),
        (
            "Macron’s office said he was ready to host a second meeting.",
            "Macron’s office said he was ready to host a second meeting.",
            "macron",
        ),
        (
            "In Starmer’s view, Europe must spend more on defence.",
            "Europe must spend more on defence",
            "starmer",
        ),
        (
            "Kier Starmer has said he would put British troops on the ground if necessary.",
            "Kier Starmer has said he would put British troops on the ground if necessary.",
            "starmer",
        ),
        (
            "Macron met the press. He warned that a ceasefire without guarantees would not hold.",
            "He warned that a ceasefire without guarantees would not hold.",
            "macron",
        ),
        (
            "Britain pledged new air defences, while Russia is not ready to talk.",
            "Britain pledged new air defences",
            "uk",
        ),
        (
            "Diplomats at the summit called for a ceasefire by the spring.",
            "Diplomats at the summit called for a ceasefire by the spring.",
            "diplomats",
        ),
        (
            "Macron, adamant that Europe must act alone if need be, offered French jets.",
            "adamant that Europe must act alone if need be",
            "macron",
        ),
        (
            "Emmanuel Macron met Chancellor Jane Doe. The chancellor said on Tuesday that talks "
            "would resume, while Macron is not ready to say when.",
            "talks would resume",
            None,  # Jane Doe, proposed as a new speaker
        ),
        (
            "While welcoming the talks, the Kremlin said it would not give up any territory.",
            "welcoming the talks",
            "russia",
        ),
    ],
)
def test_reporting_never_seen_gives_statements_by_rule(text, words, speaker):
    candidates = find_candidates(text, published_on=MONDAY, speakers=ARCHIVE)
    assert words in [c.words for c in candidates], [c.words for c in candidates]
    assert next(c for c in candidates if c.words == words).speaker_id == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Leaders met in Paris to discuss what the United States would be willing to offer.",
        "Germany, Poland and Spain each dismissed the idea.",
        "Prime Minister Keir Starmer offered a similar stance.",
        "“We are ready,” he explained without offering any specifics.",
        "Europe's leaders met in Paris today. It was raining.",
    ],
)
def test_the_reporters_own_framing_is_not_a_statement(text):
    candidates = find_candidates(text, published_on=MONDAY, speakers=ARCHIVE)
    assert [c.words for c in candidates if c.kind == "paraphrase"] == []


def test_a_person_named_once_in_full_is_found_again_by_family_name():
    text = "Chancellor Jane Doe arrived late. Doe insisted that Germany would pay its share."
    [candidate] = find_candidates(text, published_on=MONDAY, speakers=ARCHIVE)
    assert candidate.words == "Doe insisted that Germany would pay its share."
    assert (candidate.speaker_name, candidate.role) == ("Jane Doe", "Chancellor")
