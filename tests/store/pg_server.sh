# tests/store/pg_server.sh — a throwaway PostgreSQL server for the tests and
# the benchmark, sourced by tests/cli/store_pg.sh and bench/ingest.sh.
#
#   pg_start DIR [SERVER OPTIONS...]   initdb + pg_ctl start in DIR (a new
#                                      empty directory); sets PG_URI (no
#                                      database name) and PG_PORT; on
#                                      failure returns 1 with PG_SKIP saying why
#   pg_createdb NAME                   a new database; prints its URI
#   pg_stop                            stops the server (immediate mode: no
#                                      checkpoint, as a crash of the server)
#   pg_restart                         starts it again (crash recovery)
#
# It uses Debian's server binaries (/usr/lib/postgresql/N/bin, the newest
# N). The server listens on 127.0.0.1 on a free port and on a unix socket
# in DIR, with trust authentication for the user "vigil", so it serves
# only this machine and vanishes with DIR. initdb refuses to run as root,
# so as root (CI) the server runs as the "postgres" user the Debian
# package creates (or "nobody"), and DIR is handed to that user.
pg_start() {
    PG_DIR=$1
    shift
    PG_SKIP=""
    PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
        PG_SKIP="no PostgreSQL server binaries (/usr/lib/postgresql/*/bin; Debian package postgresql)"
        return 1
    fi
    PG_AS=""
    if [ "$(id -u)" -eq 0 ]; then
        u=postgres
        id -u $u >/dev/null 2>&1 || u=nobody
        if command -v runuser >/dev/null 2>&1; then
            PG_AS="runuser -u $u --"
        else
            PG_SKIP="running as root without runuser: cannot start a server as another user"
            return 1
        fi
        chown -R "$u" "$PG_DIR"
    fi
    PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if ! (cd "$PG_DIR" && $PG_AS "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U vigil -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1); then
        PG_SKIP="initdb failed: $(tail -n 1 "$PG_DIR/initdb.log")"
        return 1
    fi
    PG_OPTS="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR $*"
    if ! pg_restart; then
        PG_SKIP="the server did not start: $(tail -n 1 "$PG_DIR/server.log" 2>/dev/null)"
        return 1
    fi
    PG_URI="postgresql://vigil@127.0.0.1:$PG_PORT"
    return 0
}

pg_createdb() {
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U vigil "$1" && echo "$PG_URI/$1"
}

pg_stop() {
    [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ] &&
        (cd "$PG_DIR" && $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1)
    return 0
}

pg_restart() {
    (cd "$PG_DIR" && $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
        -t 60 -o "$PG_OPTS" start >"$PG_DIR/pg_ctl.log" 2>&1)
}
