from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.urls import translate_url
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from tracker import caching, citations, timeline
from tracker.search import HIGHLIGHT_START, HIGHLIGHT_STOP, PASSAGE_LABELS

register = template.Library()

CARD = "tracker/includes/quote_card.html"


@register.simple_tag(takes_context=True)
def quote_cards(context, quotes, page=None, **shown):
    """The card of each of `quotes`, from the cache or rendered (caching.per_quote): a page of a
    QuotePaginator, some of its quotes (with that `page`), or a list of quotes. What else the
    cards are `shown` with (role_shown_above=True) goes to their template and their key."""
    card = context.template.engine.get_template(CARD)
    page = quotes if isinstance(quotes, Page) else page
    paginator = page.paginator if page is not None else None

    def render(missing):
        rows = paginator.rows_of(missing) if paginator else missing
        with context.push(in_list=True, **shown):
            cards = {}
            for quote in rows:
                context["quote"] = quote
                cards[quote.pk] = card.render(context)
            return cards

    search = paginator.search if paginator else ""
    varies_on = [search, *sorted(shown.items())]
    cards = caching.per_quote("quote_card", list(quotes), render, varies_on=varies_on)
    return [mark_safe(html) for html in cards]


@register.filter
def coins(quote):
    """A card's COinS: the statement's citation item, as its permalink gives it."""
    with translation.override(settings.LANGUAGE_CODE):  # the permalink, as citers keep it
        url = settings.SITE_URL + quote.get_absolute_url()
        return citations.coins(citations.csl_item(quote, url=url, accessed=None))


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each interface language: its code, its name in that language, and its
    absolute URL, for the hreflang alternates and the language switcher (base.html). None for
    a page that has no version in other languages (the admin, an unknown URL)."""
    if (request := context.get("request")) is None:  # the 500 page has no request context
        return None
    path = request.get_full_path()
    urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    if len(set(urls.values())) < len(urls):
        return None
    return [
        {"code": code, "name": name, "url": settings.SITE_URL + urls[code]}
        for code, name in settings.LANGUAGES
    ]


@register.filter
def highlight(snippet):
    """Escape a search snippet, then mark the matched words: quote text is never trusted as HTML."""
    escaped = escape(snippet)
    return mark_safe(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


# Shown marked in place on the card, not as a passage of their own.
SHOWN_IN_PLACE = {"text", "translation"}


@register.filter
def found_elsewhere(passages):
    """Where else a search found a quote (search.find_passages), each passage with what a
    reader calls its field: only when its words and translation, marked in place, did not
    match, so that a card shows the passage that made it a result and no more."""
    if SHOWN_IN_PLACE & set(passages):
        return []
    return [
        {"label": PASSAGE_LABELS[field], "passage": passage}
        for field, passage in passages.items()
        if field not in SHOWN_IN_PLACE
    ]


@register.filter
def web_url(url):
    """The URL if it is a web URL (http or https), else "": never a javascript: link.

    Forms refuse such URLs, but an import may still bring one in; it is shown as text.
    """
    try:
        scheme = urlsplit(url or "").scheme
    except ValueError:  # a URL no browser could follow either: "http://[oops"
        return ""
    return url if scheme.lower() in ("http", "https") else ""


@register.inclusion_tag("tracker/includes/stance_timeline.html")
def stance_timeline(changes, *, lane, of):
    """The stance changes of `of` (a name) as a picture, with the same as a table beside it:
    `lane` names what each row of the picture follows ("nation" or "topic")."""
    return {
        "changes": changes,
        "picture": timeline.layout(changes, lane=lane),
        "lane": lane,
        "lane_label": {"nation": gettext("Nation"), "topic": gettext("Question")}[lane],
        "title": gettext("%(name)s: who changed stance, and when") % {"name": of},
    }
