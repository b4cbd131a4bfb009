#!/usr/bin/env bash
# Spawn benchmark: bare Boost.Process vs the kata sandbox vs bubblewrap, 200 runs each of
# /bin/true and python3 -c pass. Needs root (the sandbox's full path) and, to compare with
# it, bubblewrap: apt-get install bubblewrap (for the benchmark only).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cmake -S "$root" -B "$root/build" >/dev/null
cmake --build "$root/build" --target kata_bench_spawn -j"$(nproc)" >/dev/null
command -v bwrap >/dev/null || echo "note: bwrap missing; apt-get install bubblewrap to compare" >&2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
"$root/build/kata_bench_spawn" "${1:-200}"
