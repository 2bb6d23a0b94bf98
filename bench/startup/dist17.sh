#!/usr/bin/env bash
# Builds the distribution on JDK 17 (class list, CDS archive made at first start) beside the JDK 25 one, for
# bench/run startup and bench/run first-visits: runs bootstrap/dist/build.sh through Maven with
# -Ddist.jdk=/usr/lib/jvm/java-17-openjdk-amd64, then moves its tree to bootstrap/target/dist17/ and builds the
# default (JDK 25) again. Takes a few minutes (two packagings and two training runs).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jdk17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
cd "$repo"
mvn -o -B -q -DskipTests -Dpeers.skip=true -Ddist.jdk="$jdk17" package -pl bootstrap -am
rm -rf bootstrap/target/dist17
mkdir -p bootstrap/target/dist17
mv bootstrap/target/dist/localhome-*/ bootstrap/target/dist17/
mvn -o -B -q -DskipTests -Dpeers.skip=true package -pl bootstrap -am
ls -d bootstrap/target/dist/localhome-*/ bootstrap/target/dist17/localhome-*/
