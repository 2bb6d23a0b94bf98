# Shared helpers for the bench/*.sh scripts (source it). Everything listens on and talks to 127.0.0.1 only.
# Every process started here is recorded by PID and stopped by PID on exit; nothing is killed by name.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
CLK_TCK="$(getconf CLK_TCK)"
STARTED_PIDS=()

# A private scratch directory: XDG dirs and HOME for the daemon, a copy of the jar (so a concurrent rebuild of
# bootstrap/target cannot change the binary under a running benchmark), logs.
bench_workdir() {
  WORK="$(mktemp -d /tmp/localhome-bench.XXXXXX)"
  mkdir -p "$WORK/data" "$WORK/config" "$WORK/home"
  local jar="${LOCALHOME_JAR:-$REPO_DIR/bootstrap/target/localhome.jar}"
  [[ -f "$jar" ]] || { echo "no $jar: build it first (see BENCHMARKS.md)" >&2; exit 1; }
  cp "$jar" "$WORK/localhome.jar"
  export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" HOME="$WORK/home"
  unset MKCERT_CA_ROOT PORT BIND_HOST
}

stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$WORK"
}

# wait_listening FILE PID -> echoes the port from the first LISTENING:<port> line, within LISTEN_SECS (10) seconds
# (more on a loaded machine, or for an archive's first JDK 17 start, which dumps its class-data archive first)
wait_listening() {
  local file="$1" pid="$2"
  for _ in $(seq $(( ${LISTEN_SECS:-10} * 20 ))); do
    if grep -q '^LISTENING:' "$file" 2>/dev/null; then sed -n 's/^LISTENING://p' "$file" | head -1; return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "process $pid died; see $file" >&2; return 1; }
    sleep 0.05
  done
  echo "timed out waiting for LISTENING in $file" >&2; return 1
}

start_backend() {
  (cd "$WORK" && NAME=bench exec node "$BENCH_DIR/backend.js" 0 >"$WORK/backend.out" 2>"$WORK/backend.err") &
  BACKEND_PID=$!
  STARTED_PIDS+=("$BACKEND_PID")
  BACKEND_PORT="$(wait_listening "$WORK/backend.out" "$BACKEND_PID")"
}

ca_init() {
  (cd "$WORK" && java -jar "$WORK/localhome.jar" ca init >"$WORK/ca-init.out" 2>&1)
  CA_PEM="$XDG_DATA_HOME/localhome/rootCA.pem"
  [[ -f "$CA_PEM" ]] || { echo "ca init failed: $(cat "$WORK/ca-init.out")" >&2; exit 1; }
}

# The daemon's JVM flags, the file ./localhome and 'localhome install' use too. PLAIN_JVM=1: the JVM's defaults instead
# (no flags, no class-data archive), as before they existed.
JVM_OPTIONS="$REPO_DIR/bootstrap/src/main/resources/dev/localhome/bootstrap/cli/service/jvm.options"
# The java that runs the daemon (its class-data archive is recorded with the same one): LOCALHOME_JAVA=
# /usr/lib/jvm/temurin-25-jdk-amd64/bin/java measures the runtime the distribution ships. Default: java on PATH.
DAEMON_JAVA="${LOCALHOME_JAVA:-java}"

# jdk_options -> @jvm-25.options when the daemon's java is JDK 25 or later (read from its release file), as ./localhome does
jdk_options() {
  local release feature
  release="$(dirname "$(dirname "$(readlink -f "$(command -v "$DAEMON_JAVA")")")")/release"
  feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null || true)"
  (( ${feature:-0} >= 25 )) && echo "@${JVM_OPTIONS%/*}/jvm-25.options"
  return 0
}

# daemon_jvm_args -> the flags start_daemon gives java: jvm.options and, as ./localhome does, a class-data archive
# of a start (recorded on first use for the copied jar: an archive is only valid for the jar it was recorded with)
daemon_jvm_args() {
  [[ -n "${PLAIN_JVM:-}" ]] && return 0
  if [[ ! -f "$WORK/localhome.jsa" ]]; then
    # shellcheck disable=SC2046
    (cd "$WORK" && "$DAEMON_JAVA" @"$JVM_OPTIONS" $(jdk_options) -XX:ArchiveClassesAtExit="$WORK/localhome.jsa" -jar "$WORK/localhome.jar" \
        --port 0 --stop-when-listening >"$WORK/cds.out" 2>&1) || echo "no class-data archive: see $WORK/cds.out" >&2
  fi
  echo "@$JVM_OPTIONS"
  jdk_options
  [[ -f "$WORK/localhome.jsa" ]] && echo "-XX:SharedArchiveFile=$WORK/localhome.jsa"
  return 0
}

# start_daemon [extra daemon args...]; more JVM flags (after jvm.options, so they win) may be given in DAEMON_JAVA_OPTS.
# LOCALHOME_DIST=<unpacked archive>: its bin/localhome instead (its own runtime, lib/jvm.options and start-up archive;
# DAEMON_JAVA_OPTS then go through JDK_JAVA_OPTIONS). The PID is java's either way: the launcher execs it.
start_daemon() {
  if [[ -n "${LOCALHOME_DIST:-}" ]]; then
    (cd "$WORK" && { [[ -z "${DAEMON_JAVA_OPTS:-}" ]] || export JDK_JAVA_OPTIONS="$DAEMON_JAVA_OPTS"; } &&
      exec "$LOCALHOME_DIST/bin/localhome" --port 0 "$@" >"$WORK/daemon.out" 2>"$WORK/daemon.err") &
    DAEMON_PID=$!
    STARTED_PIDS+=("$DAEMON_PID")
    DAEMON_PORT="$(wait_listening "$WORK/daemon.out" "$DAEMON_PID")"
    return 0
  fi
  local jvm_args; jvm_args="$(daemon_jvm_args)"
  # shellcheck disable=SC2086
  (cd "$WORK" && exec "$DAEMON_JAVA" $jvm_args ${DAEMON_JAVA_OPTS:-} -jar "$WORK/localhome.jar" --port 0 "$@" >"$WORK/daemon.out" 2>"$WORK/daemon.err") &
  DAEMON_PID=$!
  STARTED_PIDS+=("$DAEMON_PID")
  DAEMON_PORT="$(wait_listening "$WORK/daemon.out" "$DAEMON_PID")"
}

# cpu_ticks PID -> utime+stime in clock ticks (fields 14 and 15 of /proc/PID/stat; the comm field may hold spaces)
cpu_ticks() {
  local stat; stat="$(cat "/proc/$1/stat")"
  stat="${stat##*) }"            # drop "pid (comm) "; what is left starts at field 3
  # shellcheck disable=SC2086
  set -- $stat
  echo $(( ${12} + ${13} ))      # fields 14 and 15 are the 12th and 13th after the comm
}

vm_kib() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }   # vm_kib PID VmHWM|VmRSS
