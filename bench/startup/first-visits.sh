#!/usr/bin/env bash
# First visits after a start vs the steady load: the daemon's CPU and the wall time of the first N requests after
# LISTENING, against the same N once the daemon is warm.
#
#   bench/run first-visits [rounds=3] [N=1600] [DIST_DIR...]
#
# DIST_DIRs as for bench/run startup (bench/startup/startup.sh): by default bootstrap/target/dist/localhome-*/ and
# bootstrap/target/dist17/localhome-*/ when it exists. Per distribution and round: a fresh home with a CA, a fresh
# daemon (bin/localhome --port 0), the backend bench/backend.js as NAME=bench; then at once N requests as a browser
# whose PAC sends it to the daemon loads a page over https (intercepted h2: CONNECT, one connection, up to 100
# streams), then N by Host over HTTP/1.1 keep-alive (6 connections, as a browser); both are timed (wall) and charged
# (the daemon's utime+stime from /proc). Then WARM_SECS (default 30) of the same batches, alternating, and both once
# more: the steady figures. The table gives medians over the rounds and first/steady ratios (the target: <= 1.1).
# Needs: curl (with --parallel and HTTP/2), node, python3. Loopback only; every process by PID; bounded (rounds x
# (WARM_SECS + a few batches)).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
rounds="${1:-3}"
n="${2:-1600}"
shift 2 || shift $#
warm="${WARM_SECS:-30}"
dists=("$@")
if (( ${#dists[@]} == 0 )); then
  for d in "$REPO_DIR"/bootstrap/target/dist/localhome-*/ "$REPO_DIR"/bootstrap/target/dist17/localhome-*/; do
    [[ -x "$d/bin/localhome" ]] && dists+=("${d%/}")
  done
fi
(( ${#dists[@]} > 0 )) || { echo "no distribution: build it (mvn -B -DskipTests package -pl bootstrap -am)" >&2; exit 1; }

WORK="$(mktemp -d /tmp/localhome-first.XXXXXX)"
trap stop_started EXIT
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
rows="$WORK/rows.tsv"
: > "$rows"

# batch KIND -> "wall-ms cpu-ms" of N requests of that kind through the daemon
batch() {
  local kind="$1" t0 t1 c0 c1
  c0="$(cpu_ticks "$DAEMON_PID")"; t0="$EPOCHREALTIME"
  if [[ $kind == h2 ]]; then
    curl -s --no-progress-meter --fail --parallel --parallel-max 100 --http2 --proxy "http://127.0.0.1:$DAEMON_PORT" --cacert "$CA_PEM" \
      -K "$WORK/h2.urls" >/dev/null 2>&1
  else
    curl -s --no-progress-meter --fail --parallel --parallel-max 6 -H "Host: bench.localhost:$DAEMON_PORT" -K "$WORK/h1.urls" \
      >/dev/null 2>&1
  fi
  t1="$EPOCHREALTIME"; c1="$(cpu_ticks "$DAEMON_PID")"
  awk -v t0="$t0" -v t1="$t1" -v c="$(( c1 - c0 ))" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f %.0f", (t1-t0)*1000, c*1000/hz}'
}

for dist in "${dists[@]}"; do
  label="$(basename "$(dirname "$dist")")/$(basename "$dist") (JDK $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$dist/runtime/release"))"
  for round in $(seq "$rounds"); do
    export HOME="$WORK/home-$RANDOM" XDG_DATA_HOME= XDG_CONFIG_HOME=
    unset XDG_DATA_HOME XDG_CONFIG_HOME MKCERT_CA_ROOT PORT BIND_HOST NAME
    mkdir -p "$HOME"
    (cd "$HOME" && "$dist/bin/localhome" ca init >/dev/null 2>&1)
    CA_PEM="$HOME/.local/share/localhome/rootCA.pem"
    [[ -n "${BACKEND_PID:-}" ]] || start_backend
    # the JDK 17 launcher makes its class-data archive at the first start of a home: not part of the figures
    [[ -f "$dist/lib/classes.lst" ]] && (cd "$HOME" && "$dist/bin/localhome" --port 0 --stop-when-listening >/dev/null 2>&1)
    (cd "$HOME" && exec "$dist/bin/localhome" --port 0 >"$WORK/daemon.out" 2>"$WORK/daemon.err") &
    DAEMON_PID=$!
    STARTED_PIDS+=("$DAEMON_PID")
    DAEMON_PORT="$(wait_listening "$WORK/daemon.out" "$DAEMON_PID")"
    for i in $(seq "$n"); do printf 'url = "https://bench/r%d"\noutput = "/dev/null"\n' "$i"; done > "$WORK/h2.urls"
    for i in $(seq "$n"); do printf 'url = "http://127.0.0.1:%d/r%d"\noutput = "/dev/null"\n' "$DAEMON_PORT" "$i"; done > "$WORK/h1.urls"
    read -r h2_wall h2_cpu <<<"$(batch h2)"
    read -r h1_wall h1_cpu <<<"$(batch h1)"
    deadline=$(( SECONDS + warm ))
    while (( SECONDS < deadline )); do batch h2 >/dev/null; batch h1 >/dev/null; done
    read -r h2_wall_s h2_cpu_s <<<"$(batch h2)"
    read -r h1_wall_s h1_cpu_s <<<"$(batch h1)"
    printf '%s\th2 intercepted (https://bench/ via the proxy)\t%s\t%s\t%s\t%s\n' "$label" "$h2_wall" "$h2_wall_s" "$h2_cpu" "$h2_cpu_s" >> "$rows"
    printf '%s\th1 by Host, keep-alive\t%s\t%s\t%s\t%s\n' "$label" "$h1_wall" "$h1_wall_s" "$h1_cpu" "$h1_cpu_s" >> "$rows"
    echo "$label round $round: h2 first $h2_wall ms / $h2_cpu ms CPU, steady $h2_wall_s / $h2_cpu_s; h1 first $h1_wall / $h1_cpu, steady $h1_wall_s / $h1_cpu_s" >&2
    kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null || true
  done
done

python3 - "$rows" "$n" "$rounds" "$warm" > "$WORK/table" <<'PY'
import sys, statistics as st
from collections import defaultdict
rows = defaultdict(list)
for line in open(sys.argv[1]):
    label, path, *v = line.rstrip("\n").split("\t")
    rows[(label, path)].append([float(x) for x in v])
print(f"| distribution | path ({sys.argv[2]} requests) | first: wall ms | steady: wall ms | wall ratio | first: daemon CPU ms | steady: daemon CPU ms | CPU ratio |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for (label, path), vs in rows.items():
    m = [st.median(v[i] for v in vs) for i in range(4)]
    ratio = lambda a, b: f"{a/b:.2f}" if b else "–"
    print(f"| {label} | {path} | {m[0]:.0f} | {m[1]:.0f} | {ratio(m[0], m[1])} | {m[2]:.0f} | {m[3]:.0f} | {ratio(m[2], m[3])} |")
print()
print(f"medians of {sys.argv[3]} rounds; steady after {sys.argv[4]} s of the same batches")
PY
{ cat "$WORK/table"; echo "load average $(cut -d' ' -f1-3 /proc/loadavg); $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null); $stamp"; } \
  | tee "$REPO_DIR/bench/results/first-visits-$stamp.md"
