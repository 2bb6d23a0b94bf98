#!/usr/bin/env bash
# localhome beside its peers on what a user feels, in ONE run: Caddy (the engine under localias), portless, nginx
# (1 worker) and the backend direct (bench/peers/peers.sh says how each is configured: a reverse proxy by name on
# 127.0.0.1, plain HTTP/1.1 and HTTPS with h2). localhome runs from its distribution archive, once per archive, so
# JDK 17 and JDK 25 stand side by side (bench/peers/install.sh dists makes both; LOCALHOME_DISTS picks others).
#
#   bench/run peers [rounds=3] [seconds-per-run=5]
#
# Parts (PARTS="start idle cli load" picks some), in this order:
#   start   START_RUNS (5) starts of each peer after one unrecorded start, the order rotated every run: wall time
#           from the exec to the first accepted connection on its port (polled every millisecond), the CPU its
#           process tree used until then, and its VmRSS START_IDLE_SECS (3) later; then stopped by PID
#   idle    all peers started once more and left alone, with sleep processes started (and later stopped) by PID
#           until PROCESSES (500) processes run on the machine, as on a developer's: each peer's CPU over
#           IDLE_ROUNDS (2) windows of IDLE_SECS (45) after IDLE_SETTLE (15) seconds, as milliseconds per minute
#   cli     CLI_RUNS (5) runs of each command that asks a running daemon, interleaved: localhome status, scan,
#           open; portless list, alias (Caddy and nginx have none: "–")
#   load    the load matrix, WARMUP_SECS (5) per scenario and system first, then ROUNDS rounds of SECS per run, the
#           systems of a scenario back to back in an order rotated every round: server CPU µs/request from
#           /proc/<pid>/stat of the process tree, req/s, the backend's CPU per request behind it, and the peak
#           VmRSS (VmHWM, reset through clear_refs before each run)
#             rev-c10, rev-c100   wrk -t1 keep-alive, Host: APP.localhost:PORT (bench/peers/peers.sh: APP)
#             rev-close           wrk -t1 -c10, Connection: close (a new connection per request)
#             h2-1x100, h2-6x10   h2load over TLS with h2: 1 connection x 100 streams, 6 x 10, through
#                                 bench/connect-shim.js (CONNECT APP:443 for localhome, plain relay for the
#                                 others: every system pays the same extra hop, whose CPU counts for none)
#
# Takes about 15 minutes on a quiet machine with the defaults and two localhome archives. Needs:
# bench/peers/install.sh (portless, Node 24), caddy and nginx-light from Debian, wrk, h2load (nghttp2-client), node,
# openssl, curl, python3, a localhome archive (`mvn -B -DskipTests package -pl bootstrap -am`). Everything on
# 127.0.0.1; every process started is stopped by its PID.
#
# Writes bench/results/peers-<UTC>.tsv (one row per figure) and .md (the tables, also printed; bench/report.py
# peers).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
# shellcheck source=peers.sh
source "$BENCH_DIR/peers/peers.sh"

ROUNDS="${1:-3}"
SECS="${2:-5}"
PARTS="${PARTS:-start idle cli load}"
START_RUNS="${START_RUNS:-5}"
START_IDLE_SECS="${START_IDLE_SECS:-3}"
PROCESSES="${PROCESSES:-500}"
IDLE_ROUNDS="${IDLE_ROUNDS:-2}"
IDLE_SECS="${IDLE_SECS:-45}"
IDLE_SETTLE="${IDLE_SETTLE:-15}"
CLI_RUNS="${CLI_RUNS:-5}"
WARMUP_SECS="${WARMUP_SECS:-5}"
part() { [[ " $PARTS " == *" $1 "* ]]; }

peers_check_tools
mkdir -p "$BENCH_DIR/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$BENCH_DIR/results/peers-$STAMP.tsv"
MD="$BENCH_DIR/results/peers-$STAMP.md"
WORK="$(mktemp -d /tmp/localhome-peers.XXXXXX)"
SLEEPERS=()
stop_sleepers() { local p; for p in "${SLEEPERS[@]}"; do kill "$p" 2>/dev/null || true; done; SLEEPERS=(); }
trap 'stop_sleepers; stop_started' EXIT

