"""A wrong solution: a method a path does not support answers 404, with no Allow header."""
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


class Problem(Exception):
    """An error the client should hear about, as a problem details document."""

    def __init__(self, status, detail):
        super().__init__(detail)
        self.status = HTTPStatus(status)
        self.detail = detail


def database():
    """One connection per request; `with database() as db, db:` commits on success."""
    return closing(sqlite3.connect(DATABASE_PATH))


def todo_json(row):
    todo_id, title, done = row
    return {"id": todo_id, "title": title, "done": bool(done)}


def check_fields(body, required):
    """The todo fields in body, checked; `required` lists those that must be present."""
    for name in required:
        if name not in body:
            raise Problem(422, f'The field "{name}" is required.')
    fields = {}
    if "title" in body:
        title = body["title"]
        if not isinstance(title, str) or not title.strip():
            raise Problem(422, 'The field "title" must be a non-empty string.')
        fields["title"] = title
    if "done" in body:
        if not isinstance(body["done"], bool):
            raise Problem(422, 'The field "done" must be true or false.')
        fields["done"] = int(body["done"])
    return fields


class Handler(BaseHTTPRequestHandler):
    # --- routing --------------------------------------------------------------------------

    def route(self):
        path = urlsplit(self.path).path
        if path == "/todos":
            methods, args = {"GET": self.list_todos, "POST": self.create_todo}, ()
        elif match := TODO_PATH.match(path):
            methods = {
                "GET": self.get_todo,
                "PUT": self.replace_todo,
                "PATCH": self.update_todo,
                "DELETE": self.delete_todo,
            }
            args = (int(match.group(1)),)
        else:
            self.send_problem(Problem(404, f"There is nothing at {path}."))
            return
        handler = methods.get(self.command)
        if handler is None:
            self.send_problem(Problem(404, f"There is nothing at {self.command} {path}."))
            return
        try:
            handler(*args)
        except Problem as problem:
            self.send_problem(problem)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = route

    # --- the endpoints --------------------------------------------------------------------

    def list_todos(self):
        with database() as db:
            rows = db.execute("SELECT id, title, done FROM todos ORDER BY id").fetchall()
        self.send_json(200, [todo_json(row) for row in rows])

    def create_todo(self):
        fields = check_fields(self.read_json(), required=["title"])
        with database() as db, db:
            cursor = db.execute(
                "INSERT INTO todos (title, done) VALUES (?, ?)",
                (fields["title"], fields.get("done", 0)),
            )
            row = db.execute(
                "SELECT id, title, done FROM todos WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        self.send_json(201, todo_json(row), headers={"Location": f"/todos/{row[0]}"})

    def get_todo(self, todo_id):
        with database() as db:
            self.send_json(200, todo_json(self.find(db, todo_id)))

    def replace_todo(self, todo_id):
        self.change_todo(todo_id, check_fields(self.read_json(), required=["title", "done"]))

    def update_todo(self, todo_id):
        self.change_todo(todo_id, check_fields(self.read_json(), required=[]))

    def change_todo(self, todo_id, fields):
        with database() as db, db:
            self.find(db, todo_id)
            for column, value in fields.items():  # column names come from check_fields
                db.execute(f"UPDATE todos SET {column} = ? WHERE id = ?", (value, todo_id))
            row = self.find(db, todo_id)
        self.send_json(200, todo_json(row))

    def delete_todo(self, todo_id):
        with database() as db, db:
            if db.execute("DELETE FROM todos WHERE id = ?", (todo_id,)).rowcount == 0:
                raise Problem(404, f"There is no todo {todo_id}.")
        self.send_response(204)
        self.end_headers()

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def find(db, todo_id):
        row = db.execute("SELECT id, title, done FROM todos WHERE id = ?", (todo_id,)).fetchone()
        if row is None:
            raise Problem(404, f"There is no todo {todo_id}.")
        return row

    def read_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            raise Problem(400, "The request body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise Problem(400, "The request body must be a JSON object.")
        return body

    def send_json(self, status, document, headers=None, content_type="application/json"):
        body = json.dumps(document).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_problem(self, problem, headers=None):
        document = {
            "type": "about:blank",
            "title": problem.status.phrase,
            "status": problem.status.value,
            "detail": problem.detail,
        }
        self.send_json(problem.status, document, headers, "application/problem+json")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
