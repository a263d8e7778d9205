#!/usr/bin/env bash
# Stop the govkg dev/CI Neo4j server started by up.sh (SIGTERM -> clean shutdown).
# No-op if it is not running. Env: NEO4J_STOP_TIMEOUT (seconds before SIGKILL, default 60).
set -euo pipefail
# --- shared with up.sh (keep in sync) ---
NEO4J_TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NEO4J_JAR="$NEO4J_TOOL_DIR/target/govkg-neo4j.jar"
NEO4J_PID_FILE="${NEO4J_PID_FILE:-$NEO4J_TOOL_DIR/neo4j.pid}"
NEO4J_LOG_FILE="${NEO4J_LOG_FILE:-$NEO4J_TOOL_DIR/neo4j.log}"
NEO4J_BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
NEO4J_HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
NEO4J_READY_MARKER="GOVKG-NEO4J-READY"
JAVA="${JAVA:-java}"

# PID of our running server, or nothing (and a stale pid file is removed).
neo4j_pid() {
    [ -f "$NEO4J_PID_FILE" ] || return 1
    local pid
    pid="$(tr -dc '0-9' <"$NEO4J_PID_FILE")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'govkg-neo4j\.jar'; then
        echo "$pid"
        return 0
    fi
    rm -f "$NEO4J_PID_FILE"
    return 1
}
# --- end shared ---

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
