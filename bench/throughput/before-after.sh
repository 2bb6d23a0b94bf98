#!/usr/bin/env bash
# Two daemon jars, before and after a change, interleaved round by round (the order flips on even rounds), with each
# daemon's CPU per request from /proc/<pid>/stat. Usage: bench/run before-after OLD_JAR NEW_JAR [ROUNDS] [SECS]
# (SCENS="reverse reverse100 reverse-close mitm h2 newtunnel h2load h2load-6x10 h2load-h1x6" picks paths; reverse*: wrk -c10,
# -c100, -c10 with Connection: close; h2load: -c1 -m100 (h2load-6x10: -c6 -m10) through bench/connect-shim.js; LOADGEN_JAR defaults to bench/loadgen's). Needs wrk, node, curl.
# WARMUP_SECS (4): per path and daemon before round 1; on a busy machine C2 needs far longer (30 s and more).
# OLD_JAVA / NEW_JAVA: the java that runs that daemon (default LOCALHOME_JAVA, else java on PATH): one jar twice with
# OLD_JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java NEW_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java compares JDKs.
# OLD_CONFIG / NEW_CONFIG: a JSON config file's text for that daemon (its user config.json), e.g. one jar twice with
# OLD_CONFIG='{"inspector": false}' to measure a setting ("Inspector cost" in BENCHMARKS.md).
# OLD_JVM_OPTIONS / NEW_JVM_OPTIONS: another JVM flags file for that daemon (default: the checkout's jvm.options).
# Talks to 127.0.0.1 only, ends only what it started. Prints a row per run to stderr, keeps them in bench/results/before-after-<UTC>.tsv and prints the table
# (bench/report.py before-after RAW makes it again; several RAW files pool their rounds), as in BENCHMARKS.md ("Profiles and before/after").
set -euo pipefail
OLD_JAR="$1"; NEW_JAR="$2"; ROUNDS="${3:-3}"; SECS="${4:-5}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$REPO/bench"
JVM_OPTIONS="$REPO/bootstrap/src/main/resources/dev/localhome/bootstrap/cli/service/jvm.options"
CLK_TCK="$(getconf CLK_TCK)"
ROOT="$(mktemp -d "${TMPDIR:-/tmp}/localhome-before-after.XXXXXX")"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -KILL "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
wait_listening() { local f="$1" pid="$2"; for _ in $(seq 400); do
  grep -q '^LISTENING:' "$f" 2>/dev/null && { sed -n 's/^LISTENING://p' "$f" | head -1; return 0; }
  kill -0 "$pid" 2>/dev/null || { echo "pid $pid died: $f" >&2; return 1; }; sleep 0.05; done; return 1; }
cpu_ticks() { local s; s="$(cat /proc/$1/stat)"; s="${s##*) }"; set -- $s; echo $(( ${12} + ${13} )); }

cp "${LOADGEN_JAR:-$BENCH/loadgen/target/localhome-loadgen.jar}" "$ROOT/loadgen.jar"

# one shared Node backend NAME=bench (both daemons discover it from /proc)
(cd "$ROOT" && NAME=bench exec node "$BENCH/backend.js" 0 >"$ROOT/backend.out" 2>"$ROOT/backend.err") &
PIDS+=("$!"); BACKEND_PID=$!; wait_listening "$ROOT/backend.out" "$BACKEND_PID" >/dev/null

