#!/usr/bin/env bash
# The main job: an offline discovery run (no API key) on the Explore profile with SQLite in ./runs/quickstart.
# Extra arguments go to the sample, e.g. --experiments 4 --profile Smoke.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet run -c Release --project samples/Quickstart -- "$@"
