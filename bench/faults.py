"""A server that fails on demand: a TCP proxy on 127.0.0.1 in front of a real Redis or
PostgreSQL, which the tests and `make chaos` put between the app servers and it.

    with FaultyLink(upstream_port=6379) as link:   # the app servers connect to link.port
        link.hang()    # connections are accepted and nothing is ever answered
        link.down()    # every connection is cut, and new ones are refused
        link.heal()    # as if it were not there

Breaking the link instead of the server leaves the server, which others may share, alone.
"""

import contextlib
import select
import socket
import threading

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
