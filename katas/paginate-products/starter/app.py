"""Catalogue API — a first version: GET /products answers every product at once.

Your task: pagination (limit, offset, total, the Link header), the category filter,
sorting by price, and 400 problem details for bad parameters. See README.md.
Python standard library only. Run it with: PORT=8000 DATABASE_PATH=shop.db python3 app.py
"""
import json
import os
import sqlite3
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def connect():
    con = sqlite3.connect(os.environ["DATABASE_PATH"])
    con.row_factory = sqlite3.Row
    return con


class Handler(BaseHTTPRequestHandler):
    def send_json(self, status, body, content_type="application/json", headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_problem(self, status, title, detail):
        self.send_json(status, {"type": "about:blank", "title": title, "status": status,
                                "detail": detail}, "application/problem+json")

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path != "/products":
            self.send_problem(404, "Not Found", f"there is nothing at {url.path}")
            return
        params = parse_qs(url.query, keep_blank_values=True)  # e.g. {"limit": ["10"]}
        # TODO: limit, offset, category, sort; total; the Link header; 400 for bad values.
        with closing(connect()) as con:
            rows = con.execute(
                "SELECT id, name, category, price_cents FROM products ORDER BY id"
            ).fetchall()
        self.send_json(200, {"items": [dict(row) for row in rows]})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
