#!/usr/bin/env bash
# Runs e2e.mjs against a fresh `kata serve`: a throwaway store, one learner, a free port.
# Exits 77 (ctest: skipped) when Chromium or playwright-core is missing.
set -u
kata="$1"
here="$(cd "$(dirname "$0")" && pwd)"
[ -x /usr/bin/chromium ] || { echo "SKIPPED: /usr/bin/chromium missing (apt-get install chromium)"; exit 77; }
[ -d "$here/node_modules/playwright-core" ] || { echo "SKIPPED: playwright-core missing (scripts/install-deps.sh installs it)"; exit 77; }
home="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$home"' EXIT
export KATA_HOME="$home" KATA_INSTRUCTOR_TOKEN="instructor-$RANDOM"
token="$("$kata" learner add ann | tail -1)"
"$kata" --katas "$here/../../katas" serve --port 0 --workers 2 > "$home/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  port="$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$home/serve.log" | head -1)"
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "kata serve did not start:"; cat "$home/serve.log"; exit 1; }
node "$here/e2e.mjs" "http://127.0.0.1:$port/" "$token"
