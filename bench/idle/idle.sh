#!/usr/bin/env bash
# Idle CPU: what the daemon costs while nothing happens, on a machine with many processes, with named backends
# running and a dashboard tab open (target: <= 60 ms of CPU per minute with ~500 processes on the machine).
#
#   bench/run idle [MINUTES=3] [SYSTEM...]
#
# SYSTEM is one of
#   jar:17, jar:25    bootstrap/target/localhome.jar on that JDK with jvm.options, as ./localhome runs it
#   PATH              a distribution archive (localhome-*-linux-x64*.tar.gz) or its unpacked folder, run by its
#                     bin/localhome with the runtime, flags and start-up archive it ships
#   nginx, caddy      the peers, idle with the same set-up, proxying to one of the backends
# Default: the archives in bootstrap/target (JDK 25 and, if built with -Ddist.jdk=..17.., JDK 17), else jar:25 jar:17.
#
# Set-up, once for the run: `sleep` children until the machine has PROCESSES processes (default 500; the children
# are recorded and stopped by PID), 3 backends (node bench/backend.js with NAME=idle-a, idle-b, idle-c), and for
# localhome a dashboard tab: TAB=chromium (default: headless Chromium on http://localhost:<port>/, other hosts sent
# to a closed loopback proxy), TAB=curl (the dashboard's event stream held open), TAB=none.
# Per system: start it, wait SETTLE seconds (default 30: start-up's JIT and class loading are not idle), then
# MINUTES of nothing. CPU per thread from /proc/PID/task/*/schedstat, the process's from utime+stime, wake-ups as
# context switches; the table reports each per minute, with the load average and the process count.
#
# Needs: node, python3, java 17 / Temurin 25 for jar:*, chromium for TAB=chromium, nginx / caddy for those peers.
# Bounded: (SETTLE + 60 x MINUTES) seconds per system. Raw rows and the table go to bench/results/idle-<ts>.*
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

