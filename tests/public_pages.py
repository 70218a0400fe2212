"""A small archive with one of every public page type, for the checks run over all of them."""

import datetime

from django.urls import reverse

from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
    make_user,
)
from tracker.models import Event, Quote

# Every index of records, each linked from the navigation and listed in the sitemap.
INDEXES = ["/people/", "/nations/", "/outlets/", "/sources/", "/topics/", "/events/"]

# What a page type answers when it is not 200.
STATUS = {
    "unreadable filter": 400,
    "retraction notice": 410,
    "not found": 404,
    "mistyped key": 404,
}


def make_every_page():
    """Makes the archive and returns {page type: URL}."""
    germany = make_nation(code="de", name="Germany")
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz", nation=germany)
    role = make_role(
        speaker=scholz,
        title="Chancellor of Germany",
        nation=germany,
        started_on=datetime.date(2021, 12, 8),
    )
    twz = make_outlet(name="The War Zone", slug="twz", home_url="https://www.twz.com/")
    sz = make_outlet(name="Süddeutsche Zeitung", slug="sz")
    article = make_source(
        outlet=twz,
        title="European leaders meet in Paris",
        is_title_supplied=True,
        authors="Howard Altman",
    )
    report = make_source(outlet=sz, title="Scholz in Paris", language="de", published_on=None)
    paris = Event.objects.create(
        name="Paris meeting",
        slug="paris-meeting",
        happened_on=datetime.date(2025, 2, 17),
        place="Élysée Palace, Paris",
    )
    open_ = make_stance(value="open", label="Open to it", position=2)
    opposed = make_stance(value="opposed", label="Opposed", position=4)
    make_quote(
        speaker=scholz,
        role=role,
        text="Leider sind wir noch weit davon entfernt",
        language="de",
        translation="Unfortunately we are still a long way off",
        kind=Quote.Kind.PARTIAL,
        source=article,
        first_reported_in=report,
        stance=opposed,
        said_on=datetime.date(2025, 2, 17),
        event=paris,
        context="“Unfortunately we are still a long way off” from such a decision, Scholz said.",
    )
    quote = make_quote(
        speaker=scholz,
        text="Troops could be sent <b>if</b> the U.S. backs them",
        kind=Quote.Kind.PARAPHRASE,
        source=article,
        stance=open_,
        said_on=datetime.date(2025, 2, 12),
        said_on_precision=Quote.Precision.APPROXIMATE,
    )
    # A superuser corrects it: a browser test's flush may have taken the editorial groups.
    quote.text = "Troops could be sent <b>only if</b> the U.S. backs them"
    quote.correct(note="The word “only” was missing.", by=make_user(is_superuser=True))
    retracted = make_quote(
        speaker=scholz,
        text="Germany will send a brigade",
        source=article,
        stance=open_,
        status=Quote.Status.RETRACTED,
        retraction_reason="Said by another minister.",
    )
    return {
        "home": reverse("home"),
        "list": reverse("quote_list"),
        "filtered list": reverse("quote_list") + "?nation=de&stance=opposed",
        "search": reverse("quote_list") + "?nation=de&q=troops&sort=relevance",
        "unreadable filter": reverse("quote_list") + "?said_after=yesterday-ish",
        "permalink": quote.get_absolute_url(),
        "earlier version": reverse("quote_version", args=[quote.key, 1]),
        "embed": reverse("quote_embed", args=[quote.key]),
        "retraction notice": retracted.get_absolute_url(),
        "person": scholz.get_absolute_url(),
        "nation": germany.get_absolute_url(),
        "source": article.get_absolute_url(),
        "outlet": twz.get_absolute_url(),
        "topic": reverse("topic_detail", args=["troops-for-ukraine"]),
        "dates": reverse("date_list"),
        "month": reverse("date_month", args=["2025", "02"]),
        "day": reverse("date_day", args=["2025", "02", "17"]),
        "corrections": reverse("correction_list"),
        "not found": reverse("quote_detail", args=["zzzzzzzz"]),
        # The permalink's key with its last letter mistyped: the page offers the permalink.
        "mistyped key": reverse("quote_detail", args=[mistyped(quote.key)]),
        "people": reverse("speaker_list"),
        "nations": reverse("nation_list"),
        "outlets": reverse("outlet_list"),
        "sources": reverse("source_list"),
        "topics": reverse("topic_list"),
        "events": reverse("event_list"),
        "event": paris.get_absolute_url(),
        "methodology": reverse("methodology"),
    }


def mistyped(key):
    return key[:-1] + ("x" if key[-1] != "x" else "y")


def in_every_language(pages):
    """The page types again in French and German (under /fr/ and /de/), but for the embed: it
    has one URL in every language, as other sites paste it."""
    return {
        **pages,
        **{
            f"{page_type} ({language})": f"/{language}{url}"
            for language in ("fr", "de")
            for page_type, url in pages.items()
            if page_type != "embed"
        },
    }
