#!/usr/bin/env bash
# Is a first tunnel slower because the daemon has never seen the name, or because the client has not?
#
#   bench/run first-tunnel [names=20]
#
# One daemon with NAMES static names (all to the Node backend), warmed with tunnels to `bench`. Then mode `first`
# twice over the same names, each time in a new load generator process (so the client has seen none of them):
# pass 1 meets names the daemon has never served, pass 2 names it served in pass 1. Prints the p50 of the first and
# second tunnel per name, total and TLS phase, for each pass. Needs what bench/run throughput needs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

NAMES="${1:-20}"
LOADGEN_JAR="${LOADGEN_JAR:-$BENCH_DIR/loadgen/target/localhome-loadgen.jar}"
[[ -f "$LOADGEN_JAR" ]] || { echo "no $LOADGEN_JAR: build bench/loadgen first" >&2; exit 1; }

bench_workdir
trap stop_started EXIT
ca_init
start_backend
python3 - "$WORK/localhome.local.json" "$BACKEND_PORT" "$NAMES" <<'PY'
import json, sys
path, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
json.dump({"services": {f"first{i}": port for i in range(1, count + 1)}}, open(path, "w"))
PY
start_daemon
loadgen() { java -jar "$LOADGEN_JAR" --server "127.0.0.1:$DAEMON_PORT" --ca "$CA_PEM" "$@"; }
loadgen --mode mitm --name bench --concurrency 4 --requests-per-connection 1 --duration 10s >/dev/null
names="$(seq -s, -f 'first%g' 1 "$NAMES")"
for pass in "names the daemon never served" "names the daemon served in pass 1"; do
  loadgen --mode first --name bench --warmup 3s --names "$names" | tail -1 | python3 -c '
import json, statistics, sys
d, label = json.load(sys.stdin), sys.argv[1]
def p50(tunnel, key): return statistics.median(n[key] for n in d["names"] if n["tunnel"] == tunnel)
print("%s: first tunnel p50 %.2f ms (TLS %.2f), second %.2f ms (TLS %.2f)"
      % (label, p50(1, "total_ms"), p50(1, "tls_ms"), p50(2, "total_ms"), p50(2, "tls_ms")))' "$pass"
done
