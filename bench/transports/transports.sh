#!/usr/bin/env bash
# One daemon jar on each of its transports (epoll, io_uring, NIO: a daemon per transport, each with a
# localhome.local.json naming it), interleaved round by round (the order rotates every round), with each daemon's
# CPU per request from /proc/<pid>/stat. Usage: bench/run transports [ROUNDS=3] [SECS=5]
# (JAR defaults to bootstrap/target/localhome.jar; TRANSPORTS="epoll io_uring nio"; SCENS="reverse reverse100 mitm h2
# newtunnel"). Needs wrk, node, curl. Talks to 127.0.0.1 only, ends only what it started. Prints a row per run to
# stderr and into bench/results/transports-<stamp>.tsv; bench/report.py transports RAW turns them into the table.
set -euo pipefail
ROUNDS="${1:-3}"; SECS="${2:-5}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$REPO/bench"
JAR="${JAR:-$REPO/bootstrap/target/localhome.jar}"
TRANSPORTS=(${TRANSPORTS:-epoll io_uring nio})
SCENS=(${SCENS:-reverse reverse100 mitm h2 newtunnel})
JVM_OPTIONS="$REPO/bootstrap/src/main/resources/dev/localhome/bootstrap/cli/service/jvm.options"
CLK_TCK="$(getconf CLK_TCK)"
ROOT="$(mktemp -d "${TMPDIR:-/tmp}/localhome-transports.XXXXXX")"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -KILL "$p" 2>/dev/null || true; done
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$ROOT"
}
trap cleanup EXIT
wait_listening() { local f="$1" pid="$2"; for _ in $(seq 400); do
  grep -q '^LISTENING:' "$f" 2>/dev/null && { sed -n 's/^LISTENING://p' "$f" | head -1; return 0; }
  kill -0 "$pid" 2>/dev/null || { echo "pid $pid died: $f" >&2; return 1; }; sleep 0.05; done; return 1; }
cpu_ticks() { local s; s="$(cat /proc/$1/stat)"; s="${s##*) }"; set -- $s; echo $(( ${12} + ${13} )); }

cp "$JAR" "$ROOT/localhome.jar"
cp "${LOADGEN_JAR:-$BENCH/loadgen/target/localhome-loadgen.jar}" "$ROOT/loadgen.jar"
(cd "$ROOT" && NAME=bench exec node "$BENCH/backend.js" 0 >"$ROOT/backend.out" 2>"$ROOT/backend.err") &
PIDS+=("$!"); BACKEND_PID=$!; wait_listening "$ROOT/backend.out" "$BACKEND_PID" >/dev/null

# one CA for all three, so the client trusts each the same way; one class-data archive for the one jar
export HOME="$ROOT/home" XDG_DATA_HOME="$ROOT/data" XDG_CONFIG_HOME="$ROOT/config"; unset MKCERT_CA_ROOT BIND_HOST PORT
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
(cd "$ROOT" && java -jar "$ROOT/localhome.jar" ca init >"$ROOT/ca-init.out" 2>&1)
CA="$XDG_DATA_HOME/localhome/rootCA.pem"; [[ -f "$CA" ]]
(cd "$ROOT" && java @"$JVM_OPTIONS" -XX:ArchiveClassesAtExit="$ROOT/localhome.jsa" -jar "$ROOT/localhome.jar" --port 0 --stop-when-listening >"$ROOT/cds.out" 2>&1) || true
declare -A DPID DPORT
for t in "${TRANSPORTS[@]}"; do
  W="$ROOT/$t"; mkdir -p "$W"; printf '{"transport": "%s"}\n' "$t" >"$W/localhome.local.json"
  (cd "$W" && PORT=0 exec java @"$JVM_OPTIONS" -XX:SharedArchiveFile="$ROOT/localhome.jsa" -jar "$ROOT/localhome.jar" >"$W/daemon.out" 2>"$W/daemon.err") &
  DPID[$t]=$!; PIDS+=("$!"); DPORT[$t]="$(wait_listening "$W/daemon.out" "${DPID[$t]}")"
  echo "$t: pid ${DPID[$t]} port ${DPORT[$t]}: $(grep -m1 -o 'with the [a-z_]* transport' "$W/daemon.err" || echo '?')" >&2
  for _ in $(seq 100); do [[ "$(curl -s --max-time 2 -H "Host: bench.localhost:${DPORT[$t]}" "http://127.0.0.1:${DPORT[$t]}/" || true)" == hello ]] && break; sleep 0.1; done
done

load() { local t="$1"; shift; java -jar "$ROOT/loadgen.jar" --server "127.0.0.1:${DPORT[$t]}" --ca "$CA" --name bench "$@"; }
wrk_run() { # wrk_run T C SECS -> "requests secs errors"
  local out; out="$(wrk -t1 -c"$2" -d"${3}s" -H "Host: bench.localhost:${DPORT[$1]}" "http://127.0.0.1:${DPORT[$1]}/")"
  echo "$out" >>"$ROOT/log"
  python3 -c '
import re,sys; o=sys.stdin.read(); m=re.search(r"(\d+) requests in ([\d.]+)(m?s)",o)
sec=float(m.group(2))/(1000 if m.group(3)=="ms" else 1); bad=re.search(r"Non-2xx.*?(\d+)",o); err=re.search(r"Socket errors:(.*)",o)
print(m.group(1), sec, (bad.group(1) if bad else "0")+("/"+err.group(1).strip().replace(" ","") if err else ""))' <<<"$out"
}
scen_cmd() { # scen_cmd SCEN TRANSPORT SECS -> "requests secs errors"
  local s="$1" t="$2" d="$3" out
  case "$s" in
    reverse) wrk_run "$t" 10 "$d"; return ;;
    reverse100) wrk_run "$t" 100 "$d"; return ;;
    mitm) out="$(load "$t" --mode mitm --requests-per-connection 20 --concurrency 10 --duration "${d}s")" ;;
    h2) out="$(load "$t" --mode mitm-h2 --concurrency 1 --streams 100 --duration "${d}s")" ;;
    newtunnel) out="$(load "$t" --mode mitm --requests-per-connection 1 --concurrency 10 --duration "${d}s")" ;;
  esac
  echo "$out" >>"$ROOT/log"
  echo "$out" | tail -1 | python3 -c '
import json,sys; j=json.loads(sys.stdin.read()); print(j["requests"], j["seconds"], sum(j["errors"].values()))'
}
mkdir -p "$BENCH/results"
RAW="$BENCH/results/transports-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'round\tscen\ttransport\trequests\tsecs\terrors\tticks\tload1\n' >"$RAW"
echo "warm-up every daemon (not recorded)" >&2
for t in "${TRANSPORTS[@]}"; do for s in "${SCENS[@]}"; do scen_cmd "$s" "$t" 4 >/dev/null; done; done
n=${#TRANSPORTS[@]}
for r in $(seq "$ROUNDS"); do
  for s in "${SCENS[@]}"; do
    for i in $(seq 0 $((n - 1))); do
      t="${TRANSPORTS[$(( (i + r) % n ))]}"   # rotate: each transport runs first, middle and last in turn
      t0="$(cpu_ticks "${DPID[$t]}")"; res="$(scen_cmd "$s" "$t" "$SECS")"; t1="$(cpu_ticks "${DPID[$t]}")"
      read -r req sec err <<<"$res"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$s" "$t" "$req" "$sec" "$err" "$((t1-t0))" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RAW" >&2
    done
  done
done
echo "clk_tck $CLK_TCK; rows in $RAW" >&2
python3 "$BENCH/report.py" transports "$RAW"
