#!/usr/bin/env bash
# The throughput matrix with the field's own clients (wrk, h2load) beside the project's load generator, in ONE run:
# localhome, nginx and the backend direct, interleaved in rounds (the systems of a scenario back to back, their order
# reversed on even rounds), with the server's CPU per request from /proc/<pid>/stat.
#
#   bench/run clients [rounds=3] [seconds-per-run=5]      (SCENS="rev-close rev-ka ..." picks scenarios)
#
# Writes bench/results/clients-<UTC>.tsv (one row per run) and .md (the table, also printed; bench/report.py clients).
#
# Scenarios and their clients:
#   rev-close    wrk -c10 -H 'Connection: close' (a new connection per request), Host: bench.localhost:PORT
#   rev-ka       wrk -c100 keep-alive, Host: bench.localhost:PORT
#   rev-ka10     wrk -c10 keep-alive, the same
#   absolute     wrk -c10 keep-alive, request line `GET http://bench/ HTTP/1.1` (bench/absolute-form.lua) against a
#                second daemon without a CA (with one, localhome answers 302 to https://bench/); nginx and the Node
#                backend take absolute-form requests as they are
#   connect80    loadgen --mode connect80 -c10 vs loadgen --mode direct -c10 (wrk cannot send CONNECT)
#   tls-c10      h2load --h1 -c10 (TLS, keep-alive, one connection each): localhome through the CONNECT shim,
#   tls-c100     nginx's TLS port through the same shim in plain mode (so both pay the same extra hop)
#   newtunnel    loadgen --mode mitm|tls -c10 --requests-per-connection 1 (a full handshake per request)
#   h2-h2load    h2load -c1 -m100 (h2) through the shim: localhome h2, nginx h2; localhome h1 over 6 tunnels
#                (h2load --h1 -c6)
#   h2-6x10      h2load -c6 -m10 (h2, six tunnels of ten streams) through the shim: localhome h2, nginx h2
#   h2-loadgen   loadgen mitm-h2 -c1 --streams 100 | tls-h2 (nginx) | mitm -c6 (localhome h1 over 6 tunnels)
#
# h2load cannot send CONNECT, and the daemon terminates TLS only inside a CONNECT tunnel (there is no
# `https://app.localhost:<port>`), so h2load talks to bench/connect-shim.js, a Node process that sends
# `CONNECT bench:443`, waits for the 200 and then relays bytes untouched. Its CPU is not counted as the daemon's.
#
# Needs: wrk, h2load (nghttp2-client), node, java 17, nginx (nginx-light), openssl, curl, python3; the jars
# bootstrap/target/localhome.jar (LOCALHOME_JAR=...) and bench/loadgen/target/localhome-loadgen.jar (LOADGEN_JAR=...).
# Knobs: NGINX_WORKERS (1, as in BENCHMARKS.md's figures), WARMUP_SECS (10 per scenario and system before round 1: C2 is
# still compiling the daemon's paths long after 5 s, see BENCHMARKS.md "Throughput and CPU per request"), DAEMON_JAVA_OPTS,
# LOCALHOME_JAVA (the java that runs the daemon, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; default java).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ROUNDS="${1:-3}"
SECS="${2:-5}"
WARMUP_SECS="${WARMUP_SECS:-10}"
NGINX="${NGINX:-/usr/sbin/nginx}"
SCENS="${SCENS:-rev-close rev-ka absolute connect80 tls-c10 tls-c100 newtunnel h2-h2load h2-loadgen}"
for tool in wrk h2load node java openssl curl python3 "$NGINX"; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }
done
LOADGEN_JAR="${LOADGEN_JAR:-$BENCH_DIR/loadgen/target/localhome-loadgen.jar}"
[[ -f "$LOADGEN_JAR" ]] || { echo "no $LOADGEN_JAR: build bench/loadgen first" >&2; exit 1; }

mkdir -p "$BENCH_DIR/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$BENCH_DIR/results/clients-$STAMP.tsv"
MD="$BENCH_DIR/results/clients-$STAMP.md"
bench_workdir
LOG="$WORK/clients.log"
trap 'cp "$LOG" "$BENCH_DIR/results/clients-$STAMP.log" 2>/dev/null || true; stop_started' EXIT
cp "$LOADGEN_JAR" "$WORK/loadgen.jar"

