import socket

import pytest
from aiosmtpd.controller import Controller

from tests.tasks.outside import OutsideSite


@pytest.fixture
def outside_site(settings, tmp_path):
    """Another site, on this machine, which the archive may read because settings name it; our
    copies go to a folder of the test's own."""
    settings.FETCH_ALLOWED_HOSTS = {"127.0.0.1"}
    settings.FETCH_TIMEOUT = 2
    settings.FETCH_MAX_BYTES = 1024 * 1024
    settings.MEDIA_ROOT = tmp_path / "media"
    with OutsideSite() as site:
        yield site


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it."""
    mailbox = Mailbox()
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    settings.SITE_URL = "https://ontherecord.example"
    yield mailbox
    controller.stop()
