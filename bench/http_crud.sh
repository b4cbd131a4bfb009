#!/usr/bin/env bash
# HTTP benchmark: grading the todos-crud kata's reference solution end to end with
# `kata submit` vs the same server started by hand plus the same requests sent by curl
# (and the same two database queries by sqlite3, the same restart), side by side in one
# hyperfine run. Aim: kata <= 1.5x. Figures: docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kata_dir="$root/katas/todos-crud"
command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install hyperfine" >&2; exit 2; }
cmake --build "$root/build" -j"$(nproc)" --target kata kata-sql-runner >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$kata_dir/solution" "$work/server"

# By hand: what kata does, without kata: seed the database, start the server, wait for its
# port, send the probes' requests, query the database twice, restart, one more request.
cat > "$work/by-hand.sh" <<'SCRIPT'
#!/usr/bin/env bash
set -u
work="$1"; kata_dir="$2"; port=$((20000 + RANDOM % 20000))
db="$work/data-$port.db"
rm -f "$db"; sqlite3 "$db" < "$kata_dir/fixtures/schema.sql"
[ -f "$kata_dir/fixtures/seed.sql" ] && sqlite3 "$db" < "$kata_dir/fixtures/seed.sql"
start() {
  (cd "$work/server" && PORT=$port DATABASE_PATH="$db" exec python3 app.py >/dev/null 2>&1) &
  pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/todos"; do sleep 0.005; done
}
start
u="http://127.0.0.1:$port"
j=(-s -o /dev/null -H 'Content-Type: application/json')
curl -s -o /dev/null "$u/todos"
id=$(curl -s -H 'Content-Type: application/json' --data-raw '{"title": "Buy milk"}' "$u/todos" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl "${j[@]}" --data-raw '{"title": "Call the plumber", "done": false}' "$u/todos"
curl "${j[@]}" --data-raw '{"title": "Pay the electricity bill"}' "$u/todos"
sqlite3 "$db" "SELECT title, done FROM todos WHERE title = 'Buy milk'" >/dev/null
curl "${j[@]}" --data-raw '{"done": true}' "$u/todos"
curl -s -o /dev/null "$u/todos/2"
curl "${j[@]}" -X PUT --data-raw '{"title": "Book the dentist for Tuesday", "done": false}' "$u/todos/2"
curl "${j[@]}" -X PATCH --data-raw '{"done": true}' "$u/todos/2"
sqlite3 "$db" "SELECT title, done FROM todos WHERE id = 2" >/dev/null
curl -s -o /dev/null -X DELETE "$u/todos"
curl -s -o /dev/null -X DELETE "$u/todos/3"
curl -s -o /dev/null "$u/todos/3"
kill "$pid"; wait "$pid" 2>/dev/null
start
curl -s -o /dev/null "$u/todos/$id"
kill "$pid"; wait "$pid" 2>/dev/null
rm -f "$db"
SCRIPT
chmod +x "$work/by-hand.sh"

export KATA_HOME="$work/home"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
hyperfine -N --warmup 3 --runs "${1:-30}" --export-json "$work/http.json" \
  -n "kata submit" "$root/build/kata --katas $root/katas --json submit todos-crud $kata_dir/solution" \
  -n "by hand (curl)" "$work/by-hand.sh $work $kata_dir" >&2
python3 - "$work/http.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
kata, hand = results["kata submit"], results["by hand (curl)"]
print("| method | median (ms) | p90 (ms) |\n|---|---:|---:|")
for name, r in (("kata submit (todos-crud, 14 probes)", kata), ("by hand: server + curl + sqlite3", hand)):
    times = sorted(r["times"])
    print(f"| {name} | {r['median']*1000:.1f} | {times[int(0.9*(len(times)-1))]*1000:.1f} |")
print(f"\nratio kata / by hand (medians): {kata['median']/hand['median']:.2f}x (aim <= 1.5x)")
PY
