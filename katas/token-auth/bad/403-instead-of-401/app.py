"""WRONG: a request without a (valid) token gets 403 Forbidden, without WWW-Authenticate.
403 means "I know who you are and you may not"; here the server does not know who it is.

Private notes API with bearer tokens: register (POST /users), log in (POST /sessions),
then send `Authorization: Bearer TOKEN` to GET /me, POST /notes and GET /notes/{id}.

Passwords are stored as salted PBKDF2-SHA256 hashes; tokens as their SHA-256, so a copy
of the database holds neither a password nor a working token."""
import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ITERATIONS = 100_000
USERNAME = re.compile(r"[A-Za-z0-9_.-]{3,30}")
NOTE_PATH = re.compile(r"/notes/([0-9]+)")


def hash_password(password):
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return f"pbkdf2_sha256${ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_password(password, stored):
    scheme, iterations, salt, digest = stored.split("$")
    if scheme != "pbkdf2_sha256":
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt),
                                    int(iterations))
    return hmac.compare_digest(candidate.hex(), digest)


# Checked against when the username is unknown, so that answering "no such user" takes
# as long as "wrong password" and the timing does not reveal which usernames exist.
DUMMY_HASH = hash_password(secrets.token_hex(8))


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class HttpError(Exception):
    def __init__(self, status, title, detail, headers=None):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.headers = headers or {}


def bad_request(detail):
    return HttpError(400, "Bad Request", detail)


def unauthorized(detail):
    return HttpError(401, "Unauthorized", detail, {"WWW-Authenticate": 'Bearer realm="notes"'})


def connect():
    con = sqlite3.connect(os.environ["DATABASE_PATH"])
    con.row_factory = sqlite3.Row
    return con


def text_field(body, name, min_length=1):
    value = body.get(name)
    if not isinstance(value, str) or len(value) < min_length:
        raise bad_request(f"{name} must be a string of at least {min_length} characters")
    return value


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

    # --- requests and responses ---

    def read_json(self):
        try:
            body = json.loads(self.raw_body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise bad_request("the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise bad_request("the body must be a JSON object")
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

    def authenticate(self, con):
        """The user whose token is in the Authorization header; 401 when there is none."""
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise HttpError(403, "Forbidden", "you are not logged in")
        user = con.execute(
            "SELECT users.id, users.username FROM sessions JOIN users ON users.id = sessions.user_id"
            " WHERE sessions.token_hash = ?", (token_digest(token),)).fetchone()
        if user is None:
            raise HttpError(403, "Forbidden", "the token is not valid")
        return user

    # --- endpoints ---

    def post_user(self, con):
        body = self.read_json()
        username = text_field(body, "username")
        password = text_field(body, "password", min_length=8)
        if not USERNAME.fullmatch(username):
            raise bad_request("username must be 3 to 30 letters, digits, '_', '.' or '-'")
        try:
            with con:
                cur = con.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                                  (username, hash_password(password)))
        except sqlite3.IntegrityError:
            raise HttpError(409, "Conflict", f"the username {username!r} is taken") from None
        self.send_json(201, {"id": cur.lastrowid, "username": username},
                       headers={"Location": f"/users/{cur.lastrowid}"})

    def post_session(self, con):
        body = self.read_json()
        username = text_field(body, "username")
        password = text_field(body, "password")
        user = con.execute("SELECT id, password_hash FROM users WHERE username = ?",
                           (username,)).fetchone()
        valid = verify_password(password, user["password_hash"] if user else DUMMY_HASH)
        if user is None or not valid:
            raise unauthorized("wrong username or password")
        token = secrets.token_urlsafe(32)
        with con:
            con.execute("INSERT INTO sessions (token_hash, user_id) VALUES (?, ?)",
                        (token_digest(token), user["id"]))
        self.send_json(201, {"token": token})

    def get_me(self, con):
        user = self.authenticate(con)
        self.send_json(200, {"id": user["id"], "username": user["username"]})

    def post_note(self, con):
        user = self.authenticate(con)
        body = self.read_json()
        title = text_field(body, "title")
        text = body.get("body", "")
        if not isinstance(text, str):
            raise bad_request("body must be a string")
        with con:
            cur = con.execute("INSERT INTO notes (owner_id, title, body) VALUES (?, ?, ?)",
                              (user["id"], title, text))
        self.send_json(201, {"id": cur.lastrowid, "title": title, "body": text},
                       headers={"Location": f"/notes/{cur.lastrowid}"})

    def get_note(self, con, note_id):
        user = self.authenticate(con)  # who is asking comes first: 401 before 404 or 403
        note = con.execute("SELECT id, owner_id, title, body FROM notes WHERE id = ?",
                           (note_id,)).fetchone()
        if note is None:
            raise HttpError(404, "Not Found", f"there is no note {note_id}")
        if note["owner_id"] != user["id"]:
            raise HttpError(403, "Forbidden", "this note belongs to another user")
        self.send_json(200, {"id": note["id"], "title": note["title"], "body": note["body"]})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
