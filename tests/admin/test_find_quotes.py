"""An editor pastes an article on its source's page, reviews the finder's candidates in article
order, accepts some, skips others, and finds them as drafts of the source."""

import datetime
import random
import string

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_outlet, make_quote, make_source, make_speaker, make_stance
from tracker.models import Quote, Source

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Leaders met in Paris today.\n"
    "“We are ready to send troops,” said Jane Doe, the defence minister, according to Reuters.\n"
    "On Sunday, Prime Minister Keir Starmer said that Britain would pay its share.\n"
    "“Nobody is sending troops,” said Carlos Ruiz, the foreign minister."
)


def find_quotes_page(source):
    return reverse("admin:tracker_source_find_quotes", args=[source.pk])


def candidates_posted(response, choices):
    """The review form as the editor submits it: each row as found, with `choices[i]` (a dict
    of fields) applied to row i."""
    formset = response.context["formset"]
    data = {key: value for key, value in formset.management_form.initial.items()}
    data = {f"form-{key}": value for key, value in data.items()}
    for i, form in enumerate(formset):
        for name, field in form.fields.items():
            value = form.initial.get(name)
            if name == "accept":
                continue
            if value is not None and hasattr(field, "queryset") and hasattr(value, "pk"):
                value = value.pk
            data[f"form-{i}-{name}"] = "" if value is None else value
        for name, value in choices.get(i, {}).items():
            data[f"form-{i}-{name}"] = value
    return data


def test_editor_finds_accepts_two_and_skips_one(client, editor):
    client.force_login(editor)
    reuters = make_outlet(name="Reuters")
    starmer = make_speaker(name="Keir Starmer", given_name="Keir", family_name="Starmer")
    stance = make_stance(value="willing", label="Willing")
    source = make_source(published_on=datetime.date(2025, 2, 17))
    page = client.get(reverse("admin:tracker_source_change", args=[source.pk]))
    assertContains(page, find_quotes_page(source))

    response = client.post(find_quotes_page(source), {"find": "1", "article": ARTICLE})
    rows = [form.initial for form in response.context["formset"]]
    assert [row["text"] for row in rows] == [
        "We are ready to send troops,",
        "Prime Minister Keir Starmer said that Britain would pay its share.",
        "Nobody is sending troops,",
    ]
    assertContains(response, "We are ready to send troops,")
    assertContains(response, 'aria-label="Accept, statement 2"')

    data = candidates_posted(
        response,
        {
            0: {"accept": "on", "stance": stance.pk},
            1: {"accept": "on", "stance": stance.pk},
        },
    )
    data["send_for_review"] = "1"
    response = client.post(find_quotes_page(source), data, follow=True)
    assertContains(response, "2 drafts created.")

    first = Quote.objects.get(text="We are ready to send troops,")
    assert first.source == source
    assert first.speaker.name == "Jane Doe"  # proposed as a new speaker, with her role
    assert first.role.title == "defence minister"
    assert first.kind == Quote.Kind.DIRECT
    assert first.said_on == datetime.date(2025, 2, 17)
    assert first.said_on_precision == "on_or_before"
    assert [link.outlet for link in first.attribution_links.all()] == [reuters]
    assert first.status == Quote.Status.REVIEW
    second = Quote.objects.get(text__endswith="Britain would pay its share.")
    assert second.speaker == starmer
    assert second.kind == Quote.Kind.PARAPHRASE
    assert (second.said_on, second.said_on_precision) == (datetime.date(2025, 2, 16), "day")
    assert "“On Sunday”" in second.said_on_note
    assert not Quote.objects.filter(text__startswith="Nobody").exists()


def test_a_statement_already_in_the_archive_is_flagged_and_not_created_twice(client, editor):
    client.force_login(editor)
    stance = make_stance()
    earlier = make_quote(text="Nobody is sending troops,")
    source = make_source()
    response = client.post(find_quotes_page(source), {"find": "1", "article": ARTICLE})
    assertContains(response, "Already in the archive")
    assertContains(response, reverse("admin:tracker_quote_change", args=[earlier.pk]))

    data = candidates_posted(response, {2: {"accept": "on", "stance": stance.pk}})
    data["create"] = "1"
    response = client.post(find_quotes_page(source), data, follow=True)
    assertContains(response, "0 drafts created.")
    assertContains(response, "Already in the archive, not created")
    assert Quote.objects.filter(text="Nobody is sending troops,").count() == 1


