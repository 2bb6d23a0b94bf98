#!/usr/bin/env bash
# The whole throughput matrix in ONE run: localhome, nginx and the backend direct, interleaved in rounds.
#
#   bench/run throughput [rounds=3] [seconds-per-run=10]
#
# Scenarios (per round, in this order; the systems of one scenario run back to back, their order reversed on
# even rounds):
#   reverse-c10, reverse-c100  keep-alive h1: direct | localhome reverse | nginx reverse proxy
#   absolute-c10               direct | localhome absolute-form | localhome CONNECT :80 (absolute-form goes to a
#                              second daemon without a CA: with one, localhome redirects http://bench/ to https)
#   mitm-k20-c10, -c100        20 requests per connection: localhome mitm | nginx TLS terminator | direct plain
#   newtunnel-c10              one request per connection (full handshakes): localhome mitm | nginx TLS
#   h2                         localhome mitm-h2 C=1 S=100 | localhome mitm h1 C=6 keep-alive
#   first                      localhome: first tunnels to never-seen names (static mappings, new names each round)
#   tunnels500                 localhome mitm C=500 K=5, bounded by --count
# Peak RSS is measured per run (VmHWM reset through /proc/<pid>/clear_refs before each run); idle RSS is the
# daemon's VmRSS after start, before any load.
#
# Needs: node, java 17, nginx (Debian nginx-light is enough), openssl, curl, python3; bootstrap/target/localhome.jar
# (or LOCALHOME_JAR=...) and the load generator bench/loadgen/target/localhome-loadgen.jar (or LOADGEN_JAR=...).
# Knobs (environment): DAEMON_JAVA_OPTS, LOADGEN_JAVA_OPTS, WARMUP_SECS (5, per warm-up step before round 1),
# RUN_WARMUP (1s, the loadgen's own unrecorded warm-up before every timed run), FRESH_NAMES (10 per round),
# TUNNELS500_COUNT (2500), LOADGEN_ARGS (added to every load generator call, e.g. "--threads 2"), LOADGEN_CMD
# (a command used instead of `java -jar LOADGEN_JAR`, to try this script out).
#
# Writes bench/results/matrix-<UTC>.jsonl (one JSON line per run plus start/end lines), .md (the tables, also
# printed) and .log (the load generator's full output). Takes about 4 minutes per round at 10 s per run.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ROUNDS="${1:-3}"
SECS="${2:-10}"
WARMUP_SECS="${WARMUP_SECS:-5}"
RUN_WARMUP="${RUN_WARMUP:-1s}"
FRESH_NAMES="${FRESH_NAMES:-10}"
TUNNELS500_COUNT="${TUNNELS500_COUNT:-2500}"
NGINX="${NGINX:-/usr/sbin/nginx}"
REPORT="$BENCH_DIR/report.py"

for tool in node java openssl curl python3 "$NGINX"; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }
done
if [[ -z "${LOADGEN_CMD:-}" ]]; then
  LOADGEN_JAR="${LOADGEN_JAR:-$BENCH_DIR/loadgen/target/localhome-loadgen.jar}"
  [[ -f "$LOADGEN_JAR" ]] || { echo "no $LOADGEN_JAR: build bench/loadgen first (or set LOADGEN_JAR)" >&2; exit 1; }
fi

mkdir -p "$BENCH_DIR/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$BENCH_DIR/results/matrix-$STAMP.jsonl"
MD="$BENCH_DIR/results/matrix-$STAMP.md"
LOG="$BENCH_DIR/results/matrix-$STAMP.log"
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

bench_workdir
trap stop_started EXIT
# copied like the daemon's jar, so a rebuild during the run cannot change it
[[ -n "${LOADGEN_CMD:-}" ]] || cp "$LOADGEN_JAR" "$WORK/loadgen.jar"

read -r -a LOADGEN_EXTRA <<<"${LOADGEN_ARGS:-}"
loadgen() {
  if [[ -n "${LOADGEN_CMD:-}" ]]; then
    # shellcheck disable=SC2086
    $LOADGEN_CMD "$@" "${LOADGEN_EXTRA[@]}"
  else
    # shellcheck disable=SC2086
    java ${LOADGEN_JAVA_OPTS:-} -jar "$WORK/loadgen.jar" "$@" "${LOADGEN_EXTRA[@]}"
  fi
}

# --- servers -----------------------------------------------------------------------------------------------------

ca_init
start_backend

# Never-seen names for the first-tunnel scenario, new ones every round: static mappings to the same backend,
# read from ./localhome.local.json in the daemon's working directory.
fresh_names() { # fresh_names ROUND -> fresh<R>n1,...,fresh<R>n<FRESH_NAMES>
  local names=() i
  for i in $(seq "$FRESH_NAMES"); do names+=("fresh${1}n$i"); done
  (IFS=,; echo "${names[*]}")
}
python3 - "$WORK/localhome.local.json" "$BACKEND_PORT" "$ROUNDS" "$FRESH_NAMES" <<'EOF'
import json, sys
path, port, rounds, per_round = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
services = {f"fresh{r}n{i}": port for r in range(1, rounds + 1) for i in range(1, per_round + 1)}
with open(path, "w") as f:
    json.dump({"services": services}, f)
