"""Private notes API with bearer tokens — the skeleton. Every endpoint answers 501.

Your task (see README.md): POST /users, POST /sessions, GET /me, POST /notes and
GET /notes/{id}, with hashed passwords, tokens checked on every request, 401 and 403.
Python standard library only. Run it with: PORT=8000 DATABASE_PATH=notes.db python3 app.py
"""
import hashlib  # noqa: F401  (you will want hashlib.pbkdf2_hmac)
import hmac  # noqa: F401  (and hmac.compare_digest)
import json
import os
import re
import secrets  # noqa: F401  (and secrets.token_bytes / secrets.token_urlsafe)
import sqlite3
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NOTE_PATH = re.compile(r"/notes/([0-9]+)")


class HttpError(Exception):
    def __init__(self, status, title, detail, headers=None):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.headers = headers or {}


def connect():
    con = sqlite3.connect(os.environ["DATABASE_PATH"])
    con.row_factory = sqlite3.Row
    return con


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.dispatch({"/me": self.get_me}, self.get_note)

    def do_POST(self):
        self.dispatch({"/users": self.post_user, "/sessions": self.post_session,
                       "/notes": self.post_note}, None)

    def dispatch(self, routes, note_route):
        # Read the body first, even one that will be refused: closing a socket with
        # unread input resets the connection, and the client may lose the answer.
        self.raw_body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            with closing(connect()) as con:
                match = NOTE_PATH.fullmatch(self.path)
                if self.path in routes:
                    routes[self.path](con)
                elif match and note_route:
                    note_route(con, int(match.group(1)))
                else:
                    raise HttpError(404, "Not Found", f"no {self.command} {self.path} here")
        except HttpError as e:
            self.send_json(e.status, {"type": "about:blank", "title": e.title,
                                      "status": e.status, "detail": e.detail},
                           "application/problem+json", e.headers)

    def read_json(self):
        try:
            body = json.loads(self.raw_body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise HttpError(400, "Bad Request", "the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise HttpError(400, "Bad Request", "the body must be a JSON object")
        return body

    def send_json(self, status, body, content_type="application/json", headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def not_implemented(self):
        raise HttpError(501, "Not Implemented", f"{self.command} {self.path} is yours to write")

    def post_user(self, con):
        self.not_implemented()

    def post_session(self, con):
        self.not_implemented()

    def get_me(self, con):
        self.not_implemented()

    def post_note(self, con):
        self.not_implemented()

    def get_note(self, con, note_id):
        self.not_implemented()


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
