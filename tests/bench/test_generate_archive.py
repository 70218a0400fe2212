"""An invented archive for benchmarks: valid records, skewed as real ones, the same for a seed."""

import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from bench.generation import scaled_counts
from bench.management.commands.generate_archive import Command as GenerateArchiveCommand
from tests.helpers import make_nation, make_quote, make_stance, make_topic
from tests.models.test_published_counts import counts_held, counts_of_every_quote
from tracker.models import (
    KEY_ALPHABET,
    KEY_LENGTH,
    Alias,
    AttributionLink,
    Language,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    Translation,
)
from tracker.search import search_text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True  # the command refuses to invent quotes outside development


def generate(**options):
    options = {"quotes": 300, "seed": 7, "verbosity": 0, **options}
    out = StringIO()
    # The bench's command, by instance: the tests run under the product's settings, whose
    # INSTALLED_APPS does not hold "bench".
    call_command(GenerateArchiveCommand(), stdout=out, **options)
    return out.getvalue()


def test_archive_has_the_records_asked_for():
    generate(quotes=1000)
    counts = scaled_counts(1000)
    assert Quote.objects.count() == 1000
    assert Source.objects.count() == counts.sources
    assert Speaker.objects.count() == counts.speakers
    assert Outlet.objects.count() == counts.outlets
    assert Nation.objects.count() == counts.nations
    assert Topic.objects.count() == 12
    for topic in Topic.objects.all():
        assert 4 <= topic.stances.count() <= 6
    assert Role.objects.exists()


def test_options_override_the_scaled_counts():
    generate(quotes=300, speakers=40, sources=100, outlets=7, nations=9)
    assert Speaker.objects.count() == 40
    assert Source.objects.count() == 100
    assert Outlet.objects.count() == 7
    assert Nation.objects.count() == 9


def test_small_archives_scale_down_and_a_million_is_full_size():
    small, full = scaled_counts(2000), scaled_counts(1_000_000)
    assert (full.nations, full.speakers, full.outlets, full.sources) == (60, 5000, 300, 150_000)
    assert small.speakers < 100 and small.sources == 300 and small.nations < 10


def test_statuses_mixed_as_in_a_real_archive():
    generate(quotes=1000)
    quotes = Quote.objects.all()
    unpublished = quotes.filter(status__in=Quote.DELETABLE_STATUSES).count()
    assert 50 <= unpublished <= 150  # about a tenth
    assert quotes.filter(status=Quote.Status.REVIEW).exists()
    retracted = quotes.filter(status=Quote.Status.RETRACTED)
    assert 1 <= retracted.count() <= 30  # about 1%
    assert not retracted.filter(retraction_reason="").exists()
    assert not retracted.filter(retracted_at__isnull=True).exists()
    assert not quotes.filter(status=Quote.Status.PUBLISHED, published_at__isnull=True).exists()
    assert quotes.filter(status=Quote.Status.PUBLISHED).count() > 800


def test_many_quotes_not_in_english_have_a_translation_with_its_provenance():
    generate(quotes=1000)
    foreign = Quote.objects.exclude(language=Language.ENGLISH)
    assert foreign.values("language").distinct().count() >= 2
    assert Quote.objects.filter(language=Language.ENGLISH).count() > foreign.count()
    assert not foreign.exclude(spoken_language=F("language")).exists()
    translated = foreign.filter(translations__isnull=False).distinct().count()
    assert 0.3 * foreign.count() < translated < foreign.count()  # a share, not all of them
    translations = Translation.objects.all()
    assert not translations.exclude(language=Language.ENGLISH).exists()
    assert not translations.filter(quote__language=Language.ENGLISH).exists()
    by = set(translations.values_list("translated_by", flat=True))
    assert {"outlet", "archive"} <= by
    assert not translations.filter(translated_by="archive", outlet__isnull=False).exists()
    assert not translations.filter(translated_by="outlet", outlet__isnull=True).exists()


def test_some_quotes_were_reported_by_another_outlet_first():
    generate(quotes=1000)
    links = AttributionLink.objects.all()
    assert 10 <= links.count() <= 100  # about 4%
    assert set(links.values_list("relation", flat=True)) == {"reported_by"}
    assert not links.filter(outlet__isnull=True).exists()
    reported = Quote.objects.filter(attribution_links__isnull=False)
    assert not reported.exclude(verification=Quote.Verification.SECOND_HAND).exists()
    assert "reported by" in reported.first().chain_text()
    levels = set(Quote.objects.values_list("verification", flat=True))
    assert {"first_hand", "second_hand", "recording"} <= levels


def test_some_dates_are_known_only_to_the_month_or_between_two_days():
    generate(quotes=1000)
    quotes = Quote.objects.all()
    assert not quotes.filter(said_on_latest__isnull=True).exists()
    assert quotes.filter(said_on_precision="day").count() > 800
    month = quotes.filter(said_on_precision="month")
    assert month.exists() and not month.exclude(said_on__day=1).exists()
    assert not month.filter(said_on_latest=F("said_on")).exists()
    between = quotes.filter(said_on_precision="between")
    assert between.exists() and not between.filter(said_on_latest__lte=F("said_on")).exists()
    assert not between.filter(said_on_note="").exists()
    assert quotes.filter(said_on_precision="approximate").exists()
    exact = quotes.filter(said_on_precision__in=["day", "approximate", "on_or_before"])
    assert not exact.exclude(said_on_latest=F("said_on")).exists()


