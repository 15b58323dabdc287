#!/usr/bin/env bash
# The test command: set-up, build, every test project in turn (torch tests never overlap), then one summary line
# "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --services
dotnet build AsiArch.Sdk.sln -c Release --no-restore --verbosity quiet

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --no-restore \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [[ -f $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
if ((failed > 0)); then status=1; fi
exit $status
