"""Public reads may go to a replica; editors and writes always go to the primary."""

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from tracker import caching
from tracker.models import Quote
from tracker.routers import PinEditorsToPrimaryMiddleware, PrimaryReplicaRouter


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}


def database_read_during(request):
    seen = {}

    def view(request):
        seen["db"] = PrimaryReplicaRouter().db_for_read(Quote)
        return HttpResponse()

    PinEditorsToPrimaryMiddleware(view)(request)
    return seen["db"]


def test_anonymous_reads_go_to_the_replica(with_replica):
    assert database_read_during(RequestFactory().get("/quotes/")) == "replica"


def test_an_editor_with_a_session_reads_from_the_primary(with_replica, settings):
    request = RequestFactory().get("/quotes/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert database_read_during(request) == "default"


def test_a_write_request_reads_from_the_primary(with_replica):
    assert database_read_during(RequestFactory().post("/admin/login/")) == "default"


def test_without_a_replica_everything_uses_the_primary():
    assert database_read_during(RequestFactory().get("/quotes/")) == "default"


def test_writes_and_migrations_only_on_the_primary(with_replica):
    router = PrimaryReplicaRouter()
    assert router.db_for_write(Quote) == "default"
    assert router.allow_migrate("default", "tracker") is True
    assert router.allow_migrate("replica", "tracker") is False


def test_outside_a_request_reads_go_to_the_primary(with_replica):
    # Migrations, management commands and the shell read back what they have just written.
    assert PrimaryReplicaRouter().db_for_read(Quote) == "default"


def database_read_while_streaming(request):
    def view(request):
        def rows():
            yield PrimaryReplicaRouter().db_for_read(Quote)

        return StreamingHttpResponse(rows())

    response = PinEditorsToPrimaryMiddleware(view)(request)
    # The rows are read as the answer is sent, after the middleware has returned.
    return b"".join(response).decode()


def test_a_readers_streamed_export_reads_from_the_replica(with_replica):
    assert database_read_while_streaming(RequestFactory().get("/quotes.csv")) == "replica"


def test_an_editors_streamed_export_reads_from_the_primary(with_replica, settings):
    request = RequestFactory().get("/quotes.csv")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert database_read_while_streaming(request) == "default"


def test_an_answer_read_from_a_lagging_replica_is_not_cached(monkeypatch):
    monkeypatch.setattr(caching, "has_replayed", lambda alias, position: alias != "replica")
    answers = iter(["stale", "caught up", "primary"])

    def ask(using):
        return caching.cached(
            "count", lambda: next(answers), depends_on=[caching.ALL_QUOTES], using=using
        )

    assert ask("replica") == "stale"
    assert ask("replica") == "caught up"  # not cached: asked again
    assert ask("default") == "primary"
    assert ask("default") == "primary"  # cached
