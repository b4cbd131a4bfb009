#!/usr/bin/env bash
# Benchmark, run by hand: `kata submit` of each SQL kata's reference solution against the
# sqlite3 shell doing the same work on the same datasets, side by side in one hyperfine run
# per kata. Prints a Markdown table (kata, datasets, medians, ratio) on stdout; hyperfine's
# own report goes to stderr. Figures and method: docs/benchmarks.md. Aim: ratio <= 3x.
#
#   bench/sql_submit.sh [--runs N] [--warmup N] [--out DIR] [KATA_ID...]
#
# Every katas/*/ whose kata.toml says kind = "sql" is measured (or only the ids given).
# Commands, per kata with datasets D1..Dn (fixtures/*.sql but schema.sql):
#   kata submit   kata --katas katas --json submit ID solution/query.sql
#   sqlite3       sh -c 'sqlite3 :memory: .read schema .read D1 .read query; ... Dn'
#                 (n sqlite3 processes, one after the other: the headline baseline)
#   sqlite3 x2    the same, each reading the query twice (reference + learner's run)
#   sqlite3 1-proc  one sqlite3 doing all n datasets (`.open` between them): the SQL work
#                 with a single process start, a floor rather than a baseline
# The store is a throwaway KATA_HOME (mktemp -d), removed at exit; the user's is not touched.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs=30
warmup=3
out=""
only=()

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
    *) only+=("$1"); shift ;;
  esac
done

kata="$root/build/kata"
runner="$root/build/kata-sql-runner"
missing=0
if ! command -v hyperfine >/dev/null; then
  echo "hyperfine is not installed; install it with: sudo apt-get install -y hyperfine" >&2
  missing=1
fi
if ! command -v sqlite3 >/dev/null; then
  echo "sqlite3 is not installed; install it with: sudo apt-get install -y sqlite3" >&2
  missing=1
fi
if ! command -v python3 >/dev/null; then
  echo "python3 is not installed; install it with: sudo apt-get install -y python3" >&2
  missing=1
fi
if [ ! -x "$kata" ] || [ ! -x "$runner" ]; then
  echo "$kata or $runner is missing; build them with:" >&2
  echo "  cmake -S $root -B $root/build && cmake --build $root/build -j2 --target kata kata-sql-runner" >&2
  missing=1
fi
[ "$missing" -eq 0 ] || exit 1

# A throwaway store: submissions made here never reach ~/.local/share/kata.
KATA_HOME="$(mktemp -d "${TMPDIR:-/tmp}/kata-bench-home.XXXXXX")"
export KATA_HOME
unset KATA_PATH
# The binaries measured are copies, side by side as kata expects (it starts the runner
# from its own folder): a rebuild during the run cannot change what is measured.
bin="$(mktemp -d "${TMPDIR:-/tmp}/kata-bench-bin.XXXXXX")"
cleanup() { rm -rf -- "$KATA_HOME" "$bin"; }
trap cleanup EXIT
cp "$kata" "$runner" "$bin/"
kata="$bin/kata"
runner="$bin/kata-sql-runner"
if [ -z "$out" ]; then out="$(mktemp -d "${TMPDIR:-/tmp}/kata-bench.XXXXXX")"; fi
mkdir -p "$out"
: >"$out/katas.tsv"
: >"$out/skipped.tsv"
skip() {  # id, why: reported on stderr now and under the table at the end
  echo "skip $1: $2" >&2
  printf '%s\t%s\n' "$1" "$2" >>"$out/skipped.tsv"
}

# Quotes one word for sh (and for hyperfine's shell-words splitting).
sq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$root/build/CMakeCache.txt" 2>/dev/null || true)"
cxx_flags="$(sed -n 's/^CXX_FLAGS = //p' "$root/build/CMakeFiles/kata_core.dir/flags.make" 2>/dev/null | cut -d' ' -f1-3 || true)"
{
  echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), Linux $(uname -r)"
  echo "Tools: $(hyperfine --version), sqlite3 $(sqlite3 --version | cut -d' ' -f1), kata $("$kata" --version)"
  if command -v git >/dev/null && git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    changed="$(git -C "$root" --no-optional-locks status --porcelain --untracked-files=no | wc -l)"
    echo "Source: commit $(git -C "$root" --no-optional-locks rev-parse --short HEAD), $changed tracked files changed"
  fi
  echo "Build: CMAKE_BUILD_TYPE=${build_type:-<empty: CMakeLists.txt default>} (${cxx_flags:-flags unknown})"
  echo "Runs: --warmup $warmup --runs $runs; hyperfine JSON in $out"
  echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt" >&2
