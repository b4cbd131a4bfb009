#!/usr/bin/env bash
# kata serve benchmark: wrk on GET /api/katas (aim >= 10k req/s on 2 cores), and SQL-kata
# gradings per second sustained through the API with 2 workers (aim >= 50/s), with the
# queue latency (accepted -> graded) p50/p99. Needs wrk (apt-get install wrk).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 2; }
cmake --build "$root/build" -j"$(nproc)" --target kata kata-sql-runner >/dev/null
home="$(mktemp -d)"
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$home"' EXIT
export KATA_HOME="$home" KATA_INSTRUCTOR_TOKEN="bench-instructor"
token="$("$root/build/kata" learner add bench | tail -1)"
"$root/build/kata" serve --port 0 --workers 2 --submissions-per-minute 100000 > "$home/log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  port="$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$home/log" | head -1)"; [ -n "$port" ] && break; sleep 0.05
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
echo; echo "## wrk -t2 -c32 -d10s GET /api/katas"
wrk -t2 -c32 -d10s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/katas" | sed -n '1,12p'
echo; echo "## 200 SQL submissions through the API, 2 workers"
python3 - "$port" "$token" "${1:-200}" <<'PY'
import json, sys, threading, time, urllib.request
port, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = f"http://127.0.0.1:{port}"
right = ("SELECT c.id, c.name, c.email FROM customers AS c WHERE NOT EXISTS (SELECT 1 FROM orders "
         "AS o WHERE o.customer_id = c.id AND o.status <> 'cancelled')")
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=body,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as res:
        return json.load(res)
posted = {}
start = time.monotonic()
for _ in range(count):
    at = time.monotonic()
    posted[call("POST", "/api/katas/customers-without-orders/submissions",
                json.dumps({"source": right}).encode())["id"]] = at
accepted = time.monotonic()
done = {}
while len(done) < count:
    for s in call("GET", "/api/submissions"):
        if s["state"] == "done" and s["id"] in posted and s["id"] not in done:
            done[s["id"]] = time.monotonic()
            assert s["status"] == "pass", s
    time.sleep(0.01)
end = max(done.values())
latencies = sorted((done[i] - posted[i]) * 1000 for i in posted)
print(f"| submissions | accepted in (s) | all graded in (s) | gradings/s | queue latency p50 (ms) | p99 (ms) |")
print(f"|---:|---:|---:|---:|---:|---:|")
print(f"| {count} | {accepted - start:.2f} | {end - start:.2f} | {count / (end - start):.1f} | "
      f"{latencies[len(latencies) // 2]:.0f} | {latencies[int(len(latencies) * 0.99) - 1]:.0f} |")
PY
