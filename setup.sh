#!/bin/sh
# setup.sh — installs the Debian packages vigil builds and tests with.
# Run as root (or with sudo available) on Debian 12. Idempotent.
set -e
PKGS="build-essential pkg-config libutf8proc-dev libcjson-dev libxml2-dev libsqlite3-dev python3 valgrind libpq-dev postgresql"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