start_app_backend
peers_setup
SYSTEMS=("${LH_SYSTEMS[@]}" caddy portless nginx)

meta() { printf '# %s=%s\n' "$1" "$2" >>"$RAW"; }
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RAW"; } # row PART SYSTEM METRIC ROUND VALUE
rotated() { # rotated N ITEMS... -> the items rotated left by N
  local n="$1"; shift
  local items=("$@") k
  k=$(( n % ${#items[@]} ))
  echo "${items[@]:k}" "${items[@]:0:k}"
}
load_now() { cut -d' ' -f1-3 /proc/loadavg; }
processes_now() { local p=(/proc/[0-9]*); echo "${#p[@]}"; } # a glob: a process that ends meanwhile fails nothing

git_head="$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$REPO_DIR" diff --quiet HEAD -- 2>/dev/null || git_head="$git_head+dirty"
printf 'part\tsystem\tmetric\tround\tvalue\n' >"$RAW"
meta utc "$STAMP"; meta git "$git_head"; meta nproc "$(nproc)"; meta kernel "$(uname -r)"
meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
meta rounds "$ROUNDS"; meta seconds "$SECS"; meta warmup "$WARMUP_SECS"; meta start_runs "$START_RUNS"
meta start_idle_secs "$START_IDLE_SECS"; meta idle "$IDLE_ROUNDS x $IDLE_SECS s after $IDLE_SETTLE s"
meta cli_runs "$CLI_RUNS"; meta parts "$PARTS"; meta load_start "$(load_now)"
for s in "${LH_SYSTEMS[@]}"; do
  v="${s^^}_ARCHIVE"
  jdk="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$WORK/$s/dist/runtime/release")"
  sum="$(sha256sum "${!v}" | cut -c1-12)"
  meta "version_$s" "$(cat "$WORK/$s/dist/lib/VERSION") on JDK $jdk ($(basename "${!v}"), sha256 $sum)"
done
meta version_caddy "Caddy $("$CADDY" version | cut -d' ' -f1)"
meta version_nginx "$("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), 1 worker"
pl_version="$(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$PEERS_CACHE/npm/node_modules/portless/package.json")"
meta version_portless "portless $pl_version on Node $("$PL_NODE" --version)"
meta version_direct "Node $(node --version) backend (bench/backend.js)"
meta portless_user "${PORTLESS_USER:-$(id -un)}"
echo "peers: ${SYSTEMS[*]} and the backend direct; parts: $PARTS; load average $(load_now); work dir $WORK" >&2

# --- start: start -> listening, CPU until then, idle VmRSS -------------------------------------------------------

if part start; then
  echo "start: one unrecorded start each, then $START_RUNS rounds" >&2
  for r in $(seq 0 "$START_RUNS"); do
    for s in $(rotated "$r" "${SYSTEMS[@]}"); do
      peer_argv "$s"
      out="$(python3 "$PROC" start "$(peer_port "$s")" "$START_IDLE_SECS" "$WORK/$s.start.log" -- "${CMD[@]}")" \
        || { echo "start of $s failed; see $WORK/$s.start.log" >&2; exit 1; }
      (( r == 0 )) && continue # the first start of each: page cache, JDK 17's class-data archive made at first start
      read -r ms cpu rss <<<"$out"
      row start "$s" wall_ms "$r" "$ms"; row start "$s" cpu_ms "$r" "$cpu"; row start "$s" idle_rss_kib "$r" "$rss"
      echo "  r$r $s: ${ms} ms to listening, ${cpu} ms CPU, $((rss / 1024)) MiB after ${START_IDLE_SECS} s" >&2
    done
  done
fi

# --- the peers for the rest of the run -----------------------------------------------------------------------------