EOF

# shellcheck disable=SC2119 # no extra daemon flags
start_daemon
IDLE_RSS_KIB="$(vm_kib "$DAEMON_PID" VmRSS)"

# With a CA, localhome answers an absolute-form `GET http://bench/` with a 302 to https://bench/ (docs/ARCHITECTURE.md, the behaviour contract), so
# absolute-form proxying is measured on a second daemon that has no CA: its own data directory, same jar and flags.
start_plain_daemon() {
  local dir="$WORK/plain"
  mkdir -p "$dir/data"
  local jvm_args; jvm_args="$(daemon_jvm_args)"
  # shellcheck disable=SC2086
  (cd "$dir" && XDG_DATA_HOME="$dir/data" exec java $jvm_args ${DAEMON_JAVA_OPTS:-} -jar "$WORK/localhome.jar" --port 0 \
    >"$dir/daemon.out" 2>"$dir/daemon.err") &
  PLAIN_PID=$!
  STARTED_PIDS+=("$PLAIN_PID")
  PLAIN_PORT="$(wait_listening "$dir/daemon.out" "$PLAIN_PID")"
}
start_plain_daemon

# nginx's TLS leaf: P-256, signed by the same localhome root the daemon mints from, valid for the name it is asked by
make_nginx_leaf() {
  local dir="$1" ca_dir; ca_dir="$(dirname "$CA_PEM")"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=bench" \
    -keyout "$dir/leaf.key" -out "$dir/leaf.csr" 2>>"$dir/openssl.log"
  printf '%s\n' 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' \
    'extendedKeyUsage=serverAuth' 'subjectAltName=DNS:bench,DNS:bench.localhost' >"$dir/leaf.ext"
  openssl x509 -req -in "$dir/leaf.csr" -CA "$CA_PEM" -CAkey "$ca_dir/rootCA-key.pem" -CAcreateserial \
    -CAserial "$dir/leaf.srl" -days 7 -sha256 -extfile "$dir/leaf.ext" -out "$dir/leaf.pem" 2>>"$dir/openssl.log"
}

free_ports() { # free_ports N -> N ports the kernel picked, on one line
  python3 - "$1" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

start_nginx() {
  local dir="$WORK/nginx"
  mkdir -p "$dir/tmp"
  make_nginx_leaf "$dir"
  read -r NGINX_REVERSE_PORT NGINX_TLS_PORT <<<"$(free_ports 2)"
  sed -e "s|@PREFIX@|$dir|g" -e "s|@BACKEND_PORT@|$BACKEND_PORT|g" \
    -e "s|@REVERSE_PORT@|$NGINX_REVERSE_PORT|g" -e "s|@TLS_PORT@|$NGINX_TLS_PORT|g" \
    "$BENCH_DIR/nginx/matrix.conf.template" >"$dir/nginx.conf"
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -t 2>>"$dir/stderr" \
    || { echo "nginx rejects its config: $(cat "$dir/stderr")" >&2; exit 1; }
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' 2>>"$dir/stderr" &
  NGINX_PID=$!
  STARTED_PIDS+=("$NGINX_PID")
  for _ in $(seq 100); do
    [[ "$(curl -s --max-time 1 "http://127.0.0.1:$NGINX_REVERSE_PORT/" || true)" == hello ]] && break
    kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx died; see $dir/error.log" >&2; exit 1; }
    sleep 0.05
  done
  NGINX_WORKERS=()
  local pid
  for pid in $(ps -o pid= --ppid "$NGINX_PID"); do NGINX_WORKERS+=("$pid"); done
  (( ${#NGINX_WORKERS[@]} > 0 )) || { echo "nginx has no workers; see $dir/error.log" >&2; exit 1; }
}
start_nginx

check="$(curl -s --max-time 5 -H "Host: bench.localhost:$DAEMON_PORT" "http://127.0.0.1:$DAEMON_PORT/" || true)"
[[ "$check" == hello ]] || { echo "localhome does not reach the backend (got '$check')" >&2; exit 1; }
check="$(curl -s --max-time 5 -x "http://127.0.0.1:$PLAIN_PORT" http://bench/ || true)"
[[ "$check" == hello ]] || { echo "the CA-less localhome does not proxy http://bench/ (got '$check')" >&2; exit 1; }
check="$(curl -s --max-time 5 --cacert "$CA_PEM" --resolve "bench:$NGINX_TLS_PORT:127.0.0.1" \
  "https://bench:$NGINX_TLS_PORT/" || true)"
[[ "$check" == hello ]] || { echo "nginx TLS does not verify against the localhome root (got '$check')" >&2; exit 1; }
echo "backend pid $BACKEND_PID :$BACKEND_PORT; localhome pid $DAEMON_PID :$DAEMON_PORT, without CA pid $PLAIN_PID" \
  ":$PLAIN_PORT; nginx pid $NGINX_PID" \
  "(workers ${NGINX_WORKERS[*]}) :$NGINX_REVERSE_PORT, tls :$NGINX_TLS_PORT; work dir $WORK" >&2

# --- measuring ---------------------------------------------------------------------------------------------------

cpu_pids() { # the processes whose CPU time counts as the server's
  case "$1" in
    direct) echo "$BACKEND_PID" ;;
    nginx) echo "$NGINX_PID ${NGINX_WORKERS[*]}" ;;
    localhome-plain) echo "$PLAIN_PID" ;;
    localhome) echo "$DAEMON_PID" ;;
  esac
}
mem_pids() { # the processes whose peak RSS counts as the server's (nginx: the workers; the master only idles)
  case "$1" in
    nginx) echo "${NGINX_WORKERS[*]}" ;;
    *) cpu_pids "$1" ;;
  esac
}
sum_ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(cpu_ticks "$pid"))); done; echo "$t"; }
sum_kib() { local k=0 pid key="$1"; shift; for pid in "$@"; do k=$((k + $(vm_kib "$pid" "$key"))); done; echo "$k"; }
# Resets VmHWM to the current RSS (Linux: "5" in clear_refs), so the next reading is the peak of one run only.
reset_peak() { local pid; for pid in "$@"; do echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || HWM_RESET=false; done; }
HWM_RESET=true