declare -A DPID DPORT DCA DSHIM
for v in old new; do
  W="$ROOT/$v"; mkdir -p "$W/home" "$W/data" "$W/config"
  if [[ $v == old ]]; then cp "$OLD_JAR" "$W/localhome.jar"; else cp "$NEW_JAR" "$W/localhome.jar"; fi
  export HOME="$W/home" XDG_DATA_HOME="$W/data" XDG_CONFIG_HOME="$W/config"; unset MKCERT_CA_ROOT BIND_HOST PORT
  (cd "$W" && java -jar "$W/localhome.jar" ca init >"$W/ca-init.out" 2>&1)
  DCA[$v]="$W/data/localhome/rootCA.pem"; [[ -f "${DCA[$v]}" ]]
  JAVA_VAR="${v^^}_JAVA"; J="${!JAVA_VAR:-${LOCALHOME_JAVA:-java}}"
  CONF_VAR="${v^^}_CONFIG"; if [[ -n "${!CONF_VAR:-}" ]]; then mkdir -p "$W/config/localhome"; printf '%s\n' "${!CONF_VAR}" >"$W/config/localhome/config.json"; fi
  OPTS_VAR="${v^^}_JVM_OPTIONS"; opts="${!OPTS_VAR:-$JVM_OPTIONS}"
  (cd "$W" && "$J" @"$opts" -XX:ArchiveClassesAtExit="$W/localhome.jsa" -jar "$W/localhome.jar" --port 0 --stop-when-listening >"$W/cds.out" 2>&1) || true
  (cd "$W" && PORT=0 exec "$J" @"$opts" -XX:SharedArchiveFile="$W/localhome.jsa" -jar "$W/localhome.jar" >"$W/daemon.out" 2>"$W/daemon.err") &
  DPID[$v]=$!; PIDS+=("$!"); DPORT[$v]="$(wait_listening "$W/daemon.out" "${DPID[$v]}")"
  echo "$v: pid ${DPID[$v]} port ${DPORT[$v]} $("$J" -version 2>&1 | head -1) $(grep -m1 -oE 'OpenSSL|BoringSSL|JDK' "$W/daemon.err" || true)" >&2
  for _ in $(seq 100); do [[ "$(curl -s --max-time 2 -H "Host: bench.localhost:${DPORT[$v]}" "http://127.0.0.1:${DPORT[$v]}/" || true)" == hello ]] && break; sleep 0.1; done
  # h2load cannot send CONNECT: a shim per daemon does it, then relays (bench/connect-shim.js; not the daemon's CPU)
  (exec node "$BENCH/connect-shim.js" "${DPORT[$v]}" bench:443 >"$W/shim.out" 2>&1) &
  PIDS+=("$!"); DSHIM[$v]="$(wait_listening "$W/shim.out" "$!")"
done
unset HOME XDG_DATA_HOME XDG_CONFIG_HOME

load() { local v="$1"; shift; java -jar "$ROOT/loadgen.jar" --server "127.0.0.1:${DPORT[$v]}" --ca "${DCA[$v]}" --name bench "$@"; }
scen_cmd() { # scen_cmd SCEN VERSION SECS -> runs it, prints "requests secs"
  local s="$1" v="$2" d="$3" out
  case "$s" in
    reverse|reverse100|reverse-close) local shape=(-c10)
      [[ $s == reverse100 ]] && shape=(-c100); [[ $s == reverse-close ]] && shape=(-c10 -H 'Connection: close')
      out="$(wrk -t1 "${shape[@]}" -d"${d}s" -H "Host: bench.localhost:${DPORT[$v]}" "http://127.0.0.1:${DPORT[$v]}/")"
      echo "$out" >>"$ROOT/log"
      python3 -c '
import re,sys; o=sys.stdin.read()
n=int(re.search(r"(\d+) requests in ([\d.]+)(m?s)",o).group(1)); t=re.search(r"(\d+) requests in ([\d.]+)(m?s)",o)
sec=float(t.group(2))/(1000 if t.group(3)=="ms" else 1); bad=re.search(r"Non-2xx.*?(\d+)",o); err=re.search(r"Socket errors:(.*)",o)
print(n, sec, (bad.group(1) if bad else "0")+("/"+err.group(1).strip().replace(" ","") if err else ""))' <<<"$out" ;;
    h2load|h2load-6x10|h2load-h1x6) if [[ $s == h2load ]]; then shape=(-c1 -m100); elif [[ $s == h2load-6x10 ]]; then shape=(-c6 -m10); else shape=(--h1 -c6 -m1); fi
      out="$(h2load -D "$d" "${shape[@]}" --connect-to="127.0.0.1:${DSHIM[$v]}" https://bench/ 2>&1)"; echo "$out" >>"$ROOT/log"
      python3 -c '
import re,sys; o=sys.stdin.read(); m=re.search(r"finished in ([\d.]+)(m?s)",o)
r=re.search(r"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored",o)
print(r.group(1), float(m.group(1))/(1000 if m.group(2)=="ms" else 1), int(r.group(2))+int(r.group(3)))' <<<"$out" ;;
    mitm) out="$(load "$v" --mode mitm --requests-per-connection 20 --concurrency 10 --duration "${d}s")" ;;
    h2) out="$(load "$v" --mode mitm-h2 --concurrency 1 --streams 100 --duration "${d}s")" ;;
    newtunnel) out="$(load "$v" --mode mitm --requests-per-connection 1 --concurrency 10 --duration "${d}s")" ;;
  esac
  if [[ $s != reverse* && $s != h2load* ]]; then echo "$out" >>"$ROOT/log"; echo "$out" | tail -1 | python3 -c '
import json,sys; j=json.loads(sys.stdin.read()); e=sum(j["errors"].values()); print(j["requests"], j["seconds"], e)'; fi
}
RAW="$ROOT/raw.tsv"
printf 'round\tscen\tver\trequests\tsecs\terrors\tticks\tload1\n' >"$RAW"
echo "warm-up both daemons (not recorded)" >&2
for v in old new; do for s in ${SCENS:-reverse mitm h2 newtunnel}; do scen_cmd "$s" "$v" "${WARMUP_SECS:-4}" >/dev/null; done; done
for r in $(seq "$ROUNDS"); do
  for s in ${SCENS:-reverse mitm h2 newtunnel}; do
    if (( r % 2 )); then order=(old new); else order=(new old); fi
    for v in "${order[@]}"; do
      t0="$(cpu_ticks "${DPID[$v]}")"; res="$(scen_cmd "$s" "$v" "$SECS")"; t1="$(cpu_ticks "${DPID[$v]}")"
      read -r n sec err <<<"$res"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$s" "$v" "$n" "$sec" "$err" "$((t1-t0))" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RAW" >&2
    done
  done
done
mkdir -p "$BENCH/results"
KEPT="$BENCH/results/before-after-$(date -u +%Y%m%dT%H%M%SZ).tsv"
cp "$RAW" "$KEPT"
echo "clk_tck $CLK_TCK; rows in $KEPT" >&2
python3 "$BENCH/report.py" before-after "$KEPT"
