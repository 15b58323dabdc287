#!/usr/bin/env bash
# Installs what the build and the quickstart need on a fresh Debian 12 machine with the .NET 10 SDK; with --services
# also the servers the scale-out tests run against (a single-node Slurm cluster, PostgreSQL on 127.0.0.1).
# Idempotent: installs and starts only what is missing.
set -euo pipefail
services=false
[[ ${1:-} == --services ]] && services=true

need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v chromium >/dev/null 2>&1 || need+=(chromium)

if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: missing ${need[*]}; install them with apt-get (root needed)." >&2
  fi
fi

if $services; then
  bash "$(dirname "$0")/setup/slurm.sh" || echo "setup: the single-node Slurm cluster did not start; the AsiArch.Sdk.Slurm tests will fail." >&2
  bash "$(dirname "$0")/setup/postgres.sh" || echo "setup: PostgreSQL could not be set up; the PostgreSQL store tests will fail." >&2   # private server on 127.0.0.1:55432
fi

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)." >&2; exit 1; }
dotnet restore AsiArch.Sdk.sln --verbosity quiet
