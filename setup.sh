#!/bin/sh
# setup.sh — installs the Debian packages vigil builds and tests with.
# Run as root (or with sudo available) on Debian 12. Idempotent.
set -e
PKGS="build-essential pkg-config libutf8proc-dev libcjson-dev libxml2-dev libsqlite3-dev python3 valgrind hyperfine python3-pandas python3-distributed parallel libmicrohttpd-dev chromium wrk libpq-dev postgresql"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
if [ -n "$missing" ]; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# Front-end packages of the dashboard and its browser tests (package.json,
# package-lock.json): uPlot and playwright-core, from the npm registry.
# Debian 12's own nodejs and npm are installed when no node is present.
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ ! -d node_modules/uplot ] || [ ! -d node_modules/playwright-core ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
