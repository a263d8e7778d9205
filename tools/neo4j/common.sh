# Sourced by up.sh and down.sh: where the server's files are, and how to find its pid.
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
