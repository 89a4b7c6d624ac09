#!/usr/bin/env bash
# What a flood of wrong passwords from one client address costs the server, with the sign-in throttle at its
# defaults (jwt.LoginFailuresPerMinutePerAddress=60, jwt.LoginFailuresPerMinutePerUserName=10) and with it off:
# wrk posts wrong passwords for made-up user names (signin-flood.lua) over C connections, each pausing P ms between
# requests (so at most C × 1000 / P a second are offered), while a probe signs the demo user alice in with her right
# password once a second from another address (127.0.0.2). Reported: the server JVM's CPU time (from /proc), how
# many answers cost a password hash (all but the 429s), and the probe's sign-in times. Not a test; see
# docs/sign-in-protection.md.
#
#   sample-war/load/signin-flood.sh [--seconds S] [--connections C] [--pause P] [--no-build]
#
# Defaults: 30 s per variant, 8 connections, 100 ms (at most 80 wrong passwords a second). The server:
# jwtauthSignInBench on ports 9180/9543, unless JWTAUTH_LOAD_SERVER, JWTAUTH_LOAD_HTTP_PORT and
# JWTAUTH_LOAD_HTTPS_PORT say otherwise. Needs wrk (Debian's; installed when missing and running as root), python3.
set -euo pipefail

SECONDS_PER_RUN=30
CONNECTIONS=8
PAUSE=100
BUILD=true
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --pause) PAUSE=$2; shift 2 ;;
    --no-build) BUILD=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/sample-war/target/signin-flood
HTTP_PORT=${JWTAUTH_LOAD_HTTP_PORT:-9180}
HTTPS_PORT=${JWTAUTH_LOAD_HTTPS_PORT:-9543}
SERVER=${JWTAUTH_LOAD_SERVER:-jwtauthSignInBench}

source "$HERE/common.sh"
require_wrk
trap '[ -z "${SERVER_PID:-}" ] || kill "$SERVER_PID" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM

if $BUILD; then
  echo "== building"
  build_sample
fi
rm -rf "$WORK" && mkdir -p "$WORK"

cpu_seconds() { awk -v tck="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tck}' "/proc/$SERVER_PID/stat"; }

# Signs alice in from 127.0.0.2 once a second for the given seconds; prints the median and largest time in ms.
probe() { # seconds
  python3 - "$HTTPS_PORT" "$1" <<'PY'
import http.client, json, ssl, statistics, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
times, failures, end = [], 0, time.monotonic() + seconds
while time.monotonic() < end:
    started = time.monotonic()
    conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=120, source_address=("127.0.0.2", 0),
                                       context=ssl._create_unverified_context())
    conn.request("POST", "/auth/credentials", json.dumps({"userName": "alice", "password": "jwtauth-demo"}),
                 {"Content-Type": "application/json"})
    status = conn.getresponse().status
    conn.close()
    elapsed = time.monotonic() - started
    times.append(elapsed * 1000)
    failures += status != 200
    time.sleep(max(0.0, 1 - elapsed))
print(f"{statistics.median(times):.0f} {max(times):.0f} {len(times)} {failures}")
PY
}

results=()
for variant in "throttle at its defaults" "throttle off"; do
  settings=()
  [ "$variant" = "throttle off" ] && settings=(JWT_LOGINFAILURESPERMINUTEPERADDRESS=0 JWT_LOGINFAILURESPERMINUTEPERUSERNAME=0)
  create_server "$SERVER" "$ROOT/liberty/server.xml" "$ROOT/sample-war/target/sample-war.war" "${settings[@]}"
  start_server "$SERVER"
  probe 5 >/dev/null # the first sign-ins warm the server up
  echo "== $variant: $SECONDS_PER_RUN s of wrong passwords over $CONNECTIONS connections, $PAUSE ms apart"
  probe "$SECONDS_PER_RUN" > "$WORK/probe.txt" &
  before=$(cpu_seconds)
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 60s -s "$HERE/signin-flood.lua" \
    "https://localhost:$HTTPS_PORT/auth/credentials" -- "$PAUSE")
  after=$(cpu_seconds)
  wait
  stop_server "$SERVER"
  requests=$(awk '/requests in/{print $1}' <<< "$out")
  hashed=$(awk '$1 == "status" && $2 != 429 {n += $3} END {print n + 0}' <<< "$out")
  throttled=$(awk '$1 == "status" && $2 == 429 {n += $3} END {print n + 0}' <<< "$out")
  read -r probe_median probe_max probes probe_failures < "$WORK/probe.txt"
  used=$(awk -v a="$after" -v b="$before" -v s="$SECONDS_PER_RUN" 'BEGIN {printf "%8.1f %8.2f", a - b, (a - b) / s}')
  results+=("$(printf '%-26s %8s %7s %7s %s %9s %8s %4s' "$variant" "$requests" "$hashed" "$throttled" "$used" \
    "$probe_median" "$probe_max" "$probe_failures")")
done

printf '\n%-26s %8s %7s %7s %8s %8s %9s %8s %4s\n' variant answered hashed "429s" "CPU s" "CPU/s" "alice ms" "max ms" "fail"
printf '%s\n' "${results[@]}"
echo "(answered, hashed, 429s: the flood's requests; CPU: the server JVM's user + system time during the flood, the"
echo " probe's sign-ins included; alice: the probe's median and largest sign-in time, and how many failed)"
