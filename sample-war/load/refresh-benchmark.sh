#!/usr/bin/env bash
# Refresh throughput of the sample on a real Open Liberty and a real database: body-mode POST /access-token driven
# by wrk, and the SQL statements each refresh and sign-in costs. Not part of `mvn verify`.
#
#   sample-war/load/refresh-benchmark.sh [--derby] [--rounds N] [--seconds S] [--warmup S] [--no-build]
#
# Builds the sample, starts a throwaway PostgreSQL cluster (fsync on, as in production; port JWTAUTH_LOAD_PG_PORT,
# default 55440) — or, with --derby, uses the embedded Derby —, starts the sample on a Liberty server of its own
# and signs in demo users in body mode. Then, after a warm-up (default 60 s: the JIT needs it), N rounds (default 3)
# of S-second wrk runs (default 10) of each case; the table shows medians over the rounds:
#   (a) 8 connections refreshing with 8 refresh tokens in turn (8 signed-in devices);
#   (b) 20 connections all redeeming the same refresh token at once;
#   (c) both again on a server with sliding expiry (jwt.ExpireRefreshTokensIn and
#       jwt.ExtendRefreshTokenExpiryAfterUsage both P30D): every refresh writes the token's new expiry, so every
#       refresh commits (and, with fsync on, flushes the WAL).
# Besides requests/s and latencies, the CPU time per request of the server's JVM and of PostgreSQL (all its
# processes), read from /proc: steadier than requests/s on a shared machine.
# On PostgreSQL it also counts the statements per operation with pg_stat_statements: a body-mode refresh, a
# cookie-mode refresh (which rotates), a sign-in, and a body-mode refresh with sliding expiry.
#
# The server: jwtauthRefreshBench on ports 9180/9543, unless JWTAUTH_LOAD_SERVER, JWTAUTH_LOAD_HTTP_PORT and
# JWTAUTH_LOAD_HTTPS_PORT say otherwise. Needs wrk (Debian's; installed when missing and running as root), python3
# and, for PostgreSQL, Debian's postgresql (likewise).
set -euo pipefail

ROUNDS=3
SECONDS_PER_RUN=10
WARMUP=60
DATABASE=postgresql
BUILD=true
while [ $# -gt 0 ]; do
  case "$1" in
    --derby) DATABASE=derby; shift ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --no-build) BUILD=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/sample-war/target/refresh-benchmark
HTTP_PORT=${JWTAUTH_LOAD_HTTP_PORT:-9180}
HTTPS_PORT=${JWTAUTH_LOAD_HTTPS_PORT:-9543}
SERVER=${JWTAUTH_LOAD_SERVER:-jwtauthRefreshBench}
PG_PORT=${JWTAUTH_LOAD_PG_PORT:-55440}
PG_DIR=${TMPDIR:-/tmp}/jwtauth-load-postgresql-$PG_PORT
BASE=https://localhost:$HTTPS_PORT
CLIENT=(python3 "$HERE/jwtauth_client.py")

source "$HERE/common.sh"
source "$ROOT/.ci/postgresql.sh"
require_wrk
rm -rf "$WORK" && mkdir -p "$WORK"

