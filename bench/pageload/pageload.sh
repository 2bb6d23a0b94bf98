#!/usr/bin/env bash
# A real page: the system's Chromium loads a generated, unbundled Vite 7 page (1500 modules, 50 style sheets, 30
# images: about 1600 requests) from a real Vite dev server, directly and through each of localhome's paths:
#
#   direct     http://127.0.0.1:<vite port>/
#   h1         http://<name>.localhost:<daemon port>/
#   pac-http   http://<name>/   through the daemon's PAC file (--proxy-pac-url); with a CA, as here, the daemon
#                               answers it with a redirect to https://<name>/, so this is what a user typing it gets
#   pac-https  https://<name>/  through the PAC file: TLS intercepted, h2, the CA trusted in Chromium's NSS database
#
#   bench/run pageload [ROUNDS=5] [WARMUP_SECONDS=30] [STEADY=3]
#
# 0. Vite transforms every module at its first request: one direct load, unrecorded in the tables, does that first.
# 1. first visits: for h1, pac-http and pac-https in turn, the daemon is stopped and started again (Vite keeps
#    running, warm), and a new Chromium loads the page cold through that path; then cold loads (a new browser
#    context each) for WARMUP_SECONDS, then STEADY more: the steady state to compare the first visit with.
# 2. WARMUP_SECONDS more of cold loads over all three paths, then ROUNDS interleaved rounds: in each, every path (the
#    order rotated by one per round) in a new Chromium with a fresh profile: a cold load, a warm reload (HTTP cache
#    kept, Vite answers 304s), and HMR: src/hmr-leaf.js is rewritten on disk and timed until the page ran it.
# Recorded per load: the time until the page is ready (every module ran, every image decoded; performance.now()),
# its requests and protocol, the TCP connections Vite accepted during it (a plugin counts them: what the daemon opened
# to the backend), the daemon's CPU over it (/proc/<pid>/stat). The table (bench/report.py pageload) has medians with
# (min–max) and ratios to direct taken per round.
#
# Bounded: no round starts that would end, at the last round's pace, more than MAX_SECONDS (default 600) after the
# measuring began; fewer rounds are then reported (the table says how many). On a loaded machine (load average 25–44)
# a load took 6–18 s: steps 0 and 1 and the warm-up took 6 minutes, 5 rounds 10 more (MAX_SECONDS=1800 let them).
# The page is generated into bench/pageload/site/ (git-ignored) at every run: one run at a time per checkout.
#
# The daemon: LOCALHOME_DIST=<localhome-*-linux-x64.tar.gz> (default: the newest in bootstrap/target, i.e. the JDK 25
# one `mvn -o -B -DskipTests package -pl bootstrap -am` makes; -Ddist.jdk=/usr/lib/jvm/java-17-openjdk-amd64 makes
# the JDK 17 one: copy it elsewhere, it has the same name), unpacked and run as bin/localhome; or LOCALHOME_JAR=<jar>,
# run with java (JAVA=...) and jvm.options as ./localhome does. NAME=<name> names the page (default bench-page).
# Needs: node (20.19 or later) and npm (installs vite@7 and playwright-core into bench/pageload/node_modules from
# the lock file), /usr/bin/chromium, certutil (libnss3-tools), python3, curl. Loopback only; every process by PID.
# Raw rows: bench/results/pageload-<timestamp>.tsv; the table: the same name .md, and stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ROUNDS="${1:-5}"
WARMUP="${2:-30}"
STEADY="${3:-3}"
MAX_SECONDS="${MAX_SECONDS:-600}"
NAME="${NAME:-bench-page}"
HERE="$BENCH_DIR/pageload"
SITE="$HERE/site"

for tool in /usr/bin/chromium certutil node npm python3 curl; do
  command -v "$tool" >/dev/null || { echo "pageload: needs $tool" >&2; exit 1; }
done

WORK="$(mktemp -d /tmp/localhome-pageload.XXXXXX)"
mkdir -p "$WORK/data" "$WORK/config" "$WORK/home"
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" HOME="$WORK/home"
unset MKCERT_CA_ROOT PORT BIND_HOST
trap stop_started EXIT

# --- the daemon ---------------------------------------------------------------------------------------------------
if [[ -n "${LOCALHOME_JAR:-}" ]]; then
  cp "$LOCALHOME_JAR" "$WORK/localhome.jar"
  DAEMON_DESC="jar $(basename "$LOCALHOME_JAR") on $("${JAVA:-java}" -version 2>&1 | head -1)"
  LOCALHOME=("${JAVA:-java}" @"$JVM_OPTIONS" -jar "$WORK/localhome.jar")
else
  DIST="${LOCALHOME_DIST:-$(ls -t "$REPO_DIR"/bootstrap/target/localhome-*-linux-x64.tar.gz 2>/dev/null | head -1)}"
  [[ -f "$DIST" ]] || { echo "pageload: no distribution archive; build it: mvn -o -B -DskipTests package -pl bootstrap -am" >&2; exit 1; }
  tar -xzf "$DIST" -C "$WORK"
  LAUNCHER="$(ls "$WORK"/localhome-*/bin/localhome)"
  DAEMON_DESC="$(basename "$DIST"), runtime $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$(dirname "$LAUNCHER")/../runtime/release")"
  LOCALHOME=("$LAUNCHER") # a shell script that execs java: the PID stays the daemon's
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
DAEMON_PORT="$(free_port)"
DAEMON_PID=""

