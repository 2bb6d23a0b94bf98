#!/usr/bin/env bash
# Makes localhome's self-contained distribution from the runnable jar, in Maven's package phase (bootstrap/pom.xml,
# profile "dist"; skip it with -Ddist.skip):
#
#   target/localhome-<version>-<platform>.tar.gz   localhome-<version>/{bin/localhome, runtime/, lib/, share/}
#   target/localhome_<version>_amd64.deb           the same tree in /usr/lib/localhome, /usr/bin/localhome a link
#   target/dist/localhome-<version>/               the tree itself, which the distribution tests unpack anew
#
# runtime/ is a jlinked Java runtime with only the modules the daemon uses; lib/ holds the jar (without other
# platforms' native libraries), jvm.options and the start-up archive of that runtime: an AOT cache on JDK 25, on
# JDK 17 the class list the launcher turns into a class-data archive at first start (bin/localhome says why).
#
# Inputs, from the pom: VERSION, PLATFORM (linux-x64), JDK (the runtime's JDK, dist.jdk), FALLBACK_JDK (the one
# running Maven), MODULES, JAR, JVM_OPTIONS, TARGET.
set -euo pipefail

dist_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { echo "[dist] $*"; }

jdk="$JDK"
if [[ ! -x "$jdk/bin/jlink" ]]; then
  say "WARNING: no JDK with jlink at $jdk (dist.jdk); falling back to the JDK running Maven, $FALLBACK_JDK"
  jdk="$FALLBACK_JDK"
fi
[[ -x "$jdk/bin/jlink" ]] || { say "no jlink in $jdk either: cannot make the distribution"; exit 1; }
java_version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")"
feature="${java_version%%.*}"
say "runtime: JDK $java_version from $jdk"

modules="$MODULES"
# JDK 17 keeps the EC algorithms (the leaf certificates' keys, TLS key exchange) in a service module that no class
# refers to, so jdeps cannot see it; from JDK 22 on they are in java.base
if (( feature < 22 )); then modules="$modules,jdk.crypto.ec"; fi

name="localhome-$VERSION"
image="$TARGET/dist/$name"
runtime_cache="$TARGET/dist/runtime-$feature"
stamp="$jdk $java_version $modules"

# jlink takes most of this script's time: the runtime is kept between builds while the JDK and the modules stay
if [[ "$(cat "$runtime_cache.stamp" 2>/dev/null)" != "$stamp" ]]; then
  say "jlink --add-modules $modules"
  rm -rf "$runtime_cache"
  # not compressed by jlink: the tar.gz compresses it as well, and the JVM maps it without inflating at start
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$runtime_cache"
  echo "$stamp" > "$runtime_cache.stamp"
fi

rm -rf "$image"
mkdir -p "$image/bin" "$image/lib" "$image/share/bash-completion/completions"
cp -a "$runtime_cache" "$image/runtime"
cp "$dist_dir/localhome" "$image/bin/localhome"
chmod 755 "$image/bin/localhome"
cp "$JVM_OPTIONS" "$image/lib/jvm.options"
if (( feature >= 25 )); then
  # the flags JDK 17 does not know (compact object headers, Netty's native access): jvm-25.options says which
  { echo; echo "# Added for this runtime (JDK $feature) by bootstrap/dist/build.sh from jvm-25.options:"
    cat "$(dirname "$JVM_OPTIONS")/jvm-25.options"; } >> "$image/lib/jvm.options"
fi
echo "$VERSION" > "$image/lib/VERSION"
case "$PLATFORM" in
  linux-x64) os=linux arch=x86_64 ;;
  linux-aarch64) os=linux arch=aarch_64 ;;
  macos-x64) os=osx arch=x86_64 ;;
  macos-aarch64) os=osx arch=aarch_64 ;;
  *) say "unknown platform $PLATFORM"; exit 1 ;;
esac
"$jdk/bin/java" "$dist_dir/SlimJar.java" "$JAR" "$image/lib/localhome.jar" "$os" "$arch"

# The training run (Training.java): the daemon starts from an empty directory with a home of its own that holds a CA
# (so loading it, BouncyCastle and the TLS library are in the archive too), serves a few thousand requests over every
# path a browser takes (by Host, absolute-form, CONNECT, intercepted TLS h1 and h2, TLS on its own port, WebSocket,
# dashboard, PAC) from the driver, which is also the dev server it routes to (NAME=localhome-training), then stops on
# SIGTERM. On JDK 25 the AOT cache then holds the classes, linked, and the method profiles of serving (JEP 483, 515),
# so first visits after a start do not pay for class loading and profiling again (BENCHMARKS.md, "Start-up").
# TRAINING_ROUNDS (default 2000) is the number of requests a path; loopback only, bounded by the driver's deadline.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/localhome-training.XXXXXX")"
training_daemon=
trap '[[ -n "$training_daemon" ]] && kill "$training_daemon" 2>/dev/null; rm -rf "$scratch"' EXIT
(cd "$scratch" && env -i PATH=/usr/bin:/bin HOME="$scratch" "$image/runtime/bin/java" -cp "$image/lib/localhome.jar" \
    dev.localhome.bootstrap.Main ca init) >"$scratch/ca.out" 2>&1 \
  || { say "could not make the training CA:"; cat "$scratch/ca.out"; exit 1; }
