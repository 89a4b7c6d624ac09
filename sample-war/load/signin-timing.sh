#!/usr/bin/env bash
# Whether a failed sign-in's time tells anything: on a real Open Liberty, the time of a password
# sign-in that fails for an unknown user, for a known user with a wrong password (its failure is counted in the
# database), for a user locked by failed sign-ins with a wrong and with the right password, and for a user locked
# by the application with a wrong password. All answer the same 401; the goal is medians within 5 % of each other
# in one run. Not a test (the machine's noise would make it flaky); see docs/sign-in-protection.md.
#
#   sample-war/load/signin-timing.sh [--rounds N] [--warmup N] [--postgresql] [--no-build]
#
# The database: the embedded Derby, or with --postgresql a throwaway PostgreSQL cluster with fsync on, as in
# production (port JWTAUTH_LOAD_PG_PORT, default 55441; .ci/postgresql.sh): a failure is counted by a committed
# write, whose log flush is the cost that a failure counting nothing must match.
#
# Each round sends every case once, in a new random order, over one kept-alive HTTPS connection, so drift of the
# machine's speed hits all cases alike; the first --warmup rounds (default 20) are not counted, then --rounds
# (default 200). Prints each case's median and quartiles; the median of its time over the unknown user's time in
# the same round, with a bootstrap 95 % interval (pairs cancel the machine's drift); the largest difference between
# two cases' medians; and for scale the largest difference between one case's odd and even rounds (the rig's noise).
#
# The server: jwtauthSignInBench on ports 9180/9543, unless JWTAUTH_LOAD_SERVER, JWTAUTH_LOAD_HTTP_PORT and
# JWTAUTH_LOAD_HTTPS_PORT say otherwise. Needs python3 and, for PostgreSQL, Debian's postgresql (installed when
# missing and running as root).
set -euo pipefail

ROUNDS=200
WARMUP=20
BUILD=true
DATABASE=derby
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --postgresql) DATABASE=postgresql; shift ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --no-build) BUILD=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/sample-war/target/signin-timing
HTTP_PORT=${JWTAUTH_LOAD_HTTP_PORT:-9180}
HTTPS_PORT=${JWTAUTH_LOAD_HTTPS_PORT:-9543}
SERVER=${JWTAUTH_LOAD_SERVER:-jwtauthSignInBench}
PG_PORT=${JWTAUTH_LOAD_PG_PORT:-55441}
PG_DIR=${TMPDIR:-/tmp}/jwtauth-load-postgresql-$PG_PORT

source "$HERE/common.sh"
source "$ROOT/.ci/postgresql.sh"
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
rm -rf "$WORK" && mkdir -p "$WORK"

# Two copies of the sample on one server and database. The measured one never locks (jwt.MaxLoginAttempts of a
# billion), so every wrong password of a known user is counted — the UPDATE this benchmark is about — and the
# user stays measurable; its throttle is off, since its answer (429) comes before any of this. The other one locks
# after 3 failures for a day: the setup locks alice with it, and the measured copy sees that lock in the database.
# The locker has no demo users of its own (two copies creating them at once would collide).
make_war() { # name, properties to add...
  local name=$1; shift
  local dir=$WORK/$name
  mkdir -p "$dir"
  (cd "$dir" && jar xf "$ROOT/sample-war/target/sample-war.war" \
    && printf '\n%s\n' "$@" >> WEB-INF/classes/META-INF/microprofile-config.properties \
    && { [ "$name" != locker ] || rm WEB-INF/classes/dev/jwtauth/sample/DemoUsers.class; } \
    && jar cf "$WORK/$name.war" .)
}
make_war measured jwt.MaxLoginAttempts=1000000000 jwt.LoginFailuresPerMinutePerAddress=0 jwt.LoginFailuresPerMinutePerUserName=0
make_war locker jwt.MaxLoginAttempts=3 jwt.LoginLockoutPeriod=P1D jwt.LoginFailuresPerMinutePerAddress=0 \
  jwt.LoginFailuresPerMinutePerUserName=0
sed 's|<webApplication location="sample-war.war" contextRoot="/"/>|&\n    <webApplication location="locker.war" contextRoot="/locker"/>|' \
  "$ROOT/liberty/server.xml" > "$WORK/server.xml"
