"""Production settings are safe, run as a deployment runs them: manage.py or the WSGI module,
in a process of its own, with only the environment given."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def production_environment(**overrides):
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "archive.example",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


DEPLOY_CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def test_production_settings_pass_the_deploy_check():
    result = run(DEPLOY_CHECK, production_environment())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "warning"),
    [
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_SSL_REDIRECT": "false"}, "security.W008"),
        ({"SECURE_COOKIES": "false"}, "security.W012"),
    ],
)
def test_deploy_check_fails_when_a_protection_is_turned_off(override, warning):
    # The check above passes because of our settings, not because it checks nothing.
    result = run(DEPLOY_CHECK, production_environment(**override))
    assert result.returncode != 0
    assert warning in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run(DEPLOY_CHECK, production_environment(SECRET_KEY=None))
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "secret_key",
    ["x", "short", "a" * 100, "ab" * 40, "django-insecure-" + secrets.token_urlsafe(50)],
)
@pytest.mark.parametrize(
    "start",
    [DEPLOY_CHECK, ["-c", "import django; django.setup(); from tracker.wsgi import application"]],
    ids=["check --deploy", "wsgi"],
)
def test_production_refuses_to_start_with_a_weak_secret_key(secret_key, start):
    # The rule check --deploy warns about (security.W009), enforced before anything serves.
    env = production_environment(SECRET_KEY=secret_key, DJANGO_SETTINGS_MODULE="tracker.settings")
    result = run(start, env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is too weak" in result.stderr


@pytest.mark.parametrize(
    "hosts", ["archive.example", "*", "localhost,archive.example", ".example.org", "10.0.0.5"]
)
@pytest.mark.parametrize(
    "start",
    [["manage.py", "check"], ["-c", "from tracker.wsgi import application"]],
    ids=["manage.py", "wsgi"],
)
def test_debug_with_a_public_host_refuses_to_start(hosts, start):
    env = production_environment(DEBUG="true", ALLOWED_HOSTS=hosts)
    result = run(start, {**env, "DJANGO_SETTINGS_MODULE": "tracker.settings"})
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG is on and ALLOWED_HOSTS lets in" in result.stderr
    assert "Turn DEBUG off" in result.stderr


@pytest.mark.parametrize("hosts", [None, "127.0.0.1,localhost,[::1]", "testserver"])
def test_debug_on_this_machine_starts(hosts):
    result = run(["manage.py", "check"], production_environment(DEBUG="true", ALLOWED_HOSTS=hosts))
    assert result.returncode == 0, result.stderr


VISIT_AS_PRODUCTION = """
import django, os
django.setup()
from django.test import Client
client = Client(HTTP_HOST=os.environ.get("VISIT_HOST", "archive.example"))
plain = client.get("/robots.txt")
print(plain.status_code, plain["Location"])
secure = client.get("/robots.txt", headers={"X-Forwarded-Proto": "https"})
print(secure.status_code, secure["Strict-Transport-Security"])
print(secure.content.decode())
"""


def test_behind_the_proxy_http_is_redirected_and_https_is_strict():
    env = production_environment(DJANGO_SETTINGS_MODULE="tracker.settings")
    result = run(["-c", VISIT_AS_PRODUCTION], env)
    assert result.returncode == 0, result.stderr
    redirect, strict, *robots = result.stdout.splitlines()
    assert redirect == "301 https://archive.example/robots.txt"
    assert strict == "200 max-age=31536000; includeSubDomains; preload"
    # The proxy's header makes Django build https addresses.
    assert "Sitemap: https://archive.example/sitemap.xml" in robots


def visit_as_production(**environment):
    env = production_environment(DJANGO_SETTINGS_MODULE="tracker.settings", **environment)
    result = run(["-c", VISIT_AS_PRODUCTION], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_a_host_with_another_port_is_redirected_to_the_sites_own_url():
    # Django checks the host's name against ALLOWED_HOSTS, not its port.
    redirect, _, *robots = visit_as_production(VISIT_HOST="archive.example:6666")
    assert redirect == "301 https://archive.example/robots.txt"
    assert "Sitemap: https://archive.example/sitemap.xml" in robots


def test_site_url_names_the_archive_and_its_allowed_host():
    env = {"SITE_URL": "https://records.example", "ALLOWED_HOSTS": None}
    redirect, _, *robots = visit_as_production(VISIT_HOST="records.example", **env)
    assert redirect == "301 https://records.example/robots.txt"
    assert "Sitemap: https://records.example/sitemap.xml" in robots


@pytest.mark.parametrize(
    "site_url",
    ["archive.example", "ftp://archive.example", "https://archive.example/archive", "https://"],
)
def test_production_refuses_to_start_with_a_site_url_that_is_not_one(site_url):
    result = run(DEPLOY_CHECK, production_environment(SITE_URL=site_url))
    assert result.returncode != 0
    assert "ImproperlyConfigured: SITE_URL must be" in result.stderr


@pytest.mark.parametrize("hosts", ["*", ".example.org"])
def test_production_refuses_to_start_without_a_site_url_it_can_tell(hosts):
    result = run(DEPLOY_CHECK, production_environment(ALLOWED_HOSTS=hosts))
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SITE_URL" in result.stderr
