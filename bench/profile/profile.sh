#!/usr/bin/env bash
# Where the daemon's CPU goes, per path, while a client loads it:
#  - perf (`perf record -F 997 -g -p PID`; the daemon runs with -XX:+PreserveFramePointer and writes its JIT symbols
#    with `jcmd PID Compiler.perfmap`): every thread, kernel and BoringSSL included; bench/profile/perf_top.py gives the
#    share of kernel / BoringSSL / JIT-compiled Java / the JVM itself (GC, compiler) and the inclusive share of the
#    stages named in bench/profile/jfr_top.py, and the top self symbols;
#  - JFR (settings=profile: Java samples every 10 ms; bench/profile/jfr_top.py), Java frames only. Under contention its
#    sampler gets few samples (~100 per 10 s here), so perf's figures are the ones to read.
# Beside them, the daemon's user and system CPU per request and its write(v) syscalls per request (/proc/<pid>/stat,
# /proc/<pid>/io: syscw counts write/writev, not sendto/sendmsg).
#
#   bench/run profile [seconds=10] [paths="rev-close rev-ka absolute tls h2"]
#
# Writes bench/results/profile-<UTC>/<path>.jfr, <path>.txt and summary.md. Same set-up as bench/run clients (the
# daemon with jvm.options, a second one without a CA for absolute-form, the CONNECT shim for h2load).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
SECS="${1:-10}"
PATHS="${2:-rev-close rev-ka absolute tls h2}"
OUT="$BENCH_DIR/results/profile-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
bench_workdir
trap stop_started EXIT
ca_init
start_backend
PROFILE_OPTS="-XX:+FlightRecorder -XX:+PreserveFramePointer"
DAEMON_JAVA_OPTS="${DAEMON_JAVA_OPTS:-} $PROFILE_OPTS" start_daemon
jvm_args="$(daemon_jvm_args)"
mkdir -p "$WORK/plain/data"
# shellcheck disable=SC2086
(cd "$WORK/plain" && XDG_DATA_HOME="$WORK/plain/data" exec "$DAEMON_JAVA" $jvm_args $PROFILE_OPTS -jar "$WORK/localhome.jar" \
  --port 0 >"$WORK/plain/daemon.out" 2>"$WORK/plain/daemon.err") &
PLAIN_PID=$!; STARTED_PIDS+=("$PLAIN_PID"); PLAIN_PORT="$(wait_listening "$WORK/plain/daemon.out" "$PLAIN_PID")"
(exec node "$BENCH_DIR/connect-shim.js" "$DAEMON_PORT" bench:443 >"$WORK/shim.out" 2>&1) &
STARTED_PIDS+=("$!"); SHIM="$(wait_listening "$WORK/shim.out" "$!")"

load() { # load PATH SECS
  case "$1" in
    rev-close) wrk -t1 -c10 -d"$2s" -H 'Connection: close' -H "Host: bench.localhost:$DAEMON_PORT" "http://127.0.0.1:$DAEMON_PORT/" ;;
    rev-ka) wrk -t1 -c100 -d"$2s" -H "Host: bench.localhost:$DAEMON_PORT" "http://127.0.0.1:$DAEMON_PORT/" ;;
    absolute) wrk -t1 -c10 -d"$2s" -s "$BENCH_DIR/throughput/absolute-form.lua" "http://127.0.0.1:$PLAIN_PORT/" ;;
    tls) h2load --h1 -c10 -m1 -D "$2" --connect-to="127.0.0.1:$SHIM" https://bench/ ;;
    h2) h2load -c1 -m100 -D "$2" --connect-to="127.0.0.1:$SHIM" https://bench/ ;;
  esac
}
requests_of() { python3 -c '
import re,sys; o=sys.stdin.read(); m=re.search(r"(\d+) requests in",o) or re.search(r"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded",o)
print(m.group(1))'; }
stat_ut() { local s; s="$(cat "/proc/$1/stat")"; s="${s##*) }"; set -- $s; echo "${12} ${13}"; }
io_sys() { awk '/^syscr|^syscw/ {printf "%s ", $2}' "/proc/$1/io"; }

printf '| path | requests | user µs/req | system µs/req | read syscalls/req | write syscalls/req |\n|---|---:|---:|---:|---:|---:|\n' >"$OUT/summary.md"
for p in $PATHS; do
  pid="$DAEMON_PID"; [[ $p == absolute ]] && pid="$PLAIN_PID"
  load "$p" "${WARMUP_SECS:-20}" >/dev/null 2>&1   # warm-up, not recorded (C2 compiles for a long while)
  jcmd "$pid" JFR.start name="$p" settings=profile >/dev/null
  read -r u0 s0 <<<"$(stat_ut "$pid")"; read -r r0 w0 <<<"$(io_sys "$pid")"
  python3 "$BENCH_DIR/profile/threads_cpu.py" snap "$pid" >"$WORK/threads.json"
  perf record -F 997 -g -p "$pid" -o "$OUT/$p.perf.data" 2>>"$OUT/perf.log" &
  perf_pid=$!
  n="$(load "$p" "$SECS" 2>&1 | tee "$OUT/$p.client.txt" | requests_of)"
  kill -INT "$perf_pid"; wait "$perf_pid" || true
  { echo "$p: CPU per request by thread"; python3 "$BENCH_DIR/profile/threads_cpu.py" diff "$pid" "$WORK/threads.json" "$n"; } >>"$OUT/threads.txt"
  read -r u1 s1 <<<"$(stat_ut "$pid")"; read -r r1 w1 <<<"$(io_sys "$pid")"
  jcmd "$pid" JFR.stop name="$p" filename="$OUT/$p.jfr" >/dev/null
  python3 - "$p" "$n" "$((u1 - u0))" "$((s1 - s0))" "$((r1 - r0))" "$((w1 - w0))" "$CLK_TCK" >>"$OUT/summary.md" <<'EOF'
import sys
p, n, u, s, r, w, clk = sys.argv[1], *map(int, sys.argv[2:])
print(f"| {p} | {n} | {u / clk / n * 1e6:.1f} | {s / clk / n * 1e6:.1f} | {r / n:.2f} | {w / n:.2f} |")
EOF
  jcmd "$pid" Compiler.perfmap >/dev/null   # /tmp/perf-<pid>.map: names for the JIT-compiled frames
  perf script -i "$OUT/$p.perf.data" 2>/dev/null | python3 "$BENCH_DIR/profile/perf_top.py" "$n" >"$OUT/$p.perf.txt"
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/$p.jfr" | python3 "$BENCH_DIR/profile/jfr_top.py" >"$OUT/$p.txt"
  echo "$p: $n requests; $OUT/$p.perf.txt, $OUT/$p.txt" >&2
done
cat "$OUT/summary.md" "$OUT/threads.txt"
