#!/usr/bin/env bash
# Stop the govkg dev/CI Neo4j server started by up.sh (SIGTERM -> clean shutdown).
# No-op if it is not running. Env: NEO4J_STOP_TIMEOUT (seconds before SIGKILL, default 60).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"

if ! pid="$(neo4j_pid)"; then
    echo "neo4j-down: not running" >&2
    exit 0
fi

echo "neo4j-down: stopping pid $pid" >&2
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + STOP_TIMEOUT))
while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "neo4j-down: still running after ${STOP_TIMEOUT}s, sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
        break
    fi
    sleep 0.5
done
rm -f "$NEO4J_PID_FILE"
echo "neo4j-down: stopped" >&2
