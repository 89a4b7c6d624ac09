# Shared by the load scripts (benchmark.sh, refresh-benchmark.sh, crash-test.sh): Liberty servers of the sample,
# and wrk. Sourced, after setting ROOT (the project), HTTP_PORT and HTTPS_PORT.
#
#   require_wrk                        # installs Debian's wrk when missing and running as root
#   build_sample                       # the WAR, and a template server with the database drivers (no `mvn install`)
#   create_server NAME SERVER_XML WAR [server.env line...]
#                                      # a fresh server; JVM_OPTIONS (array) go to jvm.options, BOOTSTRAP (array)
#                                      # to bootstrap.properties next to the ports
#   start_server NAME                  # waits until the application started; sets SERVER_PID
#   stop_server NAME                   # and waits until the JVM is gone
#
# A server's name must not be a substring of another server's running on the machine, nor contain one: Liberty's
# scripts and the integration tests' container find servers by their command lines.

WLP=$ROOT/sample-war/target/liberty/wlp
TEMPLATE_SERVER=jwtauthLoadTemplate
JVM_OPTIONS=()
BOOTSTRAP=()

# Packages the extension and the WAR in one reactor build; the integration tests' 'create' step (their tests
# skipped) makes the template server, whose lib/ holds the Derby and PostgreSQL drivers.
build_sample() {
  (cd "$ROOT" && mvn -B -q -ntp -pl sample-war -am verify -DskipTests -Dit.server.name="$TEMPLATE_SERVER")
}

create_server() { # name, server.xml, war, server.env lines...
  local name=$1 xml=$2 war=$3; shift 3
  "$WLP/bin/server" stop "$name" >/dev/null 2>&1 || true
  rm -rf "$WLP/usr/servers/$name"
  "$WLP/bin/server" create "$name" >/dev/null
  local dir=$WLP/usr/servers/$name
  cp "$xml" "$dir/server.xml"
  cp "$ROOT"/liberty/datasource-*.xml "$dir/"
  cp -r "$WLP/usr/servers/$TEMPLATE_SERVER/lib" "$dir/"
  cp "$war" "$dir/apps/sample-war.war"
  printf 'http.port=%s\nhttps.port=%s\n' "$HTTP_PORT" "$HTTPS_PORT" > "$dir/bootstrap.properties"
  [ ${#BOOTSTRAP[@]} = 0 ] || printf '%s\n' "${BOOTSTRAP[@]}" >> "$dir/bootstrap.properties"
  [ ${#JVM_OPTIONS[@]} = 0 ] || printf '%s\n' "${JVM_OPTIONS[@]}" > "$dir/jvm.options"
  printf '%s\n' "$@" > "$dir/server.env"
}

start_server() { # name
  local dir=$WLP/usr/servers/$1 port
  for port in "$HTTP_PORT" "$HTTPS_PORT"; do
    if (exec 3<>"/dev/tcp/localhost/$port") 2>/dev/null; then
      echo "port $port is in use: stop whatever listens there first" >&2; exit 1
    fi
  done
  rm -f "$dir/logs/messages.log"
  "$WLP/bin/server" start "$1" >/dev/null
  for _ in $(seq 1 180); do
    grep -q "CWWKZ0001I" "$dir/logs/messages.log" 2>/dev/null && break
    sleep 1
  done
  grep -q "CWWKZ0001I" "$dir/logs/messages.log" || { echo "the application did not start (see $dir/logs)" >&2; exit 1; }
  SERVER_PID=$(pgrep -f "ws-server.jar $1( |\$)" | head -1)
}

stop_server() { # name
  "$WLP/bin/server" stop "$1" >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do
    kill -0 "$SERVER_PID" 2>/dev/null || return 0
    sleep 1
  done
  kill -9 "$SERVER_PID" 2>/dev/null || true
}

require_wrk() {
  command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y wrk >/dev/null; } \
    || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 1; }
}
