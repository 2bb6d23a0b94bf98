#!/usr/bin/env bash
# Intercepted HTTPS tunnels through localhome (CONNECT bench:443 + TLS on the tunnel + HTTP/1.1), with bench/loadgen
# (mode mitm):
#   new-tunnel: CONNECT + full TLS handshake + one GET per tunnel;  keepalive: K requests per tunnel (default 100);
# at 1, 10 and 100 concurrent tunnels, in rounds; plus the first tunnel to never-seen names (mint + handshake) vs
# the second. Records the proxy's CPU time per request (/proc/<pid>/stat utime+stime) and its peak RSS (VmHWM).
#
#   bench/run tunnels [rounds=3] [seconds-per-run=15]
#
# Needs: node, java 17, python3, bootstrap/target/localhome.jar (or LOCALHOME_JAR=...) and
# bench/loadgen/target/localhome-loadgen.jar (or LOADGEN_JAR=...): mvn -o -B -q -DskipTests -pl bench/loadgen -am package
# Raw rows go to bench/results/tunnels-<timestamp>.tsv; a markdown table goes to stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ROUNDS="${1:-3}"
SECS="${2:-15}"
CONNS=(${CONNS:-1 10 100})
PER_TUNNEL="${PER_TUNNEL:-100}"
FRESH_NAMES="${FRESH_NAMES:-fresh1,fresh2,fresh3,fresh4,fresh5}"

bench_workdir
trap stop_started EXIT
ca_init
start_backend
# never-seen names for the first-tunnel measurement: one more backend per name, discovered but never yet asked for
IFS=, read -r -a fresh <<<"$FRESH_NAMES"
for n in "${fresh[@]}"; do
  (cd "$WORK" && NAME="$n" exec node "$BENCH_DIR/backend.js" 0 >"$WORK/backend-$n.out" 2>&1) &
  STARTED_PIDS+=("$!")
  wait_listening "$WORK/backend-$n.out" "$!" >/dev/null
done
start_daemon
echo "backend pid $BACKEND_PID port $BACKEND_PORT; localhome pid $DAEMON_PID port $DAEMON_PORT; work dir $WORK" >&2
grep -E 'intercepting|OpenSSL|BoringSSL|JDK' "$WORK/daemon.err" >&2 || true

LOADGEN_JAR="${LOADGEN_JAR:-$BENCH_DIR/loadgen/target/localhome-loadgen.jar}"
[[ -f "$LOADGEN_JAR" ]] || { echo "no $LOADGEN_JAR: build it first (see bench/loadgen/README.md)" >&2; exit 1; }
cp "$LOADGEN_JAR" "$WORK/loadgen.jar"
load() { java -jar "$WORK/loadgen.jar" --server "127.0.0.1:$DAEMON_PORT" --ca "$CA_PEM" --name bench "$@"; }
# new-tunnel: one GET per tunnel (a full handshake each); keepalive: PER_TUNNEL GETs per tunnel
per_tunnel() { if [[ "$1" == new-tunnel ]]; then echo 1; else echo "$PER_TUNNEL"; fi; }

mkdir -p "$BENCH_DIR/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$BENCH_DIR/results/tunnels-$STAMP.tsv"
LOG="$BENCH_DIR/results/tunnels-$STAMP.log"
printf 'round\tmode\tconns\ttunnels\trequests\ttunnels_per_s\trequests_per_s\tp50_ms\tp99_ms\tmax_ms\terrors\tproxy_ticks\tvmhwm_kib\n' >"$RAW"

echo "idle after start: VmRSS $(vm_kib "$DAEMON_PID" VmRSS) KiB, VmHWM $(vm_kib "$DAEMON_PID" VmHWM) KiB" | tee -a "$LOG" >&2

echo "warm-up (not recorded)" >&2
load --mode mitm --requests-per-connection "$PER_TUNNEL" --concurrency 10 --duration 8s --label warmup >>"$LOG"
load --mode mitm --requests-per-connection 1 --concurrency 10 --duration 8s --label warmup >>"$LOG"
echo "after warm-up: VmRSS $(vm_kib "$DAEMON_PID" VmRSS) KiB, VmHWM $(vm_kib "$DAEMON_PID" VmHWM) KiB" | tee -a "$LOG" >&2

# wait until the fresh names are in the daemon's snapshot, so the first tunnel measures minting, not a rescan
for _ in $(seq 100); do
  s="$(curl -s --max-time 2 "http://127.0.0.1:$DAEMON_PORT/api/services" || true)"
  all=1; for n in "${fresh[@]}"; do [[ "$s" == *"\"$n\""* ]] || all=0; done
  (( all )) && break; sleep 0.1
done
echo "first tunnel to never-seen names vs the second:" | tee -a "$LOG" >&2
load --mode first --names "$FRESH_NAMES" | tee -a "$LOG" | tee "$WORK/first.out" >&2

run() { # run ROUND MODE CONNS
  local round="$1" mode="$2" c="$3" t0 t1 out
  t0="$(cpu_ticks "$DAEMON_PID")"
  out="$(load --mode mitm --requests-per-connection "$(per_tunnel "$mode")" --concurrency "$c" --duration "${SECS}s" --label "r$round")"
  t1="$(cpu_ticks "$DAEMON_PID")"
  echo "$out" >>"$LOG"
  echo "$out" | tail -1 | python3 -c '
import json, sys
j = json.loads(sys.stdin.read()); r, m, t, h = sys.argv[1:5]
errs = ",".join(f"{k}={v}" for k, v in sorted(j["errors"].items()) if v)
print("\t".join(str(x) for x in (r, m, j["concurrency"], j["connections"], j["requests"], j["connections_per_s"],
      j["requests_per_s"], j["p50_ms"], j["p99_ms"], j["max_ms"], errs, t, h)))' "$round" "$mode" "$((t1 - t0))" "$(vm_kib "$DAEMON_PID" VmHWM)" >>"$RAW"
  tail -1 "$RAW" >&2
}

for round in $(seq "$ROUNDS"); do
  for c in "${CONNS[@]}"; do
    if (( round % 2 )); then order=(new-tunnel keepalive); else order=(keepalive new-tunnel); fi
    for mode in "${order[@]}"; do run "$round" "$mode" "$c"; done
  done
done

echo "end: VmRSS $(vm_kib "$DAEMON_PID" VmRSS) KiB, VmHWM (peak RSS) $(vm_kib "$DAEMON_PID" VmHWM) KiB" | tee -a "$LOG" >&2
echo "raw rows: $RAW; full output: $LOG" >&2
python3 "$BENCH_DIR/report.py" tunnels "$RAW" "$CLK_TCK"
echo
cat "$WORK/first.out"