def test_an_accepted_row_without_speaker_or_stance_is_sent_back(client, editor):
    client.force_login(editor)
    source = make_source()
    response = client.post(find_quotes_page(source), {"find": "1", "article": ARTICLE})
    data = candidates_posted(response, {0: {"accept": "on", "new_speaker": ""}})
    data["create"] = "1"
    response = client.post(find_quotes_page(source), data)
    assertContains(response, "Choose the speaker, or name a new one.")
    assertContains(response, "Choose the position the words take.")
    assert not Quote.objects.filter(source=source).exists()


def test_an_empty_paste_gets_a_message(client, editor):
    client.force_login(editor)
    source = make_source()
    response = client.post(find_quotes_page(source), {"find": "1", "article": "  "})
    assertContains(response, "This field is required.")
    assertNotContains(response, "Create the accepted drafts")


def test_readers_and_anonymous_visitors_cannot_find_quotes(client):
    source = make_source()
    response = client.get(find_quotes_page(source))
    assert response.status_code == 302
    assert "/login/" in response.url


PAGE = (
    "<html><head><title>Europe weighs troops</title>"
    '<meta name="author" content="Ann Writer">'
    '<meta property="article:published_time" content="2025-02-17T10:00:00Z">'
    '<link rel="canonical" href="https://example.org/europe-weighs-troops"></head>'
    "<body><article><h1>Europe weighs troops</h1>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE.split("\n"))
    + "<script>document.title = 'changed'</script></article></body></html>"
)


def test_editor_pastes_a_new_articles_page_and_its_source_is_made_from_its_metadata(client, editor):
    client.force_login(editor)
    outlet = make_outlet(name="The Daily Example")
    stance = make_stance()
    page = client.get(reverse("admin:tracker_source_changelist"))
    assertContains(page, reverse("admin:tracker_source_find_quotes_new"))

    response = client.post(
        reverse("admin:tracker_source_find_quotes_new"),
        {"outlet": outlet.pk, "title": "", "published_on": "", "article": PAGE},
    )
    source = Source.objects.get(outlet=outlet)
    assert (source.title, source.is_title_supplied) == ("Europe weighs troops", False)
    assert source.url == "https://example.org/europe-weighs-troops"
    assert source.authors == "Ann Writer"
    assert source.published_on == datetime.date(2025, 2, 17)
    rows = [form.initial for form in response.context["formset"]]
    assert [(row["text"], row["chain"]) for row in rows] == [
        ("We are ready to send troops,", "reported_by Reuters"),
        ("Prime Minister Keir Starmer said that Britain would pay its share.", ""),
        ("Nobody is sending troops,", ""),
    ]
    assertContains(response, "We are ready to send troops,")
    assertNotContains(response, "<script>document.title")  # the paste is shown as text only

    data = candidates_posted(response, {0: {"accept": "on", "stance": stance.pk}})
    data["create"] = "1"
    client.post(find_quotes_page(source), data)
    assert list(source.quotes.values_list("text", "status")) == [
        ("We are ready to send troops,", Quote.Status.DRAFT)
    ]


def test_a_new_article_without_a_title_is_sent_back_and_nothing_is_made(client, editor):
    client.force_login(editor)
    outlet = make_outlet()
    response = client.post(
        reverse("admin:tracker_source_find_quotes_new"),
        {"outlet": outlet.pk, "title": "", "published_on": "", "article": ARTICLE},
    )
    assertContains(response, "The page has no title: type one.")
    assert not Source.objects.filter(outlet=outlet).exists()


def new_article_posted(client, outlet, article):
    return client.post(
        reverse("admin:tracker_source_find_quotes_new"),
        {"outlet": outlet.pk, "title": "A title", "published_on": "2025-02-17", "article": article},
    )


def test_an_empty_paste_of_a_new_article_makes_no_source(client, editor):
    client.force_login(editor)
    outlet = make_outlet()
    response = new_article_posted(client, outlet, " \n ")
    assertContains(response, "This field is required.")
    assert not Source.objects.filter(outlet=outlet).exists()


def test_five_megabytes_of_text_are_refused_with_a_clear_message(client, editor):
    client.force_login(editor)
    outlet = make_outlet()
    response = new_article_posted(client, outlet, "Words of a very long report. " * 180_000)
    assert response.status_code == 400
    assertContains(response, "What you sent is too large", status_code=400)
    assertContains(response, "nothing was saved", status_code=400)
    assert not Source.objects.filter(outlet=outlet).exists()


