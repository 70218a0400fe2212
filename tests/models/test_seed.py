import datetime
import hashlib
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.helpers import make_user
from tracker import services
from tracker.models import (
    KEY_ALPHABET,
    Event,
    Figure,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    WordEdit,
)
from tracker.seed import records

pytestmark = pytest.mark.django_db

# The article as published to us, byte for byte (the copy in /work/shared/seed/).
ARTICLE_SHA256 = "5a10975e6a916a3d3f8edfb3d68cb09907d1ff719374451f44bd213306fca6bc"


@pytest.fixture
def article():
    return records.ARTICLE_FILE.read_text(encoding="utf-8")


@pytest.fixture
def seeded(db):
    return services.load_seed()


def snapshot():
    """Every row of every archive table, history included."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("tracker").get_models()
    }


def test_shipped_article_is_the_original_byte_for_byte():
    assert hashlib.sha256(records.ARTICLE_FILE.read_bytes()).hexdigest() == ARTICLE_SHA256


def test_seed_holds_every_record_of_the_article(seeded):
    assert Quote.objects.count() == 32
    assert Speaker.objects.count() == 14
    assert Role.objects.count() == 12
    assert Source.objects.count() == 6
    assert Outlet.objects.count() == 6
    assert Nation.objects.nations().count() == 10
    assert set(Nation.objects.organisations().values_list("code", flat=True)) == {"nato", "eu"}
    assert Figure.objects.count() == 3
    assert Topic.objects.get().slug == "troops-for-ukraine"
    assert list(Stance.objects.values_list("value", flat=True)) == [
        "willing",
        "open",
        "conditional",
        "opposed",
        "no-position",
    ]
    assert Event.objects.get().slug == "paris-meeting-2025-02-17"


def test_every_quote_is_word_for_word_in_the_shipped_article(seeded, article):
    for quote in Quote.objects.all():
        assert quote.text in article, quote.key
        assert quote.context in article, quote.key
        assert quote.text in quote.context or not quote.context, quote.key
        if quote.kind in (Quote.Kind.DIRECT, Quote.Kind.PARTIAL):
            assert f"“{quote.text}”" in article, quote.key


def test_quotes_keep_the_articles_curly_apostrophes(seeded):
    apostrophe = "\N{RIGHT SINGLE QUOTATION MARK}"
    assert Quote.objects.filter(text__contains=f"it{apostrophe}s quite clear").exists()
    assert not Quote.objects.filter(text__contains="'").exists()


def test_a_quote_not_in_the_article_is_refused(monkeypatch):
    bad = {**records.QUOTES[0], "text": "Words the article never printed."}
    monkeypatch.setattr(records, "QUOTES", [bad])
    with pytest.raises(ValueError, match="not in the article"):
        services.load_seed()
    assert not Quote.objects.exists()


def test_speaker_names_are_canonical_and_misspellings_are_aliases(seeded):
    starmer = Speaker.objects.get(name="Keir Starmer")
    assert "Kier Starmer" in starmer.alias_names()
    assert (starmer.given_name, starmer.family_name) == ("Keir", "Starmer")
    zelensky = Speaker.objects.get(name="Volodymyr Zelensky")
    assert {"Zelenskyy", "Zelenskiy"} <= set(zelensky.alias_names())
    assert "Sergey Lavrov" in Speaker.objects.get(name="Sergei Lavrov").alias_names()
    # A body or a group keeps one name, which no citation splits.
    for body in Speaker.objects.exclude(kind=Speaker.Kind.PERSON):
        assert (body.given_name, body.family_name) == ("", "")
    assert not Speaker.objects.filter(name__icontains="Kier").exists()
    # The article's words stay as it printed them.
    assert starmer.quotes.filter(context__contains="Kier Starmer").exists()


def test_quote_shows_the_role_held_when_it_was_said(seeded):
    for quote in Quote.objects.filter(speaker__slug="olaf-scholz"):
        assert quote.role.title == "Chancellor of Germany"
        assert quote.nation.code == "de"
    tusk = Quote.objects.get(speaker__slug="donald-tusk")
    assert tusk.role.started_on == datetime.date(2023, 12, 13)


def test_every_persons_quote_has_a_role_that_covers_its_date(seeded):
    for quote in Quote.objects.filter(speaker__kind=Speaker.Kind.PERSON):
        assert quote.role.speaker == quote.speaker
        assert quote.role.covers(quote.said_on), quote.key


def test_scholz_quote_was_read_in_twz_and_first_reported_by_sueddeutsche(seeded):
    quote = Quote.objects.get(text="Unfortunately we are still a long way off")
    assert quote.source.outlet.name == "The War Zone"
    reported_by, read_in = quote.chain()
    assert (reported_by.relation, reported_by.source.outlet.name) == (
        "reported_by",
        "Süddeutsche Zeitung",
    )
    assert reported_by.source.language == "de"
    assert (read_in.relation, read_in.source) == ("read_in", quote.source)
    assert quote.chain_text() == "reported by Süddeutsche Zeitung · read in The War Zone"
    # German words that reach us in English.
    assert quote.verification == Quote.Verification.TRANSLATION
    assert quote.stance.value == "opposed"


@pytest.mark.parametrize(
    ("outlet", "speakers"),
    [
        ("the-washington-post", {"officials-with-knowledge-of-the-plans-the-washington-post"}),
        ("financial-times", {"jose-manuel-albares"}),
        ("reuters", {"keith-kellogg"}),
        ("the-telegraph", {"keir-starmer"}),
    ],
)
def test_the_articles_chains_run_through_the_outlets_it_names(seeded, outlet, speakers):
    named = Quote.objects.naming(Outlet.objects.get(slug=outlet))
    assert set(named.values_list("speaker__slug", flat=True)) == speakers
    for quote in named:
        assert quote.chain()[-1].source.outlet.slug == "the-war-zone"
        # Starmer's own op-ed, which The War Zone read; the others a report of a report.
        first_hand = outlet == "the-telegraph"
        assert quote.verification == ("first_hand" if first_hand else "second_hand")


def test_the_articles_edits_to_the_words_are_recorded(seeded):
    hegseth = Quote.objects.get(key="jffwk6pa")
    (inserted,) = hegseth.word_edits.all()
    assert inserted.kind == WordEdit.Kind.INSERTED
    assert inserted.words in hegseth.text
    for key in ["adxsyaps", "aj1m251h"]:  # Scholz, his sentences ended in the article's words
        (omitted,) = Quote.objects.get(key=key).word_edits.all()
        assert omitted.kind == WordEdit.Kind.OMITTED
    assert WordEdit.objects.count() == 3


def test_tusk_told_reporters_himself_with_no_first_report(seeded):
    quote = Quote.objects.get(speaker__slug="donald-tusk")
    assert [link.relation for link in quote.chain()] == ["read_in"]
    assert quote.verification == Quote.Verification.FIRST_HAND
    assert quote.event.slug == "paris-meeting-2025-02-17"


def test_sources_record_what_an_editor_supplied(seeded):
    twz = Source.objects.get(outlet__slug="the-war-zone")
    assert twz.is_title_supplied
    assert twz.url == ""
    assert twz.author_list == ["Howard Altman"]
    assert twz.published_on == datetime.date(2025, 2, 17)
    telegraph = Source.objects.get(outlet__slug="the-telegraph")
    assert telegraph.kind == Source.Kind.OPINION
    assert telegraph.author_list == ["Keir Starmer"]
    assert telegraph.published_on == datetime.date(2025, 2, 16)
    assert all(source.is_title_supplied and source.public_note for source in Source.objects.all())


def test_seed_notes_publish_no_file_path_and_no_personal_address(seeded):
    for source in Source.objects.all():
        for note in (source.public_note, source.notes):
            assert "@" not in note and "tracker/" not in note and ".txt" not in note, note


def test_starmers_op_ed_is_dated_sunday_to_the_day(seeded):
    quotes = Quote.objects.filter(speaker__slug="keir-starmer")
    assert quotes.count() == 4
    for quote in quotes:
        assert quote.said_on == datetime.date(2025, 2, 16)
        assert quote.said_on_precision == Quote.Precision.DAY
        said_at, read_in = quote.chain()
        assert read_in.source.outlet.slug == "the-war-zone"
        assert (said_at.relation, said_at.source.outlet.slug) == ("said_at", "the-telegraph")


def test_last_week_is_one_day_between_10_and_16_february_with_a_note(seeded):
    for quote in Quote.objects.filter(speaker__slug="pete-hegseth"):
        assert quote.said_on_precision == Quote.Precision.BETWEEN
        assert (quote.said_on, quote.said_on_latest) == (
            datetime.date(2025, 2, 10),
            datetime.date(2025, 2, 16),
        )
        assert quote.said_on_edtf == "[2025-02-10..2025-02-16]"
        assert "“last week”" in quote.said_on_note


def test_trump_later_concurring_is_between_last_week_and_the_articles_day(seeded):
    quote = Quote.objects.get(key="j2ga106f")
    assert quote.said_on_display == "between 10 and 17 Feb 2025"
    assert "“later”" in quote.said_on_note


def test_undated_statements_were_said_on_or_before_the_articles_day(seeded):
    undated = Quote.objects.filter(said_on_precision=Quote.Precision.ON_OR_BEFORE)
    assert undated.count() == 19
    for quote in undated:
        assert quote.said_on_edtf == "[..2025-02-17]"
        assert quote.said_on_display == "on or before 17 Feb 2025"
        assert "does not say when" in quote.said_on_note


def test_every_inferred_date_says_how_it_was_inferred(seeded):
    assert not Quote.objects.filter(said_on_note="").exists()


def test_undated_statements_never_claim_a_day(seeded):
    # Only "on Sunday", "on Monday", the Post's Monday report and Tusk before his flight.
    dated = Quote.objects.filter(said_on_precision=Quote.Precision.DAY)
    assert set(dated.values_list("speaker__slug", flat=True)) == {
        "keir-starmer",
        "keith-kellogg",
        "donald-tusk",
        "officials-with-knowledge-of-the-plans-the-washington-post",
    }


def test_figures_committed(seeded):
    france = Quote.objects.get(nation__code="fr")
    assert france.stance.value == "willing"
    assert [(f.qualifier, f.amount, f.unit) for f in france.figures.all()] == [
        ("nearly", Decimal("10000"), "troops")
    ]
    europe = Figure.objects.get(amount=30_000)
    assert europe.qualifier == Figure.Qualifier.UPWARDS_OF
    assert europe.quote.nation is None
    aid = Figure.objects.get(unit="GBP")
    assert aid.amount == Decimal("3000000000")
    assert aid.period == "per year through at least 2030"
    assert aid.quote.speaker.name == "Keir Starmer"


def test_nations_memberships_as_of_february_2025(seeded):
    assert Nation.objects.get(code="se").is_nato_member
    assert not Nation.objects.get(code="gb").is_eu_member
    assert not Nation.objects.get(code="ua").is_nato_member


def test_every_seed_quote_is_published_under_its_fixed_key(seeded):
    keys = {record["key"] for record in records.QUOTES}
    assert set(Quote.objects.values_list("key", flat=True)) == keys
    assert all(len(key) == 8 and set(key) <= set(KEY_ALPHABET) for key in keys)
    assert Quote.objects.published().count() == len(keys)
    assert set(Quote.objects.values_list("published_at", flat=True)) == {records.PUBLISHED_AT}
    source_keys = {record["key"] for record in records.SOURCES}
    assert set(Source.objects.values_list("key", flat=True)) == source_keys


def test_loading_twice_changes_nothing(seeded):
    before = snapshot()
    counts = services.load_seed()
    assert snapshot() == before
    assert all(tally["created"] == tally["updated"] == 0 for tally in counts.values())


def test_reloading_restores_a_changed_record_and_leaves_history(seeded):
    quote = Quote.objects.get(key="adxsyaps")
    quote.text = "Tampered."
    quote.save()
    Figure.objects.filter(unit="GBP").delete()
    out = StringIO()
    services.load_seed(stdout=out)
    quote.refresh_from_db()
    assert quote.text == "Unfortunately we are still a long way off"
    assert quote.history.first().history_change_reason == "Loaded from the seed article"
    assert Figure.objects.filter(unit="GBP").count() == 1
    assert "Updated quote Olaf Scholz: Unfortunately" in out.getvalue()


def test_reloading_never_undoes_a_retraction(seeded):
    quote = Quote.objects.get(key="adxsyaps")
    # A superuser, not the "Chief editors" group: a flushing test elsewhere may have removed it.
    quote.retract(reason="Misattributed.", by=make_user(is_superuser=True))
    counts = services.load_seed()
    quote.refresh_from_db()
    assert quote.status == Quote.Status.RETRACTED
    assert counts["quotes"]["left retracted"] == 1


def test_load_seed_command_reports_counts_and_is_idempotent():
    out = StringIO()
    call_command("load_seed", stdout=out)
    assert "Quotes: 32 created, 0 updated, 0 unchanged" in out.getvalue()
    out = StringIO()
    call_command("load_seed", stdout=out)
    assert "Quotes: 0 created, 0 updated, 32 unchanged" in out.getvalue()
    assert Quote.objects.count() == 32
