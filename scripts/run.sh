#!/usr/bin/env bash
# Installs what is missing, builds kata, and runs it: `scripts/run.sh list`, `scripts/run.sh
# show ID`, … (no arguments: kata list). Katas are the bundled ones; the store is
# $KATA_HOME/kata.db (default ~/.local/share/kata).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j"$(nproc)" --target kata kata-sql-runner >/dev/null
if [ $# -eq 0 ]; then set -- list; fi
exec "$root/build/kata" "$@"
