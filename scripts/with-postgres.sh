#!/usr/bin/env bash
# Runs a command with an ephemeral PostgreSQL server (toolchain.md §2 recipe B): its own data
# directory, 127.0.0.1 on a free port, trust auth, stopped by a trap whatever happens.
# The command sees VANTHU_TEST_PG (a libpq connection string for the database "vanthu_test").
# Without a PostgreSQL installation the command runs without VANTHU_TEST_PG — unless CI=true,
# where that is an error (the store suite must run on both back ends in CI).
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "with-postgres: PostgreSQL is not installed (CI=true: failing, not skipping)" >&2
    exit 1
  fi
  echo "with-postgres: PostgreSQL not installed; PostgreSQL tests will be skipped" >&2
  exec "$@"
fi
PGDATA=$(mktemp -d -t vanthu-pg.XXXXXX)
PGPORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGDATA"
  AS_PG=(su postgres -s /bin/sh -c)
else
  AS_PG=(sh -c)
fi
stop() {
  "${AS_PG[@]}" "$PGBIN/pg_ctl -D $PGDATA -m immediate -w stop" >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap stop EXIT
"${AS_PG[@]}" "$PGBIN/initdb -D $PGDATA -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync" >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w -t 30 -o \"-p $PGPORT -k $PGDATA \
  -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qc \
  "CREATE DATABASE vanthu_test TEMPLATE template0 ENCODING 'UTF8'"
export VANTHU_TEST_PG="host=127.0.0.1 port=$PGPORT user=postgres dbname=vanthu_test"
echo "with-postgres: PostgreSQL on 127.0.0.1:$PGPORT" >&2
"$@"