def test_people_have_names_that_cite_right_a_nationality_and_some_aliases():
    generate(quotes=1000)
    people = Speaker.objects.filter(kind=Speaker.Kind.PERSON)
    assert not people.filter(family_name="").exists()
    assert not people.exclude(nationality=F("nation")).exists()
    person = people.first()
    assert person.name == f"{person.given_name} {person.family_name}"
    groups = Speaker.objects.exclude(kind=Speaker.Kind.PERSON)
    assert not groups.exclude(given_name="", family_name="").exists()
    with_aliases = people.filter(aliases__isnull=False).distinct().count()
    assert 0 < with_aliases < people.count() / 3
    alias = Alias.objects.first()
    quote = Quote.objects.published().filter(speaker=alias.speaker).first()
    if quote is not None:
        assert quote in Quote.objects.published().search(alias.name)


def test_generated_records_pass_validation():
    generate()
    for quote in Quote.objects.order_by("?")[:30]:
        quote.full_clean()  # the role is the speaker's, held on the day; constraints hold
        if quote.role_id:
            assert quote.role.speaker_id == quote.speaker_id
            assert quote.role.covers(quote.said_on)
            assert quote.nation_id == quote.role.nation_id
        else:
            assert quote.speaker.role_on(quote.said_on) is None
            assert quote.nation_id == quote.speaker.nation_id
        assert quote.search_text == search_text_of(quote)
    for link in AttributionLink.objects.order_by("?")[:10]:
        link.full_clean()
    for model in (Source, Speaker, Alias, Role, Outlet, Nation, Stance, Translation):
        for record in model.objects.order_by("?")[:10]:
            record.full_clean()


def test_roles_of_a_speaker_do_not_overlap():
    generate()
    for speaker in Speaker.objects.prefetch_related("roles"):
        roles = sorted(speaker.roles.all(), key=lambda role: role.started_on or role.ended_on)
        for earlier, later in itertools.pairwise(roles):
            assert earlier.ended_on is not None
            assert later.started_on > earlier.ended_on


def test_keys_are_unique_and_from_the_alphabet():
    generate(quotes=1000)
    for model in (Quote, Source):
        keys = list(model.objects.values_list("key", flat=True))
        assert len(set(keys)) == len(keys)
        assert all(len(key) == KEY_LENGTH and set(key) <= set(KEY_ALPHABET) for key in keys)


def test_one_speaker_and_one_nation_stand_out():
    generate(quotes=1000)
    per_speaker = sorted(
        (speaker.quotes.count() for speaker in Speaker.objects.all()), reverse=True
    )
    assert per_speaker[0] >= 10  # at least 1%
    assert per_speaker[0] > per_speaker[1]
    per_nation = sorted((nation.quotes.count() for nation in Nation.objects.all()), reverse=True)
    assert per_nation[0] > 1.5 * per_nation[1]


def test_search_finds_generated_quotes():
    generate(quotes=1000)
    published = Quote.objects.published()
    with_troops = set(published.filter(text__icontains="troops").values_list("pk", flat=True))
    found = set(published.search("troops").values_list("pk", flat=True))
    assert len(with_troops) > 50  # a common word
    assert with_troops <= found
    assert not published.search("troops").exclude(status=Quote.Status.PUBLISHED).exists()


def test_generated_quotes_are_counted_where_they_are_published():
    # Loaded without their save(), then counted: the stance grid and the months show them.
    make_quote(text="On the record.", nation=make_nation(code="de", name="Germany"))
    generate(append=True)
    assert counts_held() == counts_of_every_quote()
    assert sum(counts_held()["month"].values()) == Quote.objects.published().count()


def snapshot():
    return list(
        Quote.objects.order_by("key").values_list(
            "key", "text", "speaker__slug", "said_on", "status", "source__key"
        )
    )


def test_same_seed_gives_the_same_archive():
    generate(seed=3)
    first = snapshot()
    generate(seed=3, wipe=True)
    assert snapshot() == first
    generate(seed=4, wipe=True)
    assert snapshot() != first


def test_refuses_an_archive_that_holds_quotes():
    make_quote(text="On the record.")
    with pytest.raises(CommandError, match="already holds 1 quotes"):
        generate()
    assert Quote.objects.count() == 1


def test_append_keeps_the_archive_and_reuses_its_nations_and_topics():
    germany = make_nation(code="de", name="Germany")
    opposed = make_stance(topic=make_topic(slug="troops-for-ukraine"), value="opposed")
    kept = make_quote(text="On the record.", nation=germany, stance=opposed)
    generate(append=True)
    assert Quote.objects.count() == 301
    assert Quote.objects.get(pk=kept.pk).text == "On the record."
    assert Nation.objects.filter(code="de").count() == 1
    assert Topic.objects.filter(slug="troops-for-ukraine").count() == 1
    assert Quote.objects.filter(stance=opposed).count() > 1
    assert Quote.objects.filter(nation=germany).count() > 1


def test_wipe_deletes_the_archive_published_quotes_included():
    old = make_quote(text="On the record.", status=Quote.Status.PUBLISHED)
    output = generate(wipe=True)
    assert "Wiping the archive" in output
    assert not Quote.objects.filter(key=old.key).exists()
    assert not Quote.objects.filter(text="On the record.").exists()
    assert Quote.objects.count() == 300


def test_append_and_wipe_cannot_be_combined():
    with pytest.raises(CommandError):
        call_command(GenerateArchiveCommand(), "--append", "--wipe", verbosity=0)
    with pytest.raises(CommandError):
        generate(append=True, wipe=True)


def test_refuses_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        generate()
    assert not Quote.objects.exists()


def test_summary_names_the_most_quoted_speaker_and_biggest_nation():
    output = generate()
    assert "quotes" in output and "300" in output
    assert "Most quoted speaker:" in output
    assert "Biggest nation: Germany" in output


def test_records_saved_after_generating_get_new_ids():
    generate()
    quote = make_quote(text="Said after the archive was generated.")
    assert quote.pk > max(Quote.objects.exclude(pk=quote.pk).values_list("pk", flat=True))
