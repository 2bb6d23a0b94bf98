#!/usr/bin/env bash
# Start-up time, idle RSS and peak RSS of the daemon (targets: start-up <= 1 s, idle RSS <= 100 MiB, peak RSS <= 160
# MiB with 100 concurrent intercepted tunnels).
#
#   bench/run startup-memory [start-runs=10] [load-seconds=20]
#
# 1. start-up: RUNS times, `./localhome --port 0` (the launcher, jar already built, so it only checks the jar is
#    fresh) in the private workdir, timed from just before the launch to the moment the "LISTENING:<port>" line is
#    read from its stdout (a FIFO, no polling); then IDLE_SECS later its VmRSS (idle RSS); then SIGTERM by PID.
#    LAUNCH="java -jar ..." measures another command line instead; PLAIN_JVM=1 (see lib.sh) means the JVM's
#    defaults, before jvm.options: `java -jar` for the start-up and no flags for the load.
# 2. load: the daemon as bench/lib.sh starts it, bench/loadgen mitm tunnels (100 requests each) at C=100 for
#    load-seconds, then new tunnels (a full TLS handshake each) at C=100 for half that; VmHWM (peak RSS) after each,
#    and VmRSS once the load has stopped.
#
# Needs: node, java 17, python3, bootstrap/target/localhome.jar, bench/loadgen/target/localhome-loadgen.jar
# (or LOADGEN_JAR=...). Everything on 127.0.0.1; every process by PID.
# The table goes to stdout and to bench/results/memory-<timestamp>.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

RUNS="${1:-10}"
SECS="${2:-20}"
IDLE_SECS="${IDLE_SECS:-3}"

bench_workdir
trap stop_started EXIT
ca_init # a CA exists, as on a user's machine: start-up loads it
[[ -n "${PLAIN_JVM:-}" ]] && LAUNCH="${LAUNCH:-java -jar $WORK/localhome.jar}"

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k/1024}'; }

# start_once -> "milliseconds-to-LISTENING CPU-milliseconds-to-LISTENING idle-VmRSS-KiB"
start_once() {
  local fifo="$WORK/stdout.fifo" t0 t1 line pid rss ticks
  rm -f "$fifo"; mkfifo "$fifo"
  t0="$EPOCHREALTIME"
  # shellcheck disable=SC2086
  (cd "$WORK" && exec ${LAUNCH:-$REPO_DIR/localhome} --port 0 >"$fifo" 2>>"$WORK/start.err") &
  pid=$!
  exec 3<"$fifo"
  while IFS= read -r -t 30 line <&3; do [[ "$line" == LISTENING:* ]] && break; done
  t1="$EPOCHREALTIME"
  [[ "$line" == LISTENING:* ]] || { echo "no LISTENING line; see $WORK/start.err" >&2; kill -TERM "$pid"; exit 1; }
  ticks="$(cpu_ticks "$pid")" # user+system CPU of all its threads: less at the mercy of other load than the clock
  sleep "$IDLE_SECS"
  rss="$(vm_kib "$pid" VmRSS)"
  kill -TERM "$pid"; wait "$pid" || true
  exec 3<&-
  awk -v a="$t0" -v b="$t1" -v c="$ticks" -v hz="$CLK_TCK" -v r="$rss" 'BEGIN {printf "%.0f %.0f %d\n", (b-a)*1000, c*1000/hz, r}'
}

echo "start-up: $RUNS runs of ${LAUNCH:-./localhome} --port 0; load average $(cut -d" " -f1-3 /proc/loadavg)" >&2
${LAUNCH:-$REPO_DIR/localhome} --version >/dev/null # the launcher records its archive first, if the jar is new
: >"$WORK/starts"
for i in $(seq "$RUNS"); do
  start_once | tee -a "$WORK/starts" >&2
done
START_MS="$(awk '{print $1}' "$WORK/starts" | median)"
START_MIN="$(awk '{print $1}' "$WORK/starts" | sort -n | head -1)"
START_MAX="$(awk '{print $1}' "$WORK/starts" | sort -n | tail -1)"
CPU_MS="$(awk '{print $2}' "$WORK/starts" | median)"
IDLE_KIB="$(awk '{print $3}' "$WORK/starts" | median)"

start_backend
start_daemon
LOADGEN_JAR="${LOADGEN_JAR:-$BENCH_DIR/loadgen/target/localhome-loadgen.jar}"
[[ -f "$LOADGEN_JAR" ]] || { echo "no $LOADGEN_JAR: build bench/loadgen first" >&2; exit 1; }
load() { # the load generator's JSON line (its last line of output)
  java -jar "$LOADGEN_JAR" --mode mitm --server "127.0.0.1:$DAEMON_PORT" --ca "$CA_PEM" --name bench "$@" | tail -1
}
sleep "$IDLE_SECS"
DAEMON_IDLE_KIB="$(vm_kib "$DAEMON_PID" VmRSS)"
T0="$(cpu_ticks "$DAEMON_PID")"
load --concurrency 100 --requests-per-connection 100 --duration "${SECS}s" --label keepalive | tee "$WORK/keepalive.json" >&2
T1="$(cpu_ticks "$DAEMON_PID")"
KEEPALIVE_HWM="$(vm_kib "$DAEMON_PID" VmHWM)"
KEEPALIVE="$(python3 -c 'import json, sys
j = json.load(sys.stdin); t, hz = int(sys.argv[1]), int(sys.argv[2])
rps, cpu, errors = j["requests_per_s"], t * 1e6 / hz / max(j["requests"], 1), sum(j["errors"].values())
print(f"{rps:.0f} req/s, {cpu:.0f} µs CPU/req, {errors} errors")' "$((T1 - T0))" "$CLK_TCK" <"$WORK/keepalive.json")"
load --concurrency 100 --requests-per-connection 1 --duration "$((SECS / 2))s" --label new-tunnel >&2
NEW_TUNNEL_HWM="$(vm_kib "$DAEMON_PID" VmHWM)"
sleep "$IDLE_SECS"
AFTER_KIB="$(vm_kib "$DAEMON_PID" VmRSS)"

mkdir -p "$BENCH_DIR/results"
{
  echo "| start-up to LISTENING, median (min–max) of $RUNS | CPU to LISTENING, median | idle VmRSS ${IDLE_SECS} s after start | C=100 keep-alive tunnels ${SECS} s | VmHWM after them | VmHWM after C=100 new tunnels $((SECS / 2)) s | VmRSS after the load |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  echo "| $START_MS ms ($START_MIN–$START_MAX) | $CPU_MS ms | $(mib "$IDLE_KIB") MiB (bench daemon: $(mib "$DAEMON_IDLE_KIB")) | $KEEPALIVE | $(mib "$KEEPALIVE_HWM") MiB | $(mib "$NEW_TUNNEL_HWM") MiB | $(mib "$AFTER_KIB") MiB |"
} | tee "$BENCH_DIR/results/memory-$(date -u +%Y%m%dT%H%M%SZ).md"