# start_daemon_at_port: the daemon on DAEMON_PORT every time, so the PAC URL and the names stay as a browser knows them
# (a minute for LISTENING: lib.sh's wait_listening gives ten seconds, too few for a start on a busy machine)
start_daemon_at_port() {
  (cd "$WORK" && exec "${LOCALHOME[@]}" --port "$DAEMON_PORT" >"$WORK/daemon.out" 2>>"$WORK/daemon.err") &
  DAEMON_PID=$!
  STARTED_PIDS+=("$DAEMON_PID")
  for _ in $(seq 600); do
    grep -qx "LISTENING:$DAEMON_PORT" "$WORK/daemon.out" 2>/dev/null && return 0
    kill -0 "$DAEMON_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "pageload: the daemon did not listen on $DAEMON_PORT: $(cat "$WORK/daemon.out" "$WORK/daemon.err")" >&2
  exit 1
}
stop_daemon() {
  kill -TERM "$DAEMON_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$DAEMON_PID" 2>/dev/null || true
  wait "$DAEMON_PID" 2>/dev/null || true
  local pid kept=()
  for pid in "${STARTED_PIDS[@]}"; do [[ $pid == "$DAEMON_PID" ]] || kept+=("$pid"); done
  STARTED_PIDS=("${kept[@]}")
}

(cd "$WORK" && "${LOCALHOME[@]}" ca init >"$WORK/ca-init.out" 2>&1) || { echo "pageload: ca init failed: $(cat "$WORK/ca-init.out")" >&2; exit 1; }
# Chromium on Linux trusts what $HOME/.pki/nssdb trusts: the CA, as a CA for TLS servers
mkdir -p "$HOME/.pki/nssdb"
certutil -d "sql:$HOME/.pki/nssdb" -N --empty-password
certutil -d "sql:$HOME/.pki/nssdb" -A -t C,, -n localhome-bench -i "$XDG_DATA_HOME/localhome/rootCA.pem"

# --- the page and Vite --------------------------------------------------------------------------------------------
if [[ ! -d "$HERE/node_modules/vite" || "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]]; then
  (cd "$HERE" && npm ci --no-audit --no-fund >"$WORK/npm.log" 2>&1) || { echo "pageload: npm ci failed: $WORK/npm.log" >&2; exit 1; }
fi
node "$HERE/generate.mjs" "$SITE" 1500 50 30 >&2
VITE_PORT="$(free_port)"
(cd "$SITE" && NAME="$NAME" exec node "$HERE/node_modules/vite/bin/vite.js" --port "$VITE_PORT" >"$WORK/vite.out" 2>&1) &
VITE_PID=$!
STARTED_PIDS+=("$VITE_PID")
for _ in $(seq 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$VITE_PORT/__connections" && break
  kill -0 "$VITE_PID" 2>/dev/null || { echo "pageload: Vite died: $(cat "$WORK/vite.out")" >&2; exit 1; }
  sleep 0.1
done
VITE_VERSION="$(node -p 'require(process.argv[1]).version' "$HERE/node_modules/vite/package.json")"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BENCH_DIR/results"
RAW="$BENCH_DIR/results/pageload-$STAMP.tsv"
{
  echo "# pageload $STAMP: rounds $ROUNDS, warm-up ${WARMUP} s, steady $STEADY; localhome $(git -C "$REPO_DIR" rev-parse --short HEAD), $DAEMON_DESC"
  echo "# Vite $VITE_VERSION on Node $(node --version), $(/usr/bin/chromium --version 2>/dev/null | head -1); nproc $(nproc); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'phase\tround\tslot\tpath\tkind\tms\trequests\tprotocol\tbackend_conns\tdaemon_ticks\tclk_tck\tload1\terror\n'
} >"$RAW"
T0="$EPOCHSECONDS"
drive() {
  (cd "$HERE" && CLK_TCK="$CLK_TCK" node drive.mjs "$@" out="$RAW" site="$SITE" name="$NAME" vitePort="$VITE_PORT" \
      daemonPort="$DAEMON_PORT" daemonPid="$DAEMON_PID" home="$HOME")
}

# Vite transforms every module at its first request: once, directly, before anything is measured
echo "priming Vite (one direct load); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
start_daemon_at_port
drive prime paths=direct seconds=0

echo "first visits after a start, then ${WARMUP} s of warm-up and $STEADY steady loads, per path" >&2
for path in h1 pac-http pac-https; do
  stop_daemon
  start_daemon_at_port
  drive first path="$path" warmup="$WARMUP" steady="$STEADY"
done

echo "warm-up over all paths (${WARMUP} s), then $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
drive prime paths=h1,pac-http,pac-https seconds="$WARMUP"
drive rounds rounds="$ROUNDS" paths=direct,h1,pac-http,pac-https deadline="$(( T0 + MAX_SECONDS ))"

echo "# load average at end $(cut -d' ' -f1-3 /proc/loadavg); $(( EPOCHSECONDS - T0 )) s of measuring" >>"$RAW"
# a load that failed: keep the daemon's and Vite's logs beside the rows (the work directory goes on exit)
if awk -F'\t' 'NR > 3 && $1 !~ /^#/ && $13 != "" { found = 1 } END { exit !found }' "$RAW"; then
  cp "$WORK/daemon.err" "${RAW%.tsv}-daemon.log"; cp "$WORK/vite.out" "${RAW%.tsv}-vite.log"
  echo "pageload: some loads failed; the daemon's log: ${RAW%.tsv}-daemon.log" >&2
fi
python3 "$BENCH_DIR/report.py" pageload "$RAW" | tee "${RAW%.tsv}.md"
