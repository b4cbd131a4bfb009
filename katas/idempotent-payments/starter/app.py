"""Payments API: POST /payments takes a payment for an order of the shop.

A first version: it validates the payment, stores it and answers 201. It knows nothing yet
of the Idempotency-Key header, so a retried request charges the customer twice. Make it
idempotent (see README.md). Python 3.11 standard library only.
"""
import json
import os
import re
import sqlite3
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CURRENCY = re.compile(r"[A-Z]{3}")


def connect():
    return sqlite3.connect(os.environ["DATABASE_PATH"], timeout=10)


def problem(status, title, detail):
    return status, {"type": "about:blank", "title": title, "status": status, "detail": detail}


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


def create_payment(payment):
    # TODO: the Idempotency-Key header. Refuse a request without one; for a key already
    # used, answer what was answered the first time (or 422 if the body differs) and
    # insert nothing. Keys must survive a restart.
    conn = connect()
    try:
        cur = conn.execute(
            "INSERT INTO payments (order_id, amount_cents, currency) VALUES (?, ?, ?)",
            (payment["order_id"], payment["amount_cents"], payment["currency"]),
        )
        conn.commit()
        return 201, {
            "id": cur.lastrowid,
            "order_id": payment["order_id"],
            "amount_cents": payment["amount_cents"],
            "currency": payment["currency"],
        }
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
            self.send_json(*problem(404, "Not found", f"There is no {self.path}."))
            return
        try:
            payment = json.loads(raw)
        except ValueError:
            payment = None
        error = invalid_payment(payment)
        if error:
            self.send_json(*problem(400, "Invalid payment", error))
            return
        self.send_json(*create_payment(payment))

    def do_GET(self):
        self.send_json(*problem(404, "Not found", f"There is no GET {self.path}."))


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    print(f"payments API listening on 127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
