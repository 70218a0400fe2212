"""Send the public's reads to a read replica, and everything an editor does to the primary.

Only editors have sessions (readers never sign in), so a request carrying a session cookie,
or one that writes, is pinned to the primary: an editor never reads what a lagging replica
has not yet received, including the page they see right after saving.
"""

from contextvars import ContextVar

from django.conf import settings

_use_primary = ContextVar("use_primary", default=False)

REPLICA = "replica"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if REPLICA in settings.DATABASES and not _use_primary.get():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: same rows, same relations

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PinEditorsToPrimaryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = (
            request.method not in SAFE_METHODS or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        token = _use_primary.set(pinned)
        try:
            return self.get_response(request)
        finally:
            _use_primary.reset(token)
