from urllib.parse import urlsplit

from django import template
from django.core.paginator import Page
from django.utils.html import escape
from django.utils.safestring import mark_safe

from tracker import caching
from tracker.search import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()

CARD = "tracker/includes/quote_card.html"


@register.simple_tag(takes_context=True)
def quote_cards(context, quotes):
    """The card of each of `quotes`, a page of a QuotePaginator or a list of quotes, from the
    cache or rendered (caching.per_quote)."""
    card = context.template.engine.get_template(CARD)
    paginator = quotes.paginator if isinstance(quotes, Page) else None

    def render(missing):
        rows = paginator.rows_of(missing) if paginator else missing
        with context.push():
            cards = {}
            for quote in rows:
                context["quote"] = quote
                cards[quote.pk] = card.render(context)
            return cards

    search = paginator.search if paginator else ""
    cards = caching.per_quote("quote_card", list(quotes), render, varies_on=[search])
    return [mark_safe(html) for html in cards]


@register.filter
def highlight(snippet):
    """Escape a search snippet, then mark the matched words: quote text is never trusted as HTML."""
    escaped = escape(snippet)
    return mark_safe(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


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