for s in "${SYSTEMS[@]}" portless-plain; do start_peer "$s"; done
portless_routes
tree_of() { python3 "$PROC" tree "$1"; }
pid_of() { local v="PID_${1//-/_}"; v="${v^^}"; echo "${!v}"; }
check() { # check WHAT URL CURL-ARGS...
  local what="$1" got; shift
  for _ in $(seq 100); do
    got="$(curl -s --max-time 2 "$@" || true)"
    [[ "$got" == hello ]] && return 0
    sleep 0.05
  done
  echo "$what does not reach the backend (got '${got:0:200}')" >&2; exit 1
}
for s in "${LH_SYSTEMS[@]}" caddy nginx portless-plain; do
  p="$(peer_port "$s")"
  check "$s" -H "Host: $APP.localhost:$p" "http://127.0.0.1:$p/"
done
for s in portless caddy nginx; do
  p="${s^^}_TLS_PORT"
  check "$s (TLS)" --cacert "$TEST_CA" --resolve "$APP.localhost:${!p}:127.0.0.1" "https://$APP.localhost:${!p}/"
done
for s in "${SYSTEMS[@]}" portless-plain; do printf '%s pid %s :%s; ' "$s" "$(pid_of "$s")" "$(peer_port "$s")"; done >&2
echo "backend pid $BACKEND_PID :$BACKEND_PORT" >&2

# --- idle: CPU per minute with PROCESSES processes on the machine -----------------------------------------------

if part idle; then
  have="$(processes_now)"
  want=$(( PROCESSES - have )); (( want > 0 )) || want=0; (( want <= 2000 )) || want=2000
  bound=$(( IDLE_SETTLE + IDLE_ROUNDS * IDLE_SECS + 120 )) # they end by themselves even if this script dies
  echo "idle: $have processes, starting $want sleep processes (each ends within $bound s)" >&2
  for _ in $(seq "$want"); do sleep "$bound" & SLEEPERS+=("$!"); done
  sleep "$IDLE_SETTLE"
  meta idle_processes "$(processes_now)"
  for w in $(seq "$IDLE_ROUNDS"); do
    declare -A before=()
    for s in "${SYSTEMS[@]}"; do
      t=0; for p in $(tree_of "$(pid_of "$s")"); do t=$((t + $(cpu_ticks "$p"))); done; before[$s]=$t
    done
    t0="$EPOCHREALTIME"; sleep "$IDLE_SECS"; t1="$EPOCHREALTIME"
    for s in "${SYSTEMS[@]}"; do
      t=0; for p in $(tree_of "$(pid_of "$s")"); do t=$((t + $(cpu_ticks "$p"))); done
      v="$(awk -v d="$((t - before[$s]))" -v hz="$CLK_TCK" -v a="$t0" -v b="$t1" \
        'BEGIN {printf "%.1f", d * 1000 / hz * 60 / (b - a)}')"
      row idle "$s" cpu_ms_per_min "$w" "$v"
      echo "  w$w $s: $v ms CPU per minute" >&2
    done
    meta "idle_load_$w" "$(load_now)"
  done
  stop_sleepers
fi

# --- cli: a command that asks the running daemon ------------------------------------------------------------------

cli_argv() { # cli_argv SYSTEM COMMAND -> CMD
  case "$1/$2" in
    lh*/open) localhome_argv "$1" open "$APP" --port "$(peer_port "$1")" ;;
    lh*/*) localhome_argv "$1" "$2" --port "$(peer_port "$1")" ;;
    portless/list) portless_argv tls list ;;
    portless/alias) portless_argv tls alias "${APP}cli" "$BACKEND_PORT" --force ;;
  esac
}
if part cli; then
  CLIS=()
  for s in "${LH_SYSTEMS[@]}"; do CLIS+=("$s/status" "$s/scan" "$s/open"); done
  CLIS+=(portless/list portless/alias)
  echo "cli: one unrecorded run each, then $CLI_RUNS rounds of ${CLIS[*]}" >&2
  for r in $(seq 0 "$CLI_RUNS"); do
    for c in $(rotated "$r" "${CLIS[@]}"); do
      cli_argv "${c%%/*}" "${c#*/}"
      read -r ms cpu rc <<<"$(python3 "$PROC" cli "$WORK/cli.log" -- "${CMD[@]}")"
      (( rc == 0 )) || echo "  $c exited $rc (counted as failed); see $WORK/cli.log" >&2
      (( r == 0 )) && continue
      row cli "${c%%/*}" "${c#*/}_wall_ms" "$r" "$ms"; row cli "${c%%/*}" "${c#*/}_cpu_ms" "$r" "$cpu"
      row cli "${c%%/*}" "${c#*/}_failed" "$r" "$(( rc != 0 ))"
    done
  done