def test_an_article_longer_than_the_finder_reads_is_sent_back(client, editor):
    client.force_login(editor)
    source = make_source()
    response = client.post(find_quotes_page(source), {"find": "1", "article": "Word. " * 90_000})
    assertContains(response, "Ensure this value has at most 500000 characters")
    assertNotContains(response, 'maxlength="500000"')  # a browser would cut the paste silently
    assertNotContains(response, "Create the accepted drafts")


@pytest.mark.parametrize(
    "binary",
    [
        "%PDF-1.7\n\x00\x01\x02\x03\x04stream\x00\x05\x06 endobj" * 40,
        bytes(range(1, 32)).decode("latin-1") * 50 + "“We are ready,” said Jane Doe.",
        (b"\x89PNG\r\n\x1a\n" + bytes(range(128, 256)) * 20).decode("utf-8", errors="replace"),
    ],
)
def test_a_binary_paste_is_refused_and_nothing_is_made(client, editor, binary):
    client.force_login(editor)
    outlet = make_outlet()
    response = new_article_posted(client, outlet, binary)
    assert response.status_code == 200
    assert b"not text" in response.content or b"Null characters are not allowed" in response.content
    assertNotContains(response, "Create the accepted drafts")
    assert not Source.objects.filter(outlet=outlet).exists()
    assert not Quote.objects.exists()


def test_the_scripts_of_a_pasted_page_are_neither_run_nor_read_as_statements(client, editor):
    client.force_login(editor)
    source = make_source()
    page = PAGE.replace(
        "</article>",
        "<script>document.write('“We will attack at dawn,” said Evil Doer.')</script>"
        "<p onclick=\"alert('x')\">More text.</p></article>",
    )
    response = client.post(find_quotes_page(source), {"find": "1", "article": page})
    rows = [form.initial["text"] for form in response.context["formset"]]
    assert "We will attack at dawn," not in rows
    assert "Nobody is sending troops," in rows
    assertNotContains(response, "<script>document.write")
    assertNotContains(response, "<p onclick=")
    assert not Quote.objects.exists()


def test_the_review_screen_works_from_the_keyboard_and_without_javascript(client, editor):
    client.force_login(editor)
    source = make_source()
    response = client.post(find_quotes_page(source), {"find": "1", "article": ARTICLE})
    assertContains(response, "data-candidate", count=3)
    assertContains(response, "tracker/js/find_quotes.js")
    assertContains(response, 'accesskey="r"')
    # Without the script, every row is a plain form: its checkbox and, under "Edit", its fields.
    assertContains(response, '<details class="edit">', count=3)
    assertContains(response, 'aria-label="Words, statement 1"')


def test_words_narrowed_within_their_sentence_are_kept_and_others_refused(client, editor):
    client.force_login(editor)
    stance = make_stance()
    source = make_source()
    found = client.post(find_quotes_page(source), {"find": "1", "article": ARTICLE})
    choice = {"accept": "on", "stance": stance.pk, "text": "Britain would pay its share."}
    data = candidates_posted(found, {1: {**choice, "text": "Britain would pay its fair share."}})
    data["create"] = "1"
    response = client.post(find_quotes_page(source), data)
    assertContains(response, "The words must be the article&#x27;s own")
    assert not Quote.objects.exists()

    data = candidates_posted(found, {1: choice})
    data["create"] = "1"
    client.post(find_quotes_page(source), data)
    assert list(source.quotes.values_list("text", flat=True)) == ["Britain would pay its share."]


def test_a_long_article_of_a_hundred_and_twenty_statements_is_reviewed_in_one_form(client, editor):
    # Each candidate is a row of a dozen fields: more than Django's default of 1,000 fields.
    client.force_login(editor)
    make_speaker(name="Jane Doe", given_name="Jane", family_name="Doe")
    stance = make_stance(value="willing", label="Willing")
    source = make_source(published_on=datetime.date(2025, 2, 17))
    # Words unlike one another, or the finder rightly flags them as near-duplicates.
    letters = random.Random(1)
    statements = [
        " ".join("".join(letters.choices(string.ascii_lowercase, k=7)) for _ in range(6))
        for _ in range(120)
    ]
    article = "\n".join(f"“{words},” said Jane Doe." for words in statements)
    response = client.post(find_quotes_page(source), {"find": "1", "article": article})
    assert len(response.context["formset"]) == 120
    data = candidates_posted(
        response, {i: {"accept": "on", "stance": stance.pk} for i in range(120)}
    )
    assert len(data) > 1000
    data["create"] = "1"
    response = client.post(find_quotes_page(source), data, follow=True)
    assertContains(response, "120 drafts created.")
    assert source.quotes.count() == 120