cleanup() {
  [ -z "${SERVER_PID:-}" ] || kill "$SERVER_PID" 2>/dev/null || true
  [ "$DATABASE" != postgresql ] || pg_cluster_stop "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if $BUILD; then
  echo "== building"
  build_sample
fi

SERVER_ENV=()
if [ "$DATABASE" = postgresql ]; then
  pg_cluster_start "$PG_DIR" "$PG_PORT" -c shared_preload_libraries=pg_stat_statements
  pg_psql "$PG_DIR" "$PG_PORT" -q -c "CREATE EXTENSION pg_stat_statements"
  SERVER_ENV=(JWTAUTH_DATABASE=postgresql "JWTAUTH_POSTGRESQL_PORT=$PG_PORT")
fi

# The statements of the database user jwtauth while a command runs, per operation: "<count> <SQL>" lines.
statements() { # file, operations, command...
  local file=$1 operations=$2; shift 2
  pg_psql "$PG_DIR" "$PG_PORT" -qAt -c "SELECT pg_stat_statements_reset()" >/dev/null
  "$@" >/dev/null
  pg_psql "$PG_DIR" "$PG_PORT" -qAt -F' ' -c "SELECT round(calls::numeric / $operations, 2), regexp_replace(query, '\s+', ' ', 'g')
      FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'jwtauth' ORDER BY query" > "$file"
}

# "<label>|<statements>|<round trips>|<which>" for the table. pg_stat_statements misses most COMMITs (those pgjdbc
# sends as its prepared statement): one per BEGIN. pgjdbc sends a transaction's BEGIN together with its first
# statement, one round trip for both (strace on the backends: one receive per statement, none for BEGIN).
summarise() { # label, statements file
  awk -v label="$1" '{
      kind = toupper($2); if ($0 ~ /lastval/) kind = "lastval()"
      count[kind] += $1; if (kind != "COMMIT" && !(kind in seen)) { seen[kind] = 1; order[++k] = kind } }
    END { if (count["COMMIT"] < count["BEGIN"]) count["COMMIT"] = count["BEGIN"]
          if (count["COMMIT"]) order[++k] = "COMMIT"
          for (i = 1; i <= k; i++) { n += count[order[i]]; which = which (i > 1 ? ", " : "") count[order[i]] " " order[i] }
          printf "%s|%g|%g|%s\n", label, n, n - count["BEGIN"], which }' "$2"
}

# One wrk run: "RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>".
run_wrk() { # seconds, connections, token file
  wrk -t1 -c"$2" -d"$1s" --timeout 10s -s "$HERE/refresh.lua" "$BASE/access-token" -- "$3" | grep '^RESULT'
}

# CPU ticks (user + system) of a process, and of the database's processes (none for the embedded Derby).
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
database_ticks() {
  local sum=0 postmaster pid
  if [ "$DATABASE" = postgresql ]; then
    postmaster=$(head -n 1 "$PG_DIR/data/postmaster.pid")
    for pid in "$postmaster" $(pgrep -P "$postmaster"); do sum=$((sum + $(ticks "$pid"))); done
  fi
  echo "$sum"
}

# Medians over the rounds: "<label>|<connections>|<requests/s>|<p50>|<p99>|<server CPU>|<database CPU>|<non-2xx and
# errors>", CPU in µs per request.
measure() { # label, connections, token file
  local label=$1 connections=$2 tokens=$3 runs=$WORK/runs.txt server database result
  : > "$runs"
  for round in $(seq 1 "$ROUNDS"); do
    server=$(ticks "$SERVER_PID") database=$(database_ticks)
    result=$(run_wrk "$SECONDS_PER_RUN" "$connections" "$tokens")
    echo "$result $(($(ticks "$SERVER_PID") - server)) $(($(database_ticks) - database))" >> "$runs"
    echo "   $label, round $round: $(tail -n 1 "$runs")" >&2
  done
  python3 - "$label" "$connections" "$runs" "$SECONDS_PER_RUN" "$(getconf CLK_TCK)" <<'PY'
import statistics, sys
label, connections, path, seconds, tck = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
runs = [[float(v) for v in line.split()[1:]] for line in open(path)]  # requests/s p50 p99 non-2xx errors ticks ticks
median = lambda f: f"{statistics.median(f(run) for run in runs):.1f}"
cpu = lambda i: lambda run: run[i] / tck * 1e6 / (run[0] * seconds)
print("|".join([label, connections, median(lambda r: r[0])[:-2], median(lambda r: r[1]), median(lambda r: r[2]),
                median(cpu(5))[:-2], median(cpu(6))[:-2], str(sum(int(r[3] + r[4]) for r in runs))]))
PY
}

