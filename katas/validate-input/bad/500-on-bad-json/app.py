"""A wrong solution: the body is parsed with no check, and a catch-all turns the crash into a 500."""
import json
import os
import re
import sqlite3
from contextlib import closing
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

DATABASE_PATH = os.environ["DATABASE_PATH"]
# One @, something before it, a domain of dot-separated parts after it, no whitespace.
EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
MIN_AGE, MAX_AGE = 16, 120
INVALID_FIELDS = "https://example.com/problems/invalid-fields"


class Problem(Exception):
    """An error the client should hear about, as an RFC 9457 problem details document."""

    def __init__(self, status, detail, problem_type="about:blank", **extensions):
        super().__init__(detail)
        status = HTTPStatus(status)
        self.status = status
        self.document = {"type": problem_type, "title": status.phrase, "status": status.value,
                         "detail": detail, **extensions}


def field_errors(signup):
    """Every invalid field of signup (a dict), in the order name, email, age."""
    errors = []

    def invalid(field, detail):
        errors.append({"field": field, "detail": detail})

    name = signup.get("name")
    if name is None:
        invalid("name", "name is required.")
    elif not isinstance(name, str) or not name.strip():
        invalid("name", "name must be a non-empty string.")
    elif len(name) > 100:
        invalid("name", "name must be at most 100 characters long.")

    email = signup.get("email")
    if email is None:
        invalid("email", "email is required.")
    elif not isinstance(email, str) or not EMAIL.match(email):
        invalid("email", "email must be an e-mail address like runner@example.com.")

    age = signup.get("age")
    if age is None:
        invalid("age", "age is required.")
    elif type(age) is not int:  # bool is a subclass of int, and 34.5 or "34" are not ages
        invalid("age", "age must be a whole number.")
    elif not MIN_AGE <= age <= MAX_AGE:
        invalid("age", f"age must be between {MIN_AGE} and {MAX_AGE}.")
    return errors


class Handler(BaseHTTPRequestHandler):
    def route(self):
        path = urlsplit(self.path).path
        try:
            if path != "/signups":
                raise Problem(404, f"There is nothing at {path}.")
            if self.command != "POST":
                raise Problem(405, f"{path} supports POST only.")
            self.create_signup()
        except Exception as error:
            if not isinstance(error, Problem):  # whatever broke, it looks like our fault
                error = Problem(500, f"Internal error: {error}")
            problem = error
            headers = {"Allow": "POST"} if problem.status == 405 else {}
            self.send_json(problem.status, problem.document, headers, "application/problem+json")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = route

    def create_signup(self):
        signup = self.read_json()
        errors = field_errors(signup)
        if errors:
            raise Problem(422, "Some fields are invalid; see errors.", INVALID_FIELDS,
                          errors=errors)
        with closing(sqlite3.connect(DATABASE_PATH)) as db, db:
            cursor = db.execute(
                "INSERT INTO signups (name, email, age) VALUES (?, ?, ?)",
                (signup["name"], signup["email"], signup["age"]),
            )
        signup_id = cursor.lastrowid
        self.send_json(
            201,
            {"id": signup_id, "name": signup["name"], "email": signup["email"], "age": signup["age"]},
        )

    def read_json(self):
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


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
