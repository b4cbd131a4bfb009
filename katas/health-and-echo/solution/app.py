"""Health check and echo: the reference solution (Python 3.11, standard library only)."""
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
        status = HTTPStatus(status)
        self.send_json(
            status,
            {"type": "about:blank", "title": status.phrase, "status": status.value, "detail": detail},
            content_type="application/problem+json",
        )

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def do_GET(self):
        if self.path == "/health":
            self.send_json(200, {"status": "ok"})
        else:
            self.not_found()

    def do_POST(self):
        if self.path != "/echo":
            self.not_found()
            return
        try:
            document = json.loads(self.read_body())
        except ValueError:  # invalid JSON, invalid UTF-8, or an empty body
            self.send_problem(400, "The request body is not valid JSON.")
            return
        self.send_json(200, document)

    def not_found(self):
        self.send_problem(404, f"There is nothing at {self.path}.")

    do_PUT = do_PATCH = do_DELETE = not_found


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
