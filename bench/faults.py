"""A server that fails on demand: a TCP proxy on 127.0.0.1 in front of a real Redis or
PostgreSQL, which the tests and `make chaos` put between the app servers and it.

    with FaultyLink(upstream_port=6379) as link:   # the app servers connect to link.port
        link.hang()    # connections are accepted and nothing is ever answered
        link.down()    # every connection is cut, and new ones are refused
        link.heal()    # as if it were not there

Breaking the link instead of the server leaves the server, which others may share, alone.
"""

import contextlib
import http.client
import multiprocessing
import os
import select
import socket
import subprocess
import threading
import time

import redis

HOST = "127.0.0.1"
PASS, HANG, DOWN = "pass", "hang", "down"


class FaultyLink:
    def __init__(self, *, upstream_port, upstream_host=HOST, port=0):
        self.upstream = (upstream_host, upstream_port)
        self.port = port
        self.mode = PASS
        self.lock = threading.Lock()
        self.sockets = set()  # every socket of every connection, to cut them
        self.listener = None

    def __enter__(self):
        self.listen()
        return self

    def __exit__(self, *exc_info):
        self.mode = DOWN
        self.close_all()

    def listen(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def hang(self):
        """Accept, never answer: what a Redis stuck on a slow disk or a full network does."""
        self.mode = HANG

    def down(self):
        """Refuse connections and cut those open: a stopped server, or a closed firewall."""
        self.mode = DOWN
        self.close_all()

    def heal(self):
        if self.mode == DOWN:
            self.mode = PASS
            self.listen()
        else:  # connections that hung stay silent: cut them, so that clients connect again
            self.mode = PASS
            self.close_all(keep_listening=True)

    def close_all(self, keep_listening=False):
        with self.lock:
            doomed = list(self.sockets)
            self.sockets.clear()
            if not keep_listening and self.listener is not None:
                doomed.append(self.listener)
                self.listener = None
        for sock in doomed:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def track(self, *sockets):
        with self.lock:
            self.sockets.update(sockets)

    def accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed: the link is down
                return
            self.track(client)
            if self.mode != PASS:
                continue  # held open, never answered (or cut with the others)
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            self.track(server)
            threading.Thread(target=self.relay, args=(client, server), daemon=True).start()

    def relay(self, client, server):
        peers = {client: server, server: client}
        try:
            while True:
                if self.mode == HANG:
                    select.select([], [], [], 0.05)  # hold what arrives, answer nothing
                    continue
                readable, _, _ = select.select(list(peers), [], [], 0.05)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except (OSError, ValueError):  # cut by down(), or by either side
            return
        finally:
            for sock in peers:
                with contextlib.suppress(OSError):
                    sock.close()


class LinkOfItsOwn:
    """A FaultyLink relaying in a process of its own, driven the same way (hang, down, heal).

    `make chaos` drives the load from dozens of Python threads (readers, downloads, a flood);
    a link relaying in that process shares Python's GIL with them, so what it measured would
    include its own relays' waits. (The readers' waits of seconds that led here were gunicorn's:
    gunicorn.conf.py, worker_connections.)"""

    def __init__(self, *, upstream_port, upstream_host=HOST):
        self.upstream = (upstream_host, upstream_port)
        self.port = None

    def __enter__(self):
        context = multiprocessing.get_context("spawn")  # no copy of this process's threads
        self.commands, theirs = context.Pipe()
        self.process = context.Process(
            target=serve_link, args=(theirs, *self.upstream), daemon=True
        )
        self.process.start()
        self.port = self.commands.recv()
        return self

    def __exit__(self, *exc_info):
        with contextlib.suppress(OSError):
            self.commands.send("stop")
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()

    def ask(self, command):
        self.commands.send(command)
        self.commands.recv()  # done

    def hang(self):
        self.ask("hang")

    def down(self):
        self.ask("down")

    def heal(self):
        self.ask("heal")


def serve_link(commands, upstream_host, upstream_port):
    """A LinkOfItsOwn's process: a FaultyLink, told what to do through `commands`."""
    with FaultyLink(upstream_host=upstream_host, upstream_port=upstream_port) as link:
        commands.send(link.port)
        while (command := commands.recv()) != "stop":
            getattr(link, command)()
            commands.send("done")


def process_serving(client_port, pids):
    """Which of `pids` (gunicorn's workers) holds the connection made from `client_port` on
    127.0.0.1: read from /proc, Linux's view of its sockets."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                if int(fields[2].rsplit(":", 1)[1], 16) == client_port:  # its remote end
                    inodes.add(f"socket:[{fields[9]}]")
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    if os.readlink(f"/proc/{pid}/fd/{fd}") in inodes:
                        return pid
    return None


class Download:
    """A reader downloading `path` from 127.0.0.1:`port` at `rate` bytes a second (None: as fast
    as it can), with a small receive window so that the server cannot send far ahead of it.
    Run it in a thread (`run`); `body` is what arrived, `complete` whether the transfer ended
    as HTTP says it should, `client_port` the port it connected from."""

    def __init__(self, port, path, *, rate=None, window=16 * 1024):
        self.port, self.path, self.rate, self.window = port, path, rate, window
        self.body = b""
        self.status = None
        self.complete = False
        self.client_port = None
        self.stopped = threading.Event()

    def run(self):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.window)
        sock.settimeout(60)
        sock.connect((HOST, self.port))
        self.client_port = sock.getsockname()[1]
        connection = http.client.HTTPConnection(HOST, self.port)
        connection.sock = sock
        try:
            connection.request("GET", self.path)
            response = connection.getresponse()
            self.status = response.status
            piece = max(1024, (self.rate or 0) // 10) if self.rate else 64 * 1024
            while not self.stopped.is_set():
                data = response.read(piece)
                if not data:
                    self.complete = True
                    break
                self.body += data
                if self.rate:
                    time.sleep(len(data) / self.rate)
        except http.client.IncompleteRead as cut:
            self.body += cut.partial
        except OSError:
            pass
        finally:
            connection.close()


@contextlib.contextmanager
def redis_server(directory):
    """A redis-server of this process's own on a free port, holding nothing on disk: its port."""
    with FaultyLink(upstream_port=1) as probe:  # a free port
        port = probe.port
    server = subprocess.Popen(
        [
            *["redis-server", "--bind", HOST, "--port", str(port), "--save", ""],
            *["--appendonly", "no", "--dir", str(directory)],
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis(host=HOST, port=port).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
