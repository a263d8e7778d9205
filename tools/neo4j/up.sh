#!/usr/bin/env bash
# Start the govkg dev/CI Neo4j server in the background and wait until Bolt answers.
#   up.sh           build if needed, start (no-op if already running), wait for readiness
#   up.sh --build   only (re)build target/govkg-neo4j.jar + target/lib
#   up.sh --status  print whether it is running
# Env: NEO4J_PASSWORD NEO4J_BOLT_PORT NEO4J_HTTP_PORT NEO4J_DATA_DIR NEO4J_PAGECACHE
#      NEO4J_JAVA_OPTS NEO4J_START_TIMEOUT (see README.md)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

START_TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
# ParallelGC and a fixed 2 GB heap: in a 100x load G1 took 1.7 of the server's 5.5 s of CPU (young
# collections and concurrent marking of each batch's transaction state), ParallelGC about 0.6 of 4
JAVA_OPTS="${NEO4J_JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"
DATA_DIR="${NEO4J_DATA_DIR:-$NEO4J_TOOL_DIR/data}"
case "$DATA_DIR" in /*) ;; *) DATA_DIR="$PWD/$DATA_DIR" ;; esac

abs_dir() { (cd "$1" 2>/dev/null && pwd -P) || echo "$1"; }
log() { echo "neo4j-up: $*" >&2; }
die() {
    log "ERROR: $*"
    if [ -n "${SHOW_LOG:-}" ] && [ -f "$NEO4J_LOG_FILE" ]; then
        echo "----- last 40 lines of $NEO4J_LOG_FILE -----" >&2
        tail -n 40 "$NEO4J_LOG_FILE" >&2
        echo "--------------------------------------------" >&2
    fi
    exit 1
}

check_java() {
    command -v "$JAVA" >/dev/null 2>&1 || die "'$JAVA' not found; Neo4j 5.26 needs Java 17 or 21"
    local v
    v="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
    [ -n "$v" ] && [ "$v" -ge 17 ] || die "Java 17+ required, '$JAVA' is version '${v:-unknown}'"
}

build() {
    command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to build $NEO4J_JAR)"
    log "building $NEO4J_JAR (mvn package; first run downloads ~140 MB of jars into ~/.m2)"
    # no version ranges / snapshots: with a warm ~/.m2 this needs no network
    # (sed strips the stray ANSI reset codes Maven 3.8 prints even in batch/quiet mode)
    mvn -B -q -Dstyle.color=never -f "$NEO4J_TOOL_DIR/pom.xml" package 2>&1 | sed 's/\x1b\[[0-9;]*m//g' \
        || die "mvn package failed"
}

needs_build() {
    [ -f "$NEO4J_JAR" ] && [ -d "$NEO4J_TOOL_DIR/target/lib" ] || return 0
    [ -n "$(find "$NEO4J_TOOL_DIR/pom.xml" "$NEO4J_TOOL_DIR/src" -newer "$NEO4J_JAR" -type f 2>/dev/null | head -n1)" ]
}

# Real Bolt handshake (magic + version negotiation) with python3 if present, else a TCP connect.
bolt_answers() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$NEO4J_BOLT_PORT" <<'PY' 2>/dev/null
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
# propose Bolt 5.0-5.4, 4.4, 4.3, 3.0
s.sendall(b"\x60\x60\xb0\x17" + bytes([0, 4, 4, 5, 0, 0, 4, 4, 0, 0, 3, 4, 0, 0, 0, 3]))
r = b""
while len(r) < 4:
    chunk = s.recv(4 - len(r))
    if not chunk:
        break
    r += chunk
sys.exit(0 if len(r) == 4 and r != b"\0\0\0\0" else 1)
PY
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$NEO4J_BOLT_PORT") 2>/dev/null
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_ready() {
    local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$NEO4J_PID_FILE"
            die "Neo4j (pid $pid) exited during startup"
        fi
        if grep -q "$NEO4J_READY_MARKER" "$NEO4J_LOG_FILE" 2>/dev/null && bolt_answers; then
            return 0
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            die "Neo4j (pid $pid) not ready on bolt://127.0.0.1:$NEO4J_BOLT_PORT after ${START_TIMEOUT}s (still running; 'make neo4j-down' to stop it)"
        fi
        sleep 1
    done
}

if [ "${1:-}" = "--status" ]; then
    if pid="$(neo4j_pid)"; then
        echo "neo4j: running (pid $pid) bolt://127.0.0.1:$NEO4J_BOLT_PORT, log $NEO4J_LOG_FILE"
    else
        echo "neo4j: not running"
    fi
    exit 0
fi

if [ "${1:-}" = "--build" ]; then
    check_java
    build
    exit 0
fi

if pid="$(neo4j_pid)"; then
    SHOW_LOG=1
    # refuse to "reuse" a server that runs with other ports / data directory than asked for
    want="home=$(abs_dir "$DATA_DIR"), bolt=127.0.0.1:$NEO4J_BOLT_PORT,"
    have="$(sed -n 's/^govkg-neo4j: starting Neo4j (\(home=[^,]*, bolt=[^,]*,\).*/\1/p' "$NEO4J_LOG_FILE" 2>/dev/null | head -n1)"
    if [ -n "$have" ] && [ "$have" != "$want" ]; then
        log "ERROR: already running (pid $pid) with other settings: $have"
        log "       requested: $want -- run 'make neo4j-down' first"
        exit 1
    fi
    wait_ready "$pid"
    log "already running (pid $pid) on bolt://127.0.0.1:$NEO4J_BOLT_PORT"
    exit 0
