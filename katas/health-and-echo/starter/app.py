"""Health check and echo: your server (Python 3.11, standard library only).

Run it locally:  PORT=8000 python3 app.py
Then try:        curl -i http://127.0.0.1:8000/health
"""
import json
import os
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def send_json(self, status, document, content_type="application/json"):
        body = json.dumps(document).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_problem(self, status, detail):
        """An error as an RFC 9457 problem details document."""
        status = HTTPStatus(status)
        self.send_json(
            status,
            {"type": "about:blank", "title": status.phrase, "status": status.value, "detail": detail},
            content_type="application/problem+json",
        )

    def do_GET(self):
        if self.path == "/health":
            # TODO: answer 200 with {"status": "ok"}
            self.send_problem(501, "GET /health is not written yet.")
        else:
            self.not_found()

    def do_POST(self):
        if self.path == "/echo":
            # TODO: read the body (its length is in the Content-Length header), parse it as
            # JSON, and answer 200 with the same JSON; a body that is not JSON answers 400.
            self.send_problem(501, "POST /echo is not written yet.")
        else:
            self.not_found()

    def not_found(self):
        self.send_problem(404, f"There is nothing at {self.path}.")

    do_PUT = do_PATCH = do_DELETE = not_found


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
