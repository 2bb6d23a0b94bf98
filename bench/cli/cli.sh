#!/usr/bin/env bash
# bench/run cli [RUNS] [ARCHIVE...]: how long a command that asks the daemon takes from an unpacked distribution
# archive (bin/localhome, its own runtime and AOT cache or class-data archive), against a daemon of that archive.
#
#   RUNS      timed runs of each command, after 2 warm-up runs (default 20)
#   ARCHIVE   localhome-<version>-linux-x64.tar.gz files to compare, e.g. the JDK 25 and the JDK 17 build
#             (default: bootstrap/target/localhome-*-linux-x64.tar.gz; make the JDK 17 one with
#             mvn -B -DskipTests package -pl bootstrap -am -Ddist.jdk=/usr/lib/jvm/java-17-openjdk-amd64)
#
# Each archive is unpacked into a work directory, its daemon started there (port 0, an empty HOME, stopped by PID at
# the end), and each command timed with hyperfine -N: --version, status, status --json, open, requests, forget of an
# unknown name (exit code 1), status against a closed port (exit code 3), and scan (which scans by itself, for
# comparison). The table has wall time and the CPU of the command (user + sys), which stays honest on a busy
# machine, and the load average before and after. Needs hyperfine and python3. Bounded: RUNS x 8 commands x archives.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-20}"
shift || true
archives=("$@")
if (( ${#archives[@]} == 0 )); then archives=("$root"/bootstrap/target/localhome-*-linux-x64.tar.gz); fi
command -v hyperfine >/dev/null || { echo "bench/run cli: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/localhome-cli-bench.XXXXXX")"
daemon=
cleanup() { [[ -n "$daemon" ]] && kill "$daemon" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
results="$root/bench/results"
mkdir -p "$results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
table="$results/cli-$stamp.md"

closed_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

echo "| archive (runtime) | command | wall, mean ± σ | min | CPU user + sys | load average before → after |" > "$table"
echo "|---|---|---:|---:|---:|---|" >> "$table"
for archive in "${archives[@]}"; do
  name="$(basename "$archive" .tar.gz)"
  dir="$work/$name"
  mkdir -p "$dir/home"
  tar -C "$dir" -xzf "$archive"
  bin="$(echo "$dir"/localhome-*/bin/localhome)"
  runtime="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$(dirname "$bin")/../runtime/release")"
  export HOME="$dir/home" XDG_CACHE_HOME="$dir/home/.cache"
  (cd "$dir/home" && exec "$bin" --port 0 >"$dir/daemon.out" 2>"$dir/daemon.err") &
  daemon=$!
  port=
  for _ in $(seq 1 600); do
    port="$(sed -n 's/^LISTENING://p' "$dir/daemon.out")"
    [[ -n "$port" ]] && break
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "the daemon of $name did not start:" >&2; cat "$dir/daemon.err" >&2; exit 1; }
  closed="$(closed_port)"
  commands=("--version" "status --port $port" "status --json --port $port" "open home --port $port"
            "requests --port $port" "forget nosuch --port $port" "status --port $closed" "scan --port $port")
  for command in "${commands[@]}"; do
    before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
    # -i: forget of an unknown name and status against a closed port exit non-zero on purpose
    (cd "$dir/home" && hyperfine -N -i -w 2 -r "$runs" --export-json "$dir/run.json" "$bin $command" >/dev/null 2>&1)
    after="$(cut -d ' ' -f 1-3 /proc/loadavg)"
    shown="${command//$port/PORT}"
    shown="${shown//$closed/CLOSED}"
    python3 - "$dir/run.json" "$name (JDK $runtime)" "$shown" "$before" "$after" >> "$table" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda s: f"{s * 1000:.0f} ms"
print(f"| {sys.argv[2]} | `localhome {sys.argv[3]}` | {ms(r['mean'])} ± {ms(r['stddev'])} | {ms(r['min'])} "
      f"| {ms(r['user'])} + {ms(r['system'])} | {sys.argv[4]} → {sys.argv[5]} |")
PY
  done
  kill "$daemon"; wait "$daemon" 2>/dev/null || true; daemon=
done
cat "$table"
echo "(table: $table)"