fi

# --- load: CPU per request, req/s, peak RSS --------------------------------------------------------------------

start_shim() { # start_shim VAR TARGET_PORT [CONNECT_AUTHORITY]
  local var="$1"; shift
  (exec node "$BENCH_DIR/connect-shim.js" "$@" >"$WORK/shim-$var.out" 2>&1) &
  STARTED_PIDS+=("$!")
  printf -v "$var" '%s' "$(wait_listening "$WORK/shim-$var.out" "$!")"
}

wrk_run() { # wrk_run SECS ARGS... -> "requests seconds errors" (errors: non-2xx and socket errors)
  local d="$1"; shift; local out; out="$(wrk -t1 -d"${d}s" --timeout 5s "$@" 2>&1)"; echo "$out" >>"$WORK/clients.log"
  python3 -c '
import re,sys; o=sys.stdin.read(); m=re.search(r"(\d+) requests in ([\d.]+)(m?s)",o)
sec=float(m.group(2))/(1000 if m.group(3)=="ms" else 1); bad=re.search(r"Non-2xx or 3xx responses: (\d+)",o)
se=re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",o)
print(m.group(1), sec, (int(bad.group(1)) if bad else 0) + (sum(map(int,se.groups())) if se else 0))' <<<"$out"
}
h2load_run() { # h2load_run SECS ARGS... (the URL last) -> "requests seconds errors"
  # (requests: those that succeeded in the timed window; errors: the failed ones, which include the errored and those
  # answered with a status other than 2xx)
  local d="$1"; shift; local out; out="$(h2load -D "$d" "$@" 2>&1)"; echo "$out" >>"$WORK/clients.log"
  python3 -c '
import re,sys; o=sys.stdin.read(); m=re.search(r"finished in ([\d.]+)(m?s)",o)
sec=float(m.group(1))/(1000 if m.group(2)=="ms" else 1)
r=re.search(r"requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored",o)
c=re.search(r"status codes: \d+ 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx",o)
print(r.group(2), sec, max(int(r.group(3)), int(r.group(4)), sum(map(int, c.groups())) if c else 0))' <<<"$out"
}

SCENARIOS=(rev-c10 rev-c100 rev-close h2-1x100 h2-6x10)
systems_of() { case "$1" in rev-*) echo "${SYSTEMS[*]} direct" ;; *) echo "${SYSTEMS[*]}" ;; esac; }
serving_pid() { # the process (tree) that serves SCENARIO for SYSTEM
  case "$2" in
    direct) echo "$BACKEND_PID" ;;
    portless) if [[ $1 == rev-* ]]; then pid_of portless-plain; else pid_of portless; fi ;;
    *) pid_of "$2" ;;
  esac
}
client() { # client SCENARIO SYSTEM SECS -> "requests seconds errors"
  local sc="$1" s="$2" d="$3" port shim url="https://$APP.localhost/"
  case "$s" in direct) port="$BACKEND_PORT" ;; portless) port="$PORTLESS_PORT" ;; *) port="$(peer_port "$s")" ;; esac
  case "$sc" in
    rev-c10) wrk_run "$d" -c10 -H "Host: $APP.localhost:$port" "http://127.0.0.1:$port/" ;;
    rev-c100) wrk_run "$d" -c100 -H "Host: $APP.localhost:$port" "http://127.0.0.1:$port/" ;;
    rev-close) wrk_run "$d" -c10 -H 'Connection: close' -H "Host: $APP.localhost:$port" "http://127.0.0.1:$port/" ;;
    h2-*)
      shim="SHIM_${s^^}"; [[ $s == lh* ]] && url="https://$APP/"
      local shape="${sc#h2-}"
      h2load_run "$d" -c"${shape%x*}" -m"${shape#*x}" --connect-to="127.0.0.1:${!shim}" "$url" ;;
  esac
}