SERVER_ENV=()
if [ "$DATABASE" = postgresql ]; then
  pg_cluster_start "$PG_DIR" "$PG_PORT"
  SERVER_ENV=(JWTAUTH_DATABASE=postgresql "JWTAUTH_POSTGRESQL_PORT=$PG_PORT")
fi
create_server "$SERVER" "$WORK/server.xml" "$WORK/measured.war" "${SERVER_ENV[@]}"
cp "$WORK/locker.war" "$WLP/usr/servers/$SERVER/apps/locker.war"
start_server "$SERVER"
# start_server waits for the first application; the measured one also creates the demo users
for app in sample-war locker; do
  for _ in $(seq 1 120); do
    grep -q "CWWKZ0001I: Application $app started" "$WLP/usr/servers/$SERVER/logs/messages.log" && break
    sleep 1
  done
done

echo "== measuring on $DATABASE: $WARMUP rounds of warm-up, then $ROUNDS rounds"
python3 - "$HTTPS_PORT" "$ROUNDS" "$WARMUP" <<'PY'
import http.client, json, random, ssl, statistics, sys, time, uuid

port, rounds, warmup = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
PASSWORD = "jwtauth-demo"  # the sample's demo users (DemoUsers.java)
conn = http.client.HTTPSConnection("localhost", port, timeout=60, context=ssl._create_unverified_context())

def sign_in(user, password, path="/auth/credentials"):
    body = json.dumps({"userName": user, "password": password})
    start = time.perf_counter()
    conn.request("POST", path, body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    return response.status, data, time.perf_counter() - start

for _ in range(3):
    sign_in("alice", "wrong-password", "/locker/auth/credentials")
assert sign_in("alice", PASSWORD)[0] == 401, "alice is locked by failed sign-ins"
assert sign_in("admin", PASSWORD)[0] == 200 and sign_in("mallory", PASSWORD)[0] == 401

CASES = {
    "unknown user": lambda: ("nobody-" + uuid.uuid4().hex[:8], "wrong-password"),
    "known user, wrong password (counted)": lambda: ("admin", "wrong-password"),
    "locked by failures, wrong password": lambda: ("alice", "wrong-password"),
    "locked by failures, right password": lambda: ("alice", PASSWORD),
    "locked by the application, wrong password": lambda: ("mallory", "wrong-password"),
}
times = {name: [] for name in CASES}
answers = set()
for round in range(warmup + rounds):
    order = list(CASES)
    random.shuffle(order)
    for name in order:
        status, body, seconds = sign_in(*CASES[name]())
        answers.add((status, body))
        if round >= warmup:
            times[name].append(seconds * 1000)

def relative_spread(values):
    return (max(values) - min(values)) / min(values)

print(f"\n{'case':45} {'median ms':>10} {'p25':>8} {'p75':>8} {'paired vs unknown':>18} {'95 % interval':>16}")
medians = {}
reference = times["unknown user"]
for name, samples in times.items():
    q1, median, q3 = statistics.quantiles(samples, n=4)
    medians[name] = statistics.median(samples)
    # each round's time over the same round's unknown-user time: the machine's drift cancels out
    ratios = [t / u for t, u in zip(samples, reference)]
    paired = statistics.median(ratios) - 1
    resampled = sorted(statistics.median(random.choices(ratios, k=len(ratios))) - 1 for _ in range(1000))
    interval = f"{resampled[25] * 100:+.1f} … {resampled[974] * 100:+.1f} %"
    print(f"{name:45} {medians[name]:10.1f} {q1:8.1f} {q3:8.1f} {paired * 100:+17.1f}% {interval:>16}")
halves = max(relative_spread([statistics.median(s[0::2]), statistics.median(s[1::2])]) for s in times.values())
print(f"\n{len(answers)} distinct answer(s): {sorted(answers)[0] if len(answers) == 1 else sorted(answers)}")
print(f"largest difference between the cases' medians: {relative_spread(list(medians.values())) * 100:.1f} % (goal: within 5 %)")
print(f"noise for scale, largest difference between one case's odd and even rounds: {halves * 100:.1f} %")
PY
stop_server "$SERVER"
