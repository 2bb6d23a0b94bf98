#!/usr/bin/env bash
# The daemon's memory as a user sees it: idle after a start, after a soak of light use, and at its peak under a load
# matrix; with NMT=1, the JVM's own breakdown of each (Native Memory Tracking) beside the kernel's (smaps_rollup).
#
#   bench/run footprint [soak-minutes=30] [load-seconds=10] [phases=idle,peak,soak]
#
# idle  IDLE_STARTS (3) starts; VmRSS (anonymous + file-backed: the mapped start-up archive and libjvm count) and the
#       thread count IDLE_SECS (5) after LISTENING; medians.
# peak  a fresh daemon under the load matrix, each step load-seconds, one after the other (bench/loadgen): reverse
#       keep-alive C=10 and C=100, reverse with a new connection per request C=10, MITM h1 C=10 and C=100 (20 requests
#       per tunnel), MITM h2 (1 tunnel x 100 streams), new tunnels C=100 (a full handshake each), CONNECT :80 C=10;
#       VmHWM after each step, then VmRSS once the daemon has been quiet for QUIET_WAIT (75) s (its quiet
#       collection comes 20-40 s after the last request, the C heap's trim within 30 s after that).
# soak  a fresh daemon, soak-minutes of light use: every TICK (3) s one request on each path (reverse by Host, CONNECT
#       :80, MITM h1 and h2 through the proxy, the dashboard page), a dashboard tab's event stream open all along
#       (/api/requests/stream); VmRSS, VmHWM, threads and CPU each minute; then VmRSS after QUIET_WAIT s of quiet.
#
# LOCALHOME_DIST=<unpacked archive> measures bin/localhome of a distribution (lib.sh), else the jar with jvm.options
# on `java`. NMT=1: -XX:NativeMemoryTracking=summary, `jcmd VM.native_memory summary` at the end of each phase
# (JCMD=... of the daemon's JDK; found from the archive's runtime/release). Everything on 127.0.0.1, every process by
# PID. Needs: node, java, curl, python3, bench/loadgen/target/localhome-loadgen.jar. Tables to stdout and to
# bench/results/footprint-<timestamp>.md; raw samples beside it (.tsv), NMT summaries in .nmt.txt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SOAK_MIN="${1:-30}"
SECS="${2:-10}"
PHASES="${3:-idle,peak,soak}"
IDLE_STARTS="${IDLE_STARTS:-3}"
IDLE_SECS="${IDLE_SECS:-5}"
TICK="${TICK:-3}"
QUIET_WAIT="${QUIET_WAIT:-75}"
LOADGEN_JAR="${LOADGEN_JAR:-$BENCH_DIR/loadgen/target/localhome-loadgen.jar}"
[[ -f "$LOADGEN_JAR" ]] || { echo "no $LOADGEN_JAR: build bench/loadgen first" >&2; exit 1; }

bench_workdir
trap stop_started EXIT
cp "$LOADGEN_JAR" "$WORK/loadgen.jar"
ca_init
start_backend
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BENCH_DIR/results"
OUT="$BENCH_DIR/results/footprint-$STAMP"
: >"$OUT.tsv"
[[ -n "${NMT:-}" ]] && DAEMON_JAVA_OPTS="${DAEMON_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
if [[ -n "${NMT:-}" && -z "${JCMD:-}" ]]; then
  release="${LOCALHOME_DIST:+$LOCALHOME_DIST/runtime/release}"
  release="${release:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/release}"
  case "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")" in
    25) JCMD=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd ;;
    *) JCMD=/usr/lib/jvm/java-17-openjdk-amd64/bin/jcmd ;;
  esac
fi
WHAT="${LOCALHOME_DIST:-jar on $(java -version 2>&1 | head -1)}"
echo "footprint of $WHAT; phases $PHASES; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
threads() { ls "/proc/$1/task" | wc -l; }
# sample PHASE LABEL: one raw row (KiB) of the daemon now
sample() {
  local pid="$DAEMON_PID"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(vm_kib "$pid" VmRSS)" "$(vm_kib "$pid" RssAnon)" \
    "$(vm_kib "$pid" RssFile)" "$(vm_kib "$pid" VmHWM)" "$(threads "$pid")" "$(cpu_ticks "$pid")" \
    "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT.tsv" >&2
}
nmt() { # nmt PHASE: the JVM's own summary, appended to .nmt.txt
  [[ -n "${NMT:-}" ]] || return 0
  { echo "== $1 ($WHAT)"; "$JCMD" "$DAEMON_PID" VM.native_memory summary; } >>"$OUT.nmt.txt" 2>&1 || true
}
stop_daemon() {
  kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null || true
}
loadgen() { # loadgen MODE ARGS...: one step of the matrix, its JSON line to the log
  java -jar "$WORK/loadgen.jar" --server "127.0.0.1:$DAEMON_PORT" --ca "$CA_PEM" --name bench --warmup 1s \
    --duration "${SECS}s" "$@" >>"$OUT.log" 2>&1 || echo "loadgen $* failed: see $OUT.log" >&2
}

