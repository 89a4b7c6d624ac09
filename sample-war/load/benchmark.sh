#!/usr/bin/env bash
# Load benchmark of the sample on a real Open Liberty: requests/s and server CPU per request, per case, in
# rounds; each case runs next to its baseline (the same request without a token): medians of the CPU and of the
# ratio and difference to that baseline run. Not part of `mvn verify`.
#
#   sample-war/load/benchmark.sh [--rounds N] [--seconds S] [--warmup S] [--connections C] [--tokens N]
#                                [--cases REGEX] [--no-cache-variant] [--observability] [--jfr]
#                                [--mpjwt | --mpjwt-only | --mp-config]
#
# --cases keeps only the cases whose name matches, and the baselines they are compared with.
# --observability runs the sample as configured, then on a server without mpMetrics, mpHealth and mpOpenAPI (instead
# of the variant without the token cache): what jwtauth's optional metrics and health check cost per request.
# --jfr records each server with Java Flight Recorder (profile settings) into sample-war/target/load/<variant>.jfr.
#
# Needs wrk (Debian: apt-get install wrk; installed when missing and running as root) and python3.
# --mpjwt also runs the same resources, without jwtauth, under Liberty's own mpJwt-2.1 feature.
# --mp-config compares the two as MicroProfile JWT implementations, on the same RS256 and ES256 tokens: jwtauth
# configured only with mp.jwt.* (verify.publickey, .algorithm, issuer), then Liberty's mpJwt, one server per algorithm.
# The server: jwtauthLoadServer on ports 9180/9543, unless JWTAUTH_LOAD_SERVER, JWTAUTH_LOAD_HTTP_PORT and
# JWTAUTH_LOAD_HTTPS_PORT say otherwise.
set -euo pipefail

ROUNDS=5
SECONDS_PER_RUN=5
WARMUP=10
CONNECTIONS=8
TOKENS=10000
MPJWT=false
JWTAUTH=true
MP_CONFIG=false
CASES=.
VARIANTS=(jwtauth jwtauth-no-cache)
JFR=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --tokens) TOKENS=$2; shift 2 ;;
    --cases) CASES=$2; shift 2 ;;
    --no-cache-variant) VARIANTS=(jwtauth); shift ;;
    --observability) VARIANTS=(jwtauth jwtauth-without-observability); shift ;;
    --jfr) JFR=true; shift ;;
    --mpjwt) MPJWT=true; shift ;;
    --mpjwt-only) MPJWT=true; JWTAUTH=false; shift ;;
    --mp-config) MP_CONFIG=true; MPJWT=true; JWTAUTH=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$ROOT/sample-war/target/load
HTTP_PORT=${JWTAUTH_LOAD_HTTP_PORT:-9180}
HTTPS_PORT=${JWTAUTH_LOAD_HTTPS_PORT:-9543}
SERVER=${JWTAUTH_LOAD_SERVER:-jwtauthLoadServer}
# The tokens' HMAC key: ASCII, so Liberty's mpJwt (whose sharedKey is a string) can verify the same tokens.
SHARED_KEY=jwtauth-load-benchmark-shared-key-2026
SHARED_KEY_B64=$(printf '%s' "$SHARED_KEY" | base64 -w0)

source "$HERE/common.sh"
require_wrk

echo "== building"
build_sample
(cd "$ROOT" && mvn -B -q -pl extension dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load-classpath.txt)
mkdir -p "$WORK"

echo "== minting $TOKENS distinct HS256, RS256 and ES256 tokens"
java -cp "$ROOT/extension/target/classes:$(cat "$ROOT/extension/target/load-classpath.txt")" \
  "$HERE/LoadTokens.java" "$WORK" "$TOKENS" "$SHARED_KEY_B64"

