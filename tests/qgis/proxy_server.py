"""A recording forwarding HTTP proxy on 127.0.0.1: every request, for any host, goes to 127.0.0.1 at its port."""
from __future__ import annotations

import http.client
import http.server
from urllib.parse import urlsplit

REMOTE = "backend.invalid"  # never resolves: only a proxy can reach it


class Proxy(http.server.ThreadingHTTPServer):
    """A forwarding HTTP proxy on 127.0.0.1 that sends every request for any host to 127.0.0.1 and records it."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Forward)
        self.seen: list = []

    def handle_error(self, request, client_address):
        pass  # a client that gave up (the timeout premise below) leaves a broken pipe: expected


class _Forward(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _forward(self):
        self.server.seen.append(f"{self.command} {self.path}")
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        upstream = http.client.HTTPConnection("127.0.0.1", url.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "proxy-connection")}
        upstream.request(self.command, url.path + (f"?{url.query}" if url.query else ""), body=body or None,
                         headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.getheader("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _forward

    def log_message(self, *_args):
        pass
