"""A web site of other people's, for the tests: served on 127.0.0.1 by a thread, with the pages
a link checker meets. Each path is a story; `site.pages` can change while it runs."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        site = self.server.site
        site.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?")[0]
        if path == "/robots.txt":
            return self.answer(200, site.robots.encode(), "text/plain")
        if path.startswith("/save/"):  # the Internet Archive's save endpoint, played here
            return self.answer(200, b"saved", "text/plain")
        if path in site.pages:
            body = site.pages[path]
            return self.answer(200, body.encode(), "text/html; charset=utf-8")
        if path in site.gone:
            return self.answer(site.gone[path], b"<p>Not here</p>", "text/html")
        if path in site.redirects:
            self.send_response(301)
            self.send_header("Location", site.redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path == "/slow":
            time.sleep(site.slow_seconds)
            return self.answer(200, b"<p>At last</p>", "text/html")
        if path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100_000):  # bounded: stops by itself after ~100 MB
                    self.wfile.write(b"<p>more</p>" * 100)
            except OSError:
                pass
            return None
        if path == "/failing":
            self.close_connection = True
            self.connection.close()  # a reset, not an answer
            return None
        return self.answer(404, b"<p>No such page</p>", "text/html")

    def answer(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the reader gave up first, as a slow page's does
            self.wfile.write(body)


class OutsideSite:
    def __init__(self):
        self.pages = {}
        self.gone = {}
        self.redirects = {}
        self.robots = ""
        self.slow_seconds = 3
        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.site = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self):
        return self.server.server_address[1]

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def paths_asked(self):
        return [path for path, _ in self.requests]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
