"""The archive's own URL, settings.SITE_URL: every absolute URL the archive gives is made from
it, never from the Host a request names.

Anyone can send any Host header: Django checks its name against ALLOWED_HOSTS, not its port,
and a page, feed or API answer naming the host it was asked for would be cached and served to
every later reader with that host in its links (a poisoned cache).
"""

from django.conf import settings


def absolute_url(path):
    """The archive's URL of `path` ("/q/abc/"), as readers and search engines should use it."""
    return f"{settings.SITE_URL}{path}"


def site_url(request):
    """A context processor: the archive's URL, for a template's absolute links."""
    return {"site_url": settings.SITE_URL}
