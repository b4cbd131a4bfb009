"""WRONG: decides there is a next page when this page is full, so a last page that
holds exactly `limit` products still links to an empty page.

Catalogue API: GET /products with limit/offset pagination, a category filter,
sorting by price with id as the tie-breaker, and a Link header to the next page."""
import json
import os
import re
import sqlite3
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# sort parameter -> ORDER BY clause; id always breaks ties so the order is total.
SORTS = {
    None: "id",
    "price": "price_cents, id",
    "-price": "price_cents DESC, id",
}


class BadParameter(Exception):
    pass


def connect():
    con = sqlite3.connect(os.environ["DATABASE_PATH"])
    con.row_factory = sqlite3.Row
    return con


def single(params, name):
    values = params.get(name)
    if values is None:
        return None
    if len(values) != 1:
        raise BadParameter(f"{name} may be given only once")
    return values[0]


def integer(params, name, default, low, high=None):
    text = single(params, name)
    if text is None:
        return default
    # fullmatch, not isdigit(): "²" is a digit to Python, but int() refuses it.
    value = int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None
    if value is None or value < low or (high is not None and value > high):
        bound = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise BadParameter(f"{name} must be a whole number {bound}, got {text!r}")
    return value


def list_products(params):
    limit = integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = integer(params, "offset", 0, 0)
    sort = single(params, "sort")
    if sort not in SORTS:
        raise BadParameter(f"sort must be price or -price, got {sort!r}")
    category = single(params, "category")

    where, args = "", []
    if category is not None:
        where, args = "WHERE category = ?", [category]
    with closing(connect()) as con:
        total = con.execute(f"SELECT count(*) FROM products {where}", args).fetchone()[0]
        rows = con.execute(
            f"SELECT id, name, category, price_cents FROM products {where} "
            f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
            args + [limit, offset],
        ).fetchall()

    page = {
        "items": [dict(row) for row in rows],
        "total": total,
        "limit": limit,
        "offset": offset,
    }
    headers = {}
    if len(rows) == limit:  # a full page "must" have more after it
        query = {}
        if category is not None:
            query["category"] = category
        if sort is not None:
            query["sort"] = sort
        query["limit"] = limit
        query["offset"] = offset + limit
        headers["Link"] = f'</products?{urlencode(query)}>; rel="next"'
    return page, headers


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
        try:
            page, headers = list_products(parse_qs(url.query, keep_blank_values=True))
        except BadParameter as e:
            self.send_problem(400, "Bad Request", str(e))
            return
        self.send_json(200, page, headers=headers)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
