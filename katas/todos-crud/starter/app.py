"""A to-do list API: your server (Python 3.11, standard library only).

Run it locally:
    sqlite3 todos.db < schema.sql      # the table and three todos; kata builds its own when grading
    PORT=8000 DATABASE_PATH=todos.db python3 app.py
    curl -i http://127.0.0.1:8000/todos
"""
import json
import os
import re
import sqlite3
from contextlib import closing
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

DATABASE_PATH = os.environ["DATABASE_PATH"]
TODO_PATH = re.compile(r"^/todos/([0-9]{1,18})$")


def database():
    """One connection per request. Use `with database() as db:` to read, and
    `with database() as db, db:` to write: the inner `db` commits when the block ends."""
    return closing(sqlite3.connect(DATABASE_PATH))


def todo_json(row):
    todo_id, title, done = row
    return {"id": todo_id, "title": title, "done": bool(done)}


class Handler(BaseHTTPRequestHandler):
    def route(self):
        path = urlsplit(self.path).path
        match = TODO_PATH.match(path)
        if path == "/todos" and self.command == "GET":
            self.list_todos()
        elif path == "/todos" or match:
            # TODO: POST /todos, and GET, PUT, PATCH, DELETE /todos/{id} (int(match.group(1))).
            # A method a path does not support answers 405 with an Allow header.
            self.send_problem(501, f"{self.command} {path} is not written yet.")
        else:
            self.send_problem(404, f"There is nothing at {path}.")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = route

    def list_todos(self):
        with database() as db:
            rows = db.execute("SELECT id, title, done FROM todos ORDER BY id").fetchall()
        self.send_json(200, [todo_json(row) for row in rows])

    # --- helpers --------------------------------------------------------------------------

    def read_json(self):
        """The request body parsed as JSON (raises ValueError when it is not JSON)."""
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length))

    def send_json(self, status, document, headers=None, content_type="application/json"):
        body = json.dumps(document).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_problem(self, status, detail, headers=None):
        """An error as an RFC 9457 problem details document."""
        status = HTTPStatus(status)
        document = {"type": "about:blank", "title": status.phrase, "status": status.value,
                    "detail": detail}
        self.send_json(status, document, headers, "application/problem+json")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
