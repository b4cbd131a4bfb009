"""Race sign-ups with validation: your server (Python 3.11, standard library only).

This first version stores whatever it is sent, and crashes on what it cannot read: add the
validation the README describes.

Run it locally:
    sqlite3 signups.db < schema.sql    # the table and two signups; kata builds its own when grading
    PORT=8000 DATABASE_PATH=signups.db python3 app.py
    curl -i -X POST http://127.0.0.1:8000/signups -H 'Content-Type: application/json' \\
         -d '{"name": "Amara Okafor", "email": "amara.okafor@example.com", "age": 34}'
"""
import json
import os
import sqlite3
import traceback
from contextlib import closing
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

DATABASE_PATH = os.environ["DATABASE_PATH"]


class Handler(BaseHTTPRequestHandler):
    def route(self):
        path = urlsplit(self.path).path
        if path != "/signups":
            self.send_problem(404, f"There is nothing at {path}.")
        elif self.command != "POST":
            self.send_problem(405, f"{path} supports POST only.", headers={"Allow": "POST"})
        else:
            try:
                self.create_signup()
            except Exception:  # a safety net: a bug in the server is a 500, not a dropped connection
                traceback.print_exc()
                self.send_problem(500, "Something went wrong on our side.")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = route

    def create_signup(self):
        length = int(self.headers.get("Content-Length") or 0)
        signup = json.loads(self.rfile.read(length))
        # TODO: a body that is not JSON, or not a JSON object, answers 400.
        # TODO: check name, email and age; when any is invalid, answer 422 listing them all.
        with closing(sqlite3.connect(DATABASE_PATH)) as db, db:
            cursor = db.execute(
                "INSERT INTO signups (name, email, age) VALUES (?, ?, ?)",
                (signup["name"], signup["email"], signup["age"]),
            )
        self.send_json(
            201,
            {"id": cursor.lastrowid, "name": signup["name"], "email": signup["email"],
             "age": signup["age"]},
        )

    # --- helpers --------------------------------------------------------------------------

    def send_json(self, status, document, headers=None, content_type="application/json"):
        body = json.dumps(document).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_problem(self, status, detail, headers=None, **extensions):
        """An error as an RFC 9457 problem details document; extensions are extra members."""
        status = HTTPStatus(status)
        document = {"type": "about:blank", "title": status.phrase, "status": status.value,
                    "detail": detail, **extensions}
        self.send_json(status, document, headers, "application/problem+json")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
