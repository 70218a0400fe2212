"""Every record editors change refuses a save made on a page opened before someone else saved it,
with the words a quote's page gives: speakers, roles, outlets, sources, events, and (for chief
editors) nations, topics and their stances."""

import datetime
import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains

from tests.admin.pages import posted_back
from tests.helpers import (
    make_chief_editor,
    make_editor,
    make_nation,
    make_outlet,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.models import Event, Speaker


def make_event():
    return Event.objects.create(
        name="Paris meeting", slug="paris-meeting", happened_on=datetime.date(2025, 2, 17)
    )


def change_page(record):
    return reverse(f"admin:tracker_{record._meta.model_name}_change", args=[record.pk])


def topic_page(stance):
    return reverse("admin:tracker_topic_change", args=[stance.topic.pk])


# kind: how to make one, the page it is changed on, who may change it, the field the first
# to save changes and the field (its form name, its model name) the second one tries to change.
RECORDS = {
    "speaker": (make_speaker, change_page, make_editor, "description", ("name", "name")),
    "role": (make_role, change_page, make_editor, "ended_on", ("title", "title")),
    "outlet": (make_outlet, change_page, make_editor, "home_url", ("name", "name")),
    "source": (make_source, change_page, make_editor, "notes", ("title", "title")),
    "event": (make_event, change_page, make_editor, "place", ("name", "name")),
    "nation": (make_nation, change_page, make_chief_editor, "is_eu_member", ("name", "name")),
    "topic": (
        lambda: make_stance().topic,
        change_page,
        make_chief_editor,
        "description",
        ("name", "name"),
    ),
    "stance": (
        make_stance,
        topic_page,
        make_chief_editor,
        "stances-0-description",
        ("stances-0-label", "label"),
    ),
}
THEIR_VALUES = {
    "ended_on": "2031-01-01",
    "home_url": "https://elsewhere.example/",
    "is_eu_member": "",
    "stances-0-description": "Checked.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", RECORDS)
def test_second_editor_to_save_a_record_is_refused_and_told_what_changed(client, kind):
    make, page_of, make_user, theirs, (mine, mine_on_model) = RECORDS[kind]
    record = make()
    page = page_of(record)
    second = Client()
    second.force_login(make_user(username="amira"))
    client.force_login(make_user(username="me"))
    their_page, my_page = second.get(page), client.get(page)
    assert their_page.status_code == my_page.status_code == 200

    data = posted_back(their_page, **{theirs: THEIR_VALUES.get(theirs, "Checked.")})
    if theirs == "is_eu_member":
        del data[theirs]  # an unticked box is not posted
    assert second.post(page, data).status_code == 302
    refused = client.post(page, posted_back(my_page, **{mine: "Mine"}))

    assert refused.status_code == 200
    noun = record._meta.verbose_name
    changed = record._meta.get_field(theirs.removeprefix("stances-0-")).verbose_name
    assertContains(refused, f"This {noun} was saved again after you opened it: amira changed")
    assertContains(refused, f"its {escape(changed)}")
    assertContains(refused, "Nothing you entered was saved")
    record.refresh_from_db()
    assert getattr(record, mine_on_model) != "Mine"
    assert record.revision == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_many_concurrent_saves_of_a_speaker_one_wins_and_the_others_are_told():
    speaker = make_speaker(name="Ann Example")
    page = change_page(speaker)
    editors = []
    for n in range(6):
        client = Client()
        client.force_login(make_editor(username=f"editor{n}"))
        editors.append((client, posted_back(client.get(page), description=f"Said by {n}.")))
    start, answers = threading.Barrier(len(editors)), []

    def save(client, data):
        start.wait()
        try:
            answers.append(client.post(page, data))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=editor) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    saved = [answer for answer in answers if answer.status_code == 302]
    refused = [answer for answer in answers if answer.status_code == 200]
    assert (len(saved), len(refused)) == (1, len(editors) - 1)
    for answer in refused:
        assertContains(answer, "This speaker was saved again after you opened it")
    speaker = Speaker.objects.get(pk=speaker.pk)
    assert speaker.revision == 2
    assert speaker.history.count() == 2
