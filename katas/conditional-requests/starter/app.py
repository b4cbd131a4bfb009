"""Articles API — today's version: GET /articles/{id} answers the article, PUT overwrites
it. No ETags, no conditions: the last save wins.

Your task (see README.md): send an ETag, answer 304 to If-None-Match, and make PUT
require If-Match (428 without it, 412 when it is stale).
Python standard library only. Run it with: PORT=8000 DATABASE_PATH=news.db python3 app.py
"""
import hashlib  # noqa: F401  (hashlib.sha256 makes good ETags)
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
    row = con.execute("SELECT id, title, body FROM articles WHERE id = ?",
                      (article_id,)).fetchone()
    if row is None:
        raise HttpError(404, "Not Found", f"there is no article {article_id}")
    return dict(row)


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

    def send_json(self, status, body, content_type="application/json"):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def get_article(self, con, article_id):
        # TODO: an ETag header; 304 when If-None-Match holds the current ETag.
        self.send_json(200, load(con, article_id))

    def put_article(self, con, article_id):
        # TODO: 428 without If-Match, 412 when it is not the current ETag; answer the new ETag.
        load(con, article_id)  # 404 when there is no such article
        new = self.parse_article(self.raw_body, article_id)
        with con:
            con.execute("UPDATE articles SET title = ?, body = ?, version = version + 1,"
                        " updated_at = datetime('now') WHERE id = ?",
                        (new["title"], new["body"], article_id))
        self.send_json(200, new)

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