fi

check_java
if needs_build; then build; fi

if port_in_use "$NEO4J_BOLT_PORT"; then
    die "port $NEO4J_BOLT_PORT is already in use by another process (not started by this tool); set NEO4J_BOLT_PORT"
fi
case "$NEO4J_HTTP_PORT" in 0|off|false|none) ;; *)
    if port_in_use "$NEO4J_HTTP_PORT"; then
        die "port $NEO4J_HTTP_PORT is already in use; set NEO4J_HTTP_PORT (or NEO4J_HTTP_PORT=off)"
    fi ;;
esac

mkdir -p "$DATA_DIR" "$(dirname "$NEO4J_LOG_FILE")" "$(dirname "$NEO4J_PID_FILE")"
DATA_DIR="$(abs_dir "$DATA_DIR")"
[ -f "$NEO4J_LOG_FILE" ] && mv -f "$NEO4J_LOG_FILE" "$NEO4J_LOG_FILE.1"

# Started by root (CI, containers), the server drops to an unprivileged system user, so a query that
# slips past every guard still reads only what that user may read. NEO4J_RUN_AS=root keeps root.
RUN_AS="${NEO4J_RUN_AS:-govkg-neo4j}"
as_user=()
if [ "$(id -u)" = 0 ] && [ "$RUN_AS" != root ]; then
    if ! id -u "$RUN_AS" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_AS" \
            || die "cannot create the system user $RUN_AS to run Neo4j as (set NEO4J_RUN_AS=root to run as root)"
    fi
    as_user=(setpriv --reuid="$RUN_AS" --regid="$RUN_AS" --clear-groups --no-new-privs --)
    chown -R "$RUN_AS:" "$DATA_DIR"
    if ! "${as_user[@]}" test -r "$NEO4J_JAR" -a -w "$DATA_DIR" -a -r "$NEO4J_TOOL_DIR/target/lib"; then
        die "user $RUN_AS cannot reach $NEO4J_JAR or $DATA_DIR (a parent directory is closed to other users); open it (chmod o+x) or set NEO4J_RUN_AS=root"
    fi
    log "running as user $RUN_AS, not root"
fi

started=$SECONDS
SHOW_LOG=1
# shellcheck disable=SC2086  # JAVA_OPTS is a word list
NEO4J_DATA_DIR="$DATA_DIR" NEO4J_BOLT_PORT="$NEO4J_BOLT_PORT" NEO4J_HTTP_PORT="$NEO4J_HTTP_PORT" \
    nohup "${as_user[@]}" "$JAVA" $JAVA_OPTS -jar "$NEO4J_JAR" >"$NEO4J_LOG_FILE" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$NEO4J_PID_FILE"
log "started pid $pid (data: $DATA_DIR, log: $NEO4J_LOG_FILE); waiting for Bolt..."
wait_ready "$pid"
http="disabled"
case "$NEO4J_HTTP_PORT" in 0|off|false|none) ;; *) http="http://127.0.0.1:$NEO4J_HTTP_PORT/browser/" ;; esac
log "ready in $((SECONDS - started))s: bolt://127.0.0.1:$NEO4J_BOLT_PORT (user neo4j), browser: $http"