RESULTS=$WORK/results.txt
COUNTS=$WORK/statements.txt
: > "$RESULTS"
: > "$COUNTS"

for variant in plain sliding; do
  extra=()
  [ "$variant" = sliding ] && extra=(JWT_EXPIREREFRESHTOKENSIN=P30D JWT_EXTENDREFRESHTOKENEXPIRYAFTERUSAGE=P30D)
  echo "== $variant: starting $SERVER on $DATABASE"
  create_server "$SERVER" "$ROOT/liberty/server.xml" "$ROOT/sample-war/target/sample-war.war" "${SERVER_ENV[@]}" "${extra[@]}"
  start_server "$SERVER"
  "${CLIENT[@]}" signin "$BASE" admin 8 > "$WORK/tokens-8.txt"
  head -n 1 "$WORK/tokens-8.txt" > "$WORK/tokens-1.txt"
  echo "== $variant: warming up (${WARMUP} s)"
  run_wrk "$WARMUP" 8 "$WORK/tokens-8.txt" >/dev/null
  run_wrk 5 20 "$WORK/tokens-1.txt" >/dev/null
  if [ "$DATABASE" = postgresql ]; then
    token=$(head -n 1 "$WORK/tokens-8.txt")
    if [ "$variant" = plain ]; then
      statements "$WORK/body.sql" 50 "${CLIENT[@]}" body "$BASE" "$token" 50
      statements "$WORK/cookie.sql" 50 "${CLIENT[@]}" chain "$BASE" "$("${CLIENT[@]}" signin "$BASE" admin 1)" 50
      statements "$WORK/signin.sql" 5 "${CLIENT[@]}" signin "$BASE" admin 5
      summarise "body-mode refresh" "$WORK/body.sql" >> "$COUNTS"
      summarise "cookie-mode refresh (rotates)" "$WORK/cookie.sql" >> "$COUNTS"
      summarise "sign-in (body mode)" "$WORK/signin.sql" >> "$COUNTS"
    else
      statements "$WORK/body-sliding.sql" 50 "${CLIENT[@]}" body "$BASE" "$token" 50
      summarise "body-mode refresh, sliding expiry" "$WORK/body-sliding.sql" >> "$COUNTS"
    fi
  fi
  if [ "$variant" = plain ]; then a="(a)" b="(b)"; else a="(c) sliding expiry," b="(c) sliding expiry,"; fi
  measure "$a 8 tokens in turn" 8 "$WORK/tokens-8.txt" >> "$RESULTS"
  measure "$b 1 token, 20 at once" 20 "$WORK/tokens-1.txt" >> "$RESULTS"
  stop_server "$SERVER"
done

echo
echo "Body-mode refresh on $DATABASE$([ "$DATABASE" = postgresql ] && echo " (fsync on)" || true), $(nproc) cores," \
  "$(date -u +%F): medians of $ROUNDS runs of $SECONDS_PER_RUN s (wrk, 1 thread); CPU in µs per request"
echo
echo "| case | connections | requests/s | p50 ms | p99 ms | server CPU | $DATABASE CPU | non-2xx or errors |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
# the embedded Derby's CPU is the server's
awk -F'|' -v derby="$([ "$DATABASE" = derby ] && echo 1 || true)" '{ if (derby) $7 = "in the server"
  printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$RESULTS"
if [ -s "$COUNTS" ]; then
  echo
  echo "Statements per operation (pg_stat_statements; one COMMIT per BEGIN; one round trip per statement but BEGIN,"
  echo "which pgjdbc sends with the transaction's first statement; a sign-in also purges old tokens once a minute,"
  echo "not counted here):"
  echo
  echo "| operation | statements | round trips | which |"
  echo "| --- | --- | --- | --- |"
  awk -F'|' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$COUNTS"
  echo
  echo "(the statements themselves: $WORK/*.sql)"
fi