# Common loadgen arguments per system; scenarios add concurrency, connection reuse and duration.
system_args() {
  case "$1" in
    direct) ARGS=(--mode direct --server "127.0.0.1:$BACKEND_PORT") ;;
    localhome) ARGS=(--mode reverse --server "127.0.0.1:$DAEMON_PORT" --name bench) ;;
    nginx) ARGS=(--mode reverse --server "127.0.0.1:$NGINX_REVERSE_PORT" --name bench) ;;
    localhome-absolute) ARGS=(--mode absolute --server "127.0.0.1:$PLAIN_PORT" --name bench) ;;
    localhome-connect80) ARGS=(--mode connect80 --server "127.0.0.1:$DAEMON_PORT" --name bench) ;;
    localhome-mitm) ARGS=(--mode mitm --server "127.0.0.1:$DAEMON_PORT" --name bench --ca "$CA_PEM") ;;
    localhome-h2) ARGS=(--mode mitm-h2 --server "127.0.0.1:$DAEMON_PORT" --name bench --ca "$CA_PEM") ;;
    localhome-first) ARGS=(--mode first --server "127.0.0.1:$DAEMON_PORT" --ca "$CA_PEM") ;;
    nginx-tls) ARGS=(--mode tls --server "127.0.0.1:$NGINX_TLS_PORT" --name bench --ca "$CA_PEM") ;;
    *) echo "unknown system $1" >&2; exit 1 ;;
  esac
}
server_of() {
  case "$1" in
    nginx*) echo nginx ;;
    localhome-absolute) echo localhome-plain ;;
    localhome*) echo localhome ;;
    *) echo direct ;;
  esac
}

# run ROUND SCENARIO SYSTEM [extra loadgen args...]: one timed run, appended to $RAW as one JSON line
run() {
  local round="$1" scenario="$2" system="$3"; shift 3
  local server cpu mem t0 t1 b0 b1 rc=0 out
  server="$(server_of "$system")"
  read -r -a cpu <<<"$(cpu_pids "$server")"
  read -r -a mem <<<"$(mem_pids "$server")"
  system_args "$system"
  reset_peak "${mem[@]}"
  t0="$(sum_ticks "${cpu[@]}")"; b0="$(cpu_ticks "$BACKEND_PID")"
  out="$(loadgen "${ARGS[@]}" "$@" --label "$scenario/$system/r$round" 2>>"$LOG")" || rc=$?
  t1="$(sum_ticks "${cpu[@]}")"; b1="$(cpu_ticks "$BACKEND_PID")"
  printf '%s\n' "$out" >>"$LOG"
  printf '%s\n' "$out" | python3 "$REPORT" record type=run round="$round" scenario="$scenario" system="$system" \
    server="$server" exit="$rc" server_ticks="$((t1 - t0))" backend_ticks="$((b1 - b0))" clk_tck="$CLK_TCK" \
    peak_rss_kib="$(sum_kib VmHWM "${mem[@]}")" rss_kib="$(sum_kib VmRSS "${mem[@]}")" >>"$RAW"
}