if part load; then
  for s in "${LH_SYSTEMS[@]}"; do start_shim "SHIM_${s^^}" "$(peer_port "$s")" "$APP:443"; done
  start_shim SHIM_CADDY "$CADDY_TLS_PORT"
  start_shim SHIM_NGINX "$NGINX_TLS_PORT"
  start_shim SHIM_PORTLESS "$PORTLESS_TLS_PORT"
  for s in "${SYSTEMS[@]}"; do # one h2 request through each shim, as h2load will send them
    shim="SHIM_${s^^}"; host="$APP.localhost"; [[ $s == lh* ]] && host="$APP"
    ca="$TEST_CA"; [[ $s == lh* ]] && ca="$WORK/$s/data/localhome/rootCA.pem"
    check "$s (h2 through the shim)" --http2 --cacert "$ca" --connect-to "$host:443:127.0.0.1:${!shim}" "https://$host/"
  done

  echo "load: warm-up, not recorded (${WARMUP_SECS}s per scenario and system)" >&2
  for sc in "${SCENARIOS[@]}"; do
    for s in $(systems_of "$sc"); do client "$sc" "$s" "$WARMUP_SECS" >/dev/null || true; done
  done
  meta load_after_warmup "$(load_now)"
  for r in $(seq "$ROUNDS"); do
    echo "load: round $r of $ROUNDS" >&2
    for sc in "${SCENARIOS[@]}"; do
      read -r -a order <<<"$(systems_of "$sc")"
      for s in $(rotated "$((r - 1))" "${order[@]}"); do
        read -r -a pids <<<"$(tree_of "$(serving_pid "$sc" "$s")")"
        for p in "${pids[@]}"; do echo 5 >"/proc/$p/clear_refs"; done
        t0=0; for p in "${pids[@]}"; do t0=$((t0 + $(cpu_ticks "$p"))); done; b0="$(cpu_ticks "$BACKEND_PID")"
        res="$(client "$sc" "$s" "$SECS")" || res="0 $SECS 1"
        t1=0; for p in "${pids[@]}"; do t1=$((t1 + $(cpu_ticks "$p"))); done; b1="$(cpu_ticks "$BACKEND_PID")"
        hwm=0; for p in "${pids[@]}"; do hwm=$((hwm + $(vm_kib "$p" VmHWM))); done
        read -r n sec err <<<"$res"
        row load "$s" "$sc/requests" "$r" "$n"; row load "$s" "$sc/seconds" "$r" "$sec"
        row load "$s" "$sc/errors" "$r" "$err"; row load "$s" "$sc/server_ticks" "$r" "$((t1 - t0))"
        row load "$s" "$sc/backend_ticks" "$r" "$((b1 - b0))"; row load "$s" "$sc/peak_rss_kib" "$r" "$hwm"
        echo "  r$r $sc $s: $n requests in $sec s, $err errors, $((t1 - t0)) ticks, VmHWM $((hwm / 1024)) MiB" >&2
      done
    done
    meta "load_round_$r" "$(load_now)"
  done
fi

meta clk_tck "$CLK_TCK"
meta utc_end "$(date -u +%Y%m%dT%H%M%SZ)"
meta load_end "$(load_now)"
python3 "$BENCH_DIR/report.py" peers "$RAW" | tee "$MD"
echo "raw: $RAW; tables: $MD" >&2
