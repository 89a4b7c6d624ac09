#!/usr/bin/env bash
# Crash safety of refresh-token rotation: kills the server with `kill -9` under cookie-mode refresh load, restarts
# it, and checks that no committed rotation was lost and no token is redeemable twice outside the grace rules.
# Not part of `mvn verify`.
#
#   sample-war/load/crash-test.sh [--derby] [--clients K] [--seconds S] [--grace S] [--no-build]
#
# Builds the sample, starts a throwaway PostgreSQL cluster (fsync on; port JWTAUTH_LOAD_PG_PORT, default 55440) —
# or, with --derby, uses the embedded Derby, which dies with the server —, and the sample on a Liberty server of its
# own. K clients (default 8) sign in in cookie mode and refresh in a loop (crash_client.py), each journalling every
# successor it receives (fsync'd) before using it. After S seconds (default 5, plus up to a second so that the kill
# lands mid-request) the server's JVM is killed; it is restarted and, once jwt.RefreshTokenReuseGracePeriod (the
# default 10 s, or --grace S) has passed since the kill, each client's last token is presented, then an earlier one.
#
# A client whose request was in flight at the kill may have had its rotation committed without receiving the
# successor: it still holds the predecessor, now replaced. Within the grace period that token gets an access token
# (no successor); after it, it is reuse: the family is revoked and that device signs in again. Such clients are
# reported apart, not as failures. Exits 1 on a real failure: a successor a client received that is not redeemable
# after the restart, a replaced token redeemed after the grace period, or (PostgreSQL) a family with two live tokens.
#
# The server: jwtauthCrashTest on ports 9180/9543, unless JWTAUTH_LOAD_SERVER, JWTAUTH_LOAD_HTTP_PORT and
# JWTAUTH_LOAD_HTTPS_PORT say otherwise. Needs python3 and, for PostgreSQL, Debian's postgresql (installed when
# missing and running as root).
set -euo pipefail

CLIENTS=8
LOAD_SECONDS=5
GRACE=
DATABASE=postgresql
BUILD=true
while [ $# -gt 0 ]; do
  case "$1" in
    --derby) DATABASE=derby; shift ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --seconds) LOAD_SECONDS=$2; shift 2 ;;
    --grace) GRACE=$2; shift 2 ;;
    --no-build) BUILD=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/sample-war/target/crash-test
HTTP_PORT=${JWTAUTH_LOAD_HTTP_PORT:-9180}
HTTPS_PORT=${JWTAUTH_LOAD_HTTPS_PORT:-9543}
SERVER=${JWTAUTH_LOAD_SERVER:-jwtauthCrashTest}
PG_PORT=${JWTAUTH_LOAD_PG_PORT:-55440}
PG_DIR=${TMPDIR:-/tmp}/jwtauth-load-postgresql-$PG_PORT
BASE=https://localhost:$HTTPS_PORT
JOURNAL=$WORK/journal.txt
export PYTHONDONTWRITEBYTECODE=1

source "$HERE/common.sh"
source "$ROOT/.ci/postgresql.sh"
rm -rf "$WORK" && mkdir -p "$WORK"

cleanup() {
  [ -z "${LOAD_PID:-}" ] || kill "$LOAD_PID" 2>/dev/null || true
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
  pg_cluster_start "$PG_DIR" "$PG_PORT"
  SERVER_ENV=(JWTAUTH_DATABASE=postgresql "JWTAUTH_POSTGRESQL_PORT=$PG_PORT")
fi
[ -z "$GRACE" ] || SERVER_ENV+=("JWT_REFRESHTOKENREUSEGRACEPERIOD=PT${GRACE}S")
create_server "$SERVER" "$ROOT/liberty/server.xml" "$ROOT/sample-war/target/sample-war.war" "${SERVER_ENV[@]}"
echo "== starting $SERVER on $DATABASE"
start_server "$SERVER"

echo "== $CLIENTS clients sign in and refresh (cookie mode, rotating)"
python3 "$HERE/crash_client.py" load "$BASE" "$JOURNAL" "$CLIENTS" $((LOAD_SECONDS + 120)) &
LOAD_PID=$!
for _ in $(seq 1 300); do
  [ -e "$JOURNAL.ready" ] && break
  kill -0 "$LOAD_PID" 2>/dev/null || { echo "the clients did not sign in" >&2; exit 1; }
  sleep 0.2
done
sleep "$(printf '%d.%03d' "$LOAD_SECONDS" $((RANDOM % 1000)))"
echo "== kill -9 $SERVER_PID"
kill -9 "$SERVER_PID"
killed_at=$(date +%s)
wait "$LOAD_PID" || { echo "the load failed" >&2; exit 1; }
LOAD_PID=

status=0
if [ "$DATABASE" = postgresql ]; then
  # A rotation that committed twice would leave two live tokens in one family.
  doubles=$(PGPASSWORD=jwtauth "$PG_BIN/psql" -h localhost -p "$PG_PORT" -U jwtauth -d jwtauth -qAt -c \
    "SELECT count(*) FROM (SELECT family FROM jwtauth_refresh_token WHERE rotated_at IS NULL AND revoked_at IS NULL
     GROUP BY family HAVING count(*) > 1) f")
  echo "families with more than one live token: $doubles"
  [ "$doubles" = 0 ] || status=1
fi

echo "== restarting $SERVER"
start_server "$SERVER"
wait_until=$((killed_at + ${GRACE:-10} + 1))
[ "$(date +%s)" -ge "$wait_until" ] || sleep $((wait_until - $(date +%s)))
python3 "$HERE/crash_client.py" verify "$BASE" "$JOURNAL" || status=1
stop_server "$SERVER"
SERVER_PID=
[ "$status" = 0 ] && echo "PASSED" || echo "FAILED"
exit "$status"
