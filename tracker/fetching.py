"""Reading a page from another site, politely and within bounds: a timeout for the whole read, a
size limit, a User-Agent that says who we are, robots.txt for the link checker, and never a
private or loopback address (server-side request forgery) unless settings.FETCH_ALLOWED_HOSTS
names the host, as the tests do for their own server.

Each hop of a redirect is checked again, and the connection goes to the address that was
checked, not to a second look-up that may answer differently (DNS rebinding).
"""

import hashlib
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from protego import Protego

MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class FetchError(Exception):
    """The page could not be read now: a time-out, a refused connection, a reset. Worth trying
    again later."""


class FetchRefused(FetchError):
    """We will not read this URL at all: a private address, a scheme we do not follow, a page
    past the size limit, a redirect loop. Trying again changes nothing."""


@dataclass
class Page:
    url: str  # the URL asked for
    final_url: str  # where the redirects ended
    status: int
    headers: dict
    body: bytes
    redirects: list = field(default_factory=list)  # [(status, from URL, to URL), ...]
    fetched_at: float = 0.0
    http_version: str = "HTTP/1.1"
    raw_headers: list = field(default_factory=list)

    @property
    def sha256(self):
        return hashlib.sha256(self.body).hexdigest()

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


BOT_NAME = "OnTheRecordBot"


def user_agent():
    return f"{BOT_NAME}/1.0 (+{settings.SITE_URL}/robots.txt; an archive keeping its sources)"


def checked_address(host, port):
    """The address to connect to for `host`, refusing any that is not on the public internet."""
    if host.lower() in settings.FETCH_ALLOWED_HOSTS:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][4][0]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{host} has no address: {error}") from error
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise FetchRefused(f"{host} is a private or local address ({ip}): not fetched.")
    return addresses[0]


def _pool(scheme, host, address, port, timeout):
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)


def _get_one(url, deadline, max_bytes):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"Only http and https links are read, not {url!r}.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"{url} took longer than {settings.FETCH_TIMEOUT} seconds.")
    timeout = urllib3.Timeout(connect=min(remaining, 5), read=remaining)
    pool = _pool(parts.scheme, parts.hostname, address, port, timeout)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    host_header = parts.netloc.rpartition("@")[2]
    try:
        response = pool.urlopen(
            "GET",
            path,
            headers={"Host": host_header, "User-Agent": user_agent(), "Accept": "*/*"},
            redirect=False,
            preload_content=False,
            decode_content=True,
        )
        body = bytearray()
        for chunk in response.stream(CHUNK):
            body += chunk
            if len(body) > max_bytes:
                raise FetchRefused(f"{url} is larger than {max_bytes} bytes: not kept.")
            if time.monotonic() > deadline:
                raise FetchError(f"{url} took longer than {settings.FETCH_TIMEOUT} seconds.")
        response.release_conn()
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError(f"{url} took longer than {settings.FETCH_TIMEOUT} seconds.") from error
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"{url} could not be read: {error}") from error
    finally:
        pool.close()
    return response, bytes(body)


def fetch(url, *, max_bytes=None):
    """GET `url`, following up to MAX_REDIRECTS redirects, each to a public address."""
    max_bytes = max_bytes or settings.FETCH_MAX_BYTES
    deadline = time.monotonic() + settings.FETCH_TIMEOUT
    fetched_at = time.time()
    redirects, seen, current = [], {url}, url
    while True:
        response, body = _get_one(current, deadline, max_bytes)
        location = response.headers.get("location")
        if response.status in (301, 302, 303, 307, 308) and location:
            target = urljoin(current, location)
            redirects.append((response.status, current, target))
            if target in seen or len(redirects) > MAX_REDIRECTS:
                raise FetchRefused(f"{url} redirects in a loop or too often.")
            seen.add(target)
            current = target
            continue
        return Page(
            url=url,
            final_url=current,
            status=response.status,
            headers={name.lower(): value for name, value in response.headers.items()},
            raw_headers=list(response.headers.items()),
            body=body,
            redirects=redirects,
            fetched_at=fetched_at,
            http_version="HTTP/1.0" if response.version == 10 else "HTTP/1.1",
        )


def allowed_by_robots(url, *, robots_cache):
    """Whether the site's robots.txt lets our User-Agent read `url`. A robots.txt that cannot be
    read lets us in, as the standard says (RFC 9309) for a missing one."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin not in robots_cache:
        try:
            page = fetch(f"{origin}/robots.txt", max_bytes=512 * 1024)
            text = page.body.decode("utf-8", "replace") if page.status == 200 else ""
        except FetchError:
            text = ""
        robots_cache[origin] = Protego.parse(text)
    return robots_cache[origin].can_fetch(url, BOT_NAME)
