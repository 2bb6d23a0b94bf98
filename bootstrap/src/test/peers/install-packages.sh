#!/bin/sh
# Installs the peer suite's npm packages exactly as package-lock.json pins them (npm ci), before bootstrap's tests;
# run by Maven (bootstrap/pom.xml, execution "peer-packages"). npm writes node_modules/.package-lock.json when it is
# done: when that is newer than the lock file, node_modules is already what the lock file says and npm is not run.
# Without npm it says so and leaves the peer tests to skip (or, on CI, to fail) naming the package to install.
set -e
cd "$(dirname "$0")"
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    echo "peer packages: node_modules is up to date with package-lock.json"
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "peer packages: npm is not installed (Debian: apt-get install nodejs npm); the peer tests will say so"
    exit 0
fi
echo "peer packages: npm ci in $(pwd)"
npm ci --no-audit --no-fund --loglevel=error
