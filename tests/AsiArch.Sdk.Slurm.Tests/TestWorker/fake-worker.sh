#!/bin/bash
# A stand-in for AsiArch.Sdk.Worker that speaks its protocol without torch: `fake-worker.sh MODE [SECONDS] job.json`.
# MODE ok: sleep SECONDS, then print progress and a result whose losses derive from the candidate bytes' hash;
# hang: never finish; requeue: hang on the first attempt of the task, succeed on a later one; crash: exit 3.
set -u
mode=$1
seconds=${2:-0}
dir=$(dirname "${@: -1}")
cd "$dir" || exit 2
start=$(date +%s%3N)
result() {
  local h u loss acc end attempts
  h=$(sha256sum candidate.dll | cut -c1-6)
  u=$(( 16#$h % 1000 ))
  loss=$(printf '2.%03d' "$u")
  acc=$(printf '0.%03d' "$u")
  end=$(date +%s%3N)
  attempts=$(wc -l < attempts)
  echo "@@asiarch {\"type\":\"progress\",\"progress\":{\"stage\":\"train\",\"task\":\"mqar\",\"step\":1,\"totalSteps\":2,\"loss\":$loss}}"
  echo "@@asiarch {\"type\":\"result\",\"training\":{\"tasks\":[{\"task\":\"mqar\",\"validationLoss\":$loss,\"metrics\":{\"accuracy\":$acc},\"steps\":2,\"tokensPerSecond\":1000},{\"task\":\"lm\",\"validationLoss\":$loss,\"metrics\":{},\"steps\":2,\"tokensPerSecond\":1000}],\"parameters\":1234,\"profileName\":\"Smoke\",\"device\":\"cpu\",\"sandbox\":\"ProcessOnly\",\"duration\":\"00:00:01\",\"additionalProperties\":{\"fakeStartMs\":$start,\"fakeEndMs\":$end,\"fakeAttempt\":$attempts,\"fakeSecretSeen\":\"${ASIARCH_TEST_API_KEY:+yes}\"}}}"
}
case "$mode" in
  ok) sleep "$seconds"; result ;;
  hang) exec sleep 3600 ;;
  requeue)
    if [ "$(wc -l < attempts)" -lt 2 ]; then exec sleep 3600; fi
    result ;;
  crash) echo "fake worker: simulated crash" >&2; exit 3 ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