MINUTES="${1:-3}"
shift || true
SETTLE="${SETTLE:-30}"
PROCESSES="${PROCESSES:-500}"
TAB="${TAB:-chromium}"
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
SYSTEMS=("$@")
if (( ${#SYSTEMS[@]} == 0 )); then
  shopt -s nullglob
  SYSTEMS=("$REPO_DIR"/bootstrap/target/localhome-*-linux-x64*.tar.gz)
  shopt -u nullglob
  (( ${#SYSTEMS[@]} > 0 )) || SYSTEMS=(jar:25 jar:17)
fi

bench_workdir
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$BENCH_DIR/results/idle-$stamp.tsv"
TABLE="$BENCH_DIR/results/idle-$stamp.md"
SLEEPERS=()
GROUP_PIDS=() # process groups started with setsid (the browser and its helpers): stopped by group id

stop_all() {
  local pid
  for pid in "${GROUP_PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${SLEEPERS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  stop_started
}
trap stop_all EXIT

# --- the machine: many processes, a few named backends ---------------------------------------------------------------
budget=$(( ${#SYSTEMS[@]} * (SETTLE + 60 * MINUTES + 60) + 120 )) # the sleepers end by themselves after the run
have="$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)"
for (( i = have; i < PROCESSES; i++ )); do
  sleep "$budget" &
  SLEEPERS+=("$!")
done
for name in idle-a idle-b idle-c; do
  (cd "$WORK" && NAME=$name exec node "$BENCH_DIR/backend.js" 0 >"$WORK/$name.out" 2>&1) &
  STARTED_PIDS+=("$!")
  BACKEND_PORT="$(wait_listening "$WORK/$name.out" "$!")"
done
echo "processes on the machine: $(ls -d /proc/[0-9]* 2>/dev/null | wc -l) (${#SLEEPERS[@]} sleepers started); backends NAME=idle-a,b,c" >&2

# --- the systems --------------------------------------------------------------------------------------------------

# start_system SYSTEM -> sets SYS_PID, SYS_LABEL, SYS_PORT (the port a dashboard is on, empty for peers)
start_system() {
  local system="$1" out="$WORK/system.out"
  SYS_PORT=""
  case "$system" in
    jar:17|jar:25)
      local jdk="$JDK17"; [[ $system == jar:25 ]] && jdk="$JDK25"
      (cd "$WORK" && exec "$jdk/bin/java" @"$JVM_OPTIONS" -jar "$WORK/localhome.jar" --port 0 >"$out" 2>"$WORK/system.err") &
      SYS_PID=$!
      SYS_LABEL="localhome, jar on JDK $("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p')"
      ;;
    nginx)
      sed -e "s|@WORK@|$WORK|g" -e "s|@BACKEND@|$BACKEND_PORT|g" >"$WORK/nginx.conf" <<'CONF'
worker_processes 1;
pid @WORK@/nginx.pid;
error_log @WORK@/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path @WORK@; proxy_temp_path @WORK@; fastcgi_temp_path @WORK@; uwsgi_temp_path @WORK@; scgi_temp_path @WORK@;
  server { listen 127.0.0.1:0; location / { proxy_pass http://127.0.0.1:@BACKEND@; } }
}
CONF
      sed -i "s|listen 127.0.0.1:0;|listen 127.0.0.1:$(free_port);|" "$WORK/nginx.conf"
      (exec nginx -c "$WORK/nginx.conf" -g 'daemon off;' >"$out" 2>&1) &
      SYS_PID=$!
      SYS_LABEL="nginx $(nginx -v 2>&1 | sed 's|.*nginx/||'), 1 worker"
      ;;
    caddy)
      printf '{\n  admin off\n  auto_https off\n}\nhttp://127.0.0.1:%s {\n  reverse_proxy 127.0.0.1:%s\n}\n' \
        "$(free_port)" "$BACKEND_PORT" >"$WORK/Caddyfile"
      (cd "$WORK" && exec caddy run --config "$WORK/Caddyfile" --adapter caddyfile >"$out" 2>&1) &
      SYS_PID=$!
      SYS_LABEL="Caddy $(caddy version | cut -d ' ' -f 1)"
      ;;
    *)
      local home="$system"
      if [[ -f $system ]]; then
        home="$WORK/dist-$(basename "$system" .tar.gz)"
        mkdir -p "$home" && tar -xzf "$system" -C "$home" --strip-components=1
      fi
      [[ -x $home/bin/localhome ]] || { echo "no bin/localhome in $system" >&2; exit 2; }
      (cd "$WORK" && exec "$home/bin/localhome" --port 0 >"$out" 2>"$WORK/system.err") &
      SYS_PID=$!
      SYS_LABEL="localhome, archive on JDK $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/runtime/release")"
      ;;
  esac
  STARTED_PIDS+=("$SYS_PID")
  if [[ $system == nginx || $system == caddy ]]; then
    sleep 1; kill -0 "$SYS_PID" || { cat "$out" >&2; exit 1; }
  else
    SYS_PORT="$(wait_listening "$out" "$SYS_PID")"
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# open_tab PORT: the dashboard in a browser, or its event stream held open; sets TAB_PID (a process group for chromium)
open_tab() {
  TAB_PID=""
  case "$TAB" in
    chromium)
      # every host but loopback goes to a closed loopback port: nothing leaves the machine
      setsid chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-sync \
        --disable-background-networking --disable-component-update --disable-default-apps --disable-dev-shm-usage \
        --proxy-server=http://127.0.0.1:9 --remote-debugging-port=0 --user-data-dir="$WORK/chromium-$1" \
        "http://localhost:$1/" >"$WORK/chromium.log" 2>&1 &
      TAB_PID=$!
      GROUP_PIDS+=("$TAB_PID")
      ;;
    curl)
      curl -sN "http://127.0.0.1:$1/api/requests/stream" -o /dev/null &
      TAB_PID=$!
      STARTED_PIDS+=("$TAB_PID")
      ;;
    none) ;;
    *) echo "TAB is chromium, curl or none" >&2; exit 2 ;;
  esac
}

close_tab() {
  [[ -n $TAB_PID ]] || return 0
  if [[ $TAB == chromium ]]; then kill -TERM -- "-$TAB_PID" 2>/dev/null || true; else kill -TERM "$TAB_PID" 2>/dev/null || true; fi
  wait "$TAB_PID" 2>/dev/null || true
}

stop_system() {
  kill -TERM "$SYS_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$SYS_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SYS_PID" 2>/dev/null || true
  wait "$SYS_PID" 2>/dev/null || true
}

printf 'system\tlabel\tseconds\tprocesses\tload\ttab\tthread\tcpu_ns\tswitches\n' >"$RAW"
for system in "${SYSTEMS[@]}"; do
  start_system "$system"
  tab="none"
  if [[ -n $SYS_PORT ]]; then open_tab "$SYS_PORT"; tab="$TAB"; fi
  echo "$SYS_LABEL: settling ${SETTLE}s, then ${MINUTES} min idle" >&2
  sleep "$SETTLE"
  pids=("$SYS_PID")
  [[ $system == nginx ]] && pids+=($(pgrep -P "$SYS_PID" || true)) # its worker, a child of the process we started
  for pid in "${pids[@]}"; do python3 "$BENCH_DIR/idle/threads.py" snap "$pid" >"$WORK/before-$pid.json"; done
  load_before="$(cut -d ' ' -f 1 /proc/loadavg)"
  sleep $(( 60 * MINUTES ))
  load="$load_before-$(cut -d ' ' -f 1 /proc/loadavg)"
  processes="$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)"
  for pid in "${pids[@]}"; do
    python3 "$BENCH_DIR/idle/threads.py" rows "$pid" "$WORK/before-$pid.json" | while IFS=$'\t' read -r thread ns switches; do
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$system" "$SYS_LABEL" $(( 60 * MINUTES )) "$processes" "$load" \
        "$tab" "$thread" "$ns" "$switches"
    done
  done >>"$RAW"
  close_tab
  stop_system
done

python3 "$BENCH_DIR/report.py" idle "$RAW" | tee "$TABLE"
echo "raw: $RAW" >&2