# --- idle after a start ------------------------------------------------------------------------------------------
if [[ ",$PHASES," == *,idle,* ]]; then
  for i in $(seq "$IDLE_STARTS"); do
    start_daemon
    sleep "$IDLE_SECS"
    sample idle "start $i"
    [[ $i == 1 ]] && nmt "idle ${IDLE_SECS} s after start"
    stop_daemon
  done
fi

# --- peak under the load matrix ----------------------------------------------------------------------------------
if [[ ",$PHASES," == *,peak,* ]]; then
  start_daemon
  sleep "$IDLE_SECS"
  sample peak "before"
  loadgen --mode reverse --concurrency 10 --label reverse-c10;             sample peak "reverse keep-alive c=10"
  loadgen --mode reverse --concurrency 100 --label reverse-c100;           sample peak "reverse keep-alive c=100"
  loadgen --mode reverse --concurrency 10 --requests-per-connection 1 --label reverse-new; sample peak "reverse new connection c=10"
  loadgen --mode connect80 --concurrency 10 --label connect80;             sample peak "CONNECT :80 c=10"
  loadgen --mode mitm --concurrency 10 --requests-per-connection 20 --label mitm-c10;   sample peak "MITM h1 c=10 (20/tunnel)"
  loadgen --mode mitm --concurrency 100 --requests-per-connection 20 --label mitm-c100; sample peak "MITM h1 c=100 (20/tunnel)"
  loadgen --mode mitm-h2 --concurrency 1 --streams 100 --label h2;         sample peak "MITM h2 1x100 streams"
  loadgen --mode mitm --concurrency 100 --requests-per-connection 1 --label newtunnel; sample peak "new tunnels c=100"
  nmt "peak, right after the matrix"
  sleep "$QUIET_WAIT"
  sample peak "quiet ${QUIET_WAIT} s after"
  nmt "peak, quiet ${QUIET_WAIT} s after"
  stop_daemon
fi

# --- a soak of light use -----------------------------------------------------------------------------------------
light() { # one request on each path; each curl a new connection, as a browser's first visit
  local p="$DAEMON_PORT" c=(curl -s -o /dev/null --max-time 5)
  "${c[@]}" -H "Host: bench.localhost:$p" "http://127.0.0.1:$p/" || true
  "${c[@]}" -p -x "http://127.0.0.1:$p" "http://bench/" || true
  "${c[@]}" --cacert "$CA_PEM" -x "http://127.0.0.1:$p" --http1.1 "https://bench/" || true
  "${c[@]}" --cacert "$CA_PEM" -x "http://127.0.0.1:$p" --http2 "https://bench/" || true
  "${c[@]}" "http://127.0.0.1:$p/" || true
}
if [[ ",$PHASES," == *,soak,* ]]; then
  start_daemon
  sleep "$IDLE_SECS"
  sample soak "minute 0"
  curl -s -N -o /dev/null --max-time $((SOAK_MIN * 60 + 60)) "http://127.0.0.1:$DAEMON_PORT/api/requests/stream" &
  STARTED_PIDS+=("$!")
  end=$((SECONDS + SOAK_MIN * 60)); next=$((SECONDS + 60)); minute=0
  while (( SECONDS < end )); do
    light
    sleep "$TICK"
    if (( SECONDS >= next )); then minute=$((minute + 1)); next=$((next + 60)); sample soak "minute $minute"; fi
  done
  nmt "soak, end of light use"
  sleep "$QUIET_WAIT"
  sample soak "quiet ${QUIET_WAIT} s after"
  nmt "soak, quiet ${QUIET_WAIT} s after"
  stop_daemon
fi

python3 "$BENCH_DIR/report.py" footprint "$OUT.tsv" | tee "$OUT.md"
echo "raw: $OUT.tsv${NMT:+, $OUT.nmt.txt}" >&2
