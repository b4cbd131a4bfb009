"""A wrong solution: the todos are kept in a dict in memory. DATABASE_PATH is never opened,
so the todos already in the database are missing, and everything is lost on a restart."""
import json
import os
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

TODO_PATH = re.compile(r"^/todos/([0-9]{1,18})$")
TODOS = {}  # id -> {"id": ..., "title": ..., "done": ...}
NEXT_ID = 1
LOCK = threading.Lock()


class Problem(Exception):
    """An error the client should hear about, as a problem details document."""

    def __init__(self, status, detail):
        super().__init__(detail)
        self.status = HTTPStatus(status)
        self.detail = detail


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
            allow = ", ".join(methods)
            self.send_problem(
                Problem(405, f"{path} supports {allow}, not {self.command}."),
                headers={"Allow": allow},
            )
            return
        try:
            handler(*args)
        except Problem as problem:
            self.send_problem(problem)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = route

    # --- the endpoints --------------------------------------------------------------------

    def list_todos(self):
        with LOCK:
            todos = [dict(TODOS[key]) for key in sorted(TODOS)]
        self.send_json(200, todos)

    def create_todo(self):
        global NEXT_ID
        fields = check_fields(self.read_json(), required=["title"])
        with LOCK:
            todo = {"id": NEXT_ID, "title": fields["title"], "done": bool(fields.get("done", 0))}
            TODOS[NEXT_ID] = todo
            NEXT_ID += 1
            todo = dict(todo)
        self.send_json(201, todo, headers={"Location": f"/todos/{todo['id']}"})

    def get_todo(self, todo_id):
        with LOCK:
            todo = dict(self.find(todo_id))
        self.send_json(200, todo)

    def replace_todo(self, todo_id):
        self.change_todo(todo_id, check_fields(self.read_json(), required=["title", "done"]))

    def update_todo(self, todo_id):
        self.change_todo(todo_id, check_fields(self.read_json(), required=[]))

    def change_todo(self, todo_id, fields):
        with LOCK:
            todo = self.find(todo_id)
            if "title" in fields:
                todo["title"] = fields["title"]
            if "done" in fields:
                todo["done"] = bool(fields["done"])
            todo = dict(todo)
        self.send_json(200, todo)

    def delete_todo(self, todo_id):
        with LOCK:
            if TODOS.pop(todo_id, None) is None:
                raise Problem(404, f"There is no todo {todo_id}.")
        self.send_response(204)
        self.end_headers()

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def find(todo_id):
        if todo_id not in TODOS:
            raise Problem(404, f"There is no todo {todo_id}.")
        return TODOS[todo_id]

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
