from urllib.parse import urlsplit

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from tracker import timeline
from tracker.search import HIGHLIGHT_START, HIGHLIGHT_STOP, PASSAGES

register = template.Library()


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
        {"label": PASSAGES[field], "passage": passage}
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
        "lane_label": {"nation": "Nation", "topic": "Question"}[lane],
        "title": f"{of}: who changed stance, and when",
    }
