#!/usr/bin/env bash
# How soon a container is routable after `docker run` returns, and stopped after `docker stop` returns: the daemon
# (bootstrap/target/localhome.jar) on a free port, a busybox image made with `docker import` (no registry), N rounds
# of run / poll until 200 / stop / poll until 503, each poll a curl without pause. Prints each round and the median
# and worst of each. Needs a Docker engine and /bin/busybox from busybox-static. Removes its containers and image.
#
#   bench/run containers [ROUNDS]        (default 20)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ROUNDS="${1:-20}"
bench_workdir
IMAGE="localhome-bench-busybox:$$"
CONTAINERS=()
cleanup() {
  local id
  for id in "${CONTAINERS[@]}"; do docker rm -f "$id" >/dev/null 2>&1 || true; done
  docker rmi -f "$IMAGE" >/dev/null 2>&1 || true
  stop_started
}
trap cleanup EXIT

mkdir -p "$WORK/image/bin" "$WORK/image/www"
cp /bin/busybox "$WORK/image/bin/"
echo ok >"$WORK/image/www/index.html"
tar -C "$WORK/image" -cf - . | docker import -c 'CMD ["/bin/busybox","httpd","-f","-p","8080","-h","/www"]' \
  -c 'EXPOSE 8080/tcp' - "$IMAGE" >/dev/null

start_daemon

now_ms() { date +%s%3N; }
# poll_until NAME STATUS -> ms until a request for NAME answered STATUS (gives up after 10 s)
poll_until() {
  local name="$1" want="$2" start code
  start="$(now_ms)"
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $name.localhost:$DAEMON_PORT" "http://127.0.0.1:$DAEMON_PORT/")"
    [[ "$code" == "$want" ]] && { echo $(( $(now_ms) - start )); return; }
    (( $(now_ms) - start > 10000 )) && { echo "timeout($code)"; return; }
  done
}

runs=(); stops=()
for i in $(seq "$ROUNDS"); do
  name="bench-$$-$i"
  id="$(docker run -d -e "NAME=$name" -p 127.0.0.1::8080 "$IMAGE")"
  CONTAINERS+=("$id")
  run_ms="$(poll_until "$name" 200)"
  docker stop -t 1 "$id" >/dev/null
  stop_ms="$(poll_until "$name" 503)"
  docker rm -f "$id" >/dev/null
  echo "round $i: routable ${run_ms} ms after docker run, stopped page ${stop_ms} ms after docker stop"
  runs+=("$run_ms"); stops+=("$stop_ms")
done

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %s ms, worst %s ms (n=%d)", a[int((NR+1)/2)], a[NR], NR}'; }
echo "after docker run:  $(stats "${runs[@]}")"
echo "after docker stop: $(stats "${stops[@]}")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
