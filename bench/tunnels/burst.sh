#!/usr/bin/env bash
# A burst of 500 simultaneous first tunnels (CONNECT bench:443 + full TLS handshake + one GET each, all
# started at once), repeated ROUNDS times against one warm daemon. Per burst: errors, set-up p50/p99/max (TCP connect
# + CONNECT + TLS handshake, from the moment the burst starts), the longest request, the daemon's CPU per tunnel and
# its peak RSS (VmHWM, reset before each burst); the daemon's idle RSS once before any load.
#
#   bench/run burst [rounds=5] [tunnels=500]
#
# TRANSPORT=epoll|io_uring|nio|auto picks the daemon's transport (a localhome.local.json in its working directory);
# PAUSE (2 s) between bursts; LOADGEN_ARGS are added to every burst (e.g. "--threads 2").
# Needs node, java 17, python3, bootstrap/target/localhome.jar (or LOCALHOME_JAR) and bench/loadgen's jar (or
# LOADGEN_JAR). Everything on 127.0.0.1; every process by PID. Rows go to stderr and bench/results/burst-<stamp>.tsv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ROUNDS="${1:-5}"
TUNNELS="${2:-500}"
PAUSE="${PAUSE:-2}"

bench_workdir
trap stop_started EXIT
ca_init
[[ -n "${TRANSPORT:-}" ]] && printf '{"transport": "%s"}\n' "$TRANSPORT" >"$WORK/localhome.local.json"
start_backend
start_daemon
grep -m1 -o 'with the [a-z_]* transport' "$WORK/daemon.err" >&2 || true
LOADGEN_JAR="${LOADGEN_JAR:-$BENCH_DIR/loadgen/target/localhome-loadgen.jar}"
cp "$LOADGEN_JAR" "$WORK/loadgen.jar"
# shellcheck disable=SC2086
load() { java -jar "$WORK/loadgen.jar" --server "127.0.0.1:$DAEMON_PORT" --ca "$CA_PEM" --name bench ${LOADGEN_ARGS:-} "$@"; }
for _ in $(seq 100); do
  [[ "$(curl -s --max-time 2 -H "Host: bench.localhost:$DAEMON_PORT" "http://127.0.0.1:$DAEMON_PORT/" || true)" == hello ]] && break
  sleep 0.1
done
sleep 3
IDLE_KIB="$(vm_kib "$DAEMON_PID" VmRSS)"
echo "idle VmRSS $((IDLE_KIB / 1024)) MiB" >&2

# the daemon runs all day: warm its JIT on WARMUP_TUNNELS (3000) new tunnels first (not recorded), as a day of
# browsing would; counted, not timed, so that a loaded machine cannot leave the JIT cold
load --mode mitm --requests-per-connection 1 --concurrency 10 --tunnels "${WARMUP_TUNNELS:-3000}" --duration 300s --label warmup >"$WORK/warmup.out"

mkdir -p "$BENCH_DIR/results"
RAW="$BENCH_DIR/results/burst-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'round\ttransport\ttunnels\terrors\tsetup_p50_ms\tsetup_p99_ms\tsetup_max_ms\trequest_max_ms\tstalls\tcpu_us_per_tunnel\tpeak_rss_mib\tload1\n' >"$RAW"
for r in $(seq "$ROUNDS"); do
  echo 5 >"/proc/$DAEMON_PID/clear_refs" 2>/dev/null || true
  t0="$(cpu_ticks "$DAEMON_PID")"
  out="$(load --mode mitm --requests-per-connection 1 --concurrency "$TUNNELS" --tunnels "$TUNNELS" --timeout 10s --duration 60s --label "burst$r")"
  t1="$(cpu_ticks "$DAEMON_PID")"
  echo "$out" >>"$WORK/bursts.out"
  echo "$out" | tail -1 | python3 -c '
import json, sys
j = json.loads(sys.stdin.read()); r, tr, ticks, clk, hwm, load1 = sys.argv[1:7]
errs = sum(j["errors"].values())
detail = ",".join(f"{k}={v}" for k, v in sorted(j["errors"].items()) if v)
cpu = int(ticks) / int(clk) * 1e6 / max(j["connections"], 1)
print("\t".join(str(x) for x in (r, tr, j["connections"], f"{errs}" + (f" ({detail})" if detail else ""),
      j["p50_setup_ms"], j["p99_setup_ms"], j["max_setup_ms"], j["max_ms"], j["stalls_over_1s"], round(cpu),
      round(int(hwm) / 1024), load1)))' "$r" "${TRANSPORT:-auto}" "$((t1 - t0))" "$CLK_TCK" "$(vm_kib "$DAEMON_PID" VmHWM)" \
      "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RAW" >&2
  sleep "$PAUSE"
done
echo "idle VmRSS before load: $((IDLE_KIB / 1024)) MiB; rows: $RAW" >&2