# A server of its own (own name, own ports), configured like the sample plus what the benchmark needs:
# plain HTTP allowed (to compare HTTP with HTTPS) and the RS256 public key accepted next to the HS256 AuthKey.
# With --jfr it records itself: Liberty's stacks are deeper than JFR's default 64 frames, so deeper, to show which
# filter samples run under.
jfr_options() { # label
  $JFR && JVM_OPTIONS=("-XX:FlightRecorderOptions=stackdepth=256"
                       "-XX:StartFlightRecording=settings=profile,filename=$WORK/$1.jfr") || true
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

# wrk wants its options, then the URL, then the script's arguments after "--".
wrk_run() { # seconds, url, options... [-- script args...]
  local seconds=$1 url=$2; shift 2
  local options=() script_args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do options+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; script_args=("--" "$@"); }
  wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" "${options[@]}" "$url" "${script_args[@]}" 2>&1
}

# One measured run: prints "<requests> <cpu ticks> <non-2xx>"
measure() { # url, wrk args...
  local url=$1; shift
  local before after out
  before=$(cpu_ticks)
  out=$(wrk_run "$SECONDS_PER_RUN" "$url" "$@" || true)
  after=$(cpu_ticks)
  local requests non2xx
  requests=$(echo "$out" | awk '/requests in/{print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  echo "$requests $((after - before)) ${non2xx:-0}"
}

# The cases: name | baseline (empty for a baseline) | url | wrk arguments. /public and /admin
# (@RolesAllowed("Admin")) do the same work (they echo the caller), so the difference between them is the cost of
# authentication and authorisation; /ping never asks who the caller is.
cases() { # https base, http base
  local s=$1 p=$2
  local one; one=$(cat "$WORK/hs256-one.txt")
  local rsone; rsone=$(cat "$WORK/rs256-one.txt")
  local esone; esone=$(cat "$WORK/es256-one.txt")
  # As many bytes as the Authorization header, in a header nobody reads: what carrying a token costs the server
  # (TLS, HTTP parsing) before anyone looks at it.
  # 'ping + distinct' sends the distinct tokens where nobody reads them: what a new token per request costs outside
  # the token's check; 'ping + 1 HS256 through the script' tells the script's share from that of the values being new,
  # 'ping + distinct token-sized headers' (the same values in X-Padding) that of the header being Authorization, and
  # 'ping + 1 HS256 in numbered requests' (one token in as many distinct requests) the load generator's share.
  local padding; padding=$(printf '%*s' "$(( ${#one} + 7 ))" '' | tr ' ' x)
  cat <<EOF
public https||$s/public|
public http||$p/public|
ping https||$s/ping|
public + token-sized header https|public https|$s/public|-H|X-Padding: $padding
ping + token https|ping https|$s/ping|-H|Authorization: Bearer $one
ping + ${TOKENS} distinct HS256 https|ping https|$s/ping|-s|$HERE/tokens.lua|--|$WORK/hs256.txt|header
ping + 1 HS256 through the script https|ping https|$s/ping|-s|$HERE/tokens.lua|--|$WORK/hs256-one.txt|header
ping + ${TOKENS} distinct token-sized headers https|ping https|$s/ping|-s|$HERE/tokens.lua|--|$WORK/hs256.txt|padding
ping + 1 HS256 in ${TOKENS} numbered requests https|ping https|$s/ping|-s|$HERE/tokens.lua|--|$WORK/hs256-one.txt|header|$TOKENS
public + token https|public https|$s/public|-H|Authorization: Bearer $one
RolesAllowed, 1 reused HS256, header https|public https|$s/admin|-H|Authorization: Bearer $one
RolesAllowed, 1 reused HS256, cookie https|public https|$s/admin|-H|Cookie: ss-tok=$one
RolesAllowed, ${TOKENS} distinct HS256, header https|public https|$s/admin|-s|$HERE/tokens.lua|--|$WORK/hs256.txt|header
RolesAllowed, ${TOKENS} distinct HS256, cookie https|public https|$s/admin|-s|$HERE/tokens.lua|--|$WORK/hs256.txt|cookie
RolesAllowed, ${TOKENS} distinct HS256, header http|public http|$p/admin|-s|$HERE/tokens.lua|--|$WORK/hs256.txt|header
RolesAllowed, ${TOKENS} distinct RS256, header https|public https|$s/admin|-s|$HERE/tokens.lua|--|$WORK/rs256.txt|header
RolesAllowed, 1 reused RS256, header https|public https|$s/admin|-H|Authorization: Bearer $rsone
RolesAllowed, 1 reused ES256, header https|public https|$s/admin|-H|Authorization: Bearer $esone
RolesAllowed, ${TOKENS} distinct ES256, header https|public https|$s/admin|-s|$HERE/tokens.lua|--|$WORK/es256.txt|header
EOF
}

# The cases whose name matches --cases and not the pattern to leave out, after the baselines they are compared with.
selected_cases() { # https base, http base, pattern to leave out
  local all chosen
  all=$(cases "$1" "$2")
  chosen=$(awk -F'|' '$2 != ""' <<< "$all" | grep -Ev "$3" | grep -E "$CASES" || true)
  awk -F'|' 'NR == FNR { used[$2] = 1; next } $2 == "" && ($1 in used)' <(printf '%s\n' "$chosen") <(printf '%s\n' "$all")
  [ -z "$chosen" ] || printf '%s\n' "$chosen"
}

# One measured run, appended to the results as "<pair>|<base or case>|<name>|<requests>|<cpu ticks>|<non-2xx>".
record() { # results file, pair, role, name, url, wrk args...
  local file=$1 pair=$2 role=$3 name=$4; shift 4
  local requests ticks non2xx
  read -r requests ticks non2xx < <(measure "$@")
  printf '%s|%s|%s|%s|%s|%s\n' "$pair" "$role" "$name" "$requests" "$ticks" "$non2xx" >> "$file"
}

run_suite() { # label [case name pattern to leave out]
  local label=$1 skip=${2:-^$} results=$WORK/results-$1.txt
  : > "$results"
  local selected name base path rest args base_path
  selected=$(selected_cases "https://localhost:$HTTPS_PORT" "http://localhost:$HTTP_PORT" "$skip")
  echo "== warming up $label"
  while IFS='|' read -r name base path rest; do
    IFS='|' read -r -a args <<< "$rest"
    [ -z "$rest" ] && args=()
    wrk_run "$WARMUP" "$path" "${args[@]}" >/dev/null || true
  done <<< "$selected"
  # Each case runs next to a run of its baseline and is compared with that run: the machine's speed drifts by
  # several per cent within a round, far more than the differences measured. The baseline goes first in odd rounds
  # and second in even ones, so whatever favours the first (or the second) run of a pair favours neither side.
  for round in $(seq 1 "$ROUNDS"); do
    echo "== $label: round $round of $ROUNDS"
    local pair=0
    while IFS='|' read -r name base path rest; do
      [ -z "$base" ] && continue
      IFS='|' read -r -a args <<< "$rest"
      [ -z "$rest" ] && args=()
      pair=$((pair + 1))
      base_path=$(awk -F'|' -v b="$base" '$1 == b { print $3 }' <<< "$selected")
      if [ $((round % 2)) = 1 ]; then
        record "$results" "$round.$pair" base "$base" "$base_path"
        record "$results" "$round.$pair" case "$name" "$path" "${args[@]}"
      else
        record "$results" "$round.$pair" case "$name" "$path" "${args[@]}"
        record "$results" "$round.$pair" base "$base" "$base_path"
      fi
    done <<< "$selected"
  done
}

report() { # label
  python3 - "$WORK/results-$1.txt" "$SECONDS_PER_RUN" "$(getconf CLK_TCK)" "$1" <<'PY'
import sys, statistics, collections
path, seconds, tck, label = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows = [l.rstrip('\n').split('|') for l in open(path) if l.strip()]
runs = collections.defaultdict(dict)      # name -> pair -> (requests/s, CPU µs per request)
baseline_of = {}                          # pair -> name of its baseline
order = []
for pair, role, name, req, ticks, bad in rows:
    req, ticks, bad = int(req), int(ticks), int(bad)
    if name not in order: order.append(name)
    if bad: print(f"!! {name} run {pair}: {bad} non-2xx responses", file=sys.stderr)
    runs[name][pair] = (req / seconds, ticks / tck * 1e6 / req)
    if role == 'base': baseline_of[pair] = name
baselines = sorted(set(baseline_of.values()), key=order.index)
rounds = len({p.split('.')[0] for p in baseline_of})
print(f"\n{label}: medians over {rounds} rounds of {seconds:.0f} s runs; each case compared with the run of its baseline next to it")
print(f"{'case':52} {'req/s':>9} {'CPU µs/req':>11} {'× base':>7} {'+µs':>7}  baseline")
for name in baselines + [n for n in order if n not in baselines]:
    pairs = runs[name]
    rps = statistics.median(v[0] for v in pairs.values())
    cpu = statistics.median(v[1] for v in pairs.values())
    if name in baselines:
        print(f"{name:52} {rps:9.0f} {cpu:11.1f}")
        continue
    base = {p: runs[baseline_of[p]][p][1] for p in pairs}
    ratio = statistics.median(pairs[p][1] / base[p] for p in pairs)
    extra = statistics.median(pairs[p][1] - base[p] for p in pairs)
    print(f"{name:52} {rps:9.0f} {cpu:11.1f} {ratio:7.3f} {extra:7.1f}  {baseline_of[next(iter(pairs))]}")
PY
}

SAMPLE_ENV=("JWT_AUTHKEYBASE64=$SHARED_KEY_B64" "JWT_REQUIRESECURECONNECTION=false" "JWT_REQUIREHASHALGORITHM=false"
            "JWT_PUBLICKEYPEM=$(sed ':a;N;$!ba;s/\n/\\n/g' "$WORK/rs256-public.pem")")
trap '[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true' EXIT
# As configured by default, then with the token cache off (jwt.TokenCacheSize=0): every request verifies its
# token, which is what distinct tokens cost before they repeat.
if $JWTAUTH; then
  for variant in "${VARIANTS[@]}"; do
    extra=()
    [ "$variant" = jwtauth-no-cache ] && extra=("JWT_TOKENCACHESIZE=0")
    xml=$ROOT/liberty/server.xml
    if [ "$variant" = jwtauth-without-observability ]; then
      xml=$WORK/server-without-observability.xml
      grep -Ev '<feature>mp(Metrics|Health|OpenAPI)-' "$ROOT/liberty/server.xml" > "$xml"
    fi
    jfr_options "$variant"
    create_server "$SERVER" "$xml" "$ROOT/sample-war/target/sample-war.war" "${SAMPLE_ENV[@]}" "${extra[@]}"
    start_server "$SERVER"
    run_suite "$variant" "ES256|reused RS256"
    stop_server "$SERVER"
  done
  for variant in "${VARIANTS[@]}"; do report "$variant"; done
fi

# A WAR of the sample whose MicroProfile Config says only what an MP-JWT application says (the public key, its
# algorithm, the issuer), plus plain HTTP allowed for jwtauth: what an application moving from mpJwt deploys.
# DemoUsers goes: a reader needs no users.
mp_war() { # algorithm (RS256 or ES256), with jwtauth (true: keep WEB-INF/lib; false: Liberty's mpJwt) -> the WAR's path
  local alg=$1 with=$2 dir=$WORK/mpwar-$1-$2
  rm -rf "$dir" && mkdir -p "$dir/war"
  (cd "$dir/war" && jar xf "$ROOT/sample-war/target/sample-war.war" && rm WEB-INF/classes/dev/jwtauth/sample/DemoUsers.class)
  $with || rm -rf "$dir/war/WEB-INF/lib"
  local pem; pem=$(sed ':a;N;$!ba;s/\n/\\n/g' "$WORK/${alg,,}-public.pem")
  {
    printf 'mp.jwt.verify.issuer=ssjwt\nmp.jwt.verify.publickey.algorithm=%s\nmp.jwt.verify.publickey=%s\n' "$alg" "$pem"
    if $with; then printf 'jwt.RequireSecureConnection=false\n'; fi
  } > "$dir/war/WEB-INF/classes/META-INF/microprofile-config.properties"
  (cd "$dir/war" && jar cf ../sample-war.war .)
  echo "$dir/sample-war.war"
}

# The other algorithm's cases, the HS256 ones, cookies and the ping/public probes are left out of the MP suites.
mp_skip() { # algorithm
  echo "HS256|cookie|^(public|ping) \+|$([ "$1" = RS256 ] && echo ES256 || echo RS256)"
}

if $MP_CONFIG; then
  for alg in RS256 ES256; do
    name=jwtauthMpConfig$alg
    jfr_options "$name"
    create_server "$name" "$ROOT/liberty/server.xml" "$(mp_war "$alg" true)"
    start_server "$name"
    run_suite "jwtauth-mp-$alg" "$(mp_skip "$alg")"
    stop_server "$name"
    report "jwtauth-mp-$alg"
  done
fi

# Liberty's own MicroProfile JWT: the same WAR without jwtauth (WEB-INF/lib emptied; Liberty provides the MP-JWT
# API and JsonWebToken), the sample's server.xml plus mpJwt-2.1 with one <mpJwt> per algorithm.
if $MPJWT; then
  if $MP_CONFIG; then
    algorithms=(RS256 ES256)
  else
    algorithms=(HS256 RS256)
    rm -rf "$WORK/mpjwt" && mkdir -p "$WORK/mpjwt/war"
    (cd "$WORK/mpjwt/war" && jar xf "$ROOT/sample-war/target/sample-war.war" && rm -rf WEB-INF/lib \
      && rm WEB-INF/classes/dev/jwtauth/sample/DemoUsers.class && jar cf ../sample-war-HS256.war .)
    # RS256: the public key in the application's MicroProfile Config (as MpJwtInteropIT does). Given as the
    # environment variable MP_JWT_VERIFY_PUBLICKEY instead, mpJwt soon stopped finding it (CWWKS6029E): mostly 401s.
    (cd "$WORK/mpjwt/war" && printf '\nmp.jwt.verify.issuer=ssjwt\nmp.jwt.verify.publickey=%s\n' \
        "$(sed ':a;N;$!ba;s/\n/\\n/g' "$WORK/rs256-public.pem")" >> WEB-INF/classes/META-INF/microprofile-config.properties \
      && jar cf ../sample-war-RS256.war .)
  fi
  mkdir -p "$WORK/mpjwt"
  for alg in "${algorithms[@]}"; do
    python3 - "$ROOT/liberty/server.xml" "$WORK/mpjwt/server-$alg.xml" "$alg" "$SHARED_KEY" <<'PY'
import sys
source, target, alg, key = sys.argv[1:5]
xml = open(source).read()
xml = xml.replace("<feature>appSecurity-5.0</feature>", "<feature>appSecurity-5.0</feature>\n        <feature>mpJwt-2.1</feature>")
shared = f' sharedKey="{key}"' if alg == "HS256" else ""
xml = xml.replace("</server>", f'    <mpJwt id="bench" issuer="ssjwt" signatureAlgorithm="{alg}"{shared} userNameAttribute="preferred_username"'
                  ' groupNameAttribute="roles" ignoreApplicationAuthMethod="true"/>\n</server>')
open(target, "w").write(xml)
PY
    name=jwtauthMpJwt$alg
    # mpJwt reads the token from one place only (mp.jwt.token.header): the header, so no cookie cases.
    if $MP_CONFIG; then
      war=$(mp_war "$alg" false); skip=$(mp_skip "$alg")
    else
      war=$WORK/mpjwt/sample-war-$alg.war
      if [ "$alg" = HS256 ]; then skip="RS256|ES256|cookie"; else skip="HS256|ES256|reused RS256|cookie|^(public|ping) \+"; fi
    fi
    jfr_options "$name"
    create_server "$name" "$WORK/mpjwt/server-$alg.xml" "$war"
    start_server "$name"
    run_suite "mpJwt-$alg" "$skip"
    stop_server "$name"
    report "mpJwt-$alg"
  done
fi
