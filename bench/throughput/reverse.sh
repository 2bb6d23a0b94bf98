#!/usr/bin/env bash
# Reverse-proxy keep-alive throughput: the Node backend direct vs the same backend through localhome
# (Host: bench.localhost:<port>), in ONE run, rounds alternating direct/proxy, for 1, 10 and 100 connections.
#
#   bench/run reverse [rounds=5] [seconds-per-run=10]
#
# Needs: wrk (apt-get install wrk), node, java 17, python3 (for the summary), bootstrap/target/localhome.jar
# (or LOCALHOME_JAR=...). Prints a markdown table of medians (min–max across rounds) and the proxy/direct ratio,
# plus CPU time of the proxy process and of the backend per 1000 requests (from /proc/<pid>/stat utime+stime).
# The raw per-round rows go to bench/results/reverse-<timestamp>.tsv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ROUNDS="${1:-5}"
SECS="${2:-10}"
CONNS=(${CONNS:-1 10 100})
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

bench_workdir
trap stop_started EXIT
start_backend
start_daemon
PROXY_HOST="bench.localhost:$DAEMON_PORT"
DIRECT_URL="http://127.0.0.1:$BACKEND_PORT/"
PROXY_URL="http://127.0.0.1:$DAEMON_PORT/"

check="$(curl -s --max-time 5 -H "Host: $PROXY_HOST" "$PROXY_URL")"
[[ "$check" == hello ]] || { echo "proxy does not reach the backend (got '$check')" >&2; exit 1; }
echo "backend pid $BACKEND_PID port $BACKEND_PORT; localhome pid $DAEMON_PID port $DAEMON_PORT; work dir $WORK" >&2

mkdir -p "$BENCH_DIR/results"
RAW="$BENCH_DIR/results/reverse-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'round\tconns\ttarget\trequests\trps\tp50_ms\tp99_ms\tmax_ms\tnon2xx\tconnect_err\tread_err\twrite_err\ttimeout_err\tproxy_ticks\tbackend_ticks\n' >"$RAW"

to_ms() { # wrk latency like 95.00us / 1.23ms / 2.00s -> milliseconds
  awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'
}

run_wrk() { # run_wrk ROUND CONNS TARGET
  local round="$1" c="$2" target="$3" out p0 b0 p1 b1
  local args=(-t1 -c"$c" -d"${SECS}s" --timeout 5s --latency)
  if [[ "$target" == proxy ]]; then args+=(-H "Host: $PROXY_HOST" "$PROXY_URL"); else args+=("$DIRECT_URL"); fi
  p0="$(cpu_ticks "$DAEMON_PID")"; b0="$(cpu_ticks "$BACKEND_PID")"
  out="$(wrk "${args[@]}")"
  p1="$(cpu_ticks "$DAEMON_PID")"; b1="$(cpu_ticks "$BACKEND_PID")"
  echo "$out" >>"$WORK/wrk.log"
  local reqs rps p50 p99 max non2xx se
  reqs="$(echo "$out" | awk '/requests in/ {print $1}')"
  rps="$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')"
  p50="$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')")"
  p99="$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")"
  max="$(to_ms "$(echo "$out" | awk '$1=="Latency" {print $4; exit}')")"
  non2xx="$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')"
  se="$(echo "$out" | sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1\t\2\t\3\t\4/p')"
  [[ -n "$se" ]] || se=$'0\t0\t0\t0'
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$c" "$target" "$reqs" "$rps" "$p50" "$p99" "$max" \
    "${non2xx:-0}" "$se" "$((p1 - p0))" "$((b1 - b0))" >>"$RAW"
  printf 'round %s c=%-3s %-6s %10s req/s  p50 %sms p99 %sms  non2xx %s  socket errors %s\n' \
    "$round" "$c" "$target" "$rps" "$p50" "$p99" "${non2xx:-0}" "$(echo "$se" | tr '\t' ' ')" >&2
}

echo "warm-up (not recorded)" >&2
wrk -t1 -c10 -d10s -H "Host: $PROXY_HOST" "$PROXY_URL" >/dev/null
wrk -t1 -c100 -d5s -H "Host: $PROXY_HOST" "$PROXY_URL" >/dev/null
wrk -t1 -c10 -d3s "$DIRECT_URL" >/dev/null

for round in $(seq "$ROUNDS"); do
  for c in "${CONNS[@]}"; do
    if (( round % 2 )); then order=(direct proxy); else order=(proxy direct); fi
    for target in "${order[@]}"; do run_wrk "$round" "$c" "$target"; done
  done
done

echo "proxy VmHWM (peak RSS) $(vm_kib "$DAEMON_PID" VmHWM) KiB, VmRSS now $(vm_kib "$DAEMON_PID" VmRSS) KiB" >&2
echo "raw rows: $RAW" >&2
python3 "$BENCH_DIR/report.py" reverse "$RAW" "$CLK_TCK"
