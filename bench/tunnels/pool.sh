#!/usr/bin/env bash
# Backend connections for a cold burst of h2 streams: one intercepted tunnel (h2load through the CONNECT shim) sends
# STREAMS requests, at most 128 at once (the daemon's SETTINGS_MAX_CONCURRENT_STREAMS, as a browser loading an
# unbundled page would), to a dev server the daemon has never connected to (a new backend.js with a new NAME each
# round, so no pooled connection helps). Per round and per jar: the connections the backend accepted, the burst's
# wall time, the daemon's CPU for it, and errors. Two jars are compared interleaved (order swapped every round):
# before and after a change to the backend pool.
#
#   bench/run pool OLD_JAR NEW_JAR [rounds=5] [streams=1600]
#
# A first burst per daemon (not recorded) warms its JIT. Needs node, java 17, h2load (nghttp2-client), curl,
# python3. Everything on 127.0.0.1; every process by PID. Rows go to stderr and bench/results/pool-<stamp>.tsv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

OLD_JAR="${1:?usage: bench/run pool OLD_JAR NEW_JAR [rounds] [streams]}"
NEW_JAR="${2:?usage: bench/run pool OLD_JAR NEW_JAR [rounds] [streams]}"
ROUNDS="${3:-5}"
STREAMS="${4:-1600}"

LOCALHOME_JAR="$NEW_JAR" bench_workdir
trap stop_started EXIT
ca_init
# like wait_listening, with room for a JVM's start on a loaded machine (60 s)
wait_daemon() {
  for _ in $(seq 600); do
    grep -q '^LISTENING:' "$1" 2>/dev/null && { sed -n 's/^LISTENING://p' "$1" | head -1; return 0; }
    kill -0 "$2" 2>/dev/null || { echo "daemon $2 died; see $1" >&2; return 1; }
    sleep 0.1
  done
  echo "timed out waiting for LISTENING in $1" >&2; return 1
}

declare -A PORT PID
for which in old new; do
  jar="$OLD_JAR"; [[ $which == new ]] && jar="$NEW_JAR"
  mkdir -p "$WORK/$which"
  cp "$jar" "$WORK/$which/localhome.jar"
  (cd "$WORK/$which" && exec java @"$JVM_OPTIONS" -jar "$WORK/$which/localhome.jar" --port 0 >"$WORK/$which/daemon.out" 2>"$WORK/$which/daemon.err") &
  PID[$which]=$!
  STARTED_PIDS+=("${PID[$which]}")
  PORT[$which]="$(wait_daemon "$WORK/$which/daemon.out" "${PID[$which]}")"
done

# backend NAME -> starts backend.js as NAME; sets B_PID and B_PORT
backend() {
  (cd "$WORK" && NAME="$1" exec node "$BENCH_DIR/backend.js" 0 >"$WORK/$1.out" 2>"$WORK/$1.err") &
  B_PID=$!
  STARTED_PIDS+=("$B_PID")
  B_PORT="$(wait_listening "$WORK/$1.out" "$B_PID")"
}

# burst WHICH NAME -> "accepted wall_ms cpu_ms errors"
burst() {
  local which="$1" name="$2" port="${PORT[$1]}" pid="${PID[$1]}"
  local known=""
  for _ in $(seq 300); do # until discovery knows the name
    [[ "$(curl -s --max-time 2 -H "Host: $name.localhost:$port" "http://127.0.0.1:$port/" || true)" == hello ]] && { known=1; break; }
    sleep 0.1
  done
  [[ -n $known ]] || { echo "the $which daemon never routed $name" >&2; exit 1; }
  local before_conn; before_conn="$(curl -s --max-time 5 "http://127.0.0.1:$B_PORT/__connections")"
  (cd "$WORK" && exec node "$BENCH_DIR/connect-shim.js" "$port" "$name:443" >"$WORK/shim.out" 2>&1) &
  local shim=$!
  STARTED_PIDS+=("$shim")
  local shim_port; shim_port="$(wait_listening "$WORK/shim.out" "$shim")"
  local t0 c0 t1 c1 out
  c0="$(cpu_ticks "$pid")"; t0="$(date +%s%N)"
  out="$(timeout 120 h2load -n "$STREAMS" -c 1 -m 128 --connect-to="127.0.0.1:$shim_port" "https://$name/" 2>&1 || true)"
  t1="$(date +%s%N)"; c1="$(cpu_ticks "$pid")"
  kill -TERM "$shim" 2>/dev/null || true
  grep -q "$STREAMS succeeded" <<<"$out" || echo "$out" >"$RESULTS.$name.h2load.txt" # what went wrong, kept
  local after_conn; after_conn="$(curl -s --max-time 5 "http://127.0.0.1:$B_PORT/__connections")"
  local ok; ok="$(sed -n 's/.*requests: .* \([0-9]*\) succeeded.*/\1/p' <<<"$out" | head -1)"
  echo "$((after_conn - before_conn)) $(((t1 - t0) / 1000000)) $(((c1 - c0) * 1000 / CLK_TCK)) $((STREAMS - ${ok:-0}))"
}

RESULTS="$REPO_DIR/bench/results/pool-$(date -u +%Y%m%dT%H%M%SZ).tsv"
mkdir -p "$(dirname "$RESULTS")"
printf 'round\tjar\tstreams\tbackend_connections\twall_ms\tdaemon_cpu_ms\terrors\tloadavg\n' | tee "$RESULTS" >&2
for round in $(seq 0 "$ROUNDS"); do
  order=(old new); (( round % 2 )) && order=(new old)
  for which in "${order[@]}"; do
    name="pool$round$which"
    backend "$name"
    read -r conns wall cpu errors < <(burst "$which" "$name")
    kill -TERM "$B_PID" 2>/dev/null || true
    (( round == 0 )) && continue # warm-up, not recorded
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$which" "$STREAMS" "$conns" "$wall" "$cpu" "$errors" \
      "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RESULTS" >&2
  done
done
python3 "$BENCH_DIR/report.py" pool "$RESULTS"
