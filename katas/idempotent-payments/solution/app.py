"""Payments API: POST /payments with an Idempotency-Key, so a retried request never charges twice.

Python 3.11 standard library only. Payments and the keys already answered live in the SQLite
file at DATABASE_PATH, so a retry is recognised even after the server restarts.
"""
import json
import os
import re
import sqlite3
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CURRENCY = re.compile(r"[A-Z]{3}")


def connect():
    # isolation_level=None: we open the transactions ourselves, with BEGIN IMMEDIATE.
    return sqlite3.connect(os.environ["DATABASE_PATH"], timeout=10, isolation_level=None)


def problem(status, title, detail, slug):
    return status, {"type": f"/problems/{slug}", "title": title, "status": status, "detail": detail}


def invalid_payment(payment):
    """Returns what is wrong with the payment, or None when it is valid."""
    if not isinstance(payment, dict):
        return "The body must be a JSON object."
    order_id = payment.get("order_id")
    if not isinstance(order_id, str) or not order_id.strip():
        return "order_id must be a non-empty string."
    amount = payment.get("amount_cents")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        return "amount_cents must be a whole number of cents greater than 0."
    currency = payment.get("currency")
    if not isinstance(currency, str) or not CURRENCY.fullmatch(currency):
        return "currency must be a three-letter ISO 4217 code in capitals, such as EUR."
    return None


def create_payment(key, payment):
    """Takes the payment once per key. Returns (status, body) to send."""
    # Two requests compare equal when their JSON values are equal: key order and spacing
    # do not matter.
    request_body = json.dumps(payment, sort_keys=True, separators=(",", ":"))
    conn = connect()
    try:
        # BEGIN IMMEDIATE takes the write lock first, so two concurrent requests with the
        # same key are serialised: the second one sees the first one's row.
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute(
            "SELECT request_body, response_status, response_body FROM idempotency_keys"
            " WHERE key = ?",
            (key,),
        ).fetchone()
        if row is not None:
            conn.execute("COMMIT")
            stored_request, status, body = row
            if stored_request != request_body:
                return problem(
                    422,
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request. "
                    "Use a new key for a new payment.",
                    "idempotency-key-reused",
                )
            return status, json.loads(body)

        cur = conn.execute(
            "INSERT INTO payments (order_id, amount_cents, currency) VALUES (?, ?, ?)",
            (payment["order_id"], payment["amount_cents"], payment["currency"]),
        )
        body = {
            "id": cur.lastrowid,
            "order_id": payment["order_id"],
            "amount_cents": payment["amount_cents"],
            "currency": payment["currency"],
        }
        conn.execute(
            "INSERT INTO idempotency_keys (key, request_body, response_status, response_body)"
            " VALUES (?, ?, ?, ?)",
            (key, request_body, 201, json.dumps(body)),
        )
        conn.execute("COMMIT")
        return 201, body
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


class Handler(BaseHTTPRequestHandler):
    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        if status >= 400:
            self.send_header("Content-Type", "application/problem+json")
        else:
            self.send_header("Content-Type", "application/json")
        if status == 201:
            self.send_header("Location", f"/payments/{body['id']}")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path != "/payments":
            self.send_json(*problem(404, "Not found", f"There is no {self.path}.", "not-found"))
            return
        key = (self.headers.get("Idempotency-Key") or "").strip()
        if not key:
            self.send_json(*problem(
                400,
                "Idempotency-Key missing",
                "POST /payments needs an Idempotency-Key header, so that a retry cannot "
                "charge twice.",
                "idempotency-key-missing",
            ))
            return
        try:
            payment = json.loads(raw)
        except ValueError:
            payment = None
        error = invalid_payment(payment)
        if error:
            self.send_json(*problem(400, "Invalid payment", error, "invalid-payment"))
            return
        self.send_json(*create_payment(key, payment))

    def do_GET(self):
        self.send_json(*problem(404, "Not found", f"There is no GET {self.path}.", "not-found"))


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"payments API listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
