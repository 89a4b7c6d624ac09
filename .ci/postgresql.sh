# A throwaway PostgreSQL cluster of Debian's packages on loopback, with the role and database jwtauth (password
# jwtauth) that liberty/datasource-postgresql.xml expects. Sourced by .ci/run and by sample-war/load/*.sh:
#
#   source .ci/postgresql.sh
#   pg_cluster_start DIR PORT [postgres option...]   # e.g. -c fsync=off; DIR is emptied first, a killed run's cluster stopped
#   pg_psql DIR PORT -c 'SELECT 1'                   # psql as the superuser postgres, over the socket in DIR
#   pg_cluster_stop DIR                              # stops it (immediate) and deletes DIR
#
# Installs PostgreSQL (apt-get install postgresql) when missing and running as root. initdb refuses to run as
# root: the cluster then belongs to Debian's 'postgres' user, else to whoever runs this.

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

pg_as_owner() { (cd / && if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi); }

pg_require() {
    PG_BIN=$(pg_bindir)
    if [[ -z $PG_BIN || ! -x $PG_BIN/initdb ]]; then
        if [[ $(id -u) -ne 0 ]]; then
            echo "PostgreSQL is not installed (/usr/lib/postgresql/*/bin): apt-get install postgresql, as root" >&2
            return 1
        fi
        echo "Installing PostgreSQL from Debian's packages"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
        PG_BIN=$(pg_bindir)
    fi
}

pg_cluster_stop() { # dir
    local dir=$1
    if [[ -f $dir/data/postmaster.pid ]]; then
        pg_as_owner "${PG_BIN:-$(pg_bindir)}/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

pg_cluster_start() { # dir, port, postgres options...
    local dir=$1 port=$2
    shift 2
    pg_require || return 1
    pg_cluster_stop "$dir"
    mkdir -p "$dir"
    [[ $(id -u) -ne 0 ]] || chown postgres: "$dir"
    # peer-less local superuser over the socket (in $dir only); TCP with a password (scram-sha-256), as in production
    pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --no-locale -E UTF8 >/dev/null
    pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=localhost $*" start >/dev/null
    pg_psql "$dir" "$port" -q -c "CREATE ROLE jwtauth LOGIN PASSWORD 'jwtauth'" -c "CREATE DATABASE jwtauth OWNER jwtauth"
    echo "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on localhost:$port, database/user/password jwtauth"
}

pg_psql() { # dir, port, psql arguments...
    local dir=$1 port=$2
    shift 2
    pg_as_owner "$PG_BIN/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}