train() {
  (cd "$scratch" && env -i PATH=/usr/bin:/bin HOME="$scratch" NAME=localhome-training \
      "$jdk/bin/java" "$dist_dir/Training.java" "${TRAINING_ROUNDS:-2000}" "$scratch" "$image/runtime/bin/java" \
      "$image/lib/jvm.options" "$image/lib/localhome.jar" "$1") >"$scratch/out" 2>&1 \
    || { say "the training run failed:"; cat "$scratch/out" "$scratch/daemon.log" 2>/dev/null | tail -40; exit 1; }
  sed 's/^/[dist] /' "$scratch/out"
}
# A command that only asks the daemon gets an AOT cache of its own: the JVM loads every class of its cache as it
# starts, and the daemon's is ~5,500 classes (Netty, Guice, BouncyCastle) such a command never uses. One cache is
# made by one training process (JEP 483, 514), so this one is trained by one such command, 'status', asking a daemon
# of this image; bin/localhome picks the cache by the command.
train_client() {
  local port="" waited=0
  (cd "$scratch" && exec env -i PATH=/usr/bin:/bin HOME="$scratch" "$image/runtime/bin/java" @"$image/lib/jvm.options" \
      -cp "$image/lib/localhome.jar" dev.localhome.bootstrap.Main --port 0) >"$scratch/daemon.out" 2>&1 &
  training_daemon=$!
  while [[ -z "$port" ]] && (( waited < 600 )) && kill -0 "$training_daemon" 2>/dev/null; do
    sleep 0.1; waited=$((waited + 1))
    port="$(sed -n 's/^LISTENING://p' "$scratch/daemon.out")"
  done
  [[ -n "$port" ]] || { say "the daemon for the client training did not start within 60 s:"; cat "$scratch/daemon.out"; exit 1; }
  (cd "$scratch" && env -i PATH=/usr/bin:/bin HOME="$scratch" "$image/runtime/bin/java" @"$image/lib/jvm.options" \
      -XX:AOTCacheOutput="$image/lib/client.aot" -cp "$image/lib/localhome.jar" dev.localhome.bootstrap.Main \
      status --port "$port") >"$scratch/client.out" 2>&1 \
    || { say "the client training (localhome status) failed:"; cat "$scratch/client.out"; exit 1; }
  kill "$training_daemon"; wait "$training_daemon" 2>/dev/null || true; training_daemon=
}
if (( feature >= 25 )); then
  say "training run -> lib/localhome.aot (-XX:AOTCacheOutput)"
  train -XX:AOTCacheOutput="$image/lib/localhome.aot"
  [[ -f "$image/lib/localhome.aot" ]] || { say "the training run wrote no AOT cache:"; tail -20 "$scratch/daemon.log"; exit 1; }
  say "training a command that asks the daemon -> lib/client.aot (localhome status)"
  train_client
else
  say "training run -> lib/classes.lst (-XX:DumpLoadedClassList); the launcher makes the archive at first start"
  train -XX:DumpLoadedClassList="$image/lib/classes.lst"
fi

env -i PATH=/usr/bin:/bin HOME="$scratch" "$image/bin/localhome" completion \
  > "$image/share/bash-completion/completions/localhome"

archive="$TARGET/$name-$PLATFORM.tar.gz"
tar -C "$TARGET/dist" --owner=0 --group=0 --numeric-owner -czf "$archive" "$name"
say "$archive: $(du -k "$archive" | cut -f1) KiB"

# The Debian package: the same tree under /usr/lib/localhome
if [[ "$PLATFORM" != linux-x64 ]]; then say "no .deb for $PLATFORM"; exit 0; fi
if ! command -v dpkg-deb >/dev/null; then say "WARNING: dpkg-deb is not installed (Debian: dpkg): no .deb"; exit 0; fi
deb_version="${VERSION/-/\~}"          # 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT, which sorts before 0.1.0
root="$TARGET/dist/deb"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin" "$root/usr/share/bash-completion/completions" \
  "$root/usr/share/doc/localhome"
cp -a "$image" "$root/usr/lib/localhome"
ln -s ../lib/localhome/bin/localhome "$root/usr/bin/localhome"
mv "$root/usr/lib/localhome/share/bash-completion/completions/localhome" "$root/usr/share/bash-completion/completions/"
rm -rf "$root/usr/lib/localhome/share"
sed -n '1,/^## /p' "$dist_dir/../../README.md" | head -n -1 > "$root/usr/share/doc/localhome/README.md"
cat > "$root/DEBIAN/control" <<CONTROL
Package: localhome
Version: $deb_version
Architecture: amd64
Maintainer: localhome contributors <localhome@localhost>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Section: devel
Priority: optional
Description: a name for every local dev server
 A daemon that routes http://app.localhost:9090/, http://app/ and https://app/ to the
 local dev server started with NAME=app, whatever port it took. Ships its own Java
 runtime. Run 'localhome install' as your user to start it at every login.
CONTROL
deb="$TARGET/localhome_${deb_version}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
rm -rf "$root"
say "$deb: $(du -k "$deb" | cut -f1) KiB"
