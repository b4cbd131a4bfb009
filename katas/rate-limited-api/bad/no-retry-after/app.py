"""BAD: no-retry-after. The 429 does not say when to retry.

A known-wrong solution for kata validate; everything else is as in the reference.
"""
import json
import math
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIMIT = 5  # requests per key and window
WINDOW_SECONDS = 60

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


class FixedWindowLimiter:
    """Counts requests per key in windows that start with the key's first request.

    Thread-safe: the handler threads share one instance.
    """

    def __init__(self, limit, window_seconds, clock=time.monotonic):
        self.limit = limit
        self.window = window_seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.windows = {}  # key -> [window start, requests served in it]

    def take(self, key):
        """Counts one request. Returns (allowed, remaining, seconds until the window ends)."""
        now = self.clock()
        with self.lock:
            window = self.windows.get(key)
            if window is None or now - window[0] >= self.window:
                window = self.windows[key] = [now, 0]
            reset = max(1, math.ceil(window[0] + self.window - now))
            if window[1] >= self.limit:
                return False, 0, reset  # a refused request uses up nothing
            window[1] += 1
            return True, self.limit - window[1], reset


limiter = FixedWindowLimiter(LIMIT, WINDOW_SECONDS)


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
        key = (self.headers.get("X-API-Key") or "").strip()
        if not key:
            self.send_problem(401, "Unauthorized", "Send your API key in the X-API-Key header.")
            return
        allowed, remaining, reset = limiter.take(key)
        headers = [
            ("RateLimit-Limit", str(LIMIT)),
            ("RateLimit-Remaining", str(remaining)),
            ("RateLimit-Reset", str(reset)),
        ]
        if not allowed:
            self.send_problem(
                429,
                "Too Many Requests",
                f"This API key may make {LIMIT} requests per {WINDOW_SECONDS} seconds. "
                f"Try again in {reset} seconds.",
                headers,  # Mistake: no Retry-After header.
            )
            return
        self.send_json(200, {"quotes": QUOTES}, headers)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"quotes API listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