ca_init
start_backend
# shellcheck disable=SC2119
start_daemon

start_plain_daemon() { # a daemon without a CA, for absolute-form (its own data directory, same jar and flags)
  local dir="$WORK/plain" jvm_args; mkdir -p "$dir/data"; jvm_args="$(daemon_jvm_args)"
  # shellcheck disable=SC2086
  (cd "$dir" && XDG_DATA_HOME="$dir/data" exec "$DAEMON_JAVA" $jvm_args ${DAEMON_JAVA_OPTS:-} -jar "$WORK/localhome.jar" --port 0 \
    >"$dir/daemon.out" 2>"$dir/daemon.err") &
  PLAIN_PID=$!; STARTED_PIDS+=("$PLAIN_PID")
  PLAIN_PORT="$(wait_listening "$dir/daemon.out" "$PLAIN_PID")"
}
start_plain_daemon

free_ports() { python3 -c 'import socket,sys
s=[socket.socket() for _ in range(int(sys.argv[1]))]
[x.bind(("127.0.0.1",0)) for x in s]; print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"; }

start_nginx() { # the matrix's nginx (bench/nginx), with NGINX_WORKERS workers and h2 offered on its TLS port
  local dir="$WORK/nginx" ca_dir; ca_dir="$(dirname "$CA_PEM")"; mkdir -p "$dir/tmp"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=bench" \
    -keyout "$dir/leaf.key" -out "$dir/leaf.csr" 2>>"$dir/openssl.log"
  printf '%s\n' 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' \
    'extendedKeyUsage=serverAuth' 'subjectAltName=DNS:bench,DNS:bench.localhost' >"$dir/leaf.ext"
  openssl x509 -req -in "$dir/leaf.csr" -CA "$CA_PEM" -CAkey "$ca_dir/rootCA-key.pem" -CAcreateserial \
    -CAserial "$dir/leaf.srl" -days 7 -sha256 -extfile "$dir/leaf.ext" -out "$dir/leaf.pem" 2>>"$dir/openssl.log"
  read -r NGINX_REVERSE_PORT NGINX_TLS_PORT <<<"$(free_ports 2)"
  sed -e "s|@PREFIX@|$dir|g" -e "s|@BACKEND_PORT@|$BACKEND_PORT|g" \
    -e "s|@REVERSE_PORT@|$NGINX_REVERSE_PORT|g" -e "s|@TLS_PORT@|$NGINX_TLS_PORT|g" \
    -e "s|^worker_processes auto;|worker_processes ${NGINX_WORKERS:-1};|" \
    -e "s|ssl backlog=4096;|ssl http2 backlog=4096;|" \
    "$BENCH_DIR/nginx/matrix.conf.template" >"$dir/nginx.conf"
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' 2>>"$dir/stderr" &
  NGINX_PID=$!; STARTED_PIDS+=("$NGINX_PID")
  for _ in $(seq 100); do
    [[ "$(curl -s --max-time 1 "http://127.0.0.1:$NGINX_REVERSE_PORT/" || true)" == hello ]] && break
    kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx died; see $dir/stderr" >&2; exit 1; }; sleep 0.05
  done
  NGINX_PIDS=("$NGINX_PID"); local pid
  for pid in $(ps -o pid= --ppid "$NGINX_PID"); do NGINX_PIDS+=("$pid"); done
}
start_nginx

start_shim() { # start_shim VAR TARGET_PORT [CONNECT_AUTHORITY]
  local var="$1"; shift
  (exec node "$BENCH_DIR/connect-shim.js" "$@" >"$WORK/shim-$var.out" 2>&1) &
  STARTED_PIDS+=("$!")
  printf -v "$var" '%s' "$(wait_listening "$WORK/shim-$var.out" "$!")"
}
start_shim SHIM_LOCALHOME "$DAEMON_PORT" bench:443
start_shim SHIM_NGINX "$NGINX_TLS_PORT"

# check WHAT CURL-ARGS...: up to 10 tries (a daemon on a busy machine may not have found the backend yet)
check() {
  local what="$1" got=""; shift
  for _ in $(seq 10); do got="$(curl -s --max-time 5 "$@" || true)"; [[ $got == hello ]] && return 0; sleep 1; done
  echo "$what does not work (got '$got')" >&2; exit 1
}
check "localhome reverse" -H "Host: bench.localhost:$DAEMON_PORT" "http://127.0.0.1:$DAEMON_PORT/"
check "localhome absolute-form" -x "http://127.0.0.1:$PLAIN_PORT" http://bench/
check "h2 through the shim" --http2 --cacert "$CA_PEM" --connect-to "bench:443:127.0.0.1:$SHIM_LOCALHOME" https://bench/
check "nginx h2 through the shim" --http2 --cacert "$CA_PEM" --connect-to "bench:443:127.0.0.1:$SHIM_NGINX" https://bench/
echo "backend $BACKEND_PID :$BACKEND_PORT; localhome $DAEMON_PID :$DAEMON_PORT (no CA: $PLAIN_PID :$PLAIN_PORT);" \
  "nginx ${NGINX_PIDS[*]} :$NGINX_REVERSE_PORT tls :$NGINX_TLS_PORT; shims :$SHIM_LOCALHOME :$SHIM_NGINX" >&2

# --- clients: each prints "requests seconds errors" --------------------------------------------------------------
# The client's own CPU (user+system seconds, /usr/bin/time) goes to $WORK/ctime: whether a path is client-bound.
# (The loadgen's includes its JVM's start-up and JIT, so compare it only with another loadgen run.)
ctime() { /usr/bin/time -f '%U %S' -o "$WORK/ctime" "$@"; }
wrk_run() { # wrk_run SECS ARGS... ; errors = non-2xx + socket errors
  local d="$1"; shift; local out; out="$(ctime wrk -t1 -d"${d}s" --timeout 5s "$@" 2>&1)"; echo "$out" >>"$LOG"
  python3 -c '
import re,sys; o=sys.stdin.read(); m=re.search(r"(\d+) requests in ([\d.]+)(m?s)",o)
sec=float(m.group(2))/(1000 if m.group(3)=="ms" else 1); bad=re.search(r"Non-2xx or 3xx responses: (\d+)",o)
se=re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",o)
print(m.group(1), sec, (int(bad.group(1)) if bad else 0) + (sum(map(int,se.groups())) if se else 0))' <<<"$out"
}
h2load_run() { # h2load_run SECS ARGS... (the URL last)
  local d="$1"; shift; local out; out="$(ctime h2load -D "$d" "$@" 2>&1)"; echo "$out" >>"$LOG"
  python3 -c '
import re,sys; o=sys.stdin.read(); m=re.search(r"finished in ([\d.]+)(m?s)",o)
sec=float(m.group(1))/(1000 if m.group(2)=="ms" else 1); r=re.search(r"requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored",o)
s=re.search(r"status codes: (\d+) 2xx",o); print(r.group(2), sec, int(r.group(3))+int(r.group(4))+int(r.group(2))-int(s.group(1)))' <<<"$out"
}
loadgen_run() { # loadgen_run SECS ARGS...
  local d="$1"; shift; local out; out="$(ctime java -jar "$WORK/loadgen.jar" --duration "${d}s" "$@" 2>>"$LOG")"; echo "$out" >>"$LOG"
  tail -1 <<<"$out" | python3 -c 'import json,sys; j=json.loads(sys.stdin.read()); print(j["requests"], j["seconds"], sum(j["errors"].values()))'
}

LUA="$BENCH_DIR/throughput/absolute-form.lua"
HOSTH="Host: bench.localhost:$DAEMON_PORT"
# client SCEN SYSTEM SECS -> "requests seconds errors"
client() {
  local s="$1" sys="$2" d="$3"
  case "$s/$sys" in
    rev-close/direct)    wrk_run "$d" -c10 -H 'Connection: close' "http://127.0.0.1:$BACKEND_PORT/" ;;
    rev-close/localhome) wrk_run "$d" -c10 -H 'Connection: close' -H "$HOSTH" "http://127.0.0.1:$DAEMON_PORT/" ;;
    rev-close/nginx)     wrk_run "$d" -c10 -H 'Connection: close' "http://127.0.0.1:$NGINX_REVERSE_PORT/" ;;
    rev-ka/direct)       wrk_run "$d" -c100 "http://127.0.0.1:$BACKEND_PORT/" ;;
    rev-ka/localhome)    wrk_run "$d" -c100 -H "$HOSTH" "http://127.0.0.1:$DAEMON_PORT/" ;;
    rev-ka/nginx)        wrk_run "$d" -c100 "http://127.0.0.1:$NGINX_REVERSE_PORT/" ;;
    rev-ka10/direct)     wrk_run "$d" -c10 "http://127.0.0.1:$BACKEND_PORT/" ;;
    rev-ka10/localhome)  wrk_run "$d" -c10 -H "$HOSTH" "http://127.0.0.1:$DAEMON_PORT/" ;;
    rev-ka10/nginx)      wrk_run "$d" -c10 "http://127.0.0.1:$NGINX_REVERSE_PORT/" ;;
    absolute/direct)     wrk_run "$d" -c10 -s "$LUA" "http://127.0.0.1:$BACKEND_PORT/" ;;
    absolute/localhome)  wrk_run "$d" -c10 -s "$LUA" "http://127.0.0.1:$PLAIN_PORT/" ;;
    absolute/nginx)      wrk_run "$d" -c10 -s "$LUA" "http://127.0.0.1:$NGINX_REVERSE_PORT/" ;;
    connect80/direct)    loadgen_run "$d" --mode direct --server "127.0.0.1:$BACKEND_PORT" --concurrency 10 ;;
    connect80/localhome) loadgen_run "$d" --mode connect80 --server "127.0.0.1:$DAEMON_PORT" --name bench --concurrency 10 ;;
    tls-c*/localhome)    h2load_run "$d" --h1 -c"${s#tls-c}" -m1 --connect-to="127.0.0.1:$SHIM_LOCALHOME" https://bench/ ;;
    tls-c*/nginx)        h2load_run "$d" --h1 -c"${s#tls-c}" -m1 --connect-to="127.0.0.1:$SHIM_NGINX" https://bench/ ;;
    newtunnel/localhome) loadgen_run "$d" --mode mitm --server "127.0.0.1:$DAEMON_PORT" --name bench --ca "$CA_PEM" --concurrency 10 --requests-per-connection 1 ;;
    newtunnel/nginx)     loadgen_run "$d" --mode tls --server "127.0.0.1:$NGINX_TLS_PORT" --name bench --ca "$CA_PEM" --concurrency 10 --requests-per-connection 1 ;;
    h2-h2load/localhome-h2) h2load_run "$d" -c1 -m100 --connect-to="127.0.0.1:$SHIM_LOCALHOME" https://bench/ ;;
    h2-h2load/localhome-h1x6) h2load_run "$d" --h1 -c6 -m1 --connect-to="127.0.0.1:$SHIM_LOCALHOME" https://bench/ ;;
    h2-h2load/nginx-h2)  h2load_run "$d" -c1 -m100 --connect-to="127.0.0.1:$SHIM_NGINX" https://bench/ ;;
    h2-6x10/localhome-h2) h2load_run "$d" -c6 -m10 --connect-to="127.0.0.1:$SHIM_LOCALHOME" https://bench/ ;;
    h2-6x10/nginx-h2)    h2load_run "$d" -c6 -m10 --connect-to="127.0.0.1:$SHIM_NGINX" https://bench/ ;;
    h2-loadgen/localhome-h2) loadgen_run "$d" --mode mitm-h2 --server "127.0.0.1:$DAEMON_PORT" --name bench --ca "$CA_PEM" --concurrency 1 --streams 100 ;;
    h2-loadgen/localhome-h1x6) loadgen_run "$d" --mode mitm --server "127.0.0.1:$DAEMON_PORT" --name bench --ca "$CA_PEM" --concurrency 6 --requests-per-connection 0 ;;
    h2-loadgen/nginx-h2) loadgen_run "$d" --mode tls-h2 --server "127.0.0.1:$NGINX_TLS_PORT" --name bench --ca "$CA_PEM" --concurrency 1 --streams 100 ;;
    *) echo "no client for $s/$sys" >&2; exit 1 ;;
  esac
}
systems_of() {
  case "$1" in
    rev-close|rev-ka|rev-ka10|absolute) echo direct localhome nginx ;;
    connect80) echo direct localhome ;;
    tls-c*|newtunnel) echo localhome nginx ;;
    h2-6x10) echo localhome-h2 nginx-h2 ;;
    h2-*) echo localhome-h2 localhome-h1x6 nginx-h2 ;;
  esac
}
server_pids() { # the processes whose CPU counts as the server's
  case "$1/$2" in
    */direct) echo "$BACKEND_PID" ;;
    */nginx*) echo "${NGINX_PIDS[*]}" ;;
    absolute/localhome) echo "$PLAIN_PID" ;;
    *) echo "$DAEMON_PID" ;;
  esac
}
# the daemon's event-loop and accept threads only: its CPU per request without the JIT compiler's and GC's share
loop_ticks() { case "$2" in localhome*) python3 "$BENCH_DIR/profile/threads_cpu.py" loops "$(server_pids "$1" "$2")" ;; *) echo 0 ;; esac; }
sum_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }
# the kernel's part (stime, field 15 of /proc/PID/stat): system calls and the TCP stack, which nginx pays too
sys_ticks() { local t=0 p st; for p in "$@"; do st="$(cat "/proc/$p/stat")"; st="${st##*) }"; set -- $st; t=$((t + ${13})); done; echo "$t"; }

