#!/usr/bin/env bash
# Installs LMDB's headers and library (Debian/Ubuntu: liblmdb-dev) when they are missing, so
# that a fresh machine needs no manual step before `swift build`.
set -euo pipefail
if pkg-config --exists lmdb 2>/dev/null || [ -f /usr/include/lmdb.h ]; then
  exit 0
fi
echo "liblmdb-dev is missing: installing it" >&2
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y --no-install-recommends liblmdb-dev pkg-config >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends liblmdb-dev pkg-config >/dev/null; }
elif command -v brew >/dev/null 2>&1; then
  brew install lmdb
else
  echo "cannot install LMDB here: install liblmdb-dev (or lmdb) and run again" >&2
  exit 1
fi
