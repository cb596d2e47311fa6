"""A loopback TCP proxy that a test can cut and restore: a network outage between the client and a real server.

`CutProxy(target_port)` listens on 127.0.0.1 (a free port, `proxy.port`) and passes bytes both ways.
`cut()` closes every open connection through it (both ends: the client sees the server go away,
the server's backend ends) and, until `restore()`, refuses new ones (each is reset at once, so a
connection attempt fails immediately instead of waiting for a timeout). `close()` ends it all.

`cut_before_reply(request, reply)` arms a cut at the worst moment: on the connection whose client sent
bytes containing `request`, the first answer from the server containing `reply` is not passed on and
everything is cut instead — e.g. the server has committed a write, and the client never hears so.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading


class CutProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.server.getsockname()[1]
        self.is_cut = False
        self.accepted = 0  # connections passed through (tests may check a reconnect happened)
        self.refused = 0  # connection attempts refused while cut
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._trap: tuple[bytes, bytes] | None = None  # (request, reply) of an armed cut
        self._marked: set[socket.socket] = set()  # upstream sockets whose client sent the trap's request
        self.trapped = threading.Event()  # set when an armed cut went off
        threading.Thread(target=self._accept, name="cut-proxy-accept", daemon=True).start()

    # -- the outage -----------------------------------------------------------------------

    def cut(self) -> None:
        """Close every open connection through the proxy and refuse new ones until `restore`."""
        with self._lock:
            self.is_cut = True
            doomed, self._open = self._open, set()
        for sock in doomed:
            _reset(sock)

    def cut_before_reply(self, request: bytes, reply: bytes) -> None:
        with self._lock:
            self._trap = (request, reply)
            self._marked.clear()
            self.trapped.clear()

    def restore(self) -> None:
        with self._lock:
            self.is_cut = False

    def open_connections(self) -> int:
        with self._lock:
            return len(self._open) // 2

    def close(self) -> None:
        self.cut()
        with contextlib.suppress(OSError):
            self.server.close()

    # -- passing bytes --------------------------------------------------------------------

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:  # the proxy was closed
                return
            with self._lock:
                refuse = self.is_cut
                if refuse:
                    self.refused += 1
            if refuse:
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                _reset(client)
                continue
            for sock in (client, upstream):  # as libpq does: no Nagle delay on small packets
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if self.is_cut:  # cut while connecting upstream
                    _reset(client)
                    _reset(upstream)
                    continue
                self._open.update((client, upstream))
                self.accepted += 1
            for source, sink, upstream_of in ((client, upstream, upstream), (upstream, client, upstream)):
                threading.Thread(
                    target=self._pipe, args=(source, sink, upstream_of), name="cut-proxy-pipe", daemon=True
                ).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, upstream: socket.socket) -> None:
        from_server = source is upstream
        try:
            while chunk := source.recv(65536):
                if self._trap is not None and self._sprung(chunk, from_server, upstream):
                    self.cut()
                    self.trapped.set()
                    break
                sink.sendall(chunk)
        except OSError:
            pass
        with self._lock:
            self._open.discard(source)
            self._open.discard(sink)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            source.close()

    def _sprung(self, chunk: bytes, from_server: bool, upstream: socket.socket) -> bool:
        with self._lock:
            if self._trap is None:
                return False
            request, reply = self._trap
            if not from_server:
                if request in chunk:
                    self._marked.add(upstream)
                return False
            if upstream in self._marked and reply in chunk:
                self._trap = None
                self._marked.clear()
                return True
            return False


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset (SO_LINGER 0): the other end learns at once that the connection is gone."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
