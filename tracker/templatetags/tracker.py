from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.db import router
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from tracker.models import (
    HIGHLIGHT_START,
    HIGHLIGHT_STOP,
    Quote,
    cached_for_archive,
)

register = template.Library()


@register.filter
def highlight(snippet):
    """Escape a search snippet, then mark the matched words: quote text is never trusted as HTML."""
    escaped = escape(snippet)
    return mark_safe(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


@register.filter
def web_address(url):
    """The address if it is a web address (http or https), else "": never a javascript: link.

    Forms refuse such addresses, but an import may still bring one in; it is shown as text.
    """
    try:
        scheme = urlsplit(url or "").scheme
    except ValueError:  # an address no browser could follow either: "http://[oops"
        return ""
    return url if scheme.lower() in ("http", "https") else ""


@register.tag
def aggregates(parser, token):
    """{% aggregates "stance-grid" topic %}...{% endaggregates %}: the part of a page drawn from
    a record's aggregates (a question's stance grid, a nation's or a person's stance changes,
    who spoke for a nation), kept as drawn for exactly as long as the aggregates themselves
    (cached_for_archive, under the record's scope) and the release that drew it.

    A publication changes every page's address key, but only the aggregates it touches: the
    first reader of a page after it redraws the page, not the grid of another question, which
    was most of a home page's rendering. The view passes the aggregates lazily, so that kept
    ones are not even read.
    """
    try:
        _, name, record = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError(
            '{% aggregates %} takes a name and a record: {% aggregates "stance-grid" topic %}'
        ) from None
    nodelist = parser.parse(("endaggregates",))
    parser.delete_first_token()
    return AggregatesNode(nodelist, parser.compile_filter(name), parser.compile_filter(record))


class AggregatesNode(template.Node):
    def __init__(self, nodelist, name, record):
        self.nodelist, self.name, self.record = nodelist, name, record

    def render(self, context):
        scope = self.record.resolve(context).aggregates_scope
        return cached_for_archive(
            f"drawn:{self.name.resolve(context)}:{scope}:{settings.RELEASE}",
            lambda: self.nodelist.render(context),
            using=router.db_for_read(Quote),
            scope=scope,
        )


@register.simple_tag
def quote_card(quote):
    """A quote as lists, permalinks and versions show it; a page of kept cards
    (tracker.pagination.KeptCard) carries each already drawn."""
    drawn = getattr(quote, "drawn_card", None)
    return drawn if drawn is not None else draw_card(quote)


def draw_card(quote):
    # Drawn by Jinja2 (templates/jinja2): Django's template language took twice as long over
    # the 25 cards of a page.
    drawn = get_template("tracker/includes/quote_card.html", using="jinja2")
    return mark_safe(drawn.render({"quote": quote}))
