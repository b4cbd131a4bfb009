"""WRONG: PUT never looks at If-Match: the last save wins, and overwrites edits the
editor never saw.

Articles API with conditional requests: GET /articles/{id} sends an ETag and honours
If-None-Match (304); PUT /articles/{id} requires If-Match (428 without, 412 when stale),
so two editors can no longer overwrite each other's changes without noticing."""
import hashlib
import json
import os
import re
import sqlite3
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_PATH = re.compile(r"/articles/([0-9]+)")


class HttpError(Exception):
    def __init__(self, status, title, detail):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


def connect():
    con = sqlite3.connect(os.environ["DATABASE_PATH"])
    con.row_factory = sqlite3.Row
    return con


def load(con, article_id):
    """The article's representation and its version number; 404 when there is none."""
    row = con.execute("SELECT id, title, body, version FROM articles WHERE id = ?",
                      (article_id,)).fetchone()
    if row is None:
        raise HttpError(404, "Not Found", f"there is no article {article_id}")
    return {"id": row["id"], "title": row["title"], "body": row["body"]}, row["version"]


def etag(article):
    """A strong ETag computed from the representation: it changes exactly when the
    article does, and is the same after a restart."""
    canonical = json.dumps(article, sort_keys=True, ensure_ascii=False).encode()
    return '"' + hashlib.sha256(canonical).hexdigest()[:32] + '"'


def tags(header):
    """The entity tags of an If-Match / If-None-Match header: a list, or "*"."""
    if header.strip() == "*":
        return "*"
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def none_match(header, current):
    """If-None-Match uses the weak comparison: W/"x" and "x" are the same tag."""
    found = tags(header)
    return found == "*" or current.removeprefix("W/") in [t.removeprefix("W/") for t in found]


def match(header, current):
    """If-Match uses the strong comparison: a weak tag never matches."""
    found = tags(header)
    return found == "*" or (not current.startswith("W/") and current in found)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.dispatch(self.get_article)

    def do_PUT(self):
        self.dispatch(self.put_article)

    def dispatch(self, handler):
        # Read the body first, even one that will be refused: closing a socket with
        # unread input resets the connection, and the client may lose the answer.
        self.raw_body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        found = ARTICLE_PATH.fullmatch(self.path)
        try:
            if not found:
                raise HttpError(404, "Not Found", f"no {self.command} {self.path} here")
            with closing(connect()) as con:
                handler(con, int(found.group(1)))
        except HttpError as e:
            self.send_json(e.status, {"type": "about:blank", "title": e.title,
                                      "status": e.status, "detail": e.detail},
                           content_type="application/problem+json")

    def send_json(self, status, body, etag_value=None, content_type="application/json"):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if etag_value:
            self.send_header("ETag", etag_value)
        self.end_headers()
        self.wfile.write(data)

    def get_article(self, con, article_id):
        article, _ = load(con, article_id)
        current = etag(article)
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None and none_match(if_none_match, current):
            # 304: the client's copy is current. Headers only, never a body.
            self.send_response(304)
            self.send_header("ETag", current)
            self.end_headers()
            return
        self.send_json(200, article, current)

    def put_article(self, con, article_id):
        # Preconditions before the body's content: 404, then 428, then 412, then 400.
        article, version = load(con, article_id)
        new = self.parse_article(self.raw_body, article_id)
        with con:
            # "AND version = ?" makes check-and-write one step: of two PUTs racing with
            # the same ETag, only the first changes the row.
            cur = con.execute(
                "UPDATE articles SET title = ?, body = ?, version = version + 1,"
                " updated_at = datetime('now') WHERE id = ? AND version = ?",
                (new["title"], new["body"], article_id, version))
        if cur.rowcount == 0:
            raise HttpError(412, "Precondition Failed",
                            "the article changed since you read it: GET it again")
        self.send_json(200, new, etag(new))

    @staticmethod
    def parse_article(raw, article_id):
        try:
            body = json.loads(raw or b"null")
        except (ValueError, UnicodeDecodeError):
            raise HttpError(400, "Bad Request", "the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise HttpError(400, "Bad Request", "the body must be a JSON object")
        for field in ("title", "body"):
            if not isinstance(body.get(field), str) or not body[field].strip():
                raise HttpError(400, "Bad Request", f"{field} must be a non-empty string")
        return {"id": article_id, "title": body["title"], "body": body["body"]}


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