if awk -v n="$(nproc)" '{ exit !($1 > n / 4) }' /proc/loadavg; then
  echo "warning: the machine is busy (load $(cut -d' ' -f1 /proc/loadavg)); figures will be noisy" >&2
fi

measured=0
for dir in "$root"/katas/*/; do
  dir="${dir%/}"
  id="$(basename "$dir")"
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $id "* ]]; then continue; fi
  [ -f "$dir/kata.toml" ] || continue
  kind="$(sed -n 's/^[[:space:]]*kind[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$dir/kata.toml" | head -1)"
  [ "$kind" = "sql" ] || continue
  datasets=()
  for f in "$dir"/fixtures/*.sql; do
    [ -e "$f" ] || continue
    [ "$(basename "$f")" = "schema.sql" ] && continue
    datasets+=("fixtures/$(basename "$f")")
  done
  if [ ${#datasets[@]} -eq 0 ] || [ ! -f "$dir/solution/query.sql" ]; then
    skip "$id" "no datasets or no solution/query.sql"
    continue
  fi

  # Both commands run from the kata's folder, with the same relative file names.
  schema=()
  [ -f "$dir/fixtures/schema.sql" ] && schema=(".read fixtures/schema.sql")
  one="" two="" single="sqlite3 -init /dev/null :memory:" sep=""
  for d in "${datasets[@]}"; do
    reads=""
    for s in "${schema[@]}"; do reads+=" $(sq "$s")"; done
    reads+=" $(sq ".read $d")"
    base="sqlite3 -init /dev/null :memory:$reads"
    one+="${one:+; }$base $(sq ".read solution/query.sql")"
    two+="${two:+; }$base $(sq ".read solution/query.sql") $(sq ".read solution/query.sql")"
    single+="$sep$reads $(sq ".read solution/query.sql")"
    sep=" .open"  # a fresh, empty in-memory database for the next dataset
  done
  submit="$(sq "$kata") --katas $(sq "$root/katas") --json submit $(sq "$id") solution/query.sql"
  base_one="sh -c $(sq "$one")"
  base_two="sh -c $(sq "$two")"

  # Only a correct, graded answer counts: check both sides work before timing them.
  if ! (cd "$dir" && eval "$submit") >"$out/$id.check.json" 2>"$out/$id.check.err" ||
     ! python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["status"] != "pass")' \
       "$out/$id.check.json"; then
    skip "$id" "kata submit of the reference does not pass (see $out/$id.check.*)"
    continue
  fi
  if ! (cd "$dir" && sh -c "$two" && eval "$single") >/dev/null 2>"$out/$id.sqlite.err" ||
     [ -s "$out/$id.sqlite.err" ]; then
    skip "$id" "the sqlite3 baseline fails (see $out/$id.sqlite.err)"
    continue
  fi

  echo "== $id (${#datasets[@]} datasets)" >&2
  (cd "$dir" && hyperfine -N --style basic --warmup "$warmup" --runs "$runs" \
     --export-json "$out/$id.json" \
     -n "kata submit" "$submit" \
     -n "sqlite3" "$base_one" \
     -n "sqlite3 x2" "$base_two" \
     -n "sqlite3 1-proc" "$single") >&2
  printf '%s\t%s\n' "$id" "${#datasets[@]}" >>"$out/katas.tsv"
  measured=$((measured + 1))
done

if [ "$measured" -eq 0 ]; then
  echo "no sql kata was measured" >&2
  exit 1
fi

# Floors: what starting each process costs with (almost) no work to do.
request='{"query":"SELECT 1","datasets":[],"time_ms":2000,"heap_bytes":67108864,"max_rows":10000}'
printf '%s' "$request" >"$out/empty-request.json"
echo "== process-start floors" >&2
(cd "$root" && hyperfine -N --style basic --warmup "$warmup" --runs "$runs" \
   --export-json "$out/floors.json" \
   -n "sh -c :" "sh -c :" \
   -n "sqlite3 :memory: (no work)" "sqlite3 -init /dev/null :memory: .quit" \
   -n "kata --version" "$(sq "$kata") --version" \
   -n "kata list" "$(sq "$kata") --katas $(sq "$root/katas") list" \
   -n "kata-sql-runner (no datasets)" "sh -c $(sq "exec $(sq "$runner") < $(sq "$out/empty-request.json")")") >&2

python3 "$root/bench/summarize.py" "$out"
