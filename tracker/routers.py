"""Send the public's reads to a read replica, and everything else to the primary.

Reads go to the replica only inside a request that the middleware has found to be a reader's:
one that only reads (GET, HEAD, OPTIONS) and carries no session cookie. Only editors have
sessions (readers never sign in), so an editor never reads what a lagging replica has not yet
received, including the page they see right after saving. Everything outside such a request
reads from the primary: migrations and management commands (`load_seed` reads back, inside its
transaction, rows it has just written, which no replica can see), the shell, the tests.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import FileResponse

_public_read = ContextVar("public_read", default=False)

REPLICA = "replica"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_read.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: same rows, same relations

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS


class PinEditorsToPrimaryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = (
            request.method in SAFE_METHODS and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        token = _public_read.set(public)
        try:
            response = self.get_response(request)
        finally:
            _public_read.reset(token)
        if (
            public
            and response.streaming
            and not response.is_async
            and not isinstance(response, FileResponse)  # a file: no rows to read
        ):
            # A streamed answer (the CSV export) reads its rows as it is sent, after this returns.
            response.streaming_content = _read_publicly(response.streaming_content)
        return response


_END = object()


def _read_publicly(chunks):
    chunks = iter(chunks)
    while True:
        token = _public_read.set(True)
        try:
            chunk = next(chunks, _END)
        finally:
            _public_read.reset(token)
        if chunk is _END:
            return
        yield chunk


def primary_position():
    """Where the primary's write-ahead log stands now, when readers may read from a replica.

    None without a PostgreSQL replica: there is no lag to account for.
    """
    primary = connections[DEFAULT_DB_ALIAS]
    if REPLICA not in settings.DATABASES or primary.vendor != "postgresql":
        return None
    with primary.cursor() as cursor:
        # The insert position, not the write position: it is past the last commit even with
        # synchronous_commit off.
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        return cursor.fetchone()[0]


def has_replayed(alias, position):
    """Whether the database `alias` holds everything the primary held at `position`."""
    if alias != REPLICA or position is None or connections[alias].vendor != "postgresql":
        return True
    with connections[alias].cursor() as cursor:
        # NULL on a server that is not replaying a primary's log (a primary itself, say).
        cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)", [position])
        return cursor.fetchone()[0]
