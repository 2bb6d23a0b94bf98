#!/usr/bin/env bash
# Per-request counts that do not depend on how busy the machine is, for one daemon jar: system calls (perf stat on
# the syscall tracepoints, every thread of the daemon, over a fixed number of requests) and heap bytes allocated (JFR's
# jdk.ThreadAllocationStatistics at the start and end of the same window, the event-loop threads and all threads). CPU per request swings with the other processes on a
# shared machine; these do not, so they show what a change did even when the timings cannot.
#
#   bench/run counts [requests=20000] [paths="rev-ka rev-close tls h2"]      LOCALHOME_JAR=... picks the jar
#
# Prints a markdown table (and writes it to bench/results/counts-<UTC>.md).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
N="${1:-20000}"
PATHS="${2:-rev-ka rev-close tls h2}"
OUT="$BENCH_DIR/results/counts-$(date -u +%Y%m%dT%H%M%SZ).md"
bench_workdir
trap stop_started EXIT
command -v perf >/dev/null || { echo "perf not found (linux-perf)" >&2; exit 1; }
ca_init
start_backend
start_daemon
(exec node "$BENCH_DIR/connect-shim.js" "$DAEMON_PORT" bench:443 >"$WORK/shim.out" 2>&1) &
STARTED_PIDS+=("$!"); SHIM="$(wait_listening "$WORK/shim.out" "$!")"
HOSTH="Host: bench.localhost:$DAEMON_PORT"

load() { # load PATH REQUESTS
  case "$1" in
    rev-ka) wrk -t1 -c10 -d5s -H "$HOSTH" "http://127.0.0.1:$DAEMON_PORT/" ;;  # wrk: by time
    rev-close) wrk -t1 -c10 -d5s -H 'Connection: close' -H "$HOSTH" "http://127.0.0.1:$DAEMON_PORT/" ;;  # wrk: by time
    tls) h2load --h1 -c10 -m1 -n "$2" --connect-to="127.0.0.1:$SHIM" https://bench/ ;;
    h2) h2load -c1 -m100 -n "$2" --connect-to="127.0.0.1:$SHIM" https://bench/ ;;
  esac
}
JDK_BIN="$(dirname "$(readlink -f "$(command -v "$DAEMON_JAVA")")")"   # jcmd and jfr of the daemon's own JDK
SYSCALLS="$(printf 'syscalls:sys_enter_%s,' write writev sendto sendmsg read readv recvfrom recvmsg epoll_wait epoll_pwait epoll_pwait2 epoll_ctl futex)"
SYSCALLS="${SYSCALLS%,}"

printf '| path | requests | syscalls/req (the ones counted) | write+writev+sendto+sendmsg /req | read+readv+recvfrom+recvmsg /req | epoll_wait /req | epoll_ctl /req | futex /req | heap bytes/req, event loops | heap bytes/req, all threads |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n' | tee "$OUT"
# JFR starts up once, before any warm-up: loading and compiling it is no request's cost. A second recording per path
# then marks the window (each start and stop writes every thread's allocated bytes).
"$JDK_BIN/jcmd" "$DAEMON_PID" JFR.start name=warm settings=default >/dev/null
for p in $PATHS; do
  load "$p" "$N" >/dev/null 2>&1 || true   # warm-up
  "$JDK_BIN/jcmd" "$DAEMON_PID" JFR.start name="alloc-$p" settings=default >/dev/null
  perf stat -x, -o "$WORK/$p.strace" -e "$SYSCALLS" -p "$DAEMON_PID" 2>/dev/null &
  st=$!; sleep 1
  load "$p" "$N" >"$WORK/$p.client" 2>&1 || true
  "$JDK_BIN/jcmd" "$DAEMON_PID" JFR.stop name="alloc-$p" filename="$WORK/$p.jfr" >/dev/null
  "$JDK_BIN/jfr" print --json --events jdk.ThreadAllocationStatistics "$WORK/$p.jfr" >"$WORK/$p.alloc" 2>/dev/null || true
  n="$(python3 -c '
import re,sys; o=open(sys.argv[1]).read(); m=re.search(r"(\d+) requests in",o) or re.search(r"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded",o)
print(m.group(1) if m else 0)' "$WORK/$p.client")"
  kill -INT "$st"; wait "$st" 2>/dev/null || true
  python3 - "$p" "$n" "$WORK/$p.strace" "$WORK/$p.alloc" <<'EOF' | tee -a "$OUT"
import re, sys
p, n, f, alloc = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if not n: print(f'| {p} | 0 (the client failed) | | | | | | | | |'); sys.exit()
# jdk.ThreadAllocationStatistics: bytes each thread allocated since it started, at the recording's start and end
import json
first, last = {}, {}
try: events = json.load(open(alloc))['recording']['events']
except (ValueError, KeyError): events = []
for ev in sorted(events, key=lambda ev: ev['values']['startTime']):
    t, b = (ev['values']['thread'] or {}).get('javaName') or '?', ev['values']['allocated']
    first.setdefault(t, b); last[t] = b
grown = {t: last[t] - first[t] for t in last}
loops = sum(v for t, v in grown.items() if re.match(r'localhome-io|.*(epoll|EventLoop|loop)', t, re.I))
alloc_cols = f'{loops / n:.0f} | {sum(grown.values()) / n:.0f}' if grown else 'n/a | n/a'

calls = {}
for line in open(f):
    m = re.match(r'(\d+),[^,]*,syscalls:sys_enter_(\w+)', line)
    if m: calls[m.group(2)] = int(m.group(1))
total = sum(v for k, v in calls.items())
w = sum(calls.get(k, 0) for k in ('write', 'writev', 'sendto', 'sendmsg'))
r = sum(calls.get(k, 0) for k in ('read', 'readv', 'recvfrom', 'recvmsg'))
e = calls.get('epoll_wait', 0) + calls.get('epoll_pwait', 0) + calls.get('epoll_pwait2', 0)
print(f'| {p} | {n} | {total / n:.2f} | {w / n:.2f} | {r / n:.2f} | {e / n:.2f} | {calls.get("epoll_ctl", 0) / n:.2f} | {calls.get("futex", 0) / n:.2f} | {alloc_cols} |')
EOF
done
echo "table: $OUT" >&2