git_head="$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '# clients %s head=%s nproc=%s load=%s nginx_workers=%s jar=%s\n' "$STAMP" "$git_head" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "${NGINX_WORKERS:-1}" "$(sha256sum "$WORK/localhome.jar" | cut -c1-12)" >"$RAW"
printf 'round\tscen\tsystem\trequests\tsecs\terrors\tserver_ticks\tbackend_ticks\tclk_tck\tload1\tclient_cpu_s\tloop_ticks\tserver_sys_ticks\n' >>"$RAW"

echo "warm-up, not recorded (${WARMUP_SECS}s per scenario and system)" >&2
for s in $SCENS; do for sys in $(systems_of "$s"); do client "$s" "$sys" "$WARMUP_SECS" >/dev/null || true; done; done

for r in $(seq "$ROUNDS"); do
  echo "round $r of $ROUNDS" >&2
  for s in $SCENS; do
    read -r -a systems <<<"$(systems_of "$s")"
    (( r % 2 )) || mapfile -t systems < <(printf '%s\n' "${systems[@]}" | tac)
    for sys in "${systems[@]}"; do
      read -r -a pids <<<"$(server_pids "$s" "$sys")"
      t0="$(sum_ticks "${pids[@]}")"; k0="$(sys_ticks "${pids[@]}")"; b0="$(cpu_ticks "$BACKEND_PID")"; l0="$(loop_ticks "$s" "$sys")"
      res="$(client "$s" "$sys" "$SECS")" || res="0 $SECS 1"
      t1="$(sum_ticks "${pids[@]}")"; k1="$(sys_ticks "${pids[@]}")"; b1="$(cpu_ticks "$BACKEND_PID")"; l1="$(loop_ticks "$s" "$sys")"
      read -r n sec err <<<"$res"
      client_cpu="$(awk 'NR==1 {print $1 + $2}' "$WORK/ctime" 2>/dev/null || echo 0)"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$s" "$sys" "$n" "$sec" "$err" "$((t1 - t0))" \
        "$((b1 - b0))" "$CLK_TCK" "$(cut -d' ' -f1 /proc/loadavg)" "$client_cpu" "$((l1 - l0))" "$((k1 - k0))" | tee -a "$RAW" >&2
    done
  done
done
printf '# end %s load=%s\n' "$(date -u +%Y%m%dT%H%M%SZ)" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RAW"
python3 "$BENCH_DIR/report.py" clients "$RAW" | tee "$MD"
echo "raw: $RAW; table: $MD" >&2
