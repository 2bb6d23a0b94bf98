#!/usr/bin/env bash
# Start -> LISTENING of the distribution (bin/localhome, its own runtime and start-up archive), one JDK beside another.
#
#   bench/run startup [runs=10] [DIST_DIR...]
#
# Each DIST_DIR is an unpacked distribution (localhome-<version>/, with bin/ runtime/ lib/); by default the one
# `mvn -B -DskipTests package -pl bootstrap -am` leaves in bootstrap/target/dist/ (JDK 25, AOT cache), and
# bootstrap/target/dist17/localhome-*/ when it exists: make that one with
#   bench/startup/dist17.sh          (the JDK 17 variant, -Ddist.jdk=/usr/lib/jvm/java-17-openjdk-amd64, set aside)
# Each runs in a home of its own holding a CA (`localhome ca init`), as on a user's machine: the start loads it. For
# JDK 17 the launcher makes its class-data archive at the first start; the warm-up runs make it before timing.
# hyperfine -N times `bin/localhome --port 0 --stop-when-listening` (start, LISTENING, stop); the table gives mean and
# min wall time and the user+system CPU of a run, and the load average. TRACE=1 also prints the start-up marks of one
# run per distribution (StartupTrace: wall and CPU at each step). Bounded: runs + 2 warm-ups per distribution.
# Needs: hyperfine. Loopback only (port 0).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runs="${1:-10}"
shift || true
dists=("$@")
if (( ${#dists[@]} == 0 )); then
  for d in "$repo"/bootstrap/target/dist/localhome-*/ "$repo"/bootstrap/target/dist17/localhome-*/; do
    [[ -x "$d/bin/localhome" ]] && dists+=("${d%/}")
  done
fi
(( ${#dists[@]} > 0 )) || { echo "no distribution: build it (mvn -B -DskipTests package -pl bootstrap -am)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 1; }

work="$(mktemp -d /tmp/localhome-startup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$repo/bench/results/startup-$stamp.md"
{
  echo "| distribution | runtime | start-up archive | mean wall (ms) | min wall (ms) | CPU user+sys (ms) |"
  echo "|---|---|---|---:|---:|---:|"
} > "$work/table"
for dist in "${dists[@]}"; do
  label="$(basename "$(dirname "$dist")")/$(basename "$dist")"
  runtime="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$dist/runtime/release")"
  archive="none"
  [[ -f "$dist/lib/localhome.aot" ]] && archive="AOT cache ($(du -m "$dist/lib/localhome.aot" | cut -f1) MB)"
  [[ -f "$dist/lib/classes.lst" ]] && archive="CDS from class list ($(wc -l < "$dist/lib/classes.lst") classes)"
  home="$work/home-$RANDOM"
  mkdir -p "$home"
  (cd "$home" && env -i PATH=/usr/bin:/bin HOME="$home" "$dist/bin/localhome" ca init >/dev/null 2>&1)
  if [[ -n "${TRACE:-}" ]]; then
    echo "== $label (JDK $runtime): start-up marks" >&2
    (cd "$home" && env -i PATH=/usr/bin:/bin HOME="$home" JAVA_TOOL_OPTIONS=-Dlocalhome.startup.trace=true \
      "$dist/bin/localhome" --port 0 --stop-when-listening 2>&1 | grep '^startup:' >&2) || true
  fi
  (cd "$home" && env -i PATH=/usr/bin:/bin HOME="$home" hyperfine -N -w 2 -r "$runs" --export-json "$work/h.json" \
      "$dist/bin/localhome --port 0 --stop-when-listening" >&2)
  python3 - "$work/h.json" "$label" "$runtime" "$archive" >> "$work/table" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {sys.argv[4]} | {r['mean']*1000:.0f} ± {r['stddev']*1000:.0f} | "
      f"{r['min']*1000:.0f} | {(r['user']+r['system'])*1000:.0f} |")
PY
done
{
  cat "$work/table"
  echo
  echo "$runs runs each after 2 warm-ups, hyperfine -N; load average $(cut -d' ' -f1-3 /proc/loadavg); $(git -C "$repo" rev-parse --short HEAD 2>/dev/null); $stamp"
} | tee "$out"
