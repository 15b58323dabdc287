#!/usr/bin/env bash
# Starts the private PostgreSQL cluster the PostgreSQL store tests (and docs/cluster.md's local walkthrough) use:
# 127.0.0.1:${ASIARCH_PG_PORT:-55432}, data under ${ASIARCH_PG_DIR:-/var/tmp/asiarch-pg}, role "asiarch" (password
# "asiarch", may create databases) owning database "asiarch". Idempotent and quick when the cluster already runs.
#   scripts/setup/postgres.sh            install the Debian package when missing (root), init, start
#   scripts/setup/postgres.sh --no-install   never call apt-get (the test fixture uses this)
set -euo pipefail

port="${ASIARCH_PG_PORT:-55432}"
base="${ASIARCH_PG_DIR:-/var/tmp/asiarch-pg}"
data="$base/data"
sock="$base/run"
install=1
[[ "${1:-}" == "--no-install" ]] && install=0

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin="$(find_bin)"
if [[ -z "$bin" || ! -x "$bin/pg_ctl" ]]; then
  if [[ $install -eq 1 && $(id -u) -eq 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # The package starts its own cluster on 5432; the tests use the private one below, so stop the packaged one.
    command -v pg_ctlcluster >/dev/null 2>&1 && for c in $(ls /etc/postgresql 2>/dev/null); do
      pg_ctlcluster "$c" main stop 2>/dev/null || true; done
    bin="$(find_bin)"
  else
    echo "postgres: PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)." >&2
    exit 3
  fi
fi

# The server refuses to run as root: run it as the postgres system user when we are root.
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

mkdir -p "$base" "$sock"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$base" "$sock"

if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
if [[ ! -s "$data/PG_VERSION" ]]; then
  as_pg mkdir -p "$data"
  as_pg "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 300
shared_buffers = 64MB
CONF
fi

# -w waits until the server accepts connections; a stale pid file from a killed server is handled by pg_ctl.
as_pg "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 start >/dev/null || {
  echo "postgres: the server did not start; see $base/server.log:" >&2; tail -n 20 "$base/server.log" >&2; exit 1; }
fi

psql_admin() { as_pg "$bin/psql" -h "$sock" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'asiarch'")" != "1" ]]; then
  psql_admin -c "CREATE ROLE asiarch LOGIN CREATEDB PASSWORD 'asiarch'"
  # DROP DATABASE ... WITH (FORCE) of a test database must be able to end an autovacuum worker in it.
  psql_admin -c "GRANT pg_signal_backend TO asiarch"
fi
if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'asiarch'")" != "1" ]]; then
  psql_admin -c "CREATE DATABASE asiarch OWNER asiarch"
fi
