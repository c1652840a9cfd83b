#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster with pgvector for the tests: the third database driver beside PGlite in-process
# and `pg` over pglite-socket.
#
#   test/support/test-postgres.sh start [--durable]         install what is missing, start a cluster in a new folder
#                                                           under /tmp, print `export` lines to eval
#   test/support/test-postgres.sh stop-now DIR              stop it as a crash would (pg_ctl stop -m immediate)
#   test/support/test-postgres.sh resume DIR                start it again on the same port (after stop-now)
#   test/support/test-postgres.sh stop DIR                  stop it and remove DIR
#
# `start` prints, on stdout, lines for `eval`:
#   HUIYING_TEST_DATABASE_URL   the application role `huiying` in its database `huiying`
#   HUIYING_TEST_SUPERUSER_URL  the superuser `postgres` (for tests that must break what only a superuser can)
#   HUIYING_TEST_POSTGRES_DIR   the cluster's folder (for stop-now/resume/stop)
# and exits 3, with the reason on stderr, when it cannot (not root and PostgreSQL or pgvector missing, no ../shared):
# the server tests then skip with a visible message.
#
# Roles and privileges, as a deployment would have them (README, "Deployment on PostgreSQL"):
#   postgres  superuser; only it can run `CREATE EXTENSION vector` (pgvector is not a trusted extension), which it
#             does once in each database here.
#   huiying   LOGIN, not superuser, no CREATEROLE; owns the database `huiying`, so it can create its tables in
#             schema public (PostgreSQL 15 gives that schema to the database owner) and run the migrations. Here it
#             also has CREATEDB, only so that each test can make a database of its own from `huiying_template`
#             (which holds the extension); production needs no CREATEDB.
# Authentication: scram-sha-256 over TCP on 127.0.0.1, peer on the Unix socket in DIR (the postgres user only).
# Unless --durable, fsync and full_page_writes are off: faster tests, and still safe when the server is stopped with
# -m immediate (the written pages are in the operating system's cache; only its crash would lose them).
# synchronous_commit stays on: with it off, an immediate stop loses the last commits, as a crash would.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENDOR="$HERE/../../../shared/vendor/pgvector-0.8.1.tar.gz"

fail() {
  echo "test-postgres: $*" >&2
  exit 3
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

install_missing() {
  local packages=()
  [ -x "$PG_BIN/initdb" ] || packages+=(postgresql)
  if [ ! -f /usr/share/postgresql/15/extension/vector.control ] && [ ! -f /usr/include/postgresql/15/server/postgres.h ]; then
    packages+=(postgresql-server-dev-15)
  fi
  if [ ${#packages[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || fail "PostgreSQL 15 is not installed and this is not root: apt-get install ${packages[*]} first"
    # Another job may be installing at the same time: wait for the package lock instead of failing.
    apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${packages[@]}" >/dev/null
  fi
  if [ ! -f /usr/share/postgresql/15/extension/vector.control ]; then
    [ "$(id -u)" -eq 0 ] || fail "pgvector is not installed into PostgreSQL 15 and this is not root"
    [ -f "$VENDOR" ] || fail "pgvector is not installed and $VENDOR (its source) is absent"
    local build
    build="$(mktemp -d)"
    tar xzf "$VENDOR" -C "$build"
    make -s -C "$build/pgvector-0.8.1" PG_CONFIG="$PG_BIN/pg_config" >&2
    make -s -C "$build/pgvector-0.8.1" install PG_CONFIG="$PG_BIN/pg_config" >&2
    rm -rf "$build"
  fi
}

free_port() {
  node -e "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

start_server() {
  local dir="$1" port
  port="$(cat "$dir/port")"
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/cluster" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >&2
}

psql_as_superuser() {
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U postgres -d "$3" -c "$4" >&2
}

start() {
  local dir durable=""
  [ "${1:-}" = --durable ] && durable=1
  [ "$(id -u)" -eq 0 ] || [ "$(id -un)" = postgres ] || fail "the cluster runs as the postgres user: run as root (or as postgres)"
  install_missing
  # Under /tmp, so that the postgres user can reach it whoever runs this.
  dir="$(mktemp -d /tmp/huiying-postgres.XXXXXX)"
  chown postgres "$dir"
  chmod 700 "$dir"
  local superuser_password application_password port
  superuser_password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  application_password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  port="$(free_port)"
  echo "$port" >"$dir/port"
  echo "$superuser_password" >"$dir/superuser-password"
  chown postgres "$dir/port" "$dir/superuser-password"
  as_postgres "$PG_BIN/initdb" -D "$dir/cluster" -U postgres --pwfile="$dir/superuser-password" \
    --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  {
    echo "max_connections = 200"
    echo "shared_buffers = 256MB"
    if [ -z "$durable" ]; then
      echo "fsync = off"
      echo "full_page_writes = off"
    fi
  } | as_postgres tee -a "$dir/cluster/postgresql.conf" >/dev/null
  start_server "$dir"
  local socket="$dir"
  psql_as_superuser "$socket" "$port" postgres \
    "CREATE ROLE huiying LOGIN PASSWORD '$application_password' NOSUPERUSER NOCREATEROLE CREATEDB"
  psql_as_superuser "$socket" "$port" postgres "CREATE DATABASE huiying OWNER huiying"
  psql_as_superuser "$socket" "$port" postgres "CREATE DATABASE huiying_template OWNER huiying IS_TEMPLATE true"
  psql_as_superuser "$socket" "$port" huiying 'CREATE EXTENSION vector'
  psql_as_superuser "$socket" "$port" huiying_template 'CREATE EXTENSION vector'
  echo "export HUIYING_TEST_DATABASE_URL='postgres://huiying:$application_password@127.0.0.1:$port/huiying'"
  echo "export HUIYING_TEST_SUPERUSER_URL='postgres://postgres:$superuser_password@127.0.0.1:$port/huiying'"
  echo "export HUIYING_TEST_POSTGRES_DIR='$dir'"
}

command="${1:-}"
shift || true
case "$command" in
  start) start "$@" ;;
  stop-now) as_postgres "$PG_BIN/pg_ctl" -D "$1/cluster" -m immediate -w stop >&2 ;;
  resume) start_server "$1" ;;
  stop)
    [ -n "${1:-}" ] && [ -d "$1/cluster" ] || fail "stop: $1 holds no cluster"
    if [ -f "$1/cluster/postmaster.pid" ]; then as_postgres "$PG_BIN/pg_ctl" -D "$1/cluster" -m fast -w stop >&2 || true; fi
    rm -rf "$1"
    ;;
  *)
    echo "usage: $0 start [--durable] | stop-now DIR | resume DIR | stop DIR" >&2
    exit 2
    ;;
esac
