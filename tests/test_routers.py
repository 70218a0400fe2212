"""Public reads may go to a replica; editors and writes always go to the primary."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

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
