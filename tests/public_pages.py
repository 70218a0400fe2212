"""A small archive with one of every public page type, for the checks run over all of them."""

import datetime

from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.models import Quote


def make_every_page():
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
    return [
        "/",
        "/quotes/",
        "/quotes/?nation=de&q=troops&sort=relevance",
        "/quotes/?said_after=yesterday-ish",
        quote.get_absolute_url(),
        quote.get_absolute_url() + "embed",
        scholz.get_absolute_url(),
        germany.get_absolute_url(),
        article.get_absolute_url(),
        "/topics/troops-for-ukraine/",
        twz.get_absolute_url(),
        "/dates/",
    ]
