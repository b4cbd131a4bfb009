"""Quotes API: GET /quotes answers the quotes of the day.

A first version: it serves every request, from anyone, as often as they like. Add the API
key check and the rate limit (see README.md). Python 3.11 standard library only.
"""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

QUOTES = [
    {"id": 1, "text": "Simplicity is prerequisite for reliability.", "author": "Edsger W. Dijkstra"},
    {"id": 2, "text": "Premature optimization is the root of all evil.", "author": "Donald Knuth"},
    {
        "id": 3,
        "text": "There are only two hard things in Computer Science: "
        "cache invalidation and naming things.",
        "author": "Phil Karlton",
    },
]


class Handler(BaseHTTPRequestHandler):
    def send_json(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        kind = "application/problem+json" if status >= 400 else "application/json"
        self.send_header("Content-Type", kind)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_problem(self, status, title, detail, headers=()):
        body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
        self.send_json(status, body, headers)

    def do_GET(self):
        if self.path.split("?")[0] != "/quotes":
            self.send_problem(404, "Not Found", f"There is no {self.path}.")
            return
        # TODO: refuse a request without an X-API-Key (401), and allow each key 5 requests
        # per 60 seconds: the 6th answers 429 with a Retry-After header.
        self.send_json(200, {"quotes": QUOTES})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"quotes API listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
