from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from tracker.models import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()


@register.filter
def highlight(snippet):
    """Escape a search snippet, then mark the matched words: quote text is never trusted as HTML."""
    escaped = escape(snippet)
    return mark_safe(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))