TIMED=(--duration "${SECS}s" --warmup "$RUN_WARMUP")

# in_order ROUND SYSTEM...: the systems in the order to run them this round (reversed on even rounds)
in_order() {
  local round="$1"; shift
  if (( round % 2 )); then echo "$@"; else printf '%s\n' "$@" | tac | tr '\n' ' '; fi
}

round_of_scenarios() {
  local r="$1" c s shape
  for c in 10 100; do
    for s in $(in_order "$r" direct localhome nginx); do
      run "$r" "reverse-c$c" "$s" --concurrency "$c" --requests-per-connection 0 "${TIMED[@]}"
    done
  done
  for s in $(in_order "$r" direct localhome-absolute localhome-connect80); do
    run "$r" absolute-c10 "$s" --concurrency 10 --requests-per-connection 0 "${TIMED[@]}"
  done
  for c in 10 100; do
    for s in $(in_order "$r" localhome-mitm nginx-tls direct); do
      run "$r" "mitm-k20-c$c" "$s" --concurrency "$c" --requests-per-connection 20 "${TIMED[@]}"
    done
  done
  for s in $(in_order "$r" localhome-mitm nginx-tls); do
    run "$r" newtunnel-c10 "$s" --concurrency 10 --requests-per-connection 1 "${TIMED[@]}"
  done
  for s in $(in_order "$r" localhome-h2 localhome-mitm); do
    if [[ "$s" == localhome-h2 ]]; then shape=(--concurrency 1 --streams 100); else shape=(--concurrency 6); fi
    run "$r" h2 "$s" "${shape[@]}" --requests-per-connection 0 "${TIMED[@]}"
  done
  # --warmup: tunnels to bench first (not recorded), so that the first tunnels time the daemon, not a cold client
  run "$r" first localhome-first --names "$(fresh_names "$r")" --name bench --warmup 3s
  run "$r" tunnels500 localhome-mitm --concurrency 500 --requests-per-connection 5 --count "$TUNNELS500_COUNT" \
    --duration 120s
}

# --- the run -----------------------------------------------------------------------------------------------------

git_head="$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$REPO_DIR" diff --quiet HEAD -- 2>/dev/null || git_head="$git_head+dirty"
python3 "$REPORT" record type=start utc="$STAMP" rounds="$ROUNDS" seconds="$SECS" run_warmup="$RUN_WARMUP" \
  nproc="$(nproc)" cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" kernel="$(uname -r)" \
  java="$(java -version 2>&1 | head -1)" node="$(node --version)" nginx="$("$NGINX" -v 2>&1)" \
  localhome_git="$git_head" localhome_jar_sha256="$(sha256sum "$WORK/localhome.jar" | cut -c1-12)" \
  daemon_java_opts="${DAEMON_JAVA_OPTS:-}" loadgen_java_opts="${LOADGEN_JAVA_OPTS:-}" loadgen_args="${LOADGEN_ARGS:-}" \
  nginx_workers="${#NGINX_WORKERS[@]}" loadavg_start="$LOAD_AT_START" idle_rss_kib="$IDLE_RSS_KIB" </dev/null >"$RAW"
echo "machine: $(tail -1 "$RAW")" >&2

echo "warm-up, not recorded (${WARMUP_SECS}s per step)" >&2
for s in localhome localhome-connect80 localhome-mitm localhome-absolute nginx nginx-tls direct; do
  system_args "$s"
  loadgen "${ARGS[@]}" --concurrency 10 --requests-per-connection 20 --duration "${WARMUP_SECS}s" --label "warmup/$s" \
    >>"$LOG" 2>&1 || echo "warm-up $s failed (exit $?); see $LOG" >&2
done
system_args localhome-mitm
loadgen "${ARGS[@]}" --concurrency 10 --requests-per-connection 1 --duration "${WARMUP_SECS}s" --label warmup/tunnels \
  >>"$LOG" 2>&1 || echo "warm-up tunnels failed; see $LOG" >&2
system_args localhome-h2
loadgen "${ARGS[@]}" --concurrency 1 --streams 100 --duration "${WARMUP_SECS}s" --label warmup/h2 \
  >>"$LOG" 2>&1 || echo "warm-up h2 failed; see $LOG" >&2

for round in $(seq "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  round_of_scenarios "$round"
done

python3 "$REPORT" record type=end utc="$(date -u +%Y%m%dT%H%M%SZ)" loadavg_end="$(cut -d' ' -f1-3 /proc/loadavg)" \
  localhome_rss_kib="$(vm_kib "$DAEMON_PID" VmRSS)" hwm_reset="$HWM_RESET" </dev/null >>"$RAW"
python3 "$REPORT" matrix "$RAW" >"$MD"
cat "$MD"
echo "raw: $RAW; tables: $MD; load generator output: $LOG" >&2
